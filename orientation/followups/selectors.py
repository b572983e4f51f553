"""Read side of follow-up meetings: the follow-up a page is about (the active school's only), and what the follow-ups
area shows on an orientation's page. Action items are the program's own (``programs.ActionItem``), read through the
follow-up's link to them."""

from schools.dates import school_today
from schools.permissions import has_permission

from ..models import Orientation


def followup_queryset(*, access):
    """The active school's follow-up meetings (another school's, or an initial orientation, is not found)."""
    return (
        Orientation.objects.visible_to(access)
        .filter(kind=Orientation.Kind.FOLLOW_UP)
        .select_related("program__school", "term")
    )


def followup_action_items(*, orientation) -> list:
    """The follow-up's action items, open first then by due date, overdue flagged (one query)."""
    today = school_today(orientation.program.school)
    items = list(orientation.action_items.select_related("owner").order_by("completed_on", "due_on", "pk"))
    for item in items:
        item.overdue = item.completed_on is None and item.due_on < today
    return items


def first_meeting_date(*, orientation):
    """The day of the follow-up's first meeting not cancelled (None before one is planned): the agenda's date."""
    return (
        orientation.meetings.filter(cancelled_at=None).order_by("date", "starts_at")
        .values_list("date", flat=True).first()
    )


def orientation_panel(*, orientation, access) -> dict:
    """What this area shows on an orientation's page (``templates/orientation/followups/_panel.html``): for a
    follow-up meeting only, its notes, agenda and action items (two queries); nothing for an initial orientation."""
    if orientation.kind != Orientation.Kind.FOLLOW_UP:
        return {}
    return {
        "followup": orientation,
        "action_items": followup_action_items(orientation=orientation),
        "can_manage": has_permission(access, "manage_orientations"),
        "can_manage_programs": has_permission(access, "manage_program"),
    }
