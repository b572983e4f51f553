"""Input validation for program planning. Forms check what one request sent; services re-check and write.

Choices that name rows (staff members, terms, existing action items) come from the active school only, so an id of
another school's row sent in POST data is refused as "not one of the choices" before any service runs.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schools import selectors as school_selectors
from schools.dates import school_today
from schools.documents import ACCEPT, MAX_DOCUMENT_SIZE, check_document
from schools.form_fields import STAFF_CHOICE_ERROR, StaffChoiceField, date_fields, not_far_from_today
from schools.models import Student

from . import selectors
from .models import (
    ActionItem,
    BudgetItem,
    DistrictApproval,
    ExpansionStage,
    PlanningMeeting,
    PlanningTeamMember,
    Program,
    ProgramParticipant,
    Purpose,
)
from .services import ActionItemChange

LONG_TEXT = 4000  # characters: generous for planning notes, a stop for pasted documents
MAX_STAGES = 50  # steps of an expansion plan; more is a typing mistake
TERM_CHOICE_ERROR = _("Choose terms of your school from the list.")
FOREIGN_ITEM = _("That action item is not one of this meeting's. Reload the page and try again.")


def _long_text(form, *names):
    for name in names:
        field = form.fields[name]
        field.max_length = LONG_TEXT
        field.widget = forms.Textarea(attrs={"rows": 3, "maxlength": LONG_TEXT})
        field.validators.append(MaxLengthValidator(LONG_TEXT))


class CrispyMixin:
    submit_label = _("Save")

    def _helper(self, *layout):
        helper = FormHelper(self)
        helper.form_tag = False
        if layout:
            helper.layout = Layout(*layout)
        return helper


class ProgramForm(CrispyMixin, forms.ModelForm):
    """What the core planning team decides: name, form, purpose, components, grades, support, challenges."""

    purposes = forms.MultipleChoiceField(
        label=_("Purpose of the program"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Always begin by clarifying the purpose. Tick every one that fits."),
        error_messages={"invalid_choice": _("Choose purposes from the list.")},
    )

    class Meta:
        model = Program
        # The team's planned fields and the terms; the crispy layout below gives their order on the page.
        fields = [*Program.PLANNING_FIELDS, "terms"]
        widgets = {"form": forms.RadioSelect, "terms": forms.CheckboxSelectMultiple}
        help_texts = {
            "name": _("The team chooses the name, e.g. Peer to Peer, Peer Connections, Peer Buddy."),
            "core_components": _("The core components or features of the program: the ways students will spend "
                                 "time together throughout the school year."),
            "lowest_grade": _("Start small: many programs begin with one grade level at a time."),
            "who_may_join": _("Which students and peers will be involved, and how peers are chosen."),
            "staff_support": _("The support students will receive from school staff in each setting."),
            "anticipated_challenges": _("Any potential challenges the team foresees, and how to meet them."),
            "faculty_presented_on": _("Once the first decisions are made, present the plan to the entire school "
                                      "faculty."),
            "faculty_feedback": _("Suggestions from the faculty, and what the team changed because of them."),
            "terms": _("A program runs across terms."),
            "is_model_program": _("A school with a strong program can be a district model school others may "
                                  "visit, to observe inclusive activities and talk with the core planning team."),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        school_grades = self.school.grade_choices
        for name in ("lowest_grade", "highest_grade"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                help_text=self.fields[name].help_text,
                choices=school_grades,
                coerce=int,
                error_messages={"invalid_choice": _("Choose a grade of %(school)s.") % {"school": self.school}},
            )
        self.fields["terms"].queryset = school_selectors.terms(school=access.school)
        self.fields["terms"].required = False
        self.fields["terms"].error_messages["invalid_choice"] = TERM_CHOICE_ERROR
        self.fields["terms"].error_messages["invalid_pk_value"] = TERM_CHOICE_ERROR
        self.fields["form"].choices = Program.Form.choices
        self.fields["form"].error_messages["invalid_choice"] = _("Choose one of the program's forms.")
        date_fields(self, "faculty_presented_on")
        _long_text(
            self, "purpose_notes", "core_components", "who_may_join", "staff_support", "anticipated_challenges",
            "faculty_feedback", "visit_information",
        )
        self.helper = self._helper(*self._layout())

    def _layout(self):
        return (
            Fieldset(_("Name and form"), "name", "form"),
            Fieldset(_("Purpose and core components"), "purposes", "purpose_notes", "core_components"),
            Fieldset(_("Who takes part"), "lowest_grade", "highest_grade", "who_may_join", "terms"),
            Fieldset(_("Support, resources and challenges"), "staff_support", "anticipated_challenges"),
            Fieldset(_("The whole faculty"), "faculty_presented_on", "faculty_feedback"),
            Fieldset(_("District model school"), "is_model_program", "visit_information"),
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Program.objects.filter(school=self.school, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("%(school)s already has a program called “%(name)s”.")
                                  % {"school": self.school, "name": name})
        return name

    def clean_faculty_presented_on(self):
        value = self.cleaned_data["faculty_presented_on"]
        if value and value > school_today(self.school):
            raise ValidationError(_("Give the date the plan was presented; it cannot be in the future."))
        return not_far_from_today(value, school=self.school)

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("lowest_grade"), cleaned.get("highest_grade")
        if low is not None and high is not None and low > high:
            self.add_error("highest_grade", _("The last grade must not come before the first grade."))
        return cleaned

    def _post_clean(self):
        # Forms check input; the service runs the model's validation when it writes (and is the only writer).
        pass

    def program_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("terms", None)
        data.pop("coordinator", None)
        data.pop("coordinator_role", None)
        return data


class ProgramCreateForm(ProgramForm):
    coordinator = StaffChoiceField(
        label=_("Designated coordinator"),
        queryset=None,
        help_text=_("The person with primary responsibility for the program day to day, often a special educator. "
                    "They should never do this work alone: add the rest of the core planning team next."),
        error_messages={"invalid_choice": STAFF_CHOICE_ERROR},
    )
    coordinator_role = forms.ChoiceField(
        label=_("Coordinator's role on the team"),
        choices=PlanningTeamMember.Role.choices,
        initial=PlanningTeamMember.Role.SPECIAL_EDUCATOR,
        error_messages={"invalid_choice": _("Choose a role from the list.")},
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        self.fields["coordinator"].queryset = school_selectors.staff_members(school=access.school)

    def _layout(self):
        name_and_form, *rest = super()._layout()
        return (name_and_form, Fieldset(_("Coordinator"), "coordinator", "coordinator_role"), *rest)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Program.Status.choices,
        error_messages={
            "required": _("Choose the program's new status."),
            "invalid_choice": _("Choose a status from the list."),
        },
    )


class TeamMemberForm(CrispyMixin, forms.ModelForm):
    user = StaffChoiceField(
        label=_("Staff member"),
        queryset=None,
        required=False,
        empty_label=_("— someone without an account (type their name) —"),
        error_messages={"invalid_choice": STAFF_CHOICE_ERROR},
    )

    class Meta:
        model = PlanningTeamMember
        fields = ["user", "name", "role", "is_coordinator", "is_core", "advice_wanted"]
        help_texts = {
            "name": _("For a parent, a student representative or anyone else without an account."),
            "role": _("Special educators, general educators, school counselors, a building administrator; some "
                      "schools also include parents or student representatives."),
            "is_coordinator": _("A program has one designated coordinator. Ticking this hands the role over."),
            "is_core": _("Most schools form a core planning team of 3–5 members. Untick for specialists (speech-"
                         "language pathologists, occupational or physical therapists, behavior specialists) "
                         "whose advice is wanted."),
            "advice_wanted": _("e.g. how to adapt activities, how to support communication"),
        }

    def __init__(self, *args, access, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["user"].queryset = school_selectors.staff_members(school=access.school)
        self.fields["role"].error_messages["invalid_choice"] = _("Choose a role from the list.")
        self.helper = self._helper()

    def clean(self):
        cleaned = super().clean()
        user, name = cleaned.get("user"), (cleaned.get("name") or "").strip()
        if user is None and not name and "user" not in self.errors:
            self.add_error("name", _("Choose a staff member or type a name."))
        if user is not None and name:
            self.add_error("name", _("Choose a staff member or type a name, not both."))
        if user is not None:
            already = PlanningTeamMember.objects.filter(program=self.program, user=user)
            if self.instance.pk:
                already = already.exclude(pk=self.instance.pk)
            if already.exists():
                self.add_error("user", _("%(name)s is already on the planning team.") % {"name": user.display_name})
        if cleaned.get("is_coordinator") and user is None and "user" not in self.errors:
            self.add_error("user", _("The coordinator runs the program day to day: choose a staff member."))
        return cleaned

    def _post_clean(self):
        # The service validates the row (it knows the program); the form must not build half a member here.
        pass


class PlanningMeetingForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = PlanningMeeting
        fields = ["held_on", "agenda", "notes", "decisions"]
        help_texts = {
            "decisions": _("What the team decided: the program's purpose, components, resources, challenges."),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        date_fields(self, "held_on")
        _long_text(self, "agenda", "notes", "decisions")
        self.fields["held_on"].error_messages["required"] = _("Give the date of the meeting.")
        self.helper = self._helper()

    def clean_held_on(self):
        return not_far_from_today(self.cleaned_data["held_on"], school=self.school)

    def _post_clean(self):
        pass


class ActionItemForm(forms.ModelForm):
    owner = StaffChoiceField(
        label=_("Owner"), queryset=None, required=False, error_messages={"invalid_choice": STAFF_CHOICE_ERROR}
    )

    class Meta:
        model = ActionItem
        fields = ["description", "owner", "due_on"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        self.fields["owner"].queryset = school_selectors.staff_members(school=access.school)
        self.fields["description"].required = False
        self.fields["due_on"].required = False
        date_fields(self, "due_on")

    def clean_due_on(self):
        return not_far_from_today(self.cleaned_data["due_on"], school=self.school)

    def clean(self):
        cleaned = super().clean()
        # Blank rows are skipped; a row that was started needs all three parts.
        if self.has_changed() and not cleaned.get("DELETE"):
            for name, message in (
                ("description", _("Say what needs doing.")),
                ("owner", _("Choose who will do it.")),
                ("due_on", _("Give a due date.")),
            ):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def _post_clean(self):
        pass


class BaseActionItemFormSet(forms.BaseModelFormSet):
    """Action items of one meeting. ``held_on`` is set from the meeting form before validation."""

    held_on = None

    def __init__(self, *args, access, **kwargs):
        self.access = access
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "access": self.access}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Django offers every row of the table as the hidden id; only this meeting's items may be named, so an id of
        # another meeting's (or another school's) item is refused rather than silently turned into a new item.
        form.fields["id"].queryset = self.get_queryset()
        form.fields["id"].error_messages["invalid_choice"] = FOREIGN_ITEM

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        for form in self.forms:
            named = form.cleaned_data.get("id")
            if named is not None and named.pk != form.instance.pk:
                form.add_error(None, FOREIGN_ITEM)
                continue
            due_on = form.cleaned_data.get("due_on")
            kept = (form.instance.pk or form.has_changed()) and not form.cleaned_data.get("DELETE")
            if self.held_on is not None and kept and due_on and due_on < self.held_on:
                form.add_error("due_on", _("An action item cannot be due before the meeting that decided it."))

    def changes(self):
        """What the service needs: one entry per started, changed or deleted row."""
        result = []
        for form in self.forms:
            instance = form.instance if form.instance.pk else None
            if form.cleaned_data.get("DELETE"):
                if instance is not None:
                    result.append(ActionItemChange(item=instance, delete=True))
                continue
            if not form.has_changed():
                continue
            result.append(
                ActionItemChange(
                    item=instance,
                    description=form.cleaned_data["description"],
                    owner=form.cleaned_data["owner"],
                    due_on=form.cleaned_data["due_on"],
                )
            )
        return result


def action_item_formset(*, access, meeting=None, data=None):
    editing = meeting is not None
    formset_class = forms.modelformset_factory(
        ActionItem,
        form=ActionItemForm,
        formset=BaseActionItemFormSet,
        extra=2 if editing else 3,
        can_delete=editing,
        max_num=20,
        validate_max=True,
        absolute_max=40,
    )
    queryset = (
        ActionItem.objects.visible_to(access).filter(meeting=meeting).select_related("owner")
        if editing
        else ActionItem.objects.none()
    )
    return formset_class(data, queryset=queryset, prefix="items", access=access)


class ExpansionStageForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = ExpansionStage
        fields = ["order", "description", "target", "target_date", "reached_on"]
        help_texts = {
            "order": _("Start small: step 1 might be a small number of students, then one grade level at a time, "
                       "then other schools in the district. Leave empty to add it as the last step."),
            "reached_on": _("Leave empty until the stage is reached."),
        }

    def __init__(self, *args, access, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        self.program = program
        self.fields["order"].min_value = 1
        self.fields["order"].widget.attrs["min"] = 1
        self.fields["order"].validators += [MinValueValidator(1), MaxValueValidator(MAX_STAGES)]
        self.fields["order"].widget.attrs["max"] = MAX_STAGES
        self.fields["order"].required = False
        date_fields(self, "target_date", "reached_on")
        self.helper = self._helper()

    def clean_order(self):
        order = self.cleaned_data["order"]
        if order is None:
            return order
        taken = ExpansionStage.objects.filter(program=self.program, order=order)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Step %(step)s is already in the plan.") % {"step": order})
        return order

    def clean_target_date(self):
        return not_far_from_today(self.cleaned_data["target_date"], school=self.school)

    def clean_reached_on(self):
        value = self.cleaned_data["reached_on"]
        if value and value > school_today(self.school):
            raise ValidationError(_("A stage cannot be reached in the future."))
        return not_far_from_today(value, school=self.school)

    def _post_clean(self):
        pass


class BudgetItemForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = BudgetItem
        fields = ["description", "category", "amount", "term", "funding_source"]
        help_texts = {
            "description": _("Some activities have costs, e.g. field trips or service-learning projects."),
            "funding_source": _("e.g. the principal's discretionary fund, a PTA grant"),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        amount = self.fields["amount"]
        amount.min_value = 0
        amount.widget.attrs.update({"min": "0", "step": "0.01", "inputmode": "decimal"})
        amount.error_messages.update(
            {
                "invalid": _("Enter an amount in dollars and cents, such as 125.50."),
                "max_digits": _("That amount is too large for a program budget line."),
                "max_whole_digits": _("That amount is too large for a program budget line."),
                "max_decimal_places": _("Use at most two decimal places (cents)."),
            }
        )
        self.fields["term"].queryset = school_selectors.terms(school=access.school)
        self.fields["term"].error_messages["invalid_choice"] = TERM_CHOICE_ERROR
        self.fields["category"].error_messages["invalid_choice"] = _("Choose a category from the list.")
        self.helper = self._helper()

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise ValidationError(_("Enter an amount of zero or more."))
        return amount

    def _post_clean(self):
        pass


class DistrictApprovalForm(CrispyMixin, forms.ModelForm):
    document = forms.FileField(
        label=_("Document"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=_("The program plan or course proposal: a PDF, a Word document (.docx), or a PNG or JPEG "
                    "image, up to %(limit)s MB.") % {"limit": MAX_DOCUMENT_SIZE // (1024 * 1024)},
    )
    remove_document = forms.BooleanField(label=_("Remove the current document"), required=False)

    class Meta:
        model = DistrictApproval
        fields = ["name", "status", "due_on", "decided_on", "notes"]
        help_texts = {"name": _("Any required district approvals, e.g. program plans, courses.")}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        date_fields(self, "due_on", "decided_on")
        _long_text(self, "notes")
        self.fields["status"].error_messages["invalid_choice"] = _("Choose a status from the list.")
        if not (self.instance.pk and self.instance.document):
            del self.fields["remove_document"]
        self.helper = self._helper()

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            check_document(document)
        return document or None

    def clean_due_on(self):
        return not_far_from_today(self.cleaned_data["due_on"], school=self.school)

    def clean_decided_on(self):
        value = self.cleaned_data["decided_on"]
        if value and value > school_today(self.school):
            raise ValidationError(_("The district cannot have decided in the future."))
        return not_far_from_today(value, school=self.school)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("document") and cleaned.get("remove_document"):
            self.add_error("remove_document", _("Upload a new document or remove the current one, not both."))
        return cleaned

    def _post_clean(self):
        pass


# --- Participants ---------------------------------------------------------------------------------------------------

STUDENT_CHOICE_ERROR = _("Choose students of your school from the list. Reload the page and try again.")
# Ids beyond what the database stores are forged input: refused as "not one of the choices", never sent to a query.
LARGEST_ID = 2**63 - 1


class StudentsChoiceField(forms.ModelMultipleChoiceField):
    """Ticked students, as ids of the given queryset; anything else is "not one of the choices"."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if not text.isdigit() or int(text) > LARGEST_ID:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": text})
        return super()._check_values(value)


class ParticipantSearchForm(forms.Form):
    """Find students to add: by name (posted, so a child's name never reaches the address bar or a log), kind,
    grade and homeroom. Every choice comes from the active school."""

    name = forms.CharField(label=_("Name contains"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Focus students and peers")), *Student.Kind.choices],
        error_messages={"invalid_choice": _("Choose focus students, peers or both.")},
    )
    grade = forms.TypedChoiceField(label=_("Grade"), required=False, coerce=int, empty_value=None)
    homeroom = forms.ChoiceField(label=_("Homeroom"), required=False)

    def __init__(self, *args, access, **kwargs):
        kwargs.setdefault("prefix", "search")
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [("", _("Any grade")), *access.school.grade_choices]
        self.fields["grade"].error_messages["invalid_choice"] = _("Choose a grade of %(school)s.") % {
            "school": access.school
        }
        self.fields["homeroom"].choices = [
            ("", _("Any homeroom")), *((room, room) for room in selectors.homerooms(access=access))
        ]
        self.fields["homeroom"].error_messages["invalid_choice"] = _("Choose a homeroom from the list.")

    def filter(self, students):
        """``students`` narrowed to what the form asks for (call after ``is_valid()``)."""
        data = self.cleaned_data
        for word in data.get("name", "").split():
            students = students.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(preferred_name__icontains=word)
            )
        if data.get("kind"):
            students = students.filter(kind=data["kind"])
        if data.get("grade") is not None:
            students = students.filter(grade=data["grade"])
        if data.get("homeroom"):
            students = students.filter(homeroom=data["homeroom"])
        return students


class ParticipantAddForm(forms.Form):
    students = StudentsChoiceField(
        label=_("Students to add"),
        queryset=Student.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one student to add."),
            "invalid_choice": STUDENT_CHOICE_ERROR,
            "invalid_pk_value": STUDENT_CHOICE_ERROR,
            "invalid_list": STUDENT_CHOICE_ERROR,
        },
    )
    joined_on = forms.DateField(label=_("Start date"))

    def __init__(self, *args, access, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        self.fields["students"].queryset = selectors.participant_candidates(access=access, program=program)
        date_fields(self, "joined_on")
        self.fields["joined_on"].error_messages["required"] = _("Give the date they start taking part.")
        self.fields["joined_on"].help_text = _("The day they start taking part; today unless you say otherwise.")
        self.fields["joined_on"].initial = school_today(self.school)

    def clean_joined_on(self):
        return not_far_from_today(self.cleaned_data["joined_on"], school=self.school)


class ParticipantDatesForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = ProgramParticipant
        fields = ["joined_on", "left_on"]
        help_texts = {"left_on": _("The day they left the program.")}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        date_fields(self, "joined_on")
        self.fields["joined_on"].error_messages["required"] = _("Give the date they started taking part.")
        if self.instance.is_active:
            # Someone taking part has no end date; "Remove" ends their period.
            del self.fields["left_on"]
        else:
            date_fields(self, "left_on")
            self.fields["left_on"].required = True
            self.fields["left_on"].error_messages["required"] = _("Give the date they left the program.")
        self.helper = self._helper()

    def clean_joined_on(self):
        return not_far_from_today(self.cleaned_data["joined_on"], school=self.school)

    def clean_left_on(self):
        value = self.cleaned_data["left_on"]
        if value and value > school_today(self.school):
            raise ValidationError(_("The end date cannot be in the future."))
        return not_far_from_today(value, school=self.school)

    def clean(self):
        cleaned = super().clean()
        joined_on, left_on = cleaned.get("joined_on"), cleaned.get("left_on")
        if joined_on and left_on and left_on < joined_on:
            self.add_error("left_on", _("The end date must not come before the start date."))
        return cleaned

    def _post_clean(self):
        pass
