"""Input checks for the topic library, orientations and agendas. Choices that name rows (terms, staff, topics,
meetings) come from the active school, the program or the orientation only, so an id of another school's row is
"not one of the choices" before any service runs; the services check again."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from programs import selectors as program_selectors
from schools import selectors as school_selectors
from schools.form_fields import STAFF_CHOICE_ERROR

from ..models import AgendaItem, Orientation, OrientationTopic
from . import selectors

LONG_TEXT = 4000  # characters: room for a topic's notes, a stop for a pasted document
MAX_PLACES = 1000  # more is a typing mistake; the column holds 32767
TOPIC_CHOICE_ERROR = _("Choose a topic of your school's library from the list.")


def _helper(form) -> FormHelper:
    helper = FormHelper(form)
    helper.form_tag = False
    return helper


def _long_text(form, *names):
    for name in names:
        field = form.fields[name]
        field.max_length = LONG_TEXT
        field.widget = forms.Textarea(attrs={"rows": 3, "maxlength": LONG_TEXT})
        field.validators.append(MaxLengthValidator(LONG_TEXT))


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user.display_name


class TopicForm(forms.ModelForm):
    class Meta:
        model = OrientationTopic
        fields = [
            "title", "description", "plain_title", "plain_description", "source", "tailoring", "is_required",
            "is_public",
        ]
        help_texts = {"tailoring": _("Tailoring proposes the topic when some attending peer's partner needs it.")}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        _long_text(self, "description", "plain_description")
        self.fields["title"].error_messages["required"] = _("Name the topic.")
        self.fields["tailoring"].error_messages["invalid_choice"] = _("Choose who the topic is proposed for.")
        self.helper = _helper(self)

    def _post_clean(self):
        # The service validates the whole row (with the school it belongs to) before saving.
        pass


class OrientationForm(forms.ModelForm):
    facilitators = StaffMultipleChoiceField(
        label=_("Facilitators"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The staff who lead it."),
        error_messages={"invalid_choice": STAFF_CHOICE_ERROR, "invalid_pk_value": STAFF_CHOICE_ERROR},
    )

    class Meta:
        model = Orientation
        fields = ["kind", "title", "term", "audience", "facilitators", "capacity", "description"]
        widgets = {"kind": forms.RadioSelect, "audience": forms.RadioSelect}

    def __init__(self, *args, access, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = program_selectors.program_terms(program=program)
        self.fields["term"].error_messages.update(
            required=_("Choose the term it is for."), invalid_choice=_("Choose one of the program's terms.")
        )
        self.fields["facilitators"].queryset = school_selectors.staff_members(school=access.school)
        self.fields["title"].error_messages["required"] = _("Give it a title, e.g. Fall orientation.")
        capacity = self.fields["capacity"]
        capacity.error_messages["invalid"] = _("Give the number of places as a whole number, e.g. 20.")
        # Only these two checks, so a wrong number reads one plain sentence (not the column's range as well).
        capacity.validators = [
            MinValueValidator(1, message=_("Give at least one place, or leave it empty for no limit.")),
            MaxValueValidator(MAX_PLACES, message=_("That is more places than any orientation holds.")),
        ]
        capacity.widget.attrs.update(min=1, max=MAX_PLACES)
        _long_text(self, "description")
        self.helper = _helper(self)

    def _post_clean(self):
        pass

    def orientation_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("kind", "title", "term", "audience", "capacity", "description")}


class OrientationFilterForm(forms.Form):
    """The index's filters; a forged value is said on the form and the list is shown unfiltered."""

    program = forms.ModelChoiceField(
        label=_("Program"), queryset=None, required=False, empty_label=_("All programs"),
        error_messages={"invalid_choice": _("Choose a program of your school from the list.")},
    )
    term = forms.ModelChoiceField(
        label=_("Term"), queryset=None, required=False, empty_label=_("All terms"),
        error_messages={"invalid_choice": _("Choose a term of your school from the list.")},
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        programs, terms = selectors.index_filter_choices(access=access)
        self.fields["program"].queryset = programs
        self.fields["term"].queryset = terms


class AgendaAddForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Add a topic"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": TOPIC_CHOICE_ERROR, "required": _("Choose a topic to add.")},
    )

    def __init__(self, *args, orientation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = selectors.addable_topics(orientation=orientation)


class ProposalAcceptForm(forms.Form):
    """Accept one proposal (``topic``) or, without it, all of them."""

    topic = forms.ModelChoiceField(
        queryset=None, required=False, error_messages={"invalid_choice": TOPIC_CHOICE_ERROR}
    )

    def __init__(self, *args, orientation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = selectors.addable_topics(orientation=orientation)


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["notes", "meeting", "use_plain_wording"]
        help_texts = {"meeting": _("When there are several meetings: the one that covers this topic.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.orientation_meetings(orientation=self.instance.orientation)
        self.fields["meeting"].empty_label = _("Every meeting")
        self.fields["meeting"].error_messages["invalid_choice"] = _("Choose one of this orientation's meetings.")
        if not self.instance.topic.plain_title:
            self.fields["use_plain_wording"].help_text = _("This topic has no plainer wording yet.")
        _long_text(self, "notes")
        self.helper = _helper(self)

    def _post_clean(self):
        pass


class AgendaMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
