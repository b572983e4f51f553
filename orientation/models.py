"""Preparing peers (the guide's "Preparing Peers"): the topic library, orientation sessions and their meetings,
invitations and RSVPs, attendance, which required topics each peer has covered, and the program's rule for peers
not yet ready. Also the school's resource library used in orientations.

Programs, students and terms are named by string or come from the core; this app reads ``programs`` and
``recruitment`` only through their selectors and services (docs/architecture.md).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import School, Student, Term
from schools.scoping import SchoolOwnedQuerySet


class TopicQuerySet(SchoolOwnedQuerySet):
    def in_use(self):
        return self.filter(retired_at=None)

    def required(self):
        return self.in_use().filter(is_required=True)


class OrientationTopic(models.Model):
    """One topic of a school's library. The guide's topics are copied into every school's library (``guide_key``
    says which one, so they are not copied twice); a coordinator edits, retires or adds their own."""

    class Tailoring(models.TextChoices):
        # Which partners bring this topic into a tailored agenda (the guide: "If peers will be spending time with
        # students who have complex communication needs ... who engage in unusual or difficult behaviors ...").
        NONE = "", _("Every orientation")
        COMMUNICATION = "communication", _("Partners who use AAC or have complex communication needs")
        BEHAVIOR = "behavior", _("Partners with behaviour support notes")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="orientation_topics")
    guide_key = models.SlugField(max_length=60, blank=True, editable=False)
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("what to cover"), blank=True)
    plain_title = models.CharField(
        _("plainer wording"), max_length=200, blank=True, help_text=_("How the topic is put to younger peers.")
    )
    plain_description = models.TextField(_("plainer description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("Where the topic comes from."))
    tailoring = models.CharField(_("proposed for"), max_length=20, choices=Tailoring.choices, blank=True)
    is_required = models.BooleanField(
        _("required for every peer"),
        default=False,
        help_text=_("A peer is ready once every required topic is covered."),
    )
    is_public = models.BooleanField(
        _("shown to peers"), default=False, help_text=_("Peers see this topic and its shared resources on their page.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("orientation topic")
        verbose_name_plural = _("orientation topics")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "guide_key"], condition=~Q(guide_key=""), name="guide_topic_once_per_school"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def wording_for(self, *, younger: bool) -> str:
        return (self.plain_title or self.title) if younger else self.title


class OrientationSettings(models.Model):
    """A program's rule for peers who have not covered every required topic yet."""

    class NotReady(models.TextChoices):
        WARN = "warn", _("Warn, but let them be matched and scheduled")
        BLOCK = "block", _("Do not match or schedule them until they are ready")

    program = models.OneToOneField("programs.Program", on_delete=models.CASCADE, related_name="orientation_settings")
    not_ready = models.CharField(
        _("peers not yet ready"), max_length=10, choices=NotReady.choices, default=NotReady.WARN
    )
    younger_peers_below_grade = models.PositiveSmallIntegerField(
        _("plainer wording below grade"),
        default=6,
        help_text=_("Peers below this grade get the plainer wording of a topic."),
    )

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        verbose_name = _("orientation settings")
        verbose_name_plural = _("orientation settings")

    def __str__(self) -> str:
        return str(self.program)


class OrientationQuerySet(SchoolOwnedQuerySet):
    def not_cancelled(self):
        return self.filter(cancelled_at=None)


class Orientation(models.Model):
    """An orientation of one program in one term: the first meeting(s) that prepare peers, or a follow-up later in
    the year to share information, discuss emerging issues and brainstorm improvements."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Orientation")
        FOLLOW_UP = "follow_up", _("Follow-up meeting")

    class Audience(models.TextChoices):
        PEERS = "peers", _("Peers")
        PEERS_AND_STUDENTS = "peers_and_students", _("Peers, with the students they support alongside them")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="orientations")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="orientations", verbose_name=_("term"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it is for"), blank=True)
    audience = models.CharField(_("who attends"), max_length=20, choices=Audience.choices, default=Audience.PEERS)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="orientations_facilitated", blank=True, verbose_name=_("facilitators")
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    # Follow-up meetings: what was shared and discussed. Their action items are the program's own action items
    # (programs.ActionItem, the planning meeting's), linked here rather than copied.
    notes = models.TextField(_("notes"), blank=True)
    # A follow-up meeting's agenda, built like a planning meeting's (programs.services.agenda_compose).
    agenda = models.TextField(_("agenda"), blank=True)
    action_items = models.ManyToManyField("programs.ActionItem", related_name="orientations", blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrientationQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class MeetingQuerySet(SchoolOwnedQuerySet):
    def not_cancelled(self):
        return self.filter(cancelled_at=None, orientation__cancelled_at=None)


class OrientationMeeting(models.Model):
    """One sitting of an orientation: before or after school, or one of several lunch periods. A make-up meeting
    (``makeup_for``) covers the topics of the meeting it makes up for, for the peers who missed it."""

    class Slot(models.TextChoices):
        BEFORE_SCHOOL = "before_school", _("Before school")
        LUNCH = "lunch", _("Lunch period")
        AFTER_SCHOOL = "after_school", _("After school")
        DURING_SCHOOL = "during_school", _("During the school day")

    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))
    slot = models.CharField(_("when"), max_length=20, choices=Slot.choices, default=Slot.AFTER_SCHOOL)
    place = models.CharField(_("place"), max_length=200)
    makeup_for = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="makeups",
        verbose_name=_("make-up for"),
    )
    # Who a make-up meeting is for: the peers who missed the meeting it makes up for, chosen when it is planned.
    makeup_students = models.ManyToManyField(Student, related_name="orientation_makeups", blank=True)
    # Raised by every change of date, time or place: the ICS SEQUENCE, and the key that lets a changed time send
    # one update and arm its reminders again.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()
    school_path = "orientation__program__school"

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        verbose_name = _("orientation meeting")
        verbose_name_plural = _("orientation meetings")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.orientation}: {self.date:%Y-%m-%d} {self.starts_at:%H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_makeup(self) -> bool:
        return self.makeup_for_id is not None


class AgendaItem(models.Model):
    """A topic on an orientation's agenda, in order. ``meeting`` places it in one of several meetings (empty: every
    meeting covers it). ``reason`` keeps why tailoring proposed it, in words that name no student's disability."""

    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE, related_name="agenda_items")
    topic = models.ForeignKey(OrientationTopic, on_delete=models.PROTECT, related_name="agenda_items")
    meeting = models.ForeignKey(
        OrientationMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    notes = models.TextField(_("notes for the facilitator"), blank=True)
    reason = models.CharField(_("why it is on the agenda"), max_length=300, blank=True)
    use_plain_wording = models.BooleanField(_("use the plainer wording"), default=False)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "orientation__program__school"

    class Meta:
        ordering = ["orientation", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["orientation", "topic"], name="topic_once_per_agenda"),
        ]

    def __str__(self) -> str:
        return str(self.topic)


class Invitation(models.Model):
    """Someone invited to an orientation: a peer, a focus student attending alongside their peers, or a staff
    member. Peers and students are roster students; staff are accounts."""

    class Response(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        YES = "yes", _("Coming")
        NO = "no", _("Can't come")

    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE, related_name="invitations")
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True, related_name="orientation_invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="orientation_invitations",
    )
    response = models.CharField(_("answer"), max_length=10, choices=Response.choices, default=Response.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "orientation__program__school"

    class Meta:
        ordering = ["orientation", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(student__isnull=False, user__isnull=True) | Q(student__isnull=True, user__isnull=False),
                name="invitation_is_for_a_student_or_a_staff_member",
            ),
            models.UniqueConstraint(
                fields=["orientation", "student"], condition=Q(student__isnull=False), name="student_invited_once"
            ),
            models.UniqueConstraint(
                fields=["orientation", "user"], condition=Q(user__isnull=False), name="staff_invited_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.orientation}: {self.student or self.user}"


class MeetingAttendance(models.Model):
    """Whether one invited student was at one meeting. Everyone invited is present by default on the phone page;
    only the exceptions are tapped, and the page saves the whole list."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(OrientationMeeting, on_delete=models.CASCADE, related_name="attendance")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="orientation_attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "meeting__orientation__program__school"

    class Meta:
        ordering = ["meeting", "student"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "student"], name="attendance_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.student} {self.status}"


class TopicCoverage(models.Model):
    """A student has covered a topic: by attending a meeting that covered it (written when attendance is saved,
    and removed again when it is corrected), or one-to-one with a staff member on a date."""

    class How(models.TextChoices):
        ATTENDED = "attended", _("Attended an orientation meeting")
        ONE_TO_ONE = "one_to_one", _("Covered one-to-one with staff")

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="topic_coverage")
    topic = models.ForeignKey(OrientationTopic, on_delete=models.CASCADE, related_name="coverage")
    how = models.CharField(_("how"), max_length=12, choices=How.choices)
    covered_on = models.DateField(_("covered on"))
    meeting = models.ForeignKey(
        OrientationMeeting, on_delete=models.CASCADE, null=True, blank=True, related_name="coverage"
    )
    covered_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("covered with"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "student__school"

    class Meta:
        ordering = ["student", "topic", "covered_on"]
        verbose_name = _("topic covered")
        verbose_name_plural = _("topics covered")
        constraints = [
            models.CheckConstraint(
                condition=Q(how="attended", meeting__isnull=False) | Q(how="one_to_one", meeting__isnull=True),
                name="coverage_attended_has_a_meeting",
            ),
            models.UniqueConstraint(
                fields=["student", "topic", "meeting"],
                condition=Q(meeting__isnull=False),
                name="coverage_once_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student}: {self.topic}"


class SentReminder(models.Model):
    """One reminder or update email claimed for one person and one meeting at one ``sequence``: inserting this row
    is the claim, so a retried or duplicated beat run never sends twice, and a changed time (a new sequence) arms
    the reminders again."""

    class Kind(models.TextChoices):
        TWO_DAYS = "2d", _("Two days before")
        TWO_HOURS = "2h", _("Two hours before")
        CHANGED = "changed", _("Time or place changed")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(OrientationMeeting, on_delete=models.CASCADE, related_name="sent_reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sequence = models.PositiveIntegerField()
    # "student:<pk>" or "user:<pk>": one key for both kinds of invitee.
    recipient = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "meeting__orientation__program__school"

    class Meta:
        verbose_name = _("orientation reminder")
        verbose_name_plural = _("orientation reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "sequence", "recipient"], name="orientation_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} {self.kind} {self.recipient}"


def resource_upload_to(instance, filename: str) -> str:
    # Files are served only through the permission-checking download view, never from a public URL.
    return f"resources/{instance.school_id}/{timezone.now():%Y%m}/{filename}"


class ResourceQuerySet(SchoolOwnedQuerySet):
    pass


class Resource(models.Model):
    """A file or link in a school's resource library, tagged by what it is about. The author may share it with the
    district; a district model school's shared resources are visible to the district's other schools."""

    class Tag(models.TextChoices):
        ORIENTATION = "orientation", _("Orientation topics")
        FACILITATION = "facilitation", _("Facilitation strategies")
        DISABILITY_AWARENESS = "disability_awareness", _("Disability awareness")
        RECRUITMENT = "recruitment", _("Recruitment materials")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to=resource_upload_to, blank=True)
    url = models.URLField(_("link"), blank=True)
    tags = models.JSONField(_("about"), default=list, blank=True)
    topics = models.ManyToManyField(OrientationTopic, related_name="resources", blank=True, verbose_name=_("topics"))
    shared_with_district = models.BooleanField(_("share with the district"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="resources")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=(~Q(file="") & Q(url="")) | (Q(file="") & ~Q(url="")),
                name="resource_is_a_file_or_a_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_labels(self) -> list[str]:
        """What the resource is about, in words, in the order of the choices (an unknown stored value is left out)."""
        return [label for value, label in self.Tag.choices if value in self.tags]


class OrientationMaterial(models.Model):
    """A file or link handed out at one orientation: a resource of the library, or a file or link of its own."""

    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE, related_name="materials")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to="orientation-materials/%Y/%m/", blank=True)
    url = models.URLField(_("link"), blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "orientation__program__school"

    class Meta:
        ordering = ["orientation", "pk"]
        verbose_name = _("orientation material")
        verbose_name_plural = _("orientation materials")
        constraints = [
            models.CheckConstraint(
                condition=(Q(resource__isnull=False) & Q(file="") & Q(url=""))
                | (Q(resource__isnull=True) & ~Q(file="") & Q(url=""))
                | (Q(resource__isnull=True) & Q(file="") & ~Q(url="")),
                name="material_is_a_resource_a_file_or_a_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title or (self.resource.title if self.resource_id else "")

    # A library resource is handed out as it is in the library (its file or its link), not copied.
    @property
    def stored_file(self):
        return self.resource.file if self.resource_id else self.file

    @property
    def has_file(self) -> bool:
        return bool(self.stored_file)

    @property
    def link(self) -> str:
        return self.resource.url if self.resource_id else self.url
