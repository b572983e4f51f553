"""The programs app's dashboard panels, registered with ``schools.dashboard`` from ``ProgramsConfig.ready()``."""

from schools.dashboard import DashboardPanel, register_panel
from schools.permissions import has_permission
from schools.selectors import own_student_record

from . import selectors


def action_items_panel(access) -> dict:
    """Open action items the signed-in person owns (one query)."""
    return {"action_items": selectors.my_open_action_items(access=access)}


def programs_panel(access) -> dict:
    """The active school's programs with their stage (one query), and the district view for its administrators."""
    return {
        "programs": list(selectors.program_list(access=access)),
        "can_manage": has_permission(access, "manage_program"),
        "can_view_district": has_permission(access, "view_district_programs"),
    }


def own_programs_panel(access) -> dict:
    """The programs the signed-in peer or student takes part in now: names only (one query after their record)."""
    me = own_student_record(access=access)
    participations = [] if me is None else selectors.student_participations(access=access, student=me)
    return {"programs": [p.program for p in participations if p.status == p.Status.ACTIVE]}


def register() -> None:
    register_panel(
        DashboardPanel(
            template="programs/panels/action_items.html", permission="view_programs", context=action_items_panel,
            order=20,
        )
    )
    register_panel(
        DashboardPanel(
            template="programs/panels/programs.html", permission="view_programs", context=programs_panel, order=30
        )
    )
    register_panel(
        DashboardPanel(
            template="programs/panels/own_programs.html", permission="view_own_programs", context=own_programs_panel,
            order=5,
        )
    )
