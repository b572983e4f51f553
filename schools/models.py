"""Districts, schools, terms, people and the memberships that decide what each person may see.

Every school-owned model uses ``SchoolOwnedQuerySet`` (see ``schools.scoping``) so that views reach rows only through
``.visible_to(access)``.
"""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="school_name_unique_in_district"),
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


class TermQuerySet(SchoolOwnedQuerySet):
    def current(self, on=None):
        """Terms that contain the day, the shortest first (a semester before its school year)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on, end_date__gte=on).order_by(
            models.F("end_date") - models.F("start_date"), "start_date"
        )


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

    Sensitive fields (support needs, IEP goals) are read only by roles with ``view_student_sensitive``; what a peer
    may see is a separate, explicit view.
    """

    class Kind(models.TextChoices):
        FOCUS = "focus", _("Focus student")
        PEER = "peer", _("Peer partner")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="students")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), choices=GRADE_CHOICES)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="student", verbose_name=_("sign-in")
    )
    interests = models.TextField(_("interests and hobbies"), blank=True)
    # Peer-safe: how to talk with me, written so a paired peer can read it.
    communication = models.TextField(_("how to communicate with me"), blank=True)
    # Sensitive: never shown to peers.
    support_needs = models.TextField(_("support needs"), blank=True)
    is_active = models.BooleanField(_("enrolled"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StudentQuerySet.as_manager()

    SENSITIVE_FIELDS = ("support_needs", "date_of_birth")

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        indexes = [models.Index(fields=["school", "kind", "last_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def short_name(self) -> str:
        return self.preferred_name or self.first_name

    @property
    def full_name(self) -> str:
        return f"{self.short_name} {self.last_name}"

    def clean(self):
        if self.school_id and self.grade is not None:
            school = self.school
            if not school.lowest_grade <= self.grade <= school.highest_grade:
                raise ValidationError({"grade": _("%(school)s does not have this grade.") % {"school": school}})


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
    settings_for_peer_support = models.CharField(
        _("settings where peers may support it"), max_length=200, blank=True
    )

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "student__school"

    class Meta:
        ordering = ["student", "domain", "pk"]
        verbose_name = _("IEP goal")
        verbose_name_plural = _("IEP goals")

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.goal[:60]}"
