"""Named permissions: which roles at the active school may do what.

Each app declares its own names in its ``permissions.py`` and registers them from its ``AppConfig.ready()``, so a new
app never edits this module. Views, templates (``access|can:"view_roster"``) and the role-matrix test all read the
merged table, ``PERMISSIONS``, through ``has_permission``. This module holds the core's own names.
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured
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

# The core's own names: the roster, students' records, privacy and accounts. Each domain app declares its own.
SCHOOL_PERMISSIONS: dict[str, frozenset[str]] = {
    # Anyone with a place at the school has a dashboard.
    "view_dashboard": STAFF_ROLES | STUDENT_ROLES | {DISTRICT_ADMIN},
    # The roster (names, grades, interests, how to communicate): staff of the school and district oversight.
    "view_roster": STAFF_ROLES | {DISTRICT_ADMIN},
    # Support needs, IEP goals, behaviour notes, guardians of EVERY student of the school. Other staff see them only
    # for the students whose support team they are on (``can_view_sensitive``); peers never.
    "view_student_sensitive": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    "view_staff": STAFF_ROLES | {DISTRICT_ADMIN},
    # "My students": the students whose support team one is on (any staff role may be on a team; the district not).
    "view_caseload": STAFF_ROLES,
    "view_district": frozenset({DISTRICT_ADMIN}),
    # Profiles: interests, communication, IEP goals, behaviour notes, preferences, guardians, availability.
    "edit_student_profile": frozenset({Role.COORDINATOR, Role.SPECIAL_EDUCATOR, Role.RELATED_SERVICE}),
    # Who is on a student's support team decides who sees the confidential record: the coordinator and principal.
    "assign_support_team": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    # Roster import from the student information system, and export (exports hold guardian details).
    "import_roster": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    "export_roster": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    "manage_bell_schedule": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    # The access log of who saw which student's sensitive record.
    "view_access_log": frozenset({Role.SCHOOL_ADMIN}),
    # Retention: the principal sees what the next anonymising run would do and runs it for the school, and deletes
    # one child's data at a family's request (the school, not one program's coordinator, answers for its records).
    "run_retention": frozenset({Role.SCHOOL_ADMIN}),
    "delete_student_data": frozenset({Role.SCHOOL_ADMIN}),
    # A family's directory opt-out (hides the name from peers and exports): the coordinator and principal set it.
    "set_directory_opt_out": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    # Giving a peer or student a sign-in (username and code) and recording parents' consents (issue 11).
    "manage_student_sign_in": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    "manage_consent_records": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    # FERPA records work: disclosures outside the school, parents' requests to inspect records, and the export of
    # everything held about one child. The coordinator and principal answer for the school's records.
    "manage_records": frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN}),
    # Emails and jobs of the school that kept failing (schools.outbox): the principal and the district see the error
    # and try again. Rows of no school (a password reset) are for the site's staff, in the Django admin.
    "retry_outbox": frozenset({Role.SCHOOL_ADMIN, DISTRICT_ADMIN}),
}

# The merged table: every app's declared permissions, filled from the apps' ``ready()`` (see ``register_permissions``).
PERMISSIONS: dict[str, frozenset[str]] = {}
_DECLARED_BY: dict[str, str] = {}


def register_permissions(app_label: str, permissions: Mapping[str, frozenset[str]]) -> None:
    """Add one app's permissions to the merged table.

    A name another app declared already stops the start-up: two apps deciding who may do "the same" thing would
    otherwise silently overrule each other, and a role would gain or lose pages depending on the order of the apps.
    The same app registering the same table again (``ready()`` run twice) changes nothing.
    """
    for name, roles in permissions.items():
        owner = _DECLARED_BY.get(name)
        if owner is not None and (owner != app_label or PERMISSIONS[name] != roles):
            raise ImproperlyConfigured(f"The permission {name!r} is declared twice: by {owner!r} and by {app_label!r}.")
    for name, roles in permissions.items():
        PERMISSIONS[name] = frozenset(roles)
        _DECLARED_BY[name] = app_label


def can_view_sensitive(access: Access, student) -> bool:
    """May this person see ``student``'s confidential record: school-wide roles, or the student's support team."""
    if not access.is_authenticated or student.school_id != getattr(access.school, "pk", None):
        return False
    if has_permission(access, "view_student_sensitive"):
        return True
    if not access.roles & STAFF_ROLES:
        return False
    return student.support_team.filter(pk=access.user.pk).exists()


def can_edit_profile(access: Access, student) -> bool:
    """Profiles are edited by coordinators, special educators and specialists; a focus student's (which holds the
    confidential record) only by those who may see it."""
    if not has_permission(access, "edit_student_profile"):
        return False
    return not student.is_focus_student or can_view_sensitive(access, student)


def has_permission(access: Access, permission: str) -> bool:
    try:
        allowed = PERMISSIONS[permission]
    except KeyError:
        # A misspelt name, or an app that did not register its permissions: never quietly "no".
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
