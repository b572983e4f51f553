"""Write side of orientation sessions: the topic library, orientations, and their agendas (tailoring included).

Keyword-only; each write validates with ``full_clean()`` inside one transaction. Agenda changes lock the
orientation's row first, so two coordinators editing one agenda take turns (moving, adding and accepting proposals
read the agenda's order and what is on it before they write).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from programs import selectors as program_selectors
from schools import selectors as school_selectors
from schools.ordering import swap_with_neighbour

from ..models import AgendaItem, Orientation, OrientationTopic
from ..services import topic_library_ensure
from . import selectors

TOPIC_FIELDS = frozenset(
    {"title", "description", "plain_title", "plain_description", "source", "tailoring", "is_required", "is_public"}
)
ORIENTATION_FIELDS = frozenset({"kind", "title", "term", "audience", "capacity", "description"})


# --- The topic library ------------------------------------------------------------------------------------------


@transaction.atomic
def topic_create(*, school, created_by=None, **fields) -> OrientationTopic:
    """A coordinator's own topic, placed after the school's others."""
    unknown = set(fields) - TOPIC_FIELDS
    if unknown:
        raise TypeError(f"topic_create() got unexpected fields {sorted(unknown)}")
    last = OrientationTopic.objects.filter(school=school).aggregate(last=Max("order"))["last"] or 0
    topic = OrientationTopic(school=school, created_by=created_by, order=min(last + 10, 32000), **fields)
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_update(*, topic: OrientationTopic, **fields) -> OrientationTopic:
    unknown = set(fields) - TOPIC_FIELDS
    if unknown:
        raise TypeError(f"topic_update() got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(topic, name, value)
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_retire(*, topic: OrientationTopic) -> OrientationTopic:
    """Retire a topic: no longer offered to new agendas and no longer required. Agendas that have it keep it (what
    a peer covered stays covered)."""
    topic = OrientationTopic.objects.select_for_update().get(pk=topic.pk)
    if topic.retired_at is None:
        topic.retired_at = timezone.now()
        topic.save(update_fields=["retired_at"])
    return topic


@transaction.atomic
def topic_restore(*, topic: OrientationTopic) -> OrientationTopic:
    topic = OrientationTopic.objects.select_for_update().get(pk=topic.pk)
    if topic.retired_at is not None:
        topic.retired_at = None
        topic.save(update_fields=["retired_at"])
    return topic


# --- Orientations -----------------------------------------------------------------------------------------------


def _check_term_and_facilitators(orientation: Orientation, facilitators) -> None:
    errors = {}
    if orientation.term_id and not program_selectors.program_terms(program=orientation.program).filter(
        pk=orientation.term_id
    ).exists():
        errors["term"] = _("Choose one of the program's terms.")
    staff = set(school_selectors.staff_members(school=orientation.program.school).values_list("pk", flat=True))
    if any(user.pk not in staff for user in facilitators):
        errors["facilitators"] = _("Facilitators are staff members of the program's school.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def orientation_create(*, program, created_by=None, facilitators=(), **fields) -> Orientation:
    """Plan an orientation (or a follow-up meeting) of ``program`` in one of its terms, led by staff of its school."""
    unknown = set(fields) - ORIENTATION_FIELDS
    if unknown:
        raise TypeError(f"orientation_create() got unexpected fields {sorted(unknown)}")
    orientation = Orientation(program=program, created_by=created_by, **fields)
    orientation.full_clean()
    _check_term_and_facilitators(orientation, facilitators)
    orientation.save()
    orientation.facilitators.set(facilitators)
    return orientation


@transaction.atomic
def orientation_update(*, orientation: Orientation, facilitators=None, **fields) -> Orientation:
    unknown = set(fields) - ORIENTATION_FIELDS
    if unknown:
        raise TypeError(f"orientation_update() got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(orientation, name, value)
    orientation.full_clean()
    _check_term_and_facilitators(orientation, facilitators or ())
    orientation.save()
    if facilitators is not None:
        orientation.facilitators.set(facilitators)
    return orientation


# --- The agenda -------------------------------------------------------------------------------------------------


def _lock(orientation: Orientation) -> Orientation:
    return Orientation.objects.select_for_update().get(pk=orientation.pk)


def _next_order(orientation: Orientation) -> int:
    last = AgendaItem.objects.filter(orientation=orientation).aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


def _check_topic(orientation: Orientation, topic: OrientationTopic) -> None:
    if topic.school_id != orientation.program.school_id:
        raise ValidationError({"topic": _("Choose a topic of your school's library.")})
    if topic.is_retired:
        raise ValidationError({"topic": _("“%(topic)s” is retired: bring it back first.") % {"topic": topic}})
    if AgendaItem.objects.filter(orientation=orientation, topic=topic).exists():
        raise ValidationError({"topic": _("“%(topic)s” is already on the agenda.") % {"topic": topic}})


@transaction.atomic
def agenda_add(*, orientation: Orientation, topic: OrientationTopic, use_plain_wording: bool = False) -> AgendaItem:
    """Put a topic in use at the end of the agenda."""
    _lock(orientation)
    _check_topic(orientation, topic)
    item = AgendaItem(
        orientation=orientation, topic=topic, order=_next_order(orientation), use_plain_wording=use_plain_wording
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_accept_proposals(*, orientation: Orientation, access, topic: OrientationTopic | None = None) -> list:
    """Put tailoring's proposals on the agenda: all of them, or only ``topic``'s. Proposals are worked out again
    inside the lock, so what is added is what is proposed now (a topic another coordinator added meanwhile is not
    added twice). The reason kept on each item is the stored one, safe for every staff reader."""
    _lock(orientation)
    topic_library_ensure(school=orientation.program.school)
    proposals = selectors.tailoring_proposals(orientation=orientation, access=access)
    if topic is not None:
        proposals = [proposal for proposal in proposals if proposal.topic.pk == topic.pk]
        if not proposals:
            raise ValidationError(_("That topic is no longer proposed: it may already be on the agenda."))
    order = _next_order(orientation)
    items = []
    for offset, proposal in enumerate(proposals):
        item = AgendaItem(
            orientation=orientation,
            topic=proposal.topic,
            order=order + offset,
            reason=proposal.stored_reason,
            use_plain_wording=proposal.use_plain_wording,
        )
        item.full_clean()
        items.append(item)
    AgendaItem.objects.bulk_create(items)
    return items


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, notes: str, meeting=None, use_plain_wording: bool) -> AgendaItem:
    """What the facilitator should know, which meeting covers the topic (none: every meeting), and the wording."""
    _lock(item.orientation)
    if meeting is not None and meeting.orientation_id != item.orientation_id:
        raise ValidationError({"meeting": _("Choose one of this orientation's meetings.")})
    item.notes = notes
    item.meeting = meeting
    item.use_plain_wording = use_plain_wording
    item.full_clean()
    item.save(update_fields=["notes", "meeting", "use_plain_wording"])
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool) -> None:
    """Swap the item with the one before (``up``) or after it; the agenda is renumbered 0, 1, 2 … on the way."""
    _lock(item.orientation)
    items = list(AgendaItem.objects.filter(orientation_id=item.orientation_id).order_by("order", "pk"))
    if all(row.pk != item.pk for row in items):
        raise ValidationError(_("That topic is no longer on the agenda."))
    moved = swap_with_neighbour(items, item.pk, up=up, field="order")
    if moved is not None:
        AgendaItem.objects.bulk_update(moved, ["order"])


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    _lock(item.orientation)
    AgendaItem.objects.filter(pk=item.pk).delete()
