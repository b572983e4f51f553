"""Programs as the guide plans them: a core planning team, a purpose, components, resources, approvals, and a plan
to start small and expand on purpose. Meetings produce action items with an owner and a due date."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import GRADE_CHOICES, School, Student, Term
from schools.scoping import SchoolOwnedQuerySet


class Purpose(models.TextChoices):
    """The purposes the guide names for a peer partner program."""

    INCLUSIVE_SCHOOL = "inclusive_school", _("Creating a more inclusive school")
    FRIENDSHIPS = "friendships", _("Fostering new friendships")
    EVERYDAY_INVOLVEMENT = "everyday_involvement", _("Supporting involvement in everyday activities")
    NEW_SKILLS = "new_skills", _("Helping students learn new skills")


class ProgramQuerySet(SchoolOwnedQuerySet):
    def running(self):
        return self.filter(status__in=Program.RUNNING)


class Program(models.Model):
    class Form(models.TextChoices):
        CLUB = "club", _("A club that meets weekly or monthly for social, service or project activities")
        COURSE = "course", _("A peer support course: peers spend a period each day with their schoolmates")
        BOTH = "both", _("Both a club and a peer support course")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        APPROVED = "approved", _("Approved")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    # Which status may follow which: planning → approved → active → paused/ended; a paused program may resume.
    TRANSITIONS = {
        Status.PLANNING: {Status.APPROVED, Status.ENDED},
        Status.APPROVED: {Status.ACTIVE, Status.PLANNING, Status.ENDED},
        Status.ACTIVE: {Status.PAUSED, Status.ENDED},
        Status.PAUSED: {Status.ACTIVE, Status.ENDED},
        Status.ENDED: set(),
    }

    # Approved or active: the district said yes, so the program may take peers.
    RUNNING = (Status.APPROVED, Status.ACTIVE)

    # What the core planning team decides (the planning form and the services that save it); the status changes only
    # through ``services.program_change_status``.
    PLANNING_FIELDS = (
        "name",
        "form",
        "purposes",
        "purpose_notes",
        "core_components",
        "lowest_grade",
        "highest_grade",
        "who_may_join",
        "staff_support",
        "anticipated_challenges",
        "faculty_presented_on",
        "faculty_feedback",
        "is_model_program",
        "visit_information",
    )

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="programs")
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Peer to Peer, Peer Connections, Peer Buddy"))
    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    purposes = models.JSONField(_("purposes"), default=list, blank=True)
    purpose_notes = models.TextField(_("purpose in your own words"), blank=True)
    core_components = models.TextField(
        _("core components"), blank=True, help_text=_("The features every part of the program shares.")
    )
    lowest_grade = models.PositiveSmallIntegerField(_("from grade"), choices=GRADE_CHOICES)
    highest_grade = models.PositiveSmallIntegerField(_("to grade"), choices=GRADE_CHOICES)
    who_may_join = models.TextField(_("who may join"), blank=True)
    staff_support = models.TextField(
        _("support from staff"), blank=True, help_text=_("Who supervises and supports students in each setting.")
    )
    anticipated_challenges = models.TextField(_("anticipated challenges"), blank=True)
    faculty_presented_on = models.DateField(_("presented to the whole faculty on"), null=True, blank=True)
    faculty_feedback = models.TextField(_("faculty feedback"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNING)
    is_model_program = models.BooleanField(
        _("district model program"), default=False, help_text=_("Other schools in the district may visit.")
    )
    visit_information = models.TextField(_("how to arrange a visit"), blank=True)
    terms = models.ManyToManyField(Term, related_name="programs", blank=True, verbose_name=_("terms"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["school", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="program_name_unique_in_school"),
            models.CheckConstraint(condition=Q(lowest_grade__lte=models.F("highest_grade")), name="program_grades"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.lowest_grade is not None and self.highest_grade is not None and self.lowest_grade > self.highest_grade:
            raise ValidationError({"highest_grade": _("The last grade must not come before the first grade.")})
        unknown = set(self.purposes or []) - set(Purpose.values)
        if unknown:
            raise ValidationError({"purposes": _("Choose purposes from the list.")})

    def purpose_labels(self) -> list[str]:
        return [str(Purpose(value).label) for value in self.purposes or [] if value in Purpose.values]

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]


class ProgramParticipant(models.Model):
    """One period of a focus student or a peer taking part in a program, from ``joined_on`` until ``left_on``.

    Leaving ends the period (status "left", with its end date) instead of deleting it, so the record of who took
    part, and when, stays; someone who comes back starts a new period. A student takes part in a program at most
    once at a time (a peer's partners come from matching later).
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Taking part")
        LEFT = "left", _("Left the program")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="participants")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="program_participations")
    joined_on = models.DateField(_("start date"), default=timezone.localdate)
    left_on = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program", "student__last_name", "-joined_on"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "student"], condition=Q(status="active"), name="participant_active_once"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")), name="participant_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.program}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def clean(self):
        if self.is_active and self.left_on is not None:
            raise ValidationError({"left_on": _("Someone still taking part has no end date.")})
        if self.left_on is not None and self.joined_on is not None and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("The end date must not come before the start date.")})


class PlanningTeamMember(models.Model):
    """A member of the core planning team (the guide advises 3-5 people), with one designated coordinator."""

    class Role(models.TextChoices):
        SPECIAL_EDUCATOR = "special_educator", _("Special educator")
        GENERAL_EDUCATOR = "general_educator", _("General educator")
        COUNSELOR = "counselor", _("School counselor")
        SCHOOL_ADMIN = "school_admin", _("School administrator")
        PARENT = "parent", _("Parent")
        STUDENT = "student", _("Student representative")
        RELATED_SERVICE = "related_service", _("Related-service specialist")
        OTHER = "other", _("Other")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="team")
    # Accounts are deactivated, not deleted; if one is deleted, its seat on the team goes with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="planning_teams",
        verbose_name=_("staff member"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("For members without an account."))
    role = models.CharField(_("role on the team"), max_length=30, choices=Role.choices)
    is_coordinator = models.BooleanField(_("program coordinator"), default=False)
    is_core = models.BooleanField(
        _("core planning team"), default=True, help_text=_("Off for specialists whose advice is wanted.")
    )
    advice_wanted = models.CharField(_("advice wanted on"), max_length=200, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program", "-is_coordinator", "-is_core", "pk"]
        verbose_name = _("planning team member")
        verbose_name_plural = _("planning team")
        constraints = [
            models.UniqueConstraint(
                fields=["program"], condition=Q(is_coordinator=True), name="one_coordinator_per_program"
            ),
            models.CheckConstraint(condition=~Q(user=None) | ~Q(name=""), name="team_member_has_a_name"),
            # A person sits on a program's team once; a second row would make the 3-5 count and the coordinator
            # hand-over ambiguous.
            models.UniqueConstraint(
                fields=["program", "user"], condition=Q(user__isnull=False), name="team_member_once_per_program"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.display_name if self.user_id else self.name

    def clean(self):
        if not self.user_id and not self.name:
            raise ValidationError({"name": _("Choose a staff member or type a name.")})


class ExpansionStage(models.Model):
    """Start small, expand on purpose: a step of the plan with a target and a date."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="expansion_stages")
    order = models.PositiveSmallIntegerField(_("step"))
    description = models.CharField(_("stage"), max_length=200, help_text=_("e.g. one grade level at a time"))
    target = models.CharField(_("target"), max_length=200, blank=True, help_text=_("e.g. 12 peers, 4 students"))
    target_date = models.DateField(_("target date"), null=True, blank=True)
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program", "order"]
        verbose_name = _("expansion stage")
        verbose_name_plural = _("expansion stages")
        constraints = [models.UniqueConstraint(fields=["program", "order"], name="expansion_stage_order_unique")]

    def __str__(self) -> str:
        return self.description


class BudgetItem(models.Model):
    class Category(models.TextChoices):
        FIELD_TRIP = "field_trip", _("Field trip")
        SERVICE_PROJECT = "service_project", _("Service project")
        MATERIALS = "materials", _("Materials")
        TRANSPORTATION = "transportation", _("Transportation")
        EVENT = "event", _("Event")
        OTHER = "other", _("Other")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="budget_items")
    description = models.CharField(_("what"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2)
    term = models.ForeignKey(Term, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("term"))
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program", "category", "pk"]
        verbose_name = _("budget item")
        verbose_name_plural = _("budget")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative")]

    def __str__(self) -> str:
        return self.description


def approval_upload_to(instance, filename):
    # Stored under the program's id, never a person's name; served only through a permission-checking view.
    return f"programs/{instance.program_id}/approvals/{filename}"


class DistrictApproval(models.Model):
    """An approval the district needs (a program plan, a course), with its document."""

    class Status(models.TextChoices):
        NEEDED = "needed", _("Needed")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="approvals")
    name = models.CharField(_("approval"), max_length=200, help_text=_("e.g. Program plan, Peer support course"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEEDED)
    due_on = models.DateField(_("due"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    document = models.FileField(_("document"), upload_to=approval_upload_to, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program", "due_on", "pk"]
        verbose_name = _("district approval")
        verbose_name_plural = _("district approvals")

    def __str__(self) -> str:
        return self.name


class PlanningMeeting(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program", "-held_on"]
        verbose_name = _("planning meeting")
        verbose_name_plural = _("planning meetings")

    def __str__(self) -> str:
        return f"{self.program}: {self.held_on}"


class ActionItemQuerySet(SchoolOwnedQuerySet):
    def open(self):
        return self.filter(completed_on=None)


class ActionItem(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="action_items")
    meeting = models.ForeignKey(
        PlanningMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    description = models.CharField(_("what needs doing"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due"))
    completed_on = models.DateField(_("done on"), null=True, blank=True)
    # Set when the reminder is claimed, so a retried or duplicated task never sends twice.
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ActionItemQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["due_on", "completed_on"], name="action_item_due_idx")]

    def __str__(self) -> str:
        return self.description

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_on < timezone.localdate()


class Playbook(models.Model):
    """A program's year, step by step, generated from the guide's steps (``programs/playbook_template.py``) and
    shifted, added to or skipped by the coordinator. One per program and school year; next year's is copied from
    this one."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="playbooks")
    school_year = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="playbooks", verbose_name=_("school year")
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program", "-school_year__start_date"]
        verbose_name = _("year playbook")
        verbose_name_plural = _("year playbooks")
        constraints = [
            models.UniqueConstraint(fields=["program", "school_year"], name="playbook_once_per_program_year"),
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.school_year}"


class PlaybookStepQuerySet(SchoolOwnedQuerySet):
    def open(self):
        return self.filter(done_on=None, skipped=False)


class PlaybookStep(models.Model):
    """One step of the year: due ``offset_days`` after (or, negative, before) the start or the end of the school
    year, unless the coordinator set its date by hand (``due_on`` is always the date in force)."""

    class Anchor(models.TextChoices):
        YEAR_START = "start", _("the first day of the school year")
        YEAR_END = "end", _("the last day of the school year")

    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="steps")
    template_key = models.SlugField(max_length=60, blank=True, editable=False)
    title = models.CharField(_("step"), max_length=200)
    description = models.TextField(_("what it involves"), blank=True)
    anchor = models.CharField(_("counted from"), max_length=5, choices=Anchor.choices, default=Anchor.YEAR_START)
    offset_days = models.SmallIntegerField(_("days after (negative: before)"), default=0)
    due_on = models.DateField(_("due"))
    date_set_by_hand = models.BooleanField(default=False, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="playbook_steps",
        verbose_name=_("owner"),
    )
    # Where the step is done: a URL name taking the program's pk (e.g. "orientation:list"), checked at render time.
    link_name = models.CharField(max_length=100, blank=True, editable=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    skipped = models.BooleanField(_("skipped this year"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    objects = PlaybookStepQuerySet.as_manager()
    school_path = "playbook__program__school"

    class Meta:
        ordering = ["playbook", "due_on", "order", "pk"]
        verbose_name = _("playbook step")
        verbose_name_plural = _("playbook steps")
        indexes = [models.Index(fields=["due_on", "done_on"], name="playbook_step_due_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_late(self) -> bool:
        return self.done_on is None and not self.skipped and self.due_on < timezone.localdate()
