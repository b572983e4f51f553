"""Read side of activity reminders: who hears about an occurrence, and the occurrences a school's run looks at. They
take a school (a task has no request), never an ``Access``."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from schools.models import School
from schools.peer_safe import shared_name

from ..models import Occurrence, Participant, ReminderPreference


@dataclass(frozen=True)
class Recipient:
    """Someone an occurrence's email goes to: a supervising staff member, or a placed peer or focus student with a
    sign-in that has an address (a guardian's or an application's address is never used)."""

    user_id: int
    email: str
    first_name: str
    is_supervisor: bool
    student_id: int | None = None


def occurrences_for_reminders(*, school, start: datetime.date, end: datetime.date):
    """``school``'s occurrences from ``start`` to ``end``, neither they nor their activity cancelled, with what the
    emails need (supervisors, placed participants and their sign-ins) in a fixed number of queries."""
    placed = Participant.objects.placed().select_related("student__user").order_by("student__first_name")
    return (
        Occurrence.objects.not_cancelled()
        .filter(activity__program__school=school, date__range=(start, end))
        .select_related("activity__program__school")
        .prefetch_related("activity__supervisors", Prefetch("activity__participants", queryset=placed))
        .order_by("date", "starts_at", "pk")
    )


def schools_with_occurrences(*, start: datetime.date, end: datetime.date):
    """The schools with an occurrence not cancelled from ``start`` to ``end`` (one query)."""
    ids = Occurrence.objects.not_cancelled().filter(date__range=(start, end)).values("activity__program__school")
    return School.objects.filter(pk__in=ids).order_by("pk")


def recipients(occurrence, *, supervisors_only: bool = False) -> list[Recipient]:
    """Who hears about ``occurrence``: its supervising staff, then (unless ``supervisors_only``) its placed
    participants who have a sign-in with an address. Read from what ``occurrences_for_reminders`` prefetched."""
    people: dict[int, Recipient] = {}
    for user in occurrence.activity.supervisors.all():
        if user.is_active and user.email:
            people[user.pk] = Recipient(user.pk, user.email, user.first_name or user.get_username(), True)
    if not supervisors_only:
        for place in occurrence.activity.participants.all():
            user = place.student.user
            if user is not None and user.is_active and user.email and user.pk not in people:
                people[user.pk] = Recipient(user.pk, user.email, place.student.short_name, False, place.student_id)
    return list(people.values())


def together_with(occurrence, recipient: Recipient) -> list[str]:
    """The first names (peer-safe) of the others taking part: all a peer may read of a focus student."""
    return [
        shared_name(place.student)
        for place in occurrence.activity.participants.all()
        if place.student_id != recipient.student_id
    ]


def weekly_digest_users(*, user_ids) -> set[int]:
    """Of ``user_ids``, those who chose one weekly digest instead of an email before each activity."""
    weekly = ReminderPreference.objects.filter(user_id__in=user_ids, delivery=ReminderPreference.Delivery.WEEKLY)
    return set(weekly.values_list("user_id", flat=True))


def reminder_preference(*, user) -> ReminderPreference:
    """``user``'s choice, or the default (an email the day before each activity) not yet saved."""
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)
