"""The role matrix: every URL name × every role → what that person gets.

One declarative table. ``tests/test_role_matrix.py`` walks every URL pattern of the project and fails when a pattern
has no row here, then requests each row as each role and compares the real answer. Every later issue adds its rows.

Roles (see tests/conftest.py): the objects belong to school A (East Elementary); ``other_coordinator`` coordinates
school B (Putnam Middle School) in the same district.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

# Outcomes
OK = "ok"  # 200
LOGIN = "login"  # redirect to the sign-in page
ADMIN_LOGIN = "admin_login"  # redirect to the admin's sign-in page
REDIRECT = "redirect"  # redirect somewhere else (e.g. signed-in person sent to the dashboard)
FORBIDDEN = "forbidden"  # 403: the role may not do this
NOT_FOUND = "not_found"  # 404: the object belongs to another school
NOT_ALLOWED = "not_allowed"  # 405: wrong method

ROLES = (
    "anonymous",
    "peer",
    "focus_student",
    "staff",
    "coordinator",
    "school_admin",
    "district_admin",
    "other_coordinator",
)
STUDENTS = ("peer", "focus_student")
EAST_STAFF = ("staff", "coordinator", "school_admin", "district_admin")


def expect(default: str, **by_role: str) -> dict[str, str]:
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {role: by_role.get(role, default) for role in ROLES}


def roles(outcome: str, *names: str) -> dict[str, str]:
    return dict.fromkeys(names, outcome)


@dataclass(frozen=True)
class Route:
    expected: dict[str, str]
    kwargs: Callable = field(default=lambda world: {})
    method: str = "get"
    data: Callable = field(default=lambda world: {})
    # An object of school A: school B's people must get 404, whatever else the row says.
    school_object: bool = False


MATRIX: dict[str, Route] = {
    "home": Route(expect(REDIRECT, anonymous=OK)),
    "healthz": Route(expect(OK)),
    "dashboard": Route(expect(OK, anonymous=LOGIN)),
    "switch_school": Route(
        expect(REDIRECT, anonymous=LOGIN, other_coordinator=FORBIDDEN),
        method="post",
        data=lambda world: {"school": world.school.pk},
    ),
    "student_list": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "student_detail": Route(
        expect(OK, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(FORBIDDEN, *STUDENTS)),
        kwargs=lambda world: {"pk": world.focus_student.pk},
        school_object=True,
    ),
    "staff_list": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "district_overview": Route(expect(FORBIDDEN, anonymous=LOGIN, district_admin=OK)),
    # Sign-in pages
    "login": Route(expect(REDIRECT, anonymous=OK)),
    "logout": Route(expect(LOGIN), method="post"),
    "password_reset": Route(expect(OK)),
    "password_reset_done": Route(expect(OK)),
    "password_reset_confirm": Route(expect(OK), kwargs=lambda world: {"uidb64": "MQ", "token": "invalid-token"}),
    "password_reset_complete": Route(expect(OK)),
    "password_change": Route(expect(OK, anonymous=LOGIN)),
    "password_change_done": Route(expect(OK, anonymous=LOGIN)),
    # --- Rosters: student pages, peer-safe profiles, bell schedules, access log (schools) ---
    "student_peer_view": Route(
        expect(OK, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(FORBIDDEN, *STUDENTS)),
        kwargs=lambda world: {"pk": world.focus_student.pk},
        school_object=True,
    ),
    "student_edit": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"pk": world.focus_student.pk},
        school_object=True,
    ),
    "student_availability": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"pk": world.peer_student.pk},
        school_object=True,
    ),
    "student_item_add": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"pk": world.focus_student.pk, "kind": "iep-goals"},
        school_object=True,
    ),
    "student_item_edit": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"pk": world.focus_student.pk, "kind": "iep-goals", "item_pk": world.iep_goal.pk},
        school_object=True,
    ),
    "student_item_delete": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=REDIRECT, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"pk": world.focus_student.pk, "kind": "iep-goals", "item_pk": world.iep_goal.pk},
        method="post",
        school_object=True,
    ),
    "bell_schedules": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "period_add": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, school_admin=OK, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"schedule_pk": world.bell_schedule.pk},
        school_object=True,
    ),
    "period_edit": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, school_admin=OK, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"schedule_pk": world.bell_schedule.pk, "period_pk": world.period.pk},
        school_object=True,
    ),
    "access_log": Route(expect(FORBIDDEN, anonymous=LOGIN, school_admin=OK)),
    # --- Roster import and export (schools.rostering) ---
    # --- Programs, planning teams, meetings, action items (programs) ---
}

# The Django admin is for support staff (is_staff) only: every admin URL sends every role to the admin sign-in,
# except that sign-in page itself.
NAMESPACE_RULES: dict[str, Route] = {
    "admin": Route(expect(ADMIN_LOGIN)),
}
NAMESPACE_EXCEPTIONS: dict[str, Route] = {
    "admin:login": Route(expect(OK)),
    # Django's admin sends a non-staff visitor of its logout page to its index (and from there to its sign-in).
    "admin:logout": Route(expect(REDIRECT)),
}
