"""Observations by interval recording: the write side. Starting one, joining one as a second observer (same clock),
and saving the intervals a phone sends (kept on the device while offline, so possibly sent more than once).

Every workflow takes keyword arguments, validates with ``full_clean()`` and runs in one transaction. Saving intervals
locks the observation's row first, so two sends of the same phone (the ``online`` event and a page load at once)
wait for each other; intervals are upserted by (observation, number), so the same intervals sent twice are stored
once (the constraint ``observation_interval_once`` holds anyway). Forged input raises ``ValidationError`` before
anything is written.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ..models import Observation, ObservationInterval
from . import selectors

# What a phone may send at most: the model's largest number of intervals, each with at most this many peers.
MAX_PEERS_PER_INTERVAL = 60
INTERVAL_KEYS = {"number", "skipped", "interaction", "engaged", "adult_near", "peers"}
PAYLOAD_KEYS = {"client_id", "started_at", "finished", "intervals", "note"}
# How far a phone's start may be from the server's clock (a phone whose clock is a little off).
CLOCK_SLACK = datetime.timedelta(hours=12)


def _refuse_cancelled(occurrence) -> None:
    if occurrence.is_cancelled or occurrence.activity.is_cancelled:
        raise ValidationError(_("This occurrence was cancelled: there is nothing to observe."))


def observation_start(
    *, occurrence, student, observer, method: str, observe_seconds: int, record_seconds: int, interval_count: int
) -> Observation:
    """A new observation of ``student`` (a focus student placed in the activity) at ``occurrence`` by ``observer``.
    Its clock starts when the observer taps Start on the recording page (``started_at``, sent with the intervals)."""
    with transaction.atomic():
        _refuse_cancelled(occurrence)
        if not selectors.focus_students_placed(occurrence=occurrence).filter(pk=student.pk).exists():
            raise ValidationError({"student": _("Choose a focus student placed in this activity.")})
        observation = Observation(
            occurrence=occurrence,
            student=student,
            observer=observer,
            method=method,
            observe_seconds=observe_seconds,
            record_seconds=record_seconds,
            interval_count=interval_count,
            client_id=uuid.uuid4(),
        )
        observation.full_clean()
        observation.save()
    return observation


def observation_join(*, primary: Observation, observer) -> Observation:
    """A second observer's record of the same session: the first observer's clock (start, interval lengths and
    count) copied, ``primary`` set. Joining twice gives back the record made the first time."""
    with transaction.atomic():
        primary = Observation.objects.select_for_update().select_related("occurrence__activity").get(pk=primary.pk)
        _refuse_cancelled(primary.occurrence)
        if primary.primary_id:
            raise ValidationError(_("Join the first observer's record, not another second observer's."))
        if primary.observer_id == getattr(observer, "pk", None):
            raise ValidationError(_("This is your own observation: a second observer is another adult."))
        if primary.started_at is None or primary.finished_at is not None:
            raise ValidationError(_("This observation is not in progress: a second observer joins while it runs."))
        existing = primary.second_observations.filter(observer=observer).first()
        if existing is not None:
            return existing
        second = Observation(
            occurrence=primary.occurrence,
            student=primary.student,
            observer=observer,
            primary=primary,
            method=primary.method,
            observe_seconds=primary.observe_seconds,
            record_seconds=primary.record_seconds,
            interval_count=primary.interval_count,
            started_at=primary.started_at,
            client_id=uuid.uuid4(),
        )
        second.full_clean()
        second.save()
    return second


def _bad(message: str) -> ValidationError:
    return ValidationError(message, code="invalid")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clean_intervals(observation: Observation, items, allowed_peers: set[int]) -> list[dict]:
    if not isinstance(items, list):
        raise _bad(_("The intervals must be a list."))
    if len(items) > observation.interval_count:
        raise _bad(_("More intervals than the observation has."))
    interactions = set(ObservationInterval.Interaction.values)
    engagement = set(ObservationInterval.Engaged.values)
    cleaned, numbers = [], set()
    for item in items:
        if not isinstance(item, dict) or set(item) - INTERVAL_KEYS or "number" not in item:
            raise _bad(_("Each interval needs its number and known answers only."))
        number = item["number"]
        if not _is_int(number) or not 1 <= number <= observation.interval_count:
            raise _bad(_("An interval's number is out of range."))
        if number in numbers:
            raise _bad(_("Interval %(number)s is sent twice.") % {"number": number})
        numbers.add(number)
        skipped = item.get("skipped", False)
        adult_near = item.get("adult_near", False)
        if not isinstance(skipped, bool) or not isinstance(adult_near, bool):
            raise _bad(_("Skipped and adult within 3 feet are yes or no."))
        interaction = item.get("interaction", ObservationInterval.Interaction.NONE)
        engaged = item.get("engaged", ObservationInterval.Engaged.NOT_APPLICABLE)
        if not isinstance(interaction, str) or interaction not in interactions:
            raise _bad(_("Unknown peer interaction code."))
        if not isinstance(engaged, str) or engaged not in engagement:
            raise _bad(_("Unknown engagement code."))
        peers = item.get("peers", [])
        if not isinstance(peers, list) or len(peers) > MAX_PEERS_PER_INTERVAL or not all(map(_is_int, peers)):
            raise _bad(_("The peers must be a list of ids."))
        if set(peers) - allowed_peers:
            raise _bad(_("A peer who is not taking part in this activity."))
        cleaned.append(
            {
                "number": number,
                "skipped": skipped,
                "interaction": interaction,
                "engaged": engaged,
                "adult_near": adult_near,
                "peers": sorted(set(peers)),
            }
        )
    return cleaned


def _clean_started_at(value, now):
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise _bad(_("The start time is not a date and time."))
    try:
        started = parse_datetime(value)
    except ValueError:
        started = None
    if started is None or timezone.is_naive(started):
        raise _bad(_("The start time is not a date and time."))
    if abs(started - now) > datetime.timedelta(days=3650):
        raise _bad(_("The start time is out of range."))
    return started


def observation_intervals_save(*, observation: Observation, by, payload) -> dict:
    """Save what the observer's phone sends for ``observation``: ``{"client_id", "started_at", "finished",
    "intervals": [{"number", "skipped", "interaction", "engaged", "adult_near", "peers"}]}``.

    Only the observation's own observer may send (``PermissionError`` otherwise). Idempotent: intervals are upserted
    by number, so the same payload sent twice is stored once. The first observer's ``started_at`` is kept the first
    time it arrives (a second observer's clock is the first one's, never the phone's). ``finished`` marks it
    finished. Anything forged (unknown keys or codes, numbers out of range, peers not in the activity) raises
    ``ValidationError`` and nothing is written. Returns ``{"saved": n, "stored": total}``."""
    if observation.observer_id is None or observation.observer_id != getattr(by, "pk", None):
        raise PermissionError("Only the observer sends an observation's intervals.")
    if not isinstance(payload, dict) or set(payload) - PAYLOAD_KEYS:
        raise _bad(_("Send an object with the observation's intervals."))
    if str(payload.get("client_id", "")) != str(observation.client_id):
        raise _bad(_("These intervals belong to another observation."))
    finished = payload.get("finished", False)
    if not isinstance(finished, bool):
        raise _bad(_("Finished is yes or no."))
    note = payload.get("note", None)
    if note is not None and (not isinstance(note, str) or len(note) > 2000):
        raise _bad(_("The note is too long."))
    now = timezone.now()
    started_at = _clean_started_at(payload.get("started_at"), now)
    with transaction.atomic():
        observation = (
            Observation.objects.select_for_update().select_related("occurrence__activity").get(pk=observation.pk)
        )
        if observation.occurrence.is_cancelled or observation.occurrence.activity.is_cancelled:
            raise _bad(_("This occurrence was cancelled: there is nothing to observe."))
        allowed = set(selectors.observation_peers(observation=observation).values_list("pk", flat=True))
        intervals = _clean_intervals(observation, payload.get("intervals", []), allowed)
        changed = []
        if started_at is not None and observation.started_at is None and observation.primary_id is None:
            observation.started_at = started_at
            changed.append("started_at")
        if finished and observation.finished_at is None:
            # When the session ended, not when the phone got its connection back: never later than the last
            # interval's end on the shared clock.
            clock = observation.started_at or (observation.primary.started_at if observation.primary_id else None)
            planned_end = (
                clock + datetime.timedelta(seconds=observation.interval_count * observation.interval_seconds)
                if clock is not None
                else None
            )
            observation.finished_at = min(now, planned_end) if planned_end is not None else now
            changed.append("finished_at")
        if note is not None and note.strip() != observation.note:
            observation.note = note.strip()
            changed.append("note")
        if changed:
            observation.full_clean()
            observation.save(update_fields=changed)
        existing = {i.number: i for i in observation.intervals.all()}
        for data in intervals:
            row = existing.get(data["number"]) or ObservationInterval(observation=observation, number=data["number"])
            for name in ("skipped", "interaction", "engaged", "adult_near"):
                setattr(row, name, data[name])
            row.full_clean(exclude=["observation"])
            row.save()
            row.peers.set(data["peers"])
        stored = observation.intervals.count()
    return {"saved": len(intervals), "stored": stored}
