"""Named permissions: which roles at the active school may do what.

Views, templates (``access|can:"view_roster"``) and the role-matrix test all read this one table.
"""

from django.utils.translation import gettext_lazy as _

from .models import Role
from .scoping import DISTRICT_ADMIN, FOCUS_STUDENT, PEER, Access

STAFF_ROLES = frozenset(
    {
        Role.COORDINATOR,
        Role.SPECIAL_EDUCATOR,
        Role.GENERAL_EDUCATOR,
        Role.PARAPROFESSIONAL,
        Role.RELATED_SERVICE,
        Role.COUNSELOR,
        Role.SCHOOL_ADMIN,
    }
)
STUDENT_ROLES = frozenset({PEER, FOCUS_STUDENT})

PERMISSIONS: dict[str, frozenset[str]] = {
    # Anyone with a place at the school has a dashboard.
    "view_dashboard": STAFF_ROLES | STUDENT_ROLES | {DISTRICT_ADMIN},
    # The roster (names, grades, interests, how to communicate): staff of the school and district oversight.
    "view_roster": STAFF_ROLES | {DISTRICT_ADMIN},
    # Support needs, IEP goals, behaviour notes: staff who work with students' programs, never peers.
    "view_student_sensitive": frozenset(
        {Role.COORDINATOR, Role.SPECIAL_EDUCATOR, Role.RELATED_SERVICE, Role.SCHOOL_ADMIN}
    ),
    "view_staff": STAFF_ROLES | {DISTRICT_ADMIN},
    "view_district": frozenset({DISTRICT_ADMIN}),
    # Profiles: interests, communication, IEP goals, behaviour notes, preferences, guardians, availability.
    "edit_student_profile": frozenset({Role.COORDINATOR, Role.SPECIAL_EDUCATOR, Role.RELATED_SERVICE}),
    # Roster import from the student information system, and export (exports hold guardian details).
    "import_roster": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    "export_roster": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    "manage_bell_schedule": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    # The access log of who saw which student's sensitive record.
    "view_access_log": frozenset({Role.SCHOOL_ADMIN}),
    # Programs: every staff member and the district see them; the coordinator and principal plan them.
    "view_programs": STAFF_ROLES | {DISTRICT_ADMIN},
    "manage_program": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    "view_district_programs": frozenset({DISTRICT_ADMIN}),
}


def has_permission(access: Access, permission: str) -> bool:
    try:
        allowed = PERMISSIONS[permission]
    except KeyError:
        raise ValueError(f"Unknown permission {permission!r}") from None
    return access.is_authenticated and bool(access.roles & allowed)


ROLE_LABELS = {
    **dict(Role.choices),
    PEER: _("Peer partner"),
    FOCUS_STUDENT: _("Student"),
    DISTRICT_ADMIN: _("District administrator"),
}


def role_labels(roles) -> list[str]:
    return sorted(str(ROLE_LABELS[role]) for role in roles)
