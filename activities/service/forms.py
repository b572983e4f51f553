"""Input validation for projects, photos, claims, verifiers' answers and the coordinator's decisions. Choices that name
rows (programs, students, terms, entries) come from the active school's own lists, so an id of anything else is
refused as "not one of the choices" before any service runs. Files are checked like approval documents
(``schools.documents``); photos must be images."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from programs import selectors as program_selectors
from schools.dates import school_today
from schools.documents import ACCEPT, JPEG, PNG, check_document
from schools.form_fields import date_fields, not_far_from_today

from ..models import ActivitySettings, ServiceHours, ServiceProject
from .services import ONLY_IMAGES, Answer

NOT_ON_THE_LIST = _("Someone you chose is not on this list. Reload the page and try again.")
PROOF_HELP = _("Optional: a photo or a document (PDF, Word, PNG or JPEG, up to 10 MB).")


class StudentChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, student):
        label = f"{student.full_name} ({student.get_kind_display()})"
        if student.directory_opt_out and getattr(self, "mark_opt_out", False):
            label += " — " + str(_("cannot be tagged: the family opted out of the directory"))
        return label


def _students_field(label, **kwargs):
    return StudentChoices(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
        error_messages={"invalid_choice": NOT_ON_THE_LIST, "invalid_pk_value": NOT_ON_THE_LIST},
        **kwargs,
    )


def _helper(form):
    form.helper = FormHelper(form)
    form.helper.form_tag = False


def _hours_field(label=None):
    return forms.DecimalField(
        label=label or _("Hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        max_digits=5,
        decimal_places=2,
        error_messages={
            "required": _("Give the number of hours, such as 1.5."),
            "invalid": _("Give the number of hours, such as 1.5."),
            "min_value": _("Give at least a quarter of an hour (0.25)."),
            "max_value": _("A day has at most 24 hours: give the hours of one day."),
            "max_decimal_places": _("Give the hours with at most two decimals, such as 1.25."),
            "max_digits": _("A day has at most 24 hours: give the hours of one day."),
            "max_whole_digits": _("A day has at most 24 hours: give the hours of one day."),
        },
    )


def _past_date(form, value):
    value = not_far_from_today(value, school=form.school)
    if value > school_today(form.school):
        raise ValidationError(_("Hours are claimed for a day that has happened. Check the date."))
    return value


class ProgramChoice(forms.ModelChoiceField):
    def label_from_instance(self, program):
        return program.name


class ClaimForm(forms.Form):
    """A peer's or student's own hours for work outside school."""

    program = ProgramChoice(
        queryset=None,
        label=_("Program"),
        error_messages={"required": _("Choose the program."), "invalid_choice": _("Choose one of your programs.")},
    )
    date = forms.DateField(label=_("Date"), error_messages={"required": _("Give the day you did the work.")})
    hours = _hours_field()
    description = forms.CharField(
        label=_("What you did"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what you did, in a sentence or two.")},
    )
    verifier_name = forms.CharField(
        label=_("Verifier's name"),
        max_length=200,
        help_text=_("An adult who saw your work: a coach, a volunteer lead. Not a family member."),
        error_messages={"required": _("Give the name of the person who can confirm your hours.")},
    )
    verifier_email = forms.EmailField(
        label=_("Verifier's email"),
        help_text=_("They get an email with a link to confirm your hours."),
        error_messages={
            "required": _("Give the email of the person who can confirm your hours."),
            "invalid": _("Enter an email address such as coach@example.org."),
        },
    )
    proof = forms.FileField(
        label=_("Photo or document"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=PROOF_HELP,
    )
    honesty_statement = forms.BooleanField(
        label=_("I confirm that what I wrote is true and that I did this work."),
        error_messages={"required": _("Tick the box to confirm that what you wrote is true.")},
    )

    def __init__(self, *args, programs, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["program"].queryset = programs
        if programs.count() == 1:
            self.fields["program"].initial = programs.first().pk
        date_fields(self, "date")
        _helper(self)

    def clean_date(self):
        return _past_date(self, self.cleaned_data["date"])

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if not value:
            raise ValidationError(_("Say what you did, in a sentence or two."))
        return value

    def clean_proof(self):
        upload = self.cleaned_data.get("proof")
        if upload:
            check_document(upload)
        return upload


class StaffHoursForm(forms.Form):
    """Hours a staff member adds for a student."""

    program = ProgramChoice(
        queryset=None,
        label=_("Program"),
        error_messages={"required": _("Choose the program."), "invalid_choice": _("Choose a program of your school.")},
    )
    student = forms.ModelChoiceField(
        queryset=None,
        label=_("Student"),
        error_messages={"required": _("Choose the student."), "invalid_choice": NOT_ON_THE_LIST},
    )
    date = forms.DateField(label=_("Date"), error_messages={"required": _("Give the day of the work.")})
    hours = _hours_field()
    description = forms.CharField(
        label=_("What they did"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the student did.")},
    )

    def __init__(self, *args, programs, students, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["program"].queryset = programs
        self.fields["student"].queryset = students
        self.fields["student"].label_from_instance = lambda s: f"{s.full_name} ({s.get_kind_display()})"
        date_fields(self, "date")
        _helper(self)

    def clean_date(self):
        return _past_date(self, self.cleaned_data["date"])

    def clean(self):
        cleaned = super().clean()
        program, student = cleaned.get("program"), cleaned.get("student")
        if (
            program
            and student
            and not program_selectors.active_participants(program=program).filter(pk=student.pk).exists()
        ):
            self.add_error("student", _("This student does not take part in that program."))
        return cleaned


class VerifyForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            (Answer.CONFIRM, _("Yes, these hours are right")),
            (Answer.CHANGE, _("The work happened, but the hours were different")),
            (Answer.DENY, _("No, I cannot confirm this")),
        ],
        error_messages={"required": _("Choose your answer."), "invalid_choice": _("Choose your answer.")},
    )
    hours = _hours_field(_("The right hours (if different)"))
    note = forms.CharField(
        label=_("Note (needed when you change the hours)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].required = False
        _helper(self)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the student reads it)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason: the student reads it.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _helper(self)


STATUS_CHOICES = [
    ("", _("Any")),
    (ServiceHours.Approval.PENDING, _("Waiting for approval")),
    ("verifier", _("Waiting for the verifier")),
    (ServiceHours.Approval.APPROVED, _("Approved")),
    (ServiceHours.Approval.DECLINED, _("Declined")),
]


class HoursFilterForm(forms.Form):
    program = ProgramChoice(queryset=None, required=False, label=_("Program"), empty_label=_("All programs"))
    term = forms.ModelChoiceField(queryset=None, required=False, label=_("Term"), empty_label=_("All terms"))
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label=_("Status"))

    def __init__(self, *args, programs, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        self.fields["term"].queryset = terms
        self.fields["term"].label_from_instance = lambda t: t.name
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class ApproveForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(
        queryset=None,
        error_messages={
            "required": _("Tick the hours to approve."),
            "invalid_choice": _("Some of the hours you ticked are not on this list. Reload the page and try again."),
            "invalid_pk_value": _("Some of the hours you ticked are not on this list. Reload the page and try again."),
        },
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries


class SettingsForm(forms.Form):
    auto_approve_hours = forms.BooleanField(
        label=_("Approve service hours automatically"),
        required=False,
        help_text=_("Hours with every chosen proof are approved without waiting for you."),
    )
    auto_approve_proofs = forms.MultipleChoiceField(
        label=_("Proofs needed"),
        choices=ActivitySettings.Proof.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose proofs from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _helper(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("auto_approve_hours") and not cleaned.get("auto_approve_proofs"):
            self.add_error("auto_approve_proofs", _("Choose the proofs an entry needs to be approved by itself."))
        return cleaned


class ProjectForm(forms.ModelForm):
    class Meta:
        model = ServiceProject
        fields = [
            "community_need",
            "partner_organisation",
            "partner_contact",
            "materials",
            "costs",
            "outcomes",
            "reflections",
        ]
        widgets = {
            "community_need": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "reflections": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "community_need": _("What need in the community the project answers."),
            "partner_contact": _("The person to contact there: name, email or phone."),
            "costs": _("In dollars, for example 45.50. Leave empty when there are none."),
        }
        error_messages = {
            "community_need": {"required": _("Say what need in the community the project answers.")},
            "costs": {
                "invalid": _("Give the costs as a number, such as 45.50."),
                "max_digits": _("Give the costs as a number below 1,000,000."),
                "max_whole_digits": _("Give the costs as a number below 1,000,000."),
                "max_decimal_places": _("Give the costs with at most two decimals (cents)."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["costs"].min_value = 0
        self.fields["costs"].validators.append(_not_negative)
        _helper(self)


def _not_negative(value):
    if value is not None and value < 0:
        raise ValidationError(_("Costs cannot be below zero."))


class TaskForm(forms.Form):
    task = forms.CharField(label=_("Task"), max_length=200, error_messages={"required": _("Name the task.")})
    role = forms.CharField(
        label=_("Role"), max_length=200, required=False, help_text=_("For example: greeter, sorter, counter.")
    )
    students = _students_field(
        _("Who does it"), help_text=_("Share each task between students with and without disabilities.")
    )
    done_on = forms.DateField(label=_("Done on"), required=False)

    def __init__(self, *args, placed, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["students"].queryset = placed
        date_fields(self, "done_on")
        _helper(self)

    def clean_task(self):
        value = self.cleaned_data["task"].strip()
        if not value:
            raise ValidationError(_("Name the task."))
        return value

    def clean_done_on(self):
        return not_far_from_today(self.cleaned_data.get("done_on"), school=self.school)


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        widget=forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
        help_text=_("A PNG or JPEG image, up to 10 MB."),
        error_messages={"required": _("Choose the photo to upload.")},
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    students = _students_field(_("Who is in it"))

    def __init__(self, *args, placed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["students"].queryset = placed
        self.fields["students"].mark_opt_out = True
        _helper(self)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if check_document(upload) not in (PNG, JPEG):
            raise ValidationError(ONLY_IMAGES)
        return upload

    def clean_students(self):
        students = self.cleaned_data["students"]
        opted_out = [s.full_name for s in students if s.directory_opt_out]
        if opted_out:
            raise ValidationError(
                _("%(names)s cannot be tagged: the family asked that the student's name and photo not be shared.")
                % {"names": ", ".join(opted_out)}
            )
        return students
