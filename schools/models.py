"""Districts, schools, terms, people and the memberships that decide what each person may see.

Every school-owned model uses ``SchoolOwnedQuerySet`` (see ``schools.scoping``) so that views reach rows only through
``.visible_to(access)``.
"""

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .append_only import AppendOnlyModel
from .scoping import SchoolOwnedQuerySet


class User(AbstractUser):
    """Anyone who signs in: staff, administrators, and the peers and students who have an account.

    Email is optional: students under 13 sign in with a username issued by their coordinator.
    """

    email = models.EmailField(_("email address"), blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, default="en")

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class District(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class SchoolQuerySet(models.QuerySet):
    def visible_to(self, access):
        """Schools the signed-in person may open: their memberships, or every school of their district."""
        return self.filter(pk__in=access.school_ids)


class School(models.Model):
    class Level(models.TextChoices):
        ELEMENTARY = "elementary", _("Elementary school")
        INTERMEDIATE = "intermediate", _("Intermediate school")
        MIDDLE = "middle", _("Middle school")
        HIGH = "high", _("High school")
        K12 = "k12", _("K-12 school")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="schools")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    lowest_grade = models.PositiveSmallIntegerField(_("lowest grade"), help_text=_("0 is kindergarten."))
    highest_grade = models.PositiveSmallIntegerField(_("highest grade"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/Chicago")
    # The student information system's org id (OneRoster orgs.csv sourcedId): roster imports keep this org's rows.
    source_id = models.CharField(_("SIS org id"), max_length=255, blank=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="school_name_unique_in_district"),
            models.UniqueConstraint(
                fields=["district", "source_id"], condition=~Q(source_id=""), name="school_source_id_unique_in_district"
            ),
            models.CheckConstraint(
                condition=Q(lowest_grade__lte=models.F("highest_grade")) & Q(highest_grade__lte=12),
                name="school_grades_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def current_term(self):
        return Term.objects.filter(school=self).current().first()

    @property
    def grade_choices(self) -> list[tuple[int, str]]:
        """The grades this school teaches, for every grade select of its pages (K-12 would offer impossible ones)."""
        return [(grade, label) for grade, label in GRADE_CHOICES if self.lowest_grade <= grade <= self.highest_grade]


def calendar_school_year_start(day: datetime.date) -> int:
    """The calendar year the school year around ``day`` started in, by the calendar alone (school years start in
    August): for the demo, which needs a year before any term exists. Everything else asks the school's terms."""
    return day.year if day.month >= 7 else day.year - 1


class TermQuerySet(SchoolOwnedQuerySet):
    def current(self, on=None):
        """Terms that contain the day, the shortest first (a semester before its school year)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on, end_date__gte=on).order_by(
            models.F("end_date") - models.F("start_date"), "start_date"
        )

    # The school year, one definition: the school's own "school year" term. Each caller keeps its own answer for a
    # school that has not entered one (no end, a year later, the term's own end).

    def school_years(self):
        return self.filter(kind=Term.Kind.SCHOOL_YEAR)

    def school_year_containing(self, school, on: datetime.date, *, until: datetime.date | None = None):
        """The school's school-year term containing the days ``on`` … ``until`` (``on`` alone by default), or None.
        ``school`` is a school or its id."""
        return (
            self.school_years()
            .filter(school=school, start_date__lte=on, end_date__gte=until or on)
            .order_by("end_date", "pk")
            .first()
        )

    def school_year_end(self, school, on: datetime.date) -> datetime.date | None:
        """The last day of the school's school year containing ``on``; None when the school has not entered it."""
        year = self.school_year_containing(school, on)
        return year.end_date if year is not None else None

    def school_year_of(self, term):
        """The school year ``term`` belongs to: itself, its parent, or the school-year term around it (a semester
        entered without one); None when the school has not entered it."""
        if term.kind == Term.Kind.SCHOOL_YEAR:
            return term
        if term.parent_id:
            return term.parent
        return self.school_year_containing(term.school_id, term.start_date, until=term.end_date)

    def next_school_year(self, school, *, after: datetime.date):
        """The school's first school-year term starting after ``after``, or None when it has not been entered."""
        return self.school_years().filter(school=school, start_date__gt=after).order_by("start_date").first()


class Term(models.Model):
    """A school year, or a semester/trimester/quarter inside one. Programs run across terms; reports are per term."""

    class Kind(models.TextChoices):
        SCHOOL_YEAR = "school_year", _("School year")
        SEMESTER = "semester", _("Semester")
        TRIMESTER = "trimester", _("Trimester")
        QUARTER = "quarter", _("Quarter")
        SUMMER = "summer", _("Summer session")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="terms")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("part of"),
        help_text=_("The school year a semester belongs to."),
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["school", "start_date", "-end_date"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="term_name_unique_in_school"),
            models.CheckConstraint(condition=Q(end_date__gt=models.F("start_date")), name="term_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": _("The last day must be after the first day.")})
        if self.parent_id and self.start_date and self.end_date:
            parent = self.parent
            if parent.school_id != self.school_id:
                raise ValidationError({"parent": _("The school year must belong to the same school.")})
            if self.start_date < parent.start_date or self.end_date > parent.end_date:
                raise ValidationError(_("A term must fall inside the school year it belongs to."))


class Role(models.TextChoices):
    """What a person does at one school. Staff roles come from the guide's list of people who make a program work."""

    COORDINATOR = "coordinator", _("Program coordinator")
    SPECIAL_EDUCATOR = "special_educator", _("Special educator")
    GENERAL_EDUCATOR = "general_educator", _("General educator")
    PARAPROFESSIONAL = "paraprofessional", _("Paraprofessional")
    RELATED_SERVICE = "related_service", _("Related-service specialist")
    COUNSELOR = "counselor", _("School counselor")
    SCHOOL_ADMIN = "school_admin", _("School administrator")


class Specialty(models.TextChoices):
    SPEECH_LANGUAGE = "slp", _("Speech-language pathologist")
    OCCUPATIONAL = "ot", _("Occupational therapist")
    PHYSICAL = "pt", _("Physical therapist")
    BEHAVIOR = "behavior", _("Behavior specialist")
    OTHER = "other", _("Other specialist")


class Membership(models.Model):
    """One role of one staff member at one school. A person may hold roles at several schools."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    specialty = models.CharField(_("specialty"), max_length=20, choices=Specialty.choices, blank=True)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = SchoolOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["school", "role", "user__last_name"]
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "school", "role"], name="membership_unique_role"),
            models.CheckConstraint(
                condition=Q(role="related_service") | Q(specialty=""),
                name="membership_specialty_only_for_specialists",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.display_name}: {self.get_role_display()}, {self.school}"

    def clean(self):
        if self.role == Role.RELATED_SERVICE and not self.specialty:
            raise ValidationError({"specialty": _("Choose the specialist's field.")})
        if self.role != Role.RELATED_SERVICE and self.specialty:
            raise ValidationError({"specialty": _("Only related-service specialists have a specialty.")})


class DistrictAdministrator(models.Model):
    """A district office role: reviews every school of the district through dashboards and reports."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="district_roles")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="administrators")
    title = models.CharField(_("job title"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("district administrator")
        verbose_name_plural = _("district administrators")
        constraints = [models.UniqueConstraint(fields=["user", "district"], name="district_admin_unique")]

    def __str__(self) -> str:
        return f"{self.user.display_name}: {self.district}"


GRADE_CHOICES = [(0, _("Kindergarten"))] + [(g, _("Grade %(grade)s") % {"grade": g}) for g in range(1, 13)]


class StudentQuerySet(SchoolOwnedQuerySet):
    def focus_students(self):
        return self.filter(kind=Student.Kind.FOCUS)

    def peers(self):
        return self.filter(kind=Student.Kind.PEER)

    def active(self):
        return self.filter(is_active=True)


class Student(models.Model):
    """A student enrolled at a school: a focus student (a student with significant cognitive disabilities) or a peer.

    Fields fall in two groups. Peer-safe ones (first name, interests, how to communicate with me, how to help me)
    may be shown to a paired peer through ``peer_safe_profile``. Sensitive ones (``SENSITIVE_FIELDS``, plus IEP goals,
    behaviour notes, preferences and guardians) are shown only to the coordinator, the principal and the student's
    support team (``schools.permissions.can_view_sensitive``), and every view of them is written to the access log.
    """

    class Kind(models.TextChoices):
        FOCUS = "focus", _("Focus student")
        PEER = "peer", _("Peer partner")

    class Speech(models.TextChoices):
        SPEAKS = "speaks", _("Speaks in sentences")
        SOME_WORDS = "some_words", _("Uses some words or signs")
        NO_SPEECH = "no_speech", _("Does not use speech")

    class Participation(models.TextChoices):
        ACTIVE = "active", _("Active")
        ON_BREAK = "on_break", _("On a break")
        FORMER = "former", _("No longer taking part")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="students")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The student information system's id (OneRoster sourcedId): re-imports update the same row.
    source_id = models.CharField(_("SIS id"), max_length=255, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), choices=GRADE_CHOICES)
    homeroom = models.CharField(_("homeroom"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="student", verbose_name=_("sign-in")
    )
    participation = models.CharField(
        _("status"), max_length=20, choices=Participation.choices, default=Participation.ACTIVE
    )
    # The staff who work with this student (case manager, teachers, specialists): besides the coordinator and the
    # principal, only they see the confidential record.
    support_team = models.ManyToManyField(
        User,
        blank=True,
        related_name="caseload",
        verbose_name=_("support team"),
        help_text=_("Staff who work with this student. They see the confidential record."),
    )

    # Peer-safe: what a paired peer may read.
    interests = models.TextField(_("interests and hobbies"), blank=True)
    communication = models.TextField(_("how to communicate with me"), blank=True)
    how_to_help = models.TextField(_("how to help me"), blank=True)

    # About the student, for staff.
    strengths = models.TextField(_("strengths"), blank=True)
    school_involvement = models.TextField(
        _("school involvement"), blank=True, help_text=_("Clubs, teams, classes and activities the student is part of.")
    )
    speech = models.CharField(_("speech"), max_length=20, choices=Speech.choices, blank=True)
    aac_device = models.CharField(
        _("AAC device"), max_length=200, blank=True, help_text=_("The device or system, and how to talk with its user.")
    )
    complex_communication_needs = models.BooleanField(_("complex communication needs"), default=False)

    # Sensitive: staff who work with the student only.
    support_needs = models.TextField(_("support needs"), blank=True)
    activities_wanted = models.TextField(_("activities I want to do"), blank=True)
    support_preferred = models.TextField(_("how I would like to be supported"), blank=True)
    support_not_wanted = models.TextField(_("how I would not like to be supported"), blank=True)
    cultural_considerations = models.TextField(_("cultural and family considerations"), blank=True)

    # Peers
    prior_experience = models.TextField(
        _("prior experience"), blank=True, help_text=_("Earlier experiences with, or family connection to, disability.")
    )
    family_connection = models.BooleanField(_("family member with a disability"), default=False)

    is_active = models.BooleanField(_("enrolled"), default=True)
    # FERPA directory opt-out: the family asked that the student's name and photo not be shared; peers' rosters and
    # exports leave them out.
    directory_opt_out = models.BooleanField(
        _("directory opt-out"),
        default=False,
        help_text=_("The family asked that the name and photo not be shared: hidden from peers and from exports."),
    )
    # Set when the retention task (or a school's "delete this child's data") erased the personal data: the row stays
    # as a tombstone so the access log and disclosures keep pointing at something.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StudentQuerySet.as_manager()

    SENSITIVE_FIELDS = (
        "support_needs",
        "date_of_birth",
        "activities_wanted",
        "support_preferred",
        "support_not_wanted",
        "cultural_considerations",
    )
    PEER_SAFE_FIELDS = ("first_name", "preferred_name", "interests", "communication", "how_to_help")

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        indexes = [models.Index(fields=["school", "kind", "last_name"], name="student_roster_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "source_id"], condition=~Q(source_id=""), name="student_source_id_unique_in_school"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def short_name(self) -> str:
        return self.preferred_name or self.first_name

    @property
    def full_name(self) -> str:
        return f"{self.short_name} {self.last_name}"

    @property
    def is_focus_student(self) -> bool:
        return self.kind == self.Kind.FOCUS

    def is_under_13(self, on=None) -> bool:
        """COPPA applies under 13. Without a date of birth, grade 7 and below count as under 13 (to be safe)."""
        on = on or timezone.localdate()
        if self.date_of_birth:
            born = self.date_of_birth
            age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
            return age < 13
        return self.grade <= 7

    def clean(self):
        if self.school_id and self.grade is not None:
            school = self.school
            if not school.lowest_grade <= self.grade <= school.highest_grade:
                raise ValidationError({"grade": _("%(school)s does not have this grade.") % {"school": school}})


class Guardian(models.Model):
    """A parent or guardian of a student: contact details and the language to write to them in. Sensitive."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="guardians")
    source_id = models.CharField(_("SIS id"), max_length=255, blank=True)
    name = models.CharField(_("name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("preferred language"), max_length=50, blank=True, default="English")
    is_primary = models.BooleanField(_("primary contact"), default=False)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "student__school"

    class Meta:
        ordering = ["student", "-is_primary", "name"]
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self) -> str:
        return self.name


class IEPGoal(models.Model):
    """An IEP goal that shared activities can address. Sensitive: staff who work with the student only."""

    class Domain(models.TextChoices):
        SOCIAL = "social", _("Social")
        COMMUNICATION = "communication", _("Communication")
        BEHAVIOR = "behavior", _("Behavior")
        ACADEMIC = "academic", _("Academic")
        INDEPENDENCE = "independence", _("Independence")

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="iep_goals")
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    goal = models.TextField(_("goal"))
    settings_for_peer_support = models.CharField(_("settings where peers may support it"), max_length=200, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "student__school"

    class Meta:
        ordering = ["student", "domain", "pk"]
        verbose_name = _("IEP goal")
        verbose_name_plural = _("IEP goals")

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.goal[:60]}"


class BehaviorNote(models.Model):
    """What a behaviour may communicate and how to respond: the guide's guidance for peers, kept for staff."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="behavior_notes")
    behavior = models.CharField(_("behavior"), max_length=300)
    what_it_may_communicate = models.TextField(_("what it may communicate"))
    how_to_respond = models.TextField(_("how to respond"))

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "student__school"

    class Meta:
        ordering = ["student", "pk"]
        verbose_name = _("behavior note")
        verbose_name_plural = _("behavior notes")

    def __str__(self) -> str:
        return self.behavior


class PeerPreference(models.Model):
    """A focus student's own voice about people: someone, or a group, they would like to get to know or avoid.

    Used by matching as a preference ("get to know") or a hard constraint ("avoid"). Sensitive.
    """

    class Kind(models.TextChoices):
        GET_TO_KNOW = "get_to_know", _("Would like to get to know")
        AVOID = "avoid", _("Would rather avoid")

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="peer_preferences")
    kind = models.CharField(_("preference"), max_length=20, choices=Kind.choices)
    peer = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("peer")
    )
    group = models.CharField(_("or a group"), max_length=200, blank=True, help_text=_("e.g. the soccer team"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "student__school"

    class Meta:
        ordering = ["student", "kind", "pk"]
        verbose_name = _("peer preference")
        verbose_name_plural = _("peer preferences")
        constraints = [
            models.CheckConstraint(condition=~Q(peer=None) | ~Q(group=""), name="peer_preference_names_someone"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.peer or self.group}"

    def clean(self):
        if not self.peer_id and not self.group:
            raise ValidationError(_("Choose a peer or describe a group."))
        if self.peer_id and self.student_id:
            if self.peer_id == self.student_id:
                raise ValidationError({"peer": _("Choose someone other than the student.")})
            if self.peer.school_id != self.student.school_id:
                raise ValidationError({"peer": _("Choose a student of the same school.")})


class BellSchedule(models.Model):
    """A school's periods for one term; matching and activities place people in these periods."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="bell_schedules")
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="bell_schedules")
    name = models.CharField(_("name"), max_length=100, default="Regular day")

    objects = SchoolOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["school", "term__start_date", "name"]
        verbose_name = _("bell schedule")
        verbose_name_plural = _("bell schedules")
        constraints = [models.UniqueConstraint(fields=["term", "name"], name="bell_schedule_unique_in_term")]

    def __str__(self) -> str:
        return f"{self.name} ({self.term})"

    def clean(self):
        if self.term_id and self.school_id and self.term.school_id != self.school_id:
            raise ValidationError({"term": _("Choose a term of this school.")})


class Period(models.Model):
    class Kind(models.TextChoices):
        CLASS = "class", _("Class period")
        LUNCH = "lunch", _("Lunch")
        RECESS = "recess", _("Recess")
        ADVISORY = "advisory", _("Advisory / homeroom")
        OTHER = "other", _("Other")

    schedule = models.ForeignKey(BellSchedule, on_delete=models.CASCADE, related_name="periods")
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CLASS)
    order = models.PositiveSmallIntegerField(_("order"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "schedule__school"

    class Meta:
        ordering = ["schedule", "order"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(fields=["schedule", "order"], name="period_order_unique"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A period must end after it starts.")})


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")


class PeerAvailability(models.Model):
    """A peer is free in this period on this weekday (for matching and shared activities)."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="availability")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="available_peers")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "student__school"

    class Meta:
        ordering = ["student", "weekday", "period__order"]
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        constraints = [
            models.UniqueConstraint(fields=["student", "period", "weekday"], name="availability_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.period}"


class SchoolClass(models.Model):
    """A class section from the student information system (OneRoster ``classes.csv``), e.g. homeroom or science."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="classes")
    term = models.ForeignKey(Term, on_delete=models.SET_NULL, null=True, blank=True, related_name="classes")
    source_id = models.CharField(_("SIS id"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=200)
    course_code = models.CharField(_("course code"), max_length=100, blank=True)
    is_homeroom = models.BooleanField(_("homeroom"), default=False)
    period = models.ForeignKey(
        Period, on_delete=models.SET_NULL, null=True, blank=True, related_name="classes", verbose_name=_("period")
    )
    periods_text = models.CharField(_("periods (as imported)"), max_length=100, blank=True)
    location = models.CharField(_("room"), max_length=100, blank=True)
    teacher_name = models.CharField(_("teacher"), max_length=200, blank=True)
    students = models.ManyToManyField(Student, related_name="classes", blank=True, verbose_name=_("students"))

    objects = SchoolOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["school", "title"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "source_id"], condition=~Q(source_id=""), name="class_source_id_unique_in_school"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AccessLogEntry(AppendOnlyModel):
    """Who saw, changed, exported or printed a student's sensitive record, when and from where (FERPA 34 CFR 99.32).

    Append-only: written by ``schools.services.record_access`` only; the content itself is never stored.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")
        PRINT = "print", _("Printed")
        DOWNLOAD = "download", _("Downloaded")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="access_log")
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="access_log", null=True, blank=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_log")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    what = models.CharField(_("what"), max_length=200)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("from"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.what}"


class SignInSession(models.Model):
    """A session someone signed in with. Deactivating a person, or signing out, ends their sessions at once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in session")
        verbose_name_plural = _("sign-in sessions")

    def __str__(self) -> str:
        return f"{self.user} since {self.signed_in_at:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """When a Celery worker last ran its periodic heartbeat task; ``/healthz/ready`` reports the worker from it.

    One row per worker host name (``schools.services.worker_heartbeat_record``); pages never show the names.
    """

    hostname = models.CharField(max_length=255, primary_key=True)
    beat_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.hostname} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


# Roster imports and the privacy records live in sub-packages; Django finds an app's models through this module.
from .outbox.models import OutboxItem  # noqa: E402, F401
from .privacy.models import ConsentRecord, Disclosure, InspectionRequest  # noqa: E402, F401
from .rostering.models import RosterImport  # noqa: E402, F401


class NonSchoolDay(models.Model):
    """A day of a school's calendar with no classes (a holiday, a break, a teacher work day): recurring activities
    skip it. Entered by hand or imported from the district's CSV or ICS calendar."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="non_school_days")
    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, null=True, blank=True, related_name="non_school_days", verbose_name=_("term")
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("what it is"), max_length=120, help_text=_("e.g. Thanksgiving break"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["school", "date"]
        verbose_name = _("non-school day")
        verbose_name_plural = _("non-school days")
        constraints = [models.UniqueConstraint(fields=["school", "date"], name="non_school_day_once_per_date")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"

    def clean(self):
        if self.term_id and self.school_id and self.term.school_id != self.school_id:
            raise ValidationError({"term": _("Choose a term of this school.")})
        if self.term_id and self.date and not (self.term.start_date <= self.date <= self.term.end_date):
            raise ValidationError({"date": _("Choose a day inside the term.")})
