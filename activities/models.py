"""Shared activities (the guide's "Supporting Shared Activities"): what peers and focus students do together, when it
happens (occurrences on the school's bell schedule), who takes part, who was there (attendance and check-ins), the
minutes each focus student spends in inclusive settings, service-learning projects and service hours, calendar feeds
and reminders.

Programs, students and terms are named by string or come from the core; this app reads ``programs`` and
``recruitment`` only through their selectors and services, and never imports ``orientation`` (a peer's readiness is
asked through ``schools.peer_readiness``). See docs/architecture.md.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import Period, Student, Term
from schools.scoping import SchoolOwnedQuerySet


class Kind(models.TextChoices):
    """The guide's kinds of shared activity, and the settings of the second document (class time, lunch groups,
    extracurricular activities, beyond the school day)."""

    INCLUSIVE_CLASS = "inclusive_class", _("Inclusive class")
    LUNCH_GROUP = "lunch_group", _("Lunch group or recess")
    INCLUSIVE_EVENT = "inclusive_event", _("Inclusive event")
    CLUB_MEETING = "club_meeting", _("Club meeting")
    UNIFIED_SPORTS = "unified_sports", _("Unified sports")
    SERVICE_LEARNING = "service_learning", _("Community / service-learning project")
    SPECIAL_EDUCATION_PERIOD = "special_education_period", _("Special-education classroom period")


# Whether a kind is an inclusive setting by default (counts toward a focus student's inclusive minutes). A peer's
# period in the special-education classroom is time together, but not time in an inclusive setting for the student.
INCLUSIVE_BY_DEFAULT = {
    Kind.INCLUSIVE_CLASS: True,
    Kind.LUNCH_GROUP: True,
    Kind.INCLUSIVE_EVENT: True,
    Kind.CLUB_MEETING: True,
    Kind.UNIFIED_SPORTS: True,
    Kind.SERVICE_LEARNING: True,
    Kind.SPECIAL_EDUCATION_PERIOD: False,
}


class EventType(models.TextChoices):
    """The inclusive events the guide names."""

    FIELD_TRIP = "field_trip", _("Field trip")
    FIELD_DAY = "field_day", _("Field day")
    CELEBRATION = "celebration", _("Celebration")
    RECREATION = "recreation", _("Recreational activity")
    ASSEMBLY = "assembly", _("Assembly")
    AWARENESS = "awareness", _("Awareness event (e.g. Inclusive Schools Week)")
    OTHER = "other", _("Other event")


class Repeats(models.TextChoices):
    ONCE = "once", _("Once")
    DAILY = "daily", _("Every school day")
    WEEKLY = "weekly", _("Weekly, on chosen days")
    MONTHLY = "monthly", _("Monthly, on the same weekday of the month")


class ActivitySettings(models.Model):
    """A program's rules for shared activities and service hours."""

    class Proof(models.TextChoices):
        ATTENDANCE = "attendance", _("Taken from attendance")
        VERIFIER = "verifier", _("Confirmed by the verifier")
        DOCUMENT = "document", _("A photo or document attached")

    program = models.OneToOneField("programs.Program", on_delete=models.CASCADE, related_name="activity_settings")
    auto_approve_hours = models.BooleanField(
        _("approve service hours automatically"),
        default=False,
        help_text=_("Hours with every chosen proof are approved without waiting for you."),
    )
    # The proofs an entry must have to be approved automatically (a list of ``Proof`` values).
    auto_approve_proofs = models.JSONField(_("proofs needed"), default=list, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        verbose_name = _("activity settings")
        verbose_name_plural = _("activity settings")

    def __str__(self) -> str:
        return str(self.program)


class ActivityQuerySet(SchoolOwnedQuerySet):
    def not_cancelled(self):
        return self.filter(cancelled_at=None)


class Activity(models.Model):
    """A shared activity of one program in one term: once (an event) or a series on the bell schedule."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="activities")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="activities", verbose_name=_("term"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    event_type = models.CharField(_("type of event"), max_length=20, choices=EventType.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what we do"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # None: the kind's default (``INCLUSIVE_BY_DEFAULT``); True/False: the coordinator's choice for this activity.
    inclusive_override = models.BooleanField(
        _("inclusive setting"),
        null=True,
        blank=True,
        help_text=_("Whether time here counts toward inclusive minutes. Leave unset for the usual rule of its kind."),
    )
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="activities_supervised", blank=True, verbose_name=_("supervising staff")
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    sign_up_open = models.BooleanField(
        _("open for sign-up"),
        default=False,
        help_text=_("Peers and students may sign themselves up; when it is full they join the waitlist."),
    )

    # When: a period of the bell schedule, or times of its own (before or after school, a field trip).
    repeats = models.CharField(_("repeats"), max_length=10, choices=Repeats.choices, default=Repeats.ONCE)
    period = models.ForeignKey(
        Period, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities", verbose_name=_("period")
    )
    starts_at = models.TimeField(_("starts"), null=True, blank=True)
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    first_date = models.DateField(_("first day"))
    last_date = models.DateField(_("last day"), null=True, blank=True, help_text=_("Empty: the end of the term."))
    # Weekly: the weekdays (0 = Monday … 4 = Friday).
    weekdays = models.JSONField(_("days"), default=list, blank=True)

    # Unified sports: a team per season with athletes and partners in about equal numbers, and a trained coach.
    season = models.CharField(_("season"), max_length=60, blank=True)
    coach_name = models.CharField(_("coach"), max_length=200, blank=True)
    coach_trained_on = models.DateField(_("coach's training date"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = ActivityQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["first_date", "title"]
        verbose_name = _("shared activity")
        verbose_name_plural = _("shared activities")

    def __str__(self) -> str:
        return self.title

    @property
    def is_inclusive(self) -> bool:
        if self.inclusive_override is not None:
            return self.inclusive_override
        return INCLUSIVE_BY_DEFAULT.get(self.kind, True)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def until(self) -> datetime.date:
        """The last day the series may run: its own last day, or the term's."""
        return self.last_date or self.term.end_date

    def clean(self):
        errors = {}
        if self.term_id and self.program_id and self.term.school_id != self.program.school_id:
            errors["term"] = _("Choose a term of this program's school.")
        if self.term_id and self.first_date:
            if not (self.term.start_date <= self.first_date <= self.term.end_date):
                errors["first_date"] = _("Choose a first day inside the term (%(start)s to %(end)s).") % {
                    "start": f"{self.term.start_date:%b %-d}",
                    "end": f"{self.term.end_date:%b %-d, %Y}",
                }
            elif self.last_date and self.last_date < self.first_date:
                errors["last_date"] = _("The last day must be on or after the first day.")
            elif self.last_date and self.last_date > self.term.end_date:
                errors["last_date"] = _("The last day must be inside the term.")
        if self.period_id is None:
            if self.starts_at is None or self.ends_at is None:
                errors["starts_at"] = _("Choose a period of the bell schedule, or give the times it starts and ends.")
            elif self.ends_at <= self.starts_at:
                errors["ends_at"] = _("It must end after it starts.")
        elif self.program_id and self.period.schedule.school_id != self.program.school_id:
            errors["period"] = _("Choose a period of this school's bell schedule.")
        if self.repeats == Repeats.WEEKLY:
            days = self.weekdays if isinstance(self.weekdays, list) else []
            if not days or any(not isinstance(d, int) or not 0 <= d <= 4 for d in days):
                errors["weekdays"] = _("Choose at least one school day of the week.")
        if self.kind == Kind.INCLUSIVE_EVENT and not self.event_type:
            errors["event_type"] = _("Choose the type of event.")
        if self.kind != Kind.INCLUSIVE_EVENT and self.event_type:
            self.event_type = ""
        if errors:
            raise ValidationError(errors)


class OccurrenceQuerySet(SchoolOwnedQuerySet):
    def not_cancelled(self):
        return self.filter(cancelled_at=None, activity__cancelled_at=None)

    def between(self, start: datetime.date, end: datetime.date):
        return self.filter(date__range=(start, end))


class Occurrence(models.Model):
    """One time an activity happens. A series' occurrences are generated from its rule, skipping the school's
    non-school days; one occurrence may be moved or cancelled on its own (``is_changed``), and regenerating the
    series keeps it as it is.

    ``sequence`` and ``updated_at`` are the calendar's SEQUENCE and LAST-MODIFIED: every change that people see
    (time, place, cancellation) raises the sequence once."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences")
    # The day the series' rule gave it: an occurrence moved to another day is still this one of the series.
    series_date = models.DateField(_("day in the series"))
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_changed = models.BooleanField(_("changed on its own"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("why it is cancelled"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Attendance: when it was first taken, and by whom (the supervisor's 7 days count from the occurrence's date).
    attendance_taken_at = models.DateTimeField(null=True, blank=True)
    attendance_taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OccurrenceQuerySet.as_manager()
    school_path = "activity__program__school"

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [
            models.UniqueConstraint(fields=["activity", "series_date"], name="occurrence_once_per_series_day"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="occurrence_ends_after_start"),
        ]
        indexes = [models.Index(fields=["date"], name="occurrence_date")]

    def __str__(self) -> str:
        return f"{self.activity} — {self.date:%a %b %-d}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def minutes(self) -> int:
        start = datetime.datetime.combine(self.date, self.starts_at)
        end = datetime.datetime.combine(self.date, self.ends_at)
        return int((end - start).total_seconds() // 60)

    @property
    def where(self) -> str:
        return self.place or self.activity.place

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("It must end after it starts.")})


class ParticipantQuerySet(SchoolOwnedQuerySet):
    def placed(self):
        return self.filter(status=Participant.Status.PLACED)

    def waitlisted(self):
        return self.filter(status=Participant.Status.WAITLISTED)


class Participant(models.Model):
    """A focus student or a peer taking part in an activity (in unified sports: an athlete or a partner)."""

    class Status(models.TextChoices):
        PLACED = "placed", _("Taking part")
        WAITLISTED = "waitlisted", _("On the waitlist")
        WITHDRAWN = "withdrawn", _("No longer taking part")

    class Source(models.TextChoices):
        PAIR = "pair", _("Confirmed pair")
        PROGRAM = "program", _("Program group")
        SIGN_UP = "sign_up", _("Signed up")
        ADDED = "added", _("Added by staff")
        WALK_IN = "walk_in", _("Walked in")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="activity_places")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLACED)
    source = models.CharField(_("how they joined"), max_length=10, choices=Source.choices, default=Source.ADDED)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    # A peer placed although not ready (the program warns rather than blocks): the warning shown, kept.
    readiness_warning = models.CharField(max_length=300, blank=True)

    objects = ParticipantQuerySet.as_manager()
    school_path = "activity__program__school"

    class Meta:
        ordering = ["activity", "status", "joined_at"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["activity", "student"], name="participant_once_per_activity")]

    def __str__(self) -> str:
        return f"{self.student} in {self.activity}"

    def clean(self):
        if self.student_id and self.activity_id and self.student.school_id != self.activity.program.school_id:
            raise ValidationError({"student": _("Choose a student of this school.")})


class Attendance(models.Model):
    """Who was there at one occurrence, and for how many minutes: taken by staff on a phone or fed by check-ins.
    One row per person and occurrence, so nothing is counted twice. Changes after the first save are kept in
    ``AttendanceChange``."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        LATE = "late", _("Late")
        LEFT_EARLY = "left_early", _("Left early")

    class Source(models.TextChoices):
        STAFF = "staff", _("Taken by staff")
        CHECK_IN = "check_in", _("Checked in")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="attendance")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="activity_attendance")
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices, default=Status.PRESENT)
    # Late: minutes missed at the start; left early: minutes missed at the end.
    minutes_missed = models.PositiveSmallIntegerField(
        _("minutes missed"), default=0, validators=[MaxValueValidator(600)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The minutes this person spent in the activity (the occurrence's length less what they missed; 0 if absent).
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=0)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.STAFF)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "occurrence__activity__program__school"

    class Meta:
        ordering = ["occurrence", "student__last_name", "student__first_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["occurrence", "student"], name="attendance_once_per_person")]

    def __str__(self) -> str:
        return f"{self.student}: {self.get_status_display()}"

    def compute_minutes(self) -> int:
        if self.status == self.Status.ABSENT:
            return 0
        missed = self.minutes_missed if self.status in (self.Status.LATE, self.Status.LEFT_EARLY) else 0
        return max(0, self.occurrence.minutes - missed)

    def clean(self):
        late_or_early = self.status in (self.Status.LATE, self.Status.LEFT_EARLY)
        if late_or_early and self.occurrence_id and self.minutes_missed >= self.occurrence.minutes:
            raise ValidationError({"minutes_missed": _("That is the whole time: mark them absent instead.")})


class AttendanceChange(models.Model):
    """A change to attendance already taken: who, when, why, and the values before and after. Never edited."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "attendance__occurrence__activity__program__school"

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")

    def __str__(self) -> str:
        return f"{self.attendance} changed {self.changed_at:%Y-%m-%d}"


def token_digest(token: str) -> str:
    """What is kept of a secret token: its SHA-256 (the token itself is shown once and never stored)."""
    return hashlib.sha256(token.encode()).hexdigest()


class CheckIn(models.Model):
    """A peer or student checking in at an occurrence by QR code or kiosk. An expected participant's check-in writes
    their attendance row; a walk-in waits for the supervisor to accept it."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        WAITING = "waiting", _("Waiting for the supervisor")
        REFUSED = "refused", _("Not accepted")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="check_ins")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="activity_check_ins")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    checked_in_at = models.DateTimeField(default=timezone.now)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "occurrence__activity__program__school"

    class Meta:
        ordering = ["occurrence", "checked_in_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["occurrence", "student"], name="check_in_once_per_person")]

    def __str__(self) -> str:
        return f"{self.student} at {self.occurrence}"


class KioskToken(models.Model):
    """The secret of a kiosk page shown on a classroom screen for one activity: the page needs no staff session,
    only this token (kept hashed; revocable)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="kiosk_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "activity__program__school"

    class Meta:
        verbose_name = _("kiosk token")
        verbose_name_plural = _("kiosk tokens")

    def __str__(self) -> str:
        return f"Kiosk of {self.activity}"


class CheckInCode(models.Model):
    """A peer's or student's short personal code for checking in at a kiosk without signing in (kept hashed)."""

    student = models.OneToOneField(Student, on_delete=models.CASCADE, related_name="check_in_code")
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "student__school"

    class Meta:
        verbose_name = _("check-in code")
        verbose_name_plural = _("check-in codes")

    def __str__(self) -> str:
        return f"Check-in code of {self.student}"


class CalendarFeed(models.Model):
    """A secret calendar (ICS) feed URL: a person's own activities, or one program's (for its staff). The token is
    shown once; only its digest is kept, compared in constant time; a revoked feed answers 404."""

    class Scope(models.TextChoices):
        PERSONAL = "personal", _("My activities")
        PROGRAM = "program", _("A program's activities")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.PERSONAL)
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # The first characters of the token, to look the row up before the constant-time compare of the digest.
    lookup = models.CharField(max_length=12, db_index=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.get_scope_display()} ({self.user})"


class ServiceProject(models.Model):
    """A community / service-learning activity's project: the need, the partner, the plan shared by students with
    and without disabilities, what it costs, what came of it."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="service_project")
    community_need = models.TextField(_("community need"))
    partner_organisation = models.CharField(_("partner organisation"), max_length=200, blank=True)
    partner_contact = models.CharField(_("partner contact"), max_length=200, blank=True)
    materials = models.TextField(_("materials"), blank=True)
    costs = models.DecimalField(_("costs"), max_digits=8, decimal_places=2, null=True, blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    reflections = models.TextField(_("reflections"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "activity__program__school"

    class Meta:
        verbose_name = _("service-learning project")
        verbose_name_plural = _("service-learning projects")

    def __str__(self) -> str:
        return str(self.activity)


class ServiceTask(models.Model):
    """One task of a project's plan, with its role, shared by students with and without disabilities."""

    project = models.ForeignKey(ServiceProject, on_delete=models.CASCADE, related_name="tasks")
    task = models.CharField(_("task"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    students = models.ManyToManyField(Student, related_name="service_tasks", blank=True, verbose_name=_("who"))
    order = models.PositiveSmallIntegerField(default=0)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "project__activity__program__school"

    class Meta:
        ordering = ["project", "order", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.task


class ServicePhoto(models.Model):
    """A photo of a project. Only the students shown whose families allow photos may be tagged; a photo showing a
    student who opted out of the directory is not shown to peers."""

    project = models.ForeignKey(ServiceProject, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="activities/photos/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    students = models.ManyToManyField(
        Student, related_name="service_photos", blank=True, verbose_name=_("who is in it")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "project__activity__program__school"

    class Meta:
        ordering = ["project", "uploaded_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or f"Photo of {self.project}"


class ServiceHours(models.Model):
    """Service hours of a peer or focus student: from attendance (an occurrence of a service activity) or claimed
    for work outside school with a verifier. Verification (the verifier's word) is separate from approval (the
    coordinator's). Entries are never deleted, only declined with a reason."""

    class Source(models.TextChoices):
        ATTENDANCE = "attendance", _("From attendance")
        CLAIM = "claim", _("Claimed")

    class Verification(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Not needed")
        PENDING = "pending", _("Waiting for the verifier")
        CONFIRMED = "confirmed", _("Confirmed")
        CHANGED = "changed", _("Confirmed with changes")
        DENIED = "denied", _("Denied by the verifier")

    class Approval(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="service_hours")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="service_hours", verbose_name=_("term"))
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="service_hours")
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="service_hours"
    )
    # Hours from attendance: one entry per occurrence and person, so nothing is counted twice.
    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.SET_NULL, null=True, blank=True, related_name="service_hours"
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    description = models.CharField(_("what you did"), max_length=500)
    proof = models.FileField(_("photo or document"), upload_to="activities/hours/%Y/%m/", blank=True)
    verifier_name = models.CharField(_("verifier's name"), max_length=200, blank=True)
    verifier_email = models.EmailField(_("verifier's email"), blank=True)
    honesty_statement = models.BooleanField(_("I confirm this is true"), default=False)
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification.choices, default=Verification.NOT_NEEDED
    )
    verified_hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    verifier_note = models.CharField(_("verifier's note"), max_length=500, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    approval = models.CharField(_("approval"), max_length=10, choices=Approval.choices, default=Approval.PENDING)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("service hours")
        verbose_name_plural = _("service hours")
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "student"],
                condition=Q(occurrence__isnull=False),
                name="hours_once_per_occurrence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student}: {self.hours} h on {self.date}"

    @property
    def counted_hours(self):
        """The hours that count: the verifier's changed figure when they changed it."""
        if self.verification == self.Verification.CHANGED and self.verified_hours is not None:
            return self.verified_hours
        return self.hours

    def delete(self, *args, **kwargs):
        raise PermissionError("Service hours are never deleted: decline them with a reason.")


class ReminderPreference(models.Model):
    """How a person wants activity reminders: one email per activity, or one weekly digest."""

    class Delivery(models.TextChoices):
        EACH = "each", _("An email the day before each activity")
        WEEKLY = "weekly", _("One weekly digest, on Sunday afternoon")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_reminders")
    delivery = models.CharField(_("reminders"), max_length=10, choices=Delivery.choices, default=Delivery.EACH)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"


class SentActivityReminder(models.Model):
    """A reminder claimed before it is queued: the unique key makes a retried task or a second beat a no-op."""

    key = models.CharField(max_length=200, unique=True)
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self) -> str:
        return self.key


# --- Facilitation and observation (issue 21): how adults step back and how students connect ------------------------


class AdultSupport(models.TextChoices):
    """How close the supervising adult stayed: the research's adult proximity, in three steps towards fading."""

    CLOSE = "close", _("In close proximity (within about 3 feet)")
    NEARBY = "nearby", _("Nearby (in the room, not beside them)")
    FADED = "faded", _("Faded (not present)")


# Adult support as a number for the fading chart: 2 close, 1 nearby, 0 faded (lower is more independence).
ADULT_SUPPORT_LEVEL = {AdultSupport.CLOSE: 2, AdultSupport.NEARBY: 1, AdultSupport.FADED: 0}


class FacilitationLog(models.Model):
    """What the supervising adult did at one occurrence, for one focus student (``student``) or for the whole group
    (``student`` empty): the guide's strategies used (Figure 1, keys of ``activities.guide_strategies``), the level
    of adult support, the interactions seen and their quality, the IEP goals practised, a note. One log per adult,
    occurrence and student: logging again edits it."""

    class Quality(models.IntegerChoices):
        POOR = 1, _("1 — little or strained")
        FAIR = 2, _("2 — some, mostly adult-led")
        GOOD = 3, _("3 — friendly, some back and forth")
        EXCELLENT = 4, _("4 — natural, both ways")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="facilitation_logs")
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True, related_name="facilitation_logs"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    strategies = models.JSONField(_("strategies used"), default=list, blank=True)
    adult_support = models.CharField(_("adult support"), max_length=10, choices=AdultSupport.choices)
    initiations_by_student = models.PositiveSmallIntegerField(
        _("interactions started by the student"), default=0, validators=[MaxValueValidator(200)]
    )
    initiations_by_peers = models.PositiveSmallIntegerField(
        _("interactions started by peers"), default=0, validators=[MaxValueValidator(200)]
    )
    interaction_quality = models.PositiveSmallIntegerField(
        _("quality of interactions"), choices=Quality.choices, null=True, blank=True
    )
    # Sensitive: shown only to those who may see the student's IEP goals (``can_view_sensitive``).
    goals_practised = models.ManyToManyField("schools.IEPGoal", blank=True, related_name="facilitation_logs")
    note = models.TextField(_("note"), max_length=2000, blank=True)
    logged_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "occurrence__activity__program__school"

    class Meta:
        ordering = ["-occurrence__date", "-logged_at"]
        verbose_name = _("facilitation log")
        verbose_name_plural = _("facilitation logs")
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "student", "logged_by"],
                condition=Q(student__isnull=False),
                name="facilitation_log_once_per_adult_student",
            ),
            models.UniqueConstraint(
                fields=["occurrence", "logged_by"],
                condition=Q(student__isnull=True),
                name="facilitation_log_once_per_adult_group",
            ),
        ]

    def __str__(self) -> str:
        return f"Facilitation at {self.occurrence} ({self.student or 'group'})"

    @property
    def interactions(self) -> int:
        return self.initiations_by_student + self.initiations_by_peers

    def clean(self):
        from .guide_strategies import STRATEGY_KEYS

        errors = {}
        if not isinstance(self.strategies, list) or any(key not in STRATEGY_KEYS for key in self.strategies):
            errors["strategies"] = _("Choose strategies from the guide's list.")
        if self.student_id and not self.student.is_focus_student:
            errors["student"] = _("Choose a focus student.")
        school_id = self.occurrence.activity.program.school_id if self.occurrence_id else None
        if self.student_id and school_id and self.student.school_id != school_id:
            errors["student"] = _("Choose a student of this school.")
        if errors:
            raise ValidationError(errors)


class SupportChange(models.Model):
    """A dated change in how a focus student is supported ("peer support started", "adult moved to the back of the
    room"): the vertical line on the student's timeline charts, so the team sees what happened after it."""

    class Kind(models.TextChoices):
        PEER_SUPPORT_STARTED = "peer_support_started", _("Peer support started")
        CHANGE = "change", _("A change in support")

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="support_changes")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.CHANGE)
    what = models.CharField(_("what changed"), max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "student__school"

    class Meta:
        ordering = ["student", "date", "pk"]
        verbose_name = _("support change")
        verbose_name_plural = _("support changes")

    def __str__(self) -> str:
        return f"{self.student}: {self.what} ({self.date})"

    def clean(self):
        if self.student_id and not self.student.is_focus_student:
            raise ValidationError({"student": _("Choose a focus student.")})


class Observation(models.Model):
    """A direct observation of one focus student during one occurrence by interval recording, the way peer support
    studies measured it (Carter et al. 2016; Asmus et al. 2017): each interval records peer interaction, academic
    engagement, an adult within 3 feet and the peers involved.

    A second observer's record (``primary`` set) shares the first one's clock (``started_at``, interval lengths and
    count), so intervals with the same number are the same seconds of the session: inter-observer agreement is
    computed interval by interval. ``client_id`` is made by the phone, so an observation kept offline and sent
    twice is saved once."""

    class Method(models.TextChoices):
        PARTIAL_INTERVAL = "partial", _("Partial-interval recording (did it happen at any time in the interval?)")
        MOMENTARY = "momentary", _("Momentary time sampling (is it happening at the cue?)")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="observations")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="observations")
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    primary = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="second_observations"
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default=Method.PARTIAL_INTERVAL)
    observe_seconds = models.PositiveSmallIntegerField(
        _("observe for (seconds)"), default=10, validators=[MinValueValidator(3), MaxValueValidator(300)]
    )
    record_seconds = models.PositiveSmallIntegerField(
        _("record for (seconds)"), default=5, validators=[MinValueValidator(0), MaxValueValidator(120)]
    )
    interval_count = models.PositiveSmallIntegerField(
        _("number of intervals"), default=40, validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    client_id = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "occurrence__activity__program__school"

    class Meta:
        ordering = ["-occurrence__date", "-created_at"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"Observation of {self.student} at {self.occurrence}"

    @property
    def interval_seconds(self) -> int:
        return self.observe_seconds + self.record_seconds

    def clean(self):
        errors = {}
        if self.student_id and not self.student.is_focus_student:
            errors["student"] = _("Choose a focus student.")
        school_id = self.occurrence.activity.program.school_id if self.occurrence_id else None
        if self.student_id and school_id and self.student.school_id != school_id:
            errors["student"] = _("Choose a student of this school.")
        if self.primary_id:
            primary = self.primary
            if primary.primary_id:
                errors["primary"] = _("Join the first observer's record, not another second observer's.")
            elif (primary.occurrence_id, primary.student_id) != (self.occurrence_id, self.student_id):
                errors["primary"] = _("A second observer watches the same student at the same session.")
        if errors:
            raise ValidationError(errors)


class ObservationInterval(models.Model):
    """One interval of an observation. A skipped interval (the student left the room, the view was blocked) is kept
    but leaves every total."""

    class Interaction(models.TextChoices):
        BY_STUDENT = "student", _("Started by the student")
        BY_PEER = "peer", _("Started by a peer")
        NONE = "none", _("No interaction")

    class Engaged(models.TextChoices):
        YES = "yes", _("Engaged")
        NO = "no", _("Not engaged")
        NOT_APPLICABLE = "na", _("Not applicable")

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="intervals")
    number = models.PositiveSmallIntegerField(_("interval"))
    skipped = models.BooleanField(_("skipped"), default=False)
    interaction = models.CharField(
        _("peer interaction"), max_length=8, choices=Interaction.choices, default=Interaction.NONE
    )
    engaged = models.CharField(
        _("academically engaged"), max_length=3, choices=Engaged.choices, default=Engaged.NOT_APPLICABLE
    )
    adult_near = models.BooleanField(_("adult within 3 feet"), default=False)
    peers = models.ManyToManyField(Student, blank=True, related_name="+")

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "observation__occurrence__activity__program__school"

    class Meta:
        ordering = ["observation", "number"]
        verbose_name = _("observation interval")
        verbose_name_plural = _("observation intervals")
        constraints = [
            models.UniqueConstraint(fields=["observation", "number"], name="observation_interval_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="observation_interval_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.observation} #{self.number}"


# --- Peer journals (issue 21): the daily-period model's weekly journal ------------------------------------------------


class JournalPrompt(models.Model):
    """A prompt the coordinator offers peers for their weekly journal (editable; retired prompts stay on the entries
    that used them)."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="journal_prompts")
    text = models.CharField(_("prompt"), max_length=300)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered to peers"), default=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program", "position", "pk"]
        verbose_name = _("journal prompt")
        verbose_name_plural = _("journal prompts")

    def __str__(self) -> str:
        return self.text


class JournalEntry(models.Model):
    """A peer's journal for one week (``week`` is its Monday): private to the peer and the staff who read journals,
    never shown to other peers. A peer may flag a worry for a quick staff follow-up; it stays on the coordinator's
    dashboard until someone records the follow-up."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="journal_entries")
    peer = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="journal_entries")
    week = models.DateField(_("week of"))
    prompt = models.ForeignKey(JournalPrompt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The prompt's words when the peer wrote, so editing a prompt later does not change what they answered.
    prompt_text = models.CharField(_("prompt"), max_length=300, blank=True)
    text = models.TextField(_("journal"), max_length=5000)
    worry_flagged = models.BooleanField(_("asked for a staff follow-up"), default=False)
    followed_up_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up_note = models.CharField(_("what was done"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["-week", "peer__last_name", "peer__first_name"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        constraints = [models.UniqueConstraint(fields=["program", "peer", "week"], name="journal_once_per_week")]

    def __str__(self) -> str:
        return f"{self.peer}: week of {self.week}"

    @property
    def needs_follow_up(self) -> bool:
        return self.worry_flagged and self.followed_up_at is None

    def clean(self):
        if self.week and self.week.weekday() != 0:
            raise ValidationError({"week": _("A journal week starts on a Monday.")})


class JournalReply(models.Model):
    """The coordinator's reply to a journal entry: the peer sees it under their entry."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("reply"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "entry__program__school"

    class Meta:
        ordering = ["entry", "created_at"]
        verbose_name = _("journal reply")
        verbose_name_plural = _("journal replies")

    def __str__(self) -> str:
        return f"Reply to {self.entry}"
