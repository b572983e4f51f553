"""Input checks for the public application, the guardian's answer and a teacher's nomination.

Every choice comes from what the page offered (the program's grades, the school's current periods, the interest
and channel lists); anything else sent in the POST is refused with a plain message. Text has a maximum length and is
stored as typed: templates escape it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from programs.selectors import program_grade_choices, program_grades_text, program_has_grade

from ..models import Channel, Interest
from . import selectors

LONG_TEXT = 2000  # characters: room for a few paragraphs, a stop for pasted pages
PICK_FROM_LIST = _("Please pick one of the choices on the page.")
PICK_PERIODS = _("Please pick times from the list on the page.")
# Children under 13 are not asked for their own email (the line US law, COPPA, draws for collecting a child's
# contact details). The grade is the only age the form knows: in grade 7 and below nearly everyone is 12 or
# younger, grade 8 students are 13 or about to be, so a child's own email is asked from grade 8 on. Younger
# children's parents get the emails; nothing about the child's own address is kept.
OWN_EMAIL_FROM_GRADE = 8

# Messages a 12-year-old understands: what to do, in everyday words.
TOO_LONG = _("That is too long. Please keep it under %(limit_value)d letters and spaces.")
NOT_AN_EMAIL = _("That does not look like an email address. It should look like name@example.com.")


def _kid_messages(required: str) -> dict:
    return {"required": required, "max_length": TOO_LONG, "invalid": NOT_AN_EMAIL}


class ApplicationForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=100, error_messages=_kid_messages(_("Please write your first name."))
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, error_messages=_kid_messages(_("Please write your last name."))
    )
    grade = forms.TypedChoiceField(
        label=_("Grade"), coerce=int,
        error_messages={
            "required": _("Please pick your grade."), "invalid_choice": _("Please pick your grade from the list.")
        },
    )
    homeroom_teacher = forms.CharField(
        label=_("Homeroom teacher"), max_length=100,
        error_messages=_kid_messages(_("Please write your homeroom teacher's name.")),
    )
    email = forms.EmailField(
        label=_("Your email (optional)"), required=False, max_length=254,
        help_text=_("We send you a copy of your answers."), error_messages=_kid_messages(""),
    )
    interests = forms.MultipleChoiceField(
        label=_("What do you like to do?"), choices=Interest.choices, required=False,
        widget=forms.CheckboxSelectMultiple, error_messages={"invalid_choice": PICK_FROM_LIST},
    )
    interests_other = forms.CharField(
        label=_("Anything else you like?"), max_length=300, required=False, error_messages=_kid_messages("")
    )
    available_periods = forms.ModelMultipleChoiceField(
        label=_("When are you usually free?"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": PICK_PERIODS, "invalid_pk_value": PICK_PERIODS, "invalid_list": PICK_PERIODS},
    )
    why_join = forms.CharField(
        label=_("Why do you want to join?"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_kid_messages(_("Please tell us why you want to join.")),
    )
    prior_experience = forms.CharField(
        label=_("Have you spent time with people with disabilities before? (optional)"), max_length=LONG_TEXT,
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example a family member, a friend, a club or a camp."), error_messages=_kid_messages(""),
    )
    heard_via = forms.ChoiceField(
        label=_("How did you hear about us?"), choices=[("", _("Pick one")), *Channel.choices],
        error_messages={"required": _("Please pick how you heard about us."), "invalid_choice": PICK_FROM_LIST},
    )
    guardian_name = forms.CharField(
        label=_("Your parent or guardian's name"), max_length=200, required=False,
        error_messages=_kid_messages(_("Please write your parent or guardian's name.")),
    )
    guardian_email = forms.EmailField(
        label=_("Your parent or guardian's email"), max_length=254, required=False,
        error_messages=_kid_messages(_("Please write your parent or guardian's email.")),
    )
    # The honeypot: hidden from people and screen readers (see the template); a bot that fills every field fills it.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    invite = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        program = campaign.program
        # The program's grades, not the whole school's: a grades 3-5 program does not offer kindergarten.
        self.fields["grade"].choices = [("", _("Pick your grade")), *program_grade_choices(program)]
        self.fields["available_periods"].queryset = selectors.availability_periods(campaign)
        self._ask_own_email(program)
        self.needs_guardian = campaign.requires_guardian_consent
        if self.needs_guardian:
            for name in ("guardian_name", "guardian_email"):
                self.fields[name].required = True
            self.fields["guardian_email"].help_text = _(
                "We email them a link so they can say yes. You can only join when they do."
            )
        else:
            self.fields.pop("guardian_name")
            self.fields.pop("guardian_email")

    def _ask_own_email(self, program) -> None:
        """No email field when every grade of the program is below ``OWN_EMAIL_FROM_GRADE``; when only some are,
        the field says who it is for, static/js/apply-email.js hides it for younger grades, and ``clean`` drops
        what a younger child typed anyway."""
        if program.highest_grade < OWN_EMAIL_FROM_GRADE:
            self.fields.pop("email")
            return
        if program.lowest_grade < OWN_EMAIL_FROM_GRADE:
            self.fields["email"].label = _("Your email (optional, only if you are in grade %(grade)d or above)") % {
                "grade": OWN_EMAIL_FROM_GRADE
            }
            self.fields["grade"].widget.attrs["data-own-email-from"] = OWN_EMAIL_FROM_GRADE

    @property
    def asks_own_email(self) -> bool:
        return "email" in self.fields

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean(self):
        cleaned = super().clean()
        for name in ("first_name", "last_name", "homeroom_teacher", "why_join"):
            value = cleaned.get(name)
            if value is not None and not value.strip():
                self.add_error(name, self.fields[name].error_messages["required"])
        grade = cleaned.get("grade")
        if grade is None or grade < OWN_EMAIL_FROM_GRADE:
            # Not asked of this child: whatever came in is dropped, including a mistyped address's error.
            cleaned["email"] = ""
            self.errors.pop("email", None)
        cleaned.setdefault("guardian_name", "")
        cleaned.setdefault("guardian_email", "")
        return cleaned

    def application_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["email"] = data.get("email", "")
        data["guardian_name"] = data.get("guardian_name", "")
        data["guardian_email"] = data.get("guardian_email", "")
        return data


class ConsentForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("Yes, my child may join")), ("no", _("No, my child may not join"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose yes or no."), "invalid_choice": _("Please choose yes or no.")},
    )
    typed_name = forms.CharField(
        label=_("Type your full name to sign"), max_length=200, required=False,
        help_text=_("Typing your name counts as your signature."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == "yes" and not cleaned.get("typed_name", "").strip():
            self.add_error("typed_name", _("Please type your full name to give consent."))
        return cleaned


class NominationForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Program"), queryset=None, error_messages={"invalid_choice": PICK_FROM_LIST}
    )
    student = forms.ModelChoiceField(
        label=_("A peer from the roster"), queryset=None, required=False,
        error_messages={"invalid_choice": PICK_FROM_LIST},
        help_text=_("Or type the student's name and grade below."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    grade = forms.TypedChoiceField(
        label=_("Grade"), coerce=int, required=False, empty_value=None,
        error_messages={"invalid_choice": PICK_FROM_LIST},
    )
    reasons = forms.CharField(
        label=_("Why this student?"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: consistent attendance, kind to classmates, would enjoy new friendships."),
    )
    invitation_email = forms.EmailField(
        label=_("Email for the personal invitation (optional)"), required=False, max_length=254
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = selectors.nomination_campaigns(access=access)
        self.fields["student"].queryset = selectors.nominee_options(access=access)
        self.fields["student"].label_from_instance = lambda s: f"{s.full_name} ({s.get_grade_display()})"
        self.fields["campaign"].empty_label = _("Pick a program")
        self.fields["student"].empty_label = _("Pick a peer (or type a name below)")
        self.fields["grade"].choices = [("", _("Pick a grade")), *access.school.grade_choices]

    def clean(self):
        cleaned = super().clean()
        typed = cleaned.get("first_name", "").strip() and cleaned.get("grade") is not None
        if not cleaned.get("student") and not typed:
            raise ValidationError(_("Choose a peer from the roster, or type a first name and a grade."))
        campaign = cleaned.get("campaign")
        grade = cleaned["student"].grade if cleaned.get("student") else cleaned.get("grade")
        if campaign is not None and grade is not None and not program_has_grade(campaign.program, grade):
            # The program states its grades; a nomination outside them would invite a student it cannot take.
            self.add_error(
                "student" if cleaned.get("student") else "grade",
                _("%(program)s is for %(grades)s.") % {
                    "program": campaign.program.name, "grades": program_grades_text(campaign.program)
                },
            )
        return cleaned


class DuplicateForm(forms.Form):
    """A coordinator's answer about a possible duplicate: merge (one choice per answer that differs), discard, or
    another child. Identical answers need no choice."""

    EARLIER, LATER = "earlier", "later"
    action = forms.ChoiceField(
        choices=[("merge", _("Merge")), ("discard", _("Discard")), ("separate", _("Another child"))],
        error_messages={"required": PICK_FROM_LIST, "invalid_choice": PICK_FROM_LIST},
    )

    def __init__(self, *args, compared, **kwargs):
        super().__init__(*args, **kwargs)
        self.compared = [row for row in compared if not row.same]
        for row in self.compared:
            self.fields[f"keep_{row.name}"] = forms.ChoiceField(
                label=row.label,
                choices=[(self.EARLIER, row.earlier), (self.LATER, row.later)],
                initial=self.EARLIER,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Choose which answer to keep."), "invalid_choice": PICK_FROM_LIST},
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") != "merge":
            # Discarding or separating keeps both rows as they are: the merge choices do not matter.
            for row in self.compared:
                self.errors.pop(f"keep_{row.name}", None)
        return cleaned

    def choice_fields(self):
        return [self[f"keep_{row.name}"] for row in self.compared]

    def taken(self) -> list[str]:
        return [row.name for row in self.compared if self.cleaned_data.get(f"keep_{row.name}") == self.LATER]


class GuardianChangeForm(forms.Form):
    """Staff correcting or replacing an application's parent or guardian (the service ends an old address's consent)."""

    guardian_name = forms.CharField(label=_("Parent or guardian's name"), max_length=200)
    guardian_email = forms.EmailField(label=_("Parent or guardian's email"), max_length=254, required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        if application.campaign.requires_guardian_consent:
            self.fields["guardian_email"].required = True
            self.fields["guardian_email"].help_text = _(
                "A new address gets a new consent request; the consent given for the old address no longer counts."
            )
