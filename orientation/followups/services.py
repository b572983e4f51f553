"""Write side of follow-up meetings: their notes and agenda, and their action items, which are the program's own
(made by ``programs.services.action_item_add``, linked here, completed with the program's other items)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from programs import services as program_services

from ..models import Orientation
from .selectors import first_meeting_date


def _lock(orientation: Orientation) -> Orientation:
    locked = Orientation.objects.select_for_update().select_related("program__school").get(pk=orientation.pk)
    if locked.kind != Orientation.Kind.FOLLOW_UP:
        raise ValidationError(_("Only a follow-up meeting has notes and action items here."), code="not_followup")
    return locked


@transaction.atomic
def followup_notes_save(*, orientation: Orientation, notes: str) -> Orientation:
    """What was shared, the emerging issues discussed and the improvements brainstormed."""
    orientation = _lock(orientation)
    orientation.notes = notes.strip()
    orientation.full_clean()
    orientation.save(update_fields=["notes", "updated_at"])
    return orientation


@transaction.atomic
def followup_action_item_add(
    *, orientation: Orientation, description: str, owner, due_on: datetime.date | None
):
    """An action item the follow-up meeting decided: the program's own action item (reminded, listed on its owner's
    dashboard and completed like a planning meeting's), linked to this meeting in the same transaction."""
    orientation = _lock(orientation)
    item = program_services.action_item_add(
        program=orientation.program, description=description, owner=owner, due_on=due_on
    )
    orientation.action_items.add(item)
    return item


@transaction.atomic
def followup_agenda_save(*, orientation: Orientation, agenda: str) -> Orientation:
    orientation = _lock(orientation)
    orientation.agenda = agenda.strip()
    orientation.full_clean()
    orientation.save(update_fields=["agenda", "updated_at"])
    return orientation


@transaction.atomic
def followup_agenda_email(*, orientation: Orientation) -> int:
    """Email the saved agenda to the program's planning team (outbox, in this transaction); returns how many."""
    orientation = _lock(orientation)
    return program_services.agenda_email_team(
        program=orientation.program, meeting_title=orientation.title,
        held_on=first_meeting_date(orientation=orientation), agenda=orientation.agenda,
    )
