"""Read side for the schools app: every function takes the request's ``access`` and is already scoped, except the
ones a task may call too, which take the school itself (``staff_members``, ``terms``, ``current_bell_schedule``,
``homeroom_of_teacher``)."""

from django.db.models import Count, Prefetch, Q, prefetch_related_objects

from .models import (
    AccessLogEntry,
    BellSchedule,
    Membership,
    NonSchoolDay,
    PeerAvailability,
    PeerPreference,
    Period,
    School,
    SchoolClass,
    Student,
    Term,
    User,
)


def school_summary(*, access) -> dict:
    """Counts for the active school's dashboard, in one query for the roster."""
    counts = (
        Student.objects.visible_to(access)
        .active()
        .aggregate(
            focus_students=Count("pk", filter=Q(kind=Student.Kind.FOCUS)),
            peers=Count("pk", filter=Q(kind=Student.Kind.PEER)),
        )
    )
    counts["staff"] = Membership.objects.visible_to(access).filter(is_active=True).values("user").distinct().count()
    counts["current_term"] = Term.objects.visible_to(access).current().first()
    return counts


def student_list(*, access, filters=None):
    students = Student.objects.visible_to(access).active().order_by("last_name", "first_name")
    return students if filters is None else filters.qs


def caseload(*, access):
    """The active school's enrolled students whose support team the signed-in person is on (one query)."""
    if not access.is_authenticated:
        return Student.objects.none()
    return (
        Student.objects.visible_to(access)
        .active()
        .filter(support_team=access.user)
        .order_by("last_name", "first_name", "pk")
    )


def staff_members(*, school):
    """People with an active staff role at ``school`` and an account that is switched on, by name: the staff a form
    offers (action-item and channel owners, planning team members, the coordinator, a student's support team).

    Takes the school, not a request's ``Access``, so a task may call it too.
    """
    memberships = Membership.objects.filter(school=school, is_active=True, user__is_active=True)
    return User.objects.filter(pk__in=memberships.values("user")).order_by("last_name", "first_name", "username")


def terms(*, school, newest_first: bool = False):
    """The school's terms, oldest first (a program's or campaign's terms), or newest first (bell schedules)."""
    order = ("-start_date", "end_date") if newest_first else ("start_date", "-end_date")
    return Term.objects.filter(school=school).order_by(*order)


def staff_list(*, access):
    return (
        Membership.objects.visible_to(access)
        .filter(is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "role")
    )


def district_school_summaries(*, access):
    """Every school the district administrator oversees, with its roster counts (one query)."""
    return (
        School.objects.filter(district__in=access.district_ids)
        .select_related("district")
        .annotate(
            focus_students=Count("students", filter=Q(students__kind=Student.Kind.FOCUS, students__is_active=True)),
            peers=Count("students", filter=Q(students__kind=Student.Kind.PEER, students__is_active=True)),
        )
        .order_by("district__name", "name")
    )


def own_student_record(*, access):
    """The signed-in peer's or student's own record (never anyone else's)."""
    if not access.is_authenticated:
        return None
    return Student.objects.visible_to(access).filter(user=access.user).first()


def student_profile_queryset(*, access):
    """Students with everything their page shows, in a fixed number of queries (the confidential part apart)."""
    return (
        Student.objects.visible_to(access)
        .select_related("school")
        .prefetch_related(
            Prefetch("classes", queryset=SchoolClass.objects.select_related("period").order_by("title")),
            Prefetch("availability", queryset=PeerAvailability.objects.select_related("period").order_by("weekday")),
        )
    )


def load_confidential_record(student) -> None:
    """Fetch the confidential part of one student's record; call only after ``can_view_sensitive``."""
    prefetch_related_objects(
        [student],
        "iep_goals",
        "behavior_notes",
        "guardians",
        Prefetch("peer_preferences", queryset=PeerPreference.objects.select_related("peer")),
        Prefetch("support_team", queryset=User.objects.order_by("last_name", "first_name")),
    )


def peer_options(*, access):
    return Student.objects.visible_to(access).peers().active().order_by("last_name", "first_name")


def current_bell_schedule(*, school):
    """The school's bell schedule for the current term (the shortest current term that has one). Takes the school:
    the public application form of a campaign calls it too, with no signed-in person."""
    for term in Term.objects.filter(school=school).current():
        schedule = BellSchedule.objects.filter(school=school, term=term).order_by("name").first()
        if schedule is not None:
            return schedule
    return None


def non_school_days(*, school, start, end) -> set:
    """The school's non-school days from ``start`` to ``end`` (both included): recurring activities skip them.
    Takes the school: the scheduling service and tasks call it too."""
    return set(NonSchoolDay.objects.filter(school=school, date__range=(start, end)).values_list("date", flat=True))


def bell_schedule_for(*, school, on):
    """The school's bell schedule on a day: the shortest term containing ``on`` that has one (None when none)."""
    terms = Term.objects.filter(school=school, start_date__lte=on, end_date__gte=on)
    for term in sorted(terms, key=lambda t: t.end_date - t.start_date):
        schedule = BellSchedule.objects.filter(school=school, term=term).order_by("name").first()
        if schedule is not None:
            return schedule
    return None


def bell_schedules(*, access):
    return (
        BellSchedule.objects.visible_to(access)
        .select_related("term")
        .prefetch_related(Prefetch("periods", queryset=Period.objects.order_by("order")))
        .order_by("-term__start_date", "name")
    )


def access_log(*, access):
    return AccessLogEntry.objects.visible_to(access).select_related("user", "student")


# Courtesy titles a student writes before a teacher's name ("Ms. Morgan"); the roster has the bare name.
COURTESY_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "coach"}


def _name_words(name: str) -> list[str]:
    words = name.casefold().replace(".", " ").split()
    return [word for word in words if word not in COURTESY_TITLES]


def _same_teacher(typed: list[str], teacher_name: str) -> bool:
    """ "Keisha Morgan", "Ms. Morgan" and "morgan" name the teacher Keisha Morgan; "Ms. Keisha" does not."""
    for one_teacher in teacher_name.split(","):
        words = _name_words(one_teacher)
        if words and (typed == words or (len(typed) == 1 and typed[0] == words[-1])):
            return True
    return False


def homeroom_of_teacher(*, school: School, teacher_name: str) -> str | None:
    """The homeroom (the class's title, as the roster import sets ``Student.homeroom``) whose teacher a student
    named, or ``None`` when no homeroom class of the school has that teacher, or when several do (a guess would put
    the student in the wrong room)."""
    typed = _name_words(teacher_name)
    if not typed:
        return None
    homerooms = SchoolClass.objects.filter(school=school, is_homeroom=True).exclude(teacher_name="")
    titles = {c.title for c in homerooms.only("title", "teacher_name") if _same_teacher(typed, c.teacher_name)}
    return titles.pop() if len(titles) == 1 else None
