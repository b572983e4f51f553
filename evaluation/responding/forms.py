"""The respondent's forms: the standard one-page form (a field per question, named ``q<id>`` and ``q<id>_why``), the
accessible form's one answer, and "How is <name> answering today?". A value the form did not offer is a message on
the form, never a 500, and nothing is saved."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AnsweredHow, AnswerType, SupportMode
from ..symbols import ANSWER_SYMBOLS
from . import services

WHY_MAX = 2000


class StandardSurveyForm(forms.Form):
    """Every question of the survey on one page, names filled in; yes/no and 3-point answers as radio buttons with
    their symbols (the template draws them from ``question_rows``)."""

    def __init__(self, *args, questions, names, answers=None, asks_consent=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.names = names
        answers = answers or {}
        for question in questions:
            label = names.fill(question.text)
            answer = answers.get(question.pk)
            if question.answer_type == AnswerType.TEXT:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=WHY_MAX,
                    widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                    initial=answer.text if answer else "",
                )
                continue
            labels = {value: symbol.label for value, symbol in ANSWER_SYMBOLS.items()} if question.has_symbols else {}
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[(value, labels.get(value, value)) for value in question.values],
                widget=forms.RadioSelect,
                initial=answer.value if answer else "",
            )
            if question.asks_why:
                self.fields[f"q{question.pk}_why"] = forms.CharField(
                    label=_("Why?"),
                    required=False,
                    max_length=WHY_MAX,
                    widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                    initial=answer.text if answer else "",
                )
        if asks_consent:
            self.fields["quote_consent"] = forms.BooleanField(
                label=_("May we share your words without your name?"),
                required=False,
                help_text=_("Only if you tick this may the program quote what you wrote, never with your name."),
            )

    def question_rows(self):
        """Each question with its bound field(s), for the template."""
        return [
            {
                "question": question,
                "field": self[f"q{question.pk}"],
                "why": self[f"q{question.pk}_why"] if f"q{question.pk}_why" in self.fields else None,
                "options": [
                    (option, ANSWER_SYMBOLS.get(option.data["value"]) if question.has_symbols else None)
                    for option in self[f"q{question.pk}"].subwidgets
                ]
                if question.answer_type != AnswerType.TEXT
                else [],
            }
            for question in self.questions
        ]

    def answers(self) -> list:
        data = self.cleaned_data
        result = []
        for question in self.questions:
            if question.answer_type == AnswerType.TEXT:
                result.append(services.Answer(question_id=question.pk, text=data.get(f"q{question.pk}", "")))
            else:
                result.append(
                    services.Answer(
                        question_id=question.pk,
                        value=data.get(f"q{question.pk}", ""),
                        text=data.get(f"q{question.pk}_why", ""),
                    )
                )
        return result


class OneAnswerForm(forms.Form):
    """One screen of the accessible form: the question (a hidden id: any other survey's, or a forged one, is refused
    by the service), the answer button pressed, and the "why" (or the words of a question answered in words)."""

    question = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    value = forms.CharField(required=False, max_length=200)
    text = forms.CharField(
        label=_("Why?"), required=False, max_length=WHY_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    action = forms.ChoiceField(
        required=False, choices=[("answer", "answer"), ("next", "next"), ("back", "back"), ("stop", "stop")]
    )


STAFF_HOW = [
    (AnsweredHow.ALONE, _("On their own, with me beside them")),
    (AnsweredHow.WITH_SUPPORT, _("With support")),
    (AnsweredHow.PROXY, _("I am answering as a proxy (someone who knows them well)")),
]
STUDENT_HOW = [
    (AnsweredHow.ALONE, _("I am answering on my own")),
    (AnsweredHow.WITH_SUPPORT, _("Someone is helping me")),
]


class HowAnsweredForm(forms.Form):
    answered_how = forms.ChoiceField(label=_("How are the questions answered?"), widget=forms.RadioSelect)
    support_modes = forms.MultipleChoiceField(
        label=_("Support used"), required=False, choices=SupportMode.choices, widget=forms.CheckboxSelectMultiple
    )
    supported_by_other = forms.CharField(
        label=_("Who else is helping? (optional)"),
        required=False,
        max_length=100,
        help_text=_(
            "Their relationship, not their name: for example \u201cparent\u201d or \u201cparaprofessional\u201d."
        ),
    )

    def __init__(self, *args, as_supporter: bool, name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_how"].choices = STAFF_HOW if as_supporter else STUDENT_HOW
        if as_supporter:
            self.fields["answered_how"].label = _("How is %(name)s answering today?") % {"name": name}
        else:
            self.fields["answered_how"].label = _("How are you answering today?")
            self.fields["supported_by_other"].label = _("Who is helping you? (optional)")
            self.fields["supported_by_other"].help_text = _("For example \u201cmy mom\u201d or \u201cmy teacher\u201d.")

    def clean(self):
        data = super().clean()
        if data.get("answered_how") == AnsweredHow.WITH_SUPPORT and not data.get("support_modes"):
            self.add_error("support_modes", _("Tick the support being used."))
        return data


class FinishForm(forms.Form):
    quote_consent = forms.ChoiceField(
        label=_("May we share your words without your name?"),
        required=False,
        choices=[("yes", _("Yes")), ("no", _("No"))],
    )
