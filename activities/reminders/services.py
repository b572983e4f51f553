"""Activity reminders, and what follows a non-school day added after activities were scheduled. Every email goes
through the outbox in the transaction that claims it.

When (each school's own time zone, ``schools.dates``; beat runs ``reminders_send`` every 15 minutes):
- the day before an occurrence, from ``DAY_BEFORE_FROM`` until midnight: one email to each supervising staff member
  and each placed peer or focus student with a sign-in address, unless their weekly digest already listed it;
- on the day, from ``ATTENDANCE_PROMPT_FROM`` (or the end of the occurrence, if later) until midnight: the
  supervisors, when attendance was not taken, get a link to the phone attendance page;
- Sundays from ``DIGEST_FROM``: people who chose the weekly digest (``ReminderPreference``) get one email listing
  the coming week's occurrences.
Nothing for a cancelled occurrence or activity. Each email is claimed first by a ``SentActivityReminder`` row whose
unique key names it (kind, occurrence, its date, person): a retried task or a second beat finds the claim and sends
nothing; a moved occurrence has a new date, so its new day gets its reminder. The outbox's key is the same name.
"""

import datetime
import hashlib
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schools.dates import school_today, school_zone
from schools.services import email_queue

from ..models import Occurrence, ReminderPreference, Repeats, SentActivityReminder
from . import selectors

DAY_BEFORE_FROM = datetime.time(15, 0)
ATTENDANCE_PROMPT_FROM = datetime.time(17, 0)
DIGEST_WEEKDAY = 6  # Sunday
DIGEST_FROM = datetime.time(15, 0)

TEMPLATES = "activities/reminders/emails/"


def _site(path: str) -> str:
    return settings.SITE_URL + path


def attendance_url(occurrence) -> str:
    """The phone attendance page of ``occurrence`` (the attendance area's ``activities:attendance``). Until that
    page is merged its agreed path is used, so the prompt's link is right either way."""
    try:
        path = reverse("activities:attendance", kwargs={"pk": occurrence.pk})
    except NoReverseMatch:
        path = f"/activities/occurrences/{occurrence.pk}/attendance/"
    return _site(path)


def _preferences_url() -> str:
    return _site(reverse("activities:reminders"))


def _claim(keys: list[str], *, occurrence=None) -> None:
    """Insert the claims; a key another run inserted first raises ``IntegrityError`` (the caller's transaction is
    rolled back, so its email is not queued)."""
    for key in keys:
        SentActivityReminder.objects.create(key=key, occurrence=occurrence)


def _claimed(keys) -> set[str]:
    return set(SentActivityReminder.objects.filter(key__in=list(keys)).values_list("key", flat=True))


def _occurrence_context(occurrence, recipient) -> dict:
    return {
        "occurrence": occurrence,
        "activity": occurrence.activity,
        "where": occurrence.where,
        "with_names": selectors.together_with(occurrence, recipient),
    }


def _locked(occurrence_id):
    """The occurrence, locked for this run (``skip_locked``: another run holding it is sending its emails), or None
    when it is locked, gone or cancelled meanwhile."""
    return (
        Occurrence.objects.select_for_update(skip_locked=True, of=("self",))
        .not_cancelled()
        .filter(pk=occurrence_id)
        .first()
    )


def _send_each(occurrence, *, kind: str, people, template: str, extra: dict, skip: set[str] = frozenset()) -> int:
    """Claim and queue ``kind``'s email of ``occurrence`` for each of ``people`` not claimed yet, in one transaction
    with the occurrence locked. Returns how many were queued."""
    school = occurrence.activity.program.school
    keyed = {f"{kind}:{occurrence.pk}:{occurrence.date:%Y%m%d}:{p.user_id}": p for p in people}
    keyed = {key: p for key, p in keyed.items() if key not in skip}
    if not keyed:
        return 0
    try:
        with transaction.atomic():
            if _locked(occurrence.pk) is None:
                return 0
            sent = 0
            done = _claimed(keyed)
            for key, person in keyed.items():
                if key in done:
                    continue
                _claim([key], occurrence=occurrence)
                email_queue(
                    template=TEMPLATES + template,
                    context={"first_name": person.first_name, **_occurrence_context(occurrence, person), **extra},
                    to=person.email,
                    school=school,
                    key=f"activity-reminder:{key}",
                )
                sent += 1
            return sent
    except IntegrityError:
        # Another run claimed one of them between our read and our insert: it sends them all.
        return 0


def _day_before_send(school, *, day: datetime.date) -> int:
    occurrences = list(selectors.occurrences_for_reminders(school=school, start=day, end=day))
    people = {o.pk: selectors.recipients(o) for o in occurrences}
    weekly = selectors.weekly_digest_users(user_ids={p.user_id for ps in people.values() for p in ps})
    # A weekly digest that listed the occurrence on this day stands for its day-before email.
    digested = _claimed(
        f"digest-item:{o.pk}:{o.date:%Y%m%d}:{p.user_id}"
        for o in occurrences
        for p in people[o.pk]
        if p.user_id in weekly
    )
    sent = 0
    for occurrence in occurrences:
        skip = {
            f"day-before:{occurrence.pk}:{occurrence.date:%Y%m%d}:{p.user_id}"
            for p in people[occurrence.pk]
            if f"digest-item:{occurrence.pk}:{occurrence.date:%Y%m%d}:{p.user_id}" in digested
        }
        sent += _send_each(
            occurrence,
            kind="day-before",
            people=people[occurrence.pk],
            template="day_before",
            extra={"preferences_url": _preferences_url()},
            skip=skip,
        )
    return sent


def _attendance_prompts_send(school, *, day: datetime.date, at: datetime.time) -> int:
    sent = 0
    for occurrence in selectors.occurrences_for_reminders(school=school, start=day, end=day):
        if occurrence.attendance_taken_at is not None or at < max(ATTENDANCE_PROMPT_FROM, occurrence.ends_at):
            continue
        sent += _send_each(
            occurrence,
            kind="attendance-prompt",
            people=selectors.recipients(occurrence, supervisors_only=True),
            template="attendance_prompt",
            extra={"attendance_url": attendance_url(occurrence)},
        )
    return sent


def _digests_send(school, *, first_day: datetime.date) -> int:
    """One email to each person of ``school`` who chose the weekly digest, listing their occurrences from
    ``first_day`` (Monday) for a week; nobody with none gets one."""
    last_day = first_day + datetime.timedelta(days=6)
    occurrences = list(selectors.occurrences_for_reminders(school=school, start=first_day, end=last_day))
    by_person: dict[int, list] = defaultdict(list)
    people = {}
    for occurrence in occurrences:
        for person in selectors.recipients(occurrence):
            by_person[person.user_id].append(occurrence)
            people[person.user_id] = person
    weekly = selectors.weekly_digest_users(user_ids=by_person)
    sent = 0
    for user_id in sorted(weekly):
        person, items = people[user_id], by_person[user_id]
        key = f"digest:{school.pk}:{first_day:%Y%m%d}:{user_id}"
        try:
            with transaction.atomic():
                if _claimed([key]):
                    continue
                _claim([key])
                # Each occurrence listed, on its day: its day-before email is not sent (a moved one is, for its
                # new day).
                SentActivityReminder.objects.bulk_create(
                    [
                        SentActivityReminder(key=f"digest-item:{o.pk}:{o.date:%Y%m%d}:{user_id}", occurrence=o)
                        for o in items
                    ],
                    ignore_conflicts=True,
                )
                email_queue(
                    template=TEMPLATES + "digest",
                    context={
                        "first_name": person.first_name,
                        "first_day": first_day,
                        "last_day": last_day,
                        "items": [_occurrence_context(o, person) for o in items],
                        "preferences_url": _preferences_url(),
                    },
                    to=person.email,
                    school=school,
                    key=f"activity-reminder:{key}",
                )
                sent += 1
        except IntegrityError:
            continue  # another run claimed this digest first and sends it
    return sent


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Send every activity reminder due ``now`` at each school, each claimed once. Returns how many were queued."""
    now = now or timezone.now()
    # Every school's today lies within a day of UTC's: these dates cover today, tomorrow and a digest's week anywhere.
    utc_today = now.astimezone(datetime.UTC).date()
    sent = 0
    schools = selectors.schools_with_occurrences(
        start=utc_today - datetime.timedelta(days=1), end=utc_today + datetime.timedelta(days=9)
    )
    for school in schools:
        local = timezone.localtime(now, school_zone(school))
        today, at = local.date(), local.time()
        tomorrow = today + datetime.timedelta(days=1)
        # The digest first: what it lists is not sent again the day before.
        if today.weekday() == DIGEST_WEEKDAY and at >= DIGEST_FROM:
            sent += _digests_send(school, first_day=tomorrow)
        if at >= DAY_BEFORE_FROM:
            sent += _day_before_send(school, day=tomorrow)
        if at >= ATTENDANCE_PROMPT_FROM:
            sent += _attendance_prompts_send(school, day=today, at=at)
    return sent


def reminder_preference_save(*, user, delivery: str) -> ReminderPreference:
    """Save how ``user`` wants activity reminders (``ReminderPreference.Delivery``)."""
    with transaction.atomic():
        preference = ReminderPreference.objects.select_for_update().filter(user=user).first()
        preference = preference or ReminderPreference(user=user)
        preference.delivery = delivery
        preference.full_clean()
        preference.save()
    return preference


# --- Non-school days added after activities were scheduled ---


def occurrences_cancel_on_non_school_days(*, school, days: dict[datetime.date, str]) -> str:
    """Registered with ``schools.calendar.registry``: called in the transaction that adds ``days`` ({date: name}) to
    ``school``'s calendar. Cancels the recurring activities' occurrences on those days that are not past and whose
    attendance was not taken ("No school: <name>", SEQUENCE + 1, kept as changed on its own so regenerating the
    series leaves it cancelled), and tells each person taking part or supervising once, in one email listing all of
    theirs. A one-off event stays: it was planned for its day (a Saturday field day, a break trip)."""
    today = school_today(school)
    dates = [day for day in days if day >= today]
    if not dates:
        return ""
    ids = list(
        Occurrence.objects.not_cancelled()
        .filter(activity__program__school=school, date__in=dates, attendance_taken_at=None)
        .exclude(activity__repeats=Repeats.ONCE)
        .values_list("pk", flat=True)
    )
    if not ids:
        return ""
    # Locked, so a supervisor's attendance saved meanwhile waits for this (and an occurrence is cancelled once).
    list(Occurrence.objects.select_for_update(of=("self",)).filter(pk__in=ids).values_list("pk", flat=True))
    occurrences = list(
        selectors.occurrences_for_reminders(school=school, start=min(dates), end=max(dates)).filter(pk__in=ids)
    )
    now = timezone.now()
    told: dict[int, list] = defaultdict(list)
    people = {}
    for occurrence in occurrences:
        occurrence.cancelled_at = now
        occurrence.cancel_reason = (_("No school: %(name)s") % {"name": days[occurrence.date]})[:300]
        occurrence.is_changed = True
        occurrence.sequence += 1
        occurrence.full_clean()
        occurrence.save(update_fields=["cancelled_at", "cancel_reason", "is_changed", "sequence", "updated_at"])
        for person in selectors.recipients(occurrence):
            told[person.user_id].append(occurrence)
            people[person.user_id] = person
    for user_id, items in told.items():
        person = people[user_id]
        # The email is named by the occurrences and their new sequence: the same cancellation is never sent twice.
        names = ",".join(f"{o.pk}.{o.sequence}" for o in items)
        digest = hashlib.sha256(names.encode()).hexdigest()[:24]
        email_queue(
            template=TEMPLATES + "no_school",
            context={
                "first_name": person.first_name,
                "items": [_occurrence_context(o, person) for o in items],
            },
            to=person.email,
            school=school,
            key=f"activity-no-school:{school.pk}:{user_id}:{digest}",
        )
    count = len(occurrences)
    return ngettext(
        "%(count)s activity meeting on these days was cancelled; the people taking part were told by email.",
        "%(count)s activity meetings on these days were cancelled; the people taking part were told by email.",
        count,
    ) % {"count": count}
