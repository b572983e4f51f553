"""Write side of meetings, invitations, RSVPs and reminders. Every email goes through the outbox in the transaction
of the change that causes it, with a calendar file attached (``ics.py``).

Guarantees:
- a change of a meeting's date, time or place raises its ``sequence`` and sends one update to everyone invited who
  has not declined (a make-up meeting: its students) and to the facilitators; cancelling sends one notice; after a
  cancellation nothing more is sent;
- each update, cancellation and reminder is claimed by a ``SentReminder`` row (meeting, kind, sequence, recipient)
  inserted in the transaction that queues its email, so it goes out once even with two workers (the unique
  constraint decides) and a changed time arms the reminders again;
- writes that check something first (the orientation is not cancelled, the capacity) lock the orientation's row.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.services import email_queue

from ..models import Invitation, Orientation, OrientationMeeting, SentReminder
from . import ics, selectors
from .tokens import rsvp_url

Kind = SentReminder.Kind
# The reminders and when each is due: from its lead time before the start until the next one's.
REMINDERS = ((Kind.TWO_DAYS, datetime.timedelta(days=2)), (Kind.TWO_HOURS, datetime.timedelta(hours=2)))
# What a change of which raises the sequence and sends an update (the slot is only how the meeting is described).
SCHEDULE_FIELDS = ("date", "starts_at", "ends_at", "place")


def _locked_orientation(orientation) -> Orientation:
    orientation = Orientation.objects.select_for_update().select_related("program__school").get(pk=orientation.pk)
    if orientation.is_cancelled:
        raise ValidationError(_("This orientation was cancelled: nothing more can be changed or sent."))
    return orientation


def _context(recipient, **extra) -> dict:
    invitation = recipient.invitation
    return {
        "first_name": recipient.first_name,
        "rsvp_url": rsvp_url(invitation) if invitation is not None else "",
        "invitation": invitation,
        **extra,
    }


def _claim_and_send(*, meeting, kind, recipients, template, context, cancel=False, now=None) -> int:
    """Claim (meeting, kind, sequence, recipient) for each recipient with an address and queue their email, all in
    the caller's transaction; someone already claimed is skipped. Returns how many emails were queued."""
    claimed = set(
        SentReminder.objects.filter(meeting=meeting, kind=kind, sequence=meeting.sequence).values_list(
            "recipient", flat=True
        )
    )
    sent = 0
    for recipient in recipients:
        if not recipient.email or recipient.key in claimed:
            continue
        # The unique constraint is the claim: a second worker inserting the same row fails here and rolls back
        # its whole batch, so nothing of it is sent.
        SentReminder.objects.create(meeting=meeting, kind=kind, sequence=meeting.sequence, recipient=recipient.key)
        email_queue(
            template=template,
            context=_context(recipient, meeting=meeting, orientation=meeting.orientation, kind=kind, **context),
            to=recipient.email,
            school=meeting.orientation.program.school,
            key=f"orientation-meeting:{meeting.pk}:{kind}:{meeting.sequence}:{recipient.key}",
            attachments=[ics.attachment(meetings=[meeting], cancel=cancel, attendee=recipient.email, now=now)],
        )
        sent += 1
    return sent


# --- Meetings ---


def meeting_add(*, orientation, date, starts_at, ends_at, slot, place, makeup_for=None) -> OrientationMeeting:
    """Add a meeting (another lunch period, a make-up). People already invited get it in their calendar."""
    with transaction.atomic():
        orientation = _locked_orientation(orientation)
        meeting = OrientationMeeting(
            orientation=orientation,
            date=date,
            starts_at=starts_at,
            ends_at=ends_at,
            slot=slot,
            place=place,
            makeup_for=makeup_for,
        )
        meeting.full_clean()
        meeting.save()
        if orientation.invitations.exists() and meeting.makeup_for_id is None:
            _claim_and_send(
                meeting=meeting,
                kind=Kind.CHANGED,
                recipients=selectors.meeting_recipients(meeting),
                template="orientation/invitations/emails/meeting_added",
                context={},
            )
    return meeting


def meeting_update(*, meeting, date, starts_at, ends_at, slot, place) -> tuple[OrientationMeeting, int]:
    """Change a meeting. A new date, time or place raises ``sequence`` and sends one update (with the calendar
    event replaced); returns the meeting and how many updates were queued."""
    with transaction.atomic():
        _locked_orientation(meeting.orientation)
        meeting = OrientationMeeting.objects.select_for_update().select_related("orientation__program__school").get(
            pk=meeting.pk
        )
        if meeting.is_cancelled:
            raise ValidationError(_("This meeting was cancelled: it can no longer be changed."))
        changes = {"date": date, "starts_at": starts_at, "ends_at": ends_at, "place": place}
        moved = any(getattr(meeting, name) != value for name, value in changes.items())
        for name, value in {**changes, "slot": slot}.items():
            setattr(meeting, name, value)
        meeting.full_clean()
        if not moved:
            # Only how the meeting is described: ``updated_at`` (when it was planned at its time, which the
            # reminders read) stays as it is.
            meeting.save(update_fields=["slot"])
            return meeting, 0
        meeting.sequence += 1
        meeting.save()
        sent = _claim_and_send(
            meeting=meeting,
            kind=Kind.CHANGED,
            recipients=selectors.meeting_recipients(meeting),
            template="orientation/invitations/emails/meeting_changed",
            context={},
        )
    return meeting, sent


def meeting_cancel(*, meeting) -> int:
    """Cancel one meeting and send one notice (a calendar cancellation). Returns how many were queued."""
    with transaction.atomic():
        _locked_orientation(meeting.orientation)
        meeting = OrientationMeeting.objects.select_for_update().select_related("orientation__program__school").get(
            pk=meeting.pk
        )
        if meeting.is_cancelled:
            raise ValidationError(_("This meeting was already cancelled."))
        meeting.cancelled_at = timezone.now()
        # Calendars accept a cancellation only with a sequence above the event they hold.
        meeting.sequence += 1
        meeting.save(update_fields=["cancelled_at", "sequence", "updated_at"])
        return _claim_and_send(
            meeting=meeting,
            kind=Kind.CANCELLED,
            recipients=selectors.meeting_recipients(meeting),
            template="orientation/invitations/emails/meeting_cancelled",
            context={"meetings": [meeting], "whole": False},
            cancel=True,
        )


def orientation_cancel(*, orientation) -> int:
    """Cancel the orientation and every meeting still planned: one notice per person, with the calendar
    cancellation of each of their meetings. Nothing is sent about it afterwards. Returns how many were queued."""
    with transaction.atomic():
        orientation = _locked_orientation(orientation)
        now = timezone.now()
        orientation.cancelled_at = now
        orientation.save(update_fields=["cancelled_at", "updated_at"])
        meetings = list(
            OrientationMeeting.objects.select_for_update()
            .filter(orientation=orientation, cancelled_at=None)
            .select_related("orientation__program__school")
        )
        by_person: dict[str, tuple] = {}
        for meeting in meetings:
            meeting.cancelled_at = now
            meeting.sequence += 1
            meeting.save(update_fields=["cancelled_at", "sequence", "updated_at"])
            for recipient in selectors.meeting_recipients(meeting):
                if recipient.email:
                    by_person.setdefault(recipient.key, (recipient, []))[1].append(meeting)
        for recipient, their_meetings in by_person.values():
            SentReminder.objects.bulk_create(
                SentReminder(meeting=m, kind=Kind.CANCELLED, sequence=m.sequence, recipient=recipient.key)
                for m in their_meetings
            )
            email_queue(
                template="orientation/invitations/emails/meeting_cancelled",
                context=_context(recipient, orientation=orientation, meetings=their_meetings, whole=True),
                to=recipient.email,
                school=orientation.program.school,
                key=f"orientation:{orientation.pk}:cancelled:{recipient.key}",
                attachments=[ics.attachment(meetings=their_meetings, cancel=True, attendee=recipient.email)],
            )
    return len(by_person)


# --- Invitations and answers ---


def invitations_send(*, orientation, students=(), users=(), invited_by=None) -> list[Invitation]:
    """Invite students (the program's peers with valid consent; their partners when the audience includes
    students) and staff, and email each one the invitation with the RSVP link and the meetings' calendar file.
    Someone already invited is left as they are. The capacity counts students invited who have not declined."""
    with transaction.atomic():
        orientation = _locked_orientation(orientation)
        candidates = selectors.invite_candidates(orientation=orientation)
        allowed_students = {s.pk for s in candidates["peers"] + candidates["partners"]}
        allowed_users = {u.pk for u in candidates["staff"]}
        refused = [s for s in students if s.pk not in allowed_students]
        if refused or any(u.pk not in allowed_users for u in users):
            raise ValidationError(
                _(
                    "Some of the people chosen may not be invited (no valid consent, or already invited). "
                    "Reload the page."
                )
            )
        if not students and not users:
            raise ValidationError(_("Choose at least one person to invite."))
        if orientation.capacity is not None:
            taken = orientation.invitations.filter(student__isnull=False).exclude(response=Invitation.Response.NO)
            free = orientation.capacity - taken.count()
            if len(students) > free:
                raise ValidationError(
                    _(
                        "Only %(free)s of the %(capacity)s places are left: choose fewer students, or raise the "
                        "number of places."
                    )
                    % {"free": max(free, 0), "capacity": orientation.capacity}
                )
        invitations = [Invitation(orientation=orientation, student=s, invited_by=invited_by) for s in students]
        invitations += [Invitation(orientation=orientation, user=u, invited_by=invited_by) for u in users]
        for invitation in invitations:
            invitation.full_clean()
            invitation.save()
        meetings = list(
            orientation.meetings.filter(cancelled_at=None, makeup_for=None)
            .select_related("orientation__program__school")
            .order_by("date", "starts_at", "pk")
        )
        for invitation in Invitation.objects.filter(pk__in=[i.pk for i in invitations]).select_related(
            "student__user", "user"
        ):
            recipient = selectors.invitation_recipient(invitation)
            if not recipient.email:
                continue
            email_queue(
                template="orientation/invitations/emails/invitation",
                context=_context(recipient, orientation=orientation, meetings=meetings),
                to=recipient.email,
                school=orientation.program.school,
                key=f"orientation-invitation:{invitation.pk}",
                attachments=[ics.attachment(meetings=meetings, attendee=recipient.email)] if meetings else [],
            )
    return invitations


def invitation_answer(*, invitation, response: str) -> Invitation:
    """The invited person's answer (yes or no); they may change it while the orientation stands."""
    if response not in (Invitation.Response.YES, Invitation.Response.NO):
        raise ValidationError(_("Answer yes or no."))
    with transaction.atomic():
        _locked_orientation(invitation.orientation)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        invitation.response = response
        invitation.responded_at = timezone.now()
        invitation.full_clean()
        invitation.save(update_fields=["response", "responded_at"])
    return invitation


# --- Reminders ---


def reminder_due(*, meeting, now: datetime.datetime):
    """Which reminder (a ``SentReminder.Kind``) is due for the meeting now, or None.

    The 2-day reminder is due from 48 hours before the start until 2 hours before it; the 2-hour one from then until
    the start. A reminder whose window had already opened when the meeting was planned at its current time
    (``updated_at``: created, moved or cancelled; a change of the slot alone leaves it) is not sent late: the
    invitation or the update has just told them. So a meeting planned 30 hours ahead gets the 2-hour reminder only,
    and a late beat run still sends the 2-day reminder until the 2-hour one takes over, never both at once.
    """
    start = ics.meeting_start(meeting)
    for index, (kind, lead) in enumerate(REMINDERS):
        opens = start - lead
        closes = start - REMINDERS[index + 1][1] if index + 1 < len(REMINDERS) else start
        if opens <= now < closes:
            return kind if meeting.updated_at <= opens else None
    return None


def reminders_send(*, now=None) -> int:
    """Send the reminders due now, each meeting in its own short transaction with its row locked (``skip_locked``:
    two workers share the meetings instead of waiting). Returns how many emails were queued."""
    now = now or timezone.now()
    # Every school's today lies within a day of UTC's: the window of dates covers meetings 2 days ahead anywhere.
    today = now.astimezone(datetime.UTC).date()
    candidates = OrientationMeeting.objects.not_cancelled().filter(
        date__gte=today - datetime.timedelta(days=1), date__lte=today + datetime.timedelta(days=3)
    )
    sent = 0
    for meeting_id in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            meeting = (
                OrientationMeeting.objects.select_for_update(skip_locked=True, of=("self",))
                .not_cancelled()
                .select_related("orientation__program__school")
                .filter(pk=meeting_id)
                .first()
            )
            kind = meeting and reminder_due(meeting=meeting, now=now)
            if kind:
                sent += _claim_and_send(
                    meeting=meeting,
                    kind=kind,
                    recipients=selectors.meeting_recipients(meeting),
                    template="orientation/invitations/emails/reminder",
                    context={"starts": ics.meeting_start(meeting)},
                    now=now,
                )
    return sent
