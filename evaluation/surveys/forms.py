"""Survey forms: a survey, a question, a survey window, the quotes of a response. Each bad input gets a clear
message on the form; the services check again (``show_service_error`` puts their refusal on the form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.form_fields import date_fields, not_far_from_today

from ..models import AnswerType, Audience, Survey, SurveyKind, SurveyQuestion, SurveyWindow, WindowKind

CHOICES_MAX = 20
OPTION_MAX = 200


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "kind", "audience", "introduction"]
        labels = {"kind": _("Kind of survey"), "introduction": _("Introduction (optional)")}
        help_texts = {"introduction": _("Shown above the first question.")}
        error_messages = {
            "title": {"required": _("Give the survey a title.")},
            "kind": {"required": _("Choose the kind of survey."), "invalid_choice": _("Choose a kind from the list.")},
            "audience": {
                "required": _("Choose who answers it."),
                "invalid_choice": _("Choose who answers it from the list."),
            },
        }
        widgets = {"introduction": forms.Textarea(attrs={"rows": 2, "maxlength": 1000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = SurveyKind.choices
        self.fields["audience"].choices = Audience.choices


class SurveyEditForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "introduction", "is_active"]
        labels = {"introduction": _("Introduction (optional)"), "is_active": _("In use (offered for new windows)")}
        error_messages = {"title": {"required": _("Give the survey a title.")}}
        widgets = {"introduction": forms.Textarea(attrs={"rows": 2, "maxlength": 1000})}


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question"),
        max_length=SurveyQuestion._meta.get_field("text").max_length,
        help_text=_('"[name of student]" and "[names of peers]" are filled in from each respondent\'s pairs.'),
        error_messages={"required": _("Write the question.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    answer_type = forms.ChoiceField(
        label=_("Answer"),
        choices=AnswerType.choices,
        error_messages={"invalid_choice": _("Choose a kind of answer from the list.")},
    )
    choices = forms.CharField(
        label=_("Options (for \u201cchoose one\u201d), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    asks_why = forms.BooleanField(label=_("Also ask why"), required=False)
    is_practice = forms.BooleanField(
        label=_("Practice question"),
        required=False,
        help_text=_("Asked first on the student version so the student learns the answers; never counted."),
    )
    agreement_key = forms.CharField(
        label=_("Agreement check (optional)"),
        max_length=SurveyQuestion._meta.get_field("agreement_key").max_length,
        required=False,
        help_text=_("Give two questions that ask one thing both ways the same short word, e.g. \u201cenjoy\u201d."),
    )
    reverse_keyed = forms.BooleanField(label=_("Asked the other way round"), required=False)

    def clean_choices(self):
        options = [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]
        if len(options) > CHOICES_MAX:
            raise forms.ValidationError(_("Give at most %(n)s options.") % {"n": CHOICES_MAX})
        if any(len(option) > OPTION_MAX for option in options):
            raise forms.ValidationError(_("Keep each option under %(n)s characters.") % {"n": OPTION_MAX})
        if len(set(options)) != len(options):
            raise forms.ValidationError(_("Each option once, please."))
        return options

    @staticmethod
    def initial_of(question: SurveyQuestion) -> dict:
        return {
            "text": question.text,
            "answer_type": question.answer_type,
            "choices": "\n".join(question.choices),
            "asks_why": question.asks_why,
            "is_practice": question.is_practice,
            "agreement_key": question.agreement_key,
            "reverse_keyed": question.reverse_keyed,
        }


class SurveyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, survey):
        return f"{survey.title} ({survey.get_audience_display()})"


class WindowForm(forms.ModelForm):
    surveys = SurveyChoiceField(
        label=_("Surveys"),
        queryset=Survey.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one survey."),
            "invalid_choice": _("Choose surveys from the list."),
            "invalid_pk_value": _("Choose surveys from the list."),
        },
    )

    class Meta:
        model = SurveyWindow
        fields = ["name", "kind", "term", "opens_on", "closes_on", "surveys", "asks_contacts"]
        error_messages = {
            "name": {"required": _("Give the window a name, e.g. \u201cMid-term\u201d.")},
            "kind": {"invalid_choice": _("Choose a kind from the list.")},
            "term": {"invalid_choice": _("Choose one of the program's terms.")},
            "opens_on": {"required": _("Say when the window opens.")},
            "closes_on": {"required": _("Say the last day it is open.")},
        }

    def __init__(self, *args, program, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["kind"].choices = WindowKind.choices
        self.fields["term"].queryset = terms
        self.fields["term"].empty_label = _("No term")
        self.fields["surveys"].queryset = Survey.objects.filter(program=program, is_active=True).order_by(
            "kind", "audience", "pk"
        )
        date_fields(self, "opens_on", "closes_on")

    def clean_opens_on(self):
        return not_far_from_today(self.cleaned_data["opens_on"], school=self.program.school)

    def clean_closes_on(self):
        return not_far_from_today(self.cleaned_data["closes_on"], school=self.program.school)

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The window closes after it opens."))
        return cleaned

    def _post_clean(self):
        # The service saves (``window_save``); the model's own checks run there, on the whole window.
        pass


class ConsentForm(forms.Form):
    family_consented = forms.BooleanField(
        label=_("The family agreed on paper that these answers may be quoted (without a name)"), required=False
    )


class QuotesForm(forms.Form):
    answers = forms.TypedMultipleChoiceField(
        label=_("Quote these answers (without a name)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose answers from the list.")},
    )

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].choices = [
            (answer.pk, answer.text or answer.value) for answer in answers if answer.text or answer.value
        ]
