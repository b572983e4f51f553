"""The programs app's permissions, merged into the one table views and templates read (``schools.permissions``)."""

from schools.models import Role
from schools.permissions import STAFF_ROLES, register_permissions
from schools.scoping import DISTRICT_ADMIN, FOCUS_STUDENT, PEER

PROGRAM_PERMISSIONS: dict[str, frozenset[str]] = {
    # Programs: every staff member and the district see them; the coordinator and principal plan them.
    "view_programs": STAFF_ROLES | {DISTRICT_ADMIN},
    "manage_program": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    "view_district_programs": frozenset({DISTRICT_ADMIN}),
    # A peer or student sees the names of the programs they take part in on their own page.
    "view_own_programs": frozenset({PEER, FOCUS_STUDENT}),
}


def register() -> None:
    register_permissions("programs", PROGRAM_PERMISSIONS)
