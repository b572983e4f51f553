"""The recruitment app's permissions, merged into the one table views and templates read (``schools.permissions``)."""

from schools.models import Role
from schools.permissions import STAFF_ROLES, register_permissions
from schools.scoping import FOCUS_STUDENT, PEER

RECRUITMENT_PERMISSIONS: dict[str, frozenset[str]] = {
    # Recruitment: every staff member may nominate a peer; the coordinator and principal run campaigns, review
    # applications and decide; the coordinator and special educators propose and confirm matches.
    "view_recruitment": STAFF_ROLES,
    "nominate_peer": STAFF_ROLES,
    "manage_recruitment": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    "review_applications": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN, Role.SPECIAL_EDUCATOR}),
    "manage_matching": frozenset({Role.COORDINATOR, Role.SPECIAL_EDUCATOR}),
    # A peer reads the peer-safe profiles of the students they are paired with; a student sees their peers' names.
    "view_own_partners": frozenset({PEER, FOCUS_STUDENT}),
}


def register() -> None:
    register_permissions("recruitment", RECRUITMENT_PERMISSIONS)
