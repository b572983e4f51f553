"""The role matrix: every URL name × every role → what that person gets.

One declarative table. ``tests/test_role_matrix.py`` walks every URL pattern of the project and fails when a pattern
has no row here, then requests each row as each role and compares the real answer. Every later issue adds its rows.

Roles (see tests/conftest.py): the objects belong to school A (East Elementary); ``other_coordinator`` coordinates
school B (Putnam Middle School) in the same district.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from schools.models import NonSchoolDay
from tests.activities.facilitation.factories import east_facilitation, spare_change
from tests.activities.factories import east_attendance, east_feeds, east_scheduling, east_service, feed_made
from tests.activities.journals.factories import east_journals
from tests.activities.observation.factories import east_observation
from tests.evaluation.factories import east_evaluation
from tests.evaluation.friendships.factories import east_friendships
from tests.evaluation.pairs.factories import east_pairs
from tests.evaluation.responding.factories import east_responding
from tests.orientation.factories import (
    east_followup,
    east_invitations,
    east_orientation,
    east_readiness,
    east_resources,
)
from tests.programs.factories import east_participant, east_playbook, east_program
from tests.recruitment.factories import east_applying, east_campaign, east_matching, east_materials, east_renewal_link
from tests.schools.factories import OutboxItemFactory, RosterImportFactory, east_account_consent, east_records

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


def east_non_school_day(world):
    """One of East's non-school days, put back before each request (deleting it is what the row's button does)."""
    pk = getattr(world, "_non_school_day_pk", None)
    if pk is None or not NonSchoolDay.objects.filter(pk=pk).exists():
        day = world.term.start_date + timedelta(days=1)
        NonSchoolDay.objects.filter(school=world.school, date=day).delete()
        row = NonSchoolDay.objects.create(pk=pk, school=world.school, term=world.term, date=day, name="Work day")
        world._non_school_day_pk = row.pk
    return NonSchoolDay.objects.get(pk=world._non_school_day_pk)


# Programs (see east_program in tests/programs/factories.py): who plans, who reads.
PROGRAM_MANAGERS = ("coordinator", "school_admin")


def program_view(kwargs, **options) -> Route:
    """A page of East's program that every East staff member and the district may read."""
    return Route(
        expect(OK, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(FORBIDDEN, *STUDENTS)),
        kwargs=lambda world: kwargs(east_program(world)),
        school_object=True,
        **options,
    )


def program_manage(kwargs, method: str = "get", **options) -> Route:
    """A page or button of East's program for its coordinator and principal only (a POST answers with a redirect)."""
    allowed = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(allowed, *PROGRAM_MANAGERS)),
        kwargs=lambda world: kwargs(east_program(world)),
        method=method,
        school_object=True,
        **options,
    )


def east_roster_import(world) -> dict:
    """URL kwargs for one of East's roster imports, waiting for confirmation (made when its row is requested)."""
    return {"pk": RosterImportFactory(school=world.school, status="ready").pk}


ROSTER_MANAGERS = ("coordinator", "school_admin")


# Follow-up meetings (see east_followup in tests/orientation/factories.py): every East staff member reads them; the
# coordinator and the principal write the notes, action items and agenda. Peers and the district never see them.
def followup_route(*, manage: bool, method: str = "get") -> Route:
    allowed = ("coordinator", "school_admin") if manage else ("staff", "coordinator", "school_admin")
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: {"pk": east_followup(world).pk},
        method=method,
        school_object=True,
    )


def playbook_route(kwargs, *, manage: bool, method: str = "get") -> Route:
    """A page or button of East's year playbook (see east_playbook in tests/programs/factories.py): read like the
    program's pages, changed by its coordinator and principal."""
    like = program_manage(lambda p: {}, method=method) if manage else program_view(lambda p: {})
    return Route(like.expected, kwargs=lambda world: kwargs(east_playbook(world)), method=method, school_object=True)


# Recruitment (see east_campaign in tests/recruitment/factories.py): every East staff member reads; the coordinator
# and the principal run campaigns; they and special educators review. The district oversees programs, not
# applications.
def recruitment_route(kwargs, allowed: tuple[str, ...], method: str = "get", **options) -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_campaign(world)),
        method=method,
        school_object=True,
        **options,
    )


RECRUITMENT_READERS = ("staff", "coordinator", "school_admin")
RECRUITMENT_MANAGERS = ("coordinator", "school_admin")
REVIEWERS = ("coordinator", "school_admin")  # the matrix's coordinator is also a special educator


# Recruitment materials (see east_materials in tests/recruitment/factories.py): staff read, the coordinator and
# principal print.
MATERIAL_READERS = ("staff", "coordinator", "school_admin")
MATERIAL_MANAGERS = ("coordinator", "school_admin")


def material_view(kwargs) -> Route:
    """A page of East's campaign materials that every East staff member may read (not the district)."""
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(OK, *MATERIAL_READERS)),
        kwargs=lambda world: kwargs(east_materials(world)),
        school_object=True,
    )


# Orientation sessions (see east_orientation in tests/orientation/factories.py): every East staff member reads
# orientations and the topic library ("view_orientations"); the coordinator and principal plan them, build agendas
# and edit the library ("manage_orientations"). Students and the district get 403; another school's coordinator has
# their own school's index and library, and 404 for East's objects.
ORIENTATION_READERS = ("staff", "coordinator", "school_admin")
ORIENTATION_MANAGERS = ("coordinator", "school_admin")


def orientation_route(kwargs, allowed: tuple[str, ...], method: str = "get", **options) -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_orientation(world)),
        method=method,
        school_object=True,
        **options,
    )


def orientation_school_page(allowed: tuple[str, ...], method: str = "get", **options) -> Route:
    """A page of the active school (no object in the URL): another school's coordinator sees their own."""
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, **roles(outcome, *allowed, "other_coordinator")), method=method, **options
    )


# Orientation meetings and invitations (see east_invitations in tests/orientation/factories.py): the coordinator
# and the principal plan them; a peer or focus student answers their own on their page, and anyone holding the
# signed link answers that one invitation.
def invitations_manage(kwargs, method: str = "get") -> Route:
    return Route(
        expect(
            FORBIDDEN,
            anonymous=LOGIN,
            other_coordinator=NOT_FOUND,
            **roles(OK if method == "get" else REDIRECT, *ORIENTATION_MANAGERS),
        ),
        kwargs=lambda world: kwargs(east_invitations(world)),
        method=method,
        school_object=True,
    )


# Records (see east_records in tests/schools/factories.py): the coordinator and the principal keep the school's
# disclosures, records requests and exports ("manage_records"); everyone else gets 403, another school's coordinator
# 404 for East's objects.
RECORDS_MANAGERS = ("coordinator", "school_admin")


def records_route(kwargs, method: str = "get", outcome: str | None = None, **options) -> Route:
    outcome = outcome or (OK if method == "get" else REDIRECT)
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *RECORDS_MANAGERS)),
        kwargs=lambda world: kwargs(east_records(world)),
        method=method,
        school_object=True,
        **options,
    )


RECORDS_SCHOOL_PAGE = expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=OK, **roles(OK, *RECORDS_MANAGERS))


# Matching (see east_matching in tests/recruitment/factories.py): East's staff read ("view_recruitment"), the
# coordinator and special educators change ("manage_matching"; the matrix's coordinator is both); the principal
# reads; students and the district get 403; another school's coordinator gets 404.
MATCHING_READERS = ("staff", "coordinator", "school_admin")
MATCHING_MANAGERS = ("coordinator",)


def confirmed_partner(world) -> dict:
    match = east_matching(world).match
    match.status = "confirmed"
    match.save(update_fields=["status"])
    return {"pk": match.focus_student_id}


def matching_route(kwargs, allowed: tuple[str, ...], method: str = "get", **options) -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_matching(world)),
        method=method,
        school_object=True,
        **options,
    )


def student_account_route(allowed: str, method: str = "get", **options) -> Route:
    """A page or button of one East student's sign-in or consent records: coordinator and principal only."""
    options.setdefault("kwargs", lambda world: {"pk": world.peer_student.pk})
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, coordinator=allowed, school_admin=allowed),
        method=method,
        school_object=True,
        **options,
    )


# Orientation readiness (see east_readiness in tests/orientation/factories.py): East's staff read and take attendance;
# the coordinator and principal plan make-ups and set the rule; the district gets 403 (not a staff role); another
# school's coordinator gets 404. A handout is also for the peer paired with that focus student.


def readiness_route(kwargs, allowed: tuple[str, ...], **options) -> Route:
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(OK, *allowed)),
        kwargs=lambda world: kwargs(east_readiness(world), world),
        school_object=True,
        **options,
    )


# The resource library and orientations' materials (see east_resources in tests/orientation/factories.py).
EAST_SCHOOL_STAFF = ("staff", "coordinator", "school_admin")


def resource_route(kwargs, allowed: tuple[str, ...], method: str = "get", **options) -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_resources(world)),
        method=method,
        school_object=True,
        **options,
    )



# Shared activities: scheduling (see east_scheduling in tests/activities/factories.py). Every East staff member reads
# activities and the calendar ("view_activities"); the coordinator and principal plan them, place people, move and
# cancel days ("manage_activities"); a peer or focus student has their own page, signs up and withdraws
# ("view_own_activities") and sees their own calendar. The district gets 403 (not a staff role of the school);
# another school's coordinator gets 404 for East's objects and their own school's lists.
ACTIVITY_READERS = ("staff", "coordinator", "school_admin")
ACTIVITY_MANAGERS = ("coordinator", "school_admin")


def scheduling_route(kwargs, allowed: tuple[str, ...], method: str = "get", **options) -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_scheduling(world)),
        method=method,
        school_object=True,
        **options,
    )


def scheduling_own(kwargs, method: str = "post") -> Route:
    """A peer's or focus student's own action on an East activity (everyone else lacks the permission: 403; another
    school's peer would get 404, tested in tests/activities/scheduling/test_sign_up.py)."""
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, **roles(REDIRECT, *STUDENTS)),
        kwargs=lambda world: kwargs(east_scheduling(world)),
        method=method,
    )


# --- Shared activities: attendance (helper attend; see east_attendance in tests/activities/factories.py) ---
ATTENDANCE_TAKERS = ("staff", "coordinator", "school_admin")


def attendance_route(kwargs, method: str = "get", **options) -> Route:
    """A staff page of today's lunch group: any East staff member takes attendance; the district reads it through
    the evaluation, not here."""
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *ATTENDANCE_TAKERS)),
        kwargs=lambda world: kwargs(east_attendance(world)),
        school_object=True,
        method=method,
        **options,
    )



# --- Shared activities: facilitation (helper facil; see tests/activities/facilitation/factories.py) ---
# Any East staff member logs and reads facilitation ("log_facilitation", "view_facilitation"); the coordinator and the
# principal record support changes (the teacher, a general educator, may not). The district gets 403.
FACILITATION_STAFF = ("staff", "coordinator", "school_admin")
SUPPORT_CHANGERS = ("coordinator", "school_admin")


def facilitation_route(kwargs, allowed=FACILITATION_STAFF, method: str = "get", **options) -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(world, east_facilitation(world)),
        method=method,
        school_object=True,
        **options,
    )

# Service-learning projects and service hours (activities.service; see east_service in tests/activities/factories.py).
# East's staff read and plan projects; the peer and the focus student placed in the project see its peer-safe page;
# the district reads hours; the coordinator and principal approve, decline, print certificates and export; the
# verifier's signed link answers whoever holds it.
SERVICE_STAFF = ("staff", "coordinator", "school_admin")
HOURS_APPROVERS = ("coordinator", "school_admin")


def service_route(kwargs, allowed: tuple[str, ...], method: str = "get", **options) -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_service(world)),
        method=method,
        school_object=True,
        **options,
    )


def own_check_in_route(kwargs, method: str = "get") -> Route:
    """A peer's or student's own check-in pages (staff have none)."""
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *STUDENTS)),
        kwargs=lambda world: kwargs(east_attendance(world)),
        method=method,
    )


def service_school_page(allowed: tuple[str, ...], method: str = "get", **options) -> Route:
    """A page of the active school (no object in the URL): another school's coordinator sees their own."""
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, **roles(outcome, *allowed, "other_coordinator")),
        method=method,
        # The school's service objects exist, so the page lists something.
        kwargs=lambda world: east_service(world) and {},
        **options,
    )


def service_student_page(kwargs) -> Route:
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *STUDENTS)), kwargs=lambda world: kwargs(east_service(world))
    )


# Peer journals (see east_journals in tests/activities/journals/factories.py): a peer writes their own; the
# coordinator (also a special educator) reads, replies and follows up (read_peer_journals) and edits the prompts
# (manage_journal_prompts). General educators, the principal, the district and focus students never read them.
JOURNAL_READERS = ("coordinator",)


def journal_route(kwargs, method: str = "get") -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *JOURNAL_READERS)),
        kwargs=lambda world: kwargs(east_journals(world)),
        method=method,
        school_object=True,
    )


def journal_own(kwargs) -> Route:
    """The peer's own journal (their own entry by id): the peer only."""
    return Route(expect(FORBIDDEN, anonymous=LOGIN, peer=OK), kwargs=lambda world: kwargs(east_journals(world)))


MATRIX: dict[str, Route] = {
    "home": Route(expect(REDIRECT, anonymous=OK)),
    "healthz": Route(expect(OK)),
    # For the load balancer: anyone may ask; it names parts and states, nothing about people or hosts.
    "healthz_ready": Route(expect(OK)),
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
    # Each staff member's own caseload (empty for most of the matrix's people); the district has none.
    "my_students": Route(expect(OK, anonymous=LOGIN, district_admin=FORBIDDEN, **roles(FORBIDDEN, *STUDENTS))),
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
    # One's own account and second step: staff only (peers and students never get a second step). The matrix's
    # staff already passed it, so setup and the check send them on; a POST without the password re-shows the form.
    "account": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "two_factor_manage": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "two_factor_setup": Route(expect(REDIRECT, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "two_factor_verify": Route(expect(REDIRECT, anonymous=LOGIN)),
    "two_factor_recovery_codes": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "two_factor_regenerate": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS)), method="post"),
    "two_factor_remove": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS)), method="post"),
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
    "bell_schedule_add": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, school_admin=OK, other_coordinator=OK)
    ),
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
    # --- Emails and jobs that kept failing (schools.outbox): the principal and the district try them again ---
    "outbox:failed": Route(expect(FORBIDDEN, anonymous=LOGIN, school_admin=OK, district_admin=OK)),
    "outbox:retry": Route(
        expect(FORBIDDEN, anonymous=LOGIN, school_admin=REDIRECT, district_admin=REDIRECT),
        kwargs=lambda world: {"pk": OutboxItemFactory(school=world.school).pk},
        method="post",
    ),
    # --- Retention and deleting one child's data (schools.privacy): the principal only ---
    "retention": Route(expect(FORBIDDEN, anonymous=LOGIN, school_admin=OK)),
    "retention_run": Route(expect(FORBIDDEN, anonymous=LOGIN, school_admin=REDIRECT), method="post"),
    "student_delete_data": Route(
        expect(FORBIDDEN, anonymous=LOGIN, school_admin=OK, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"pk": world.focus_student.pk},
        school_object=True,
    ),
    # A student's sign-in and consent records: the coordinator and the principal.
    "student_sign_in": student_account_route(OK),
    "student_sign_in_card": student_account_route(OK),
    "student_sign_in_off": student_account_route(REDIRECT, method="post"),
    "student_consent_records": student_account_route(OK),
    "student_consent_withdraw": student_account_route(
        REDIRECT,
        method="post",
        kwargs=lambda world: {"pk": world.peer_student.pk, "consent_pk": east_account_consent(world).pk},
    ),
    # --- Roster import and export (schools.rostering) ---
    # The coordinator and principal import and export; other staff and the district get 403; another school's
    # coordinator uses the pages for their own school and gets 404 for East's imports.
    "rostering:import_list": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=OK, **roles(OK, *ROSTER_MANAGERS))
    ),
    "rostering:upload": Route(expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=OK, **roles(OK, *ROSTER_MANAGERS))),
    "rostering:template": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=OK, **roles(OK, *ROSTER_MANAGERS)),
        kwargs=lambda world: {"file_format": "xlsx"},
    ),
    "rostering:export": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=OK, **roles(OK, *ROSTER_MANAGERS)),
        kwargs=lambda world: {"file_format": "csv"},
    ),
    "rostering:import_detail": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(OK, *ROSTER_MANAGERS)),
        kwargs=east_roster_import,
        school_object=True,
    ),
    "rostering:import_progress": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(OK, *ROSTER_MANAGERS)),
        kwargs=east_roster_import,
        school_object=True,
    ),
    "rostering:choose_org": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(REDIRECT, *ROSTER_MANAGERS)),
        kwargs=east_roster_import,
        method="post",
        data=lambda world: {"org": "org-1"},
        school_object=True,
    ),
    "rostering:confirm": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(REDIRECT, *ROSTER_MANAGERS)),
        kwargs=east_roster_import,
        method="post",
        school_object=True,
    ),
    "rostering:cancel": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(REDIRECT, *ROSTER_MANAGERS)),
        kwargs=east_roster_import,
        method="post",
        school_object=True,
    ),
    # --- Programs, planning teams, meetings, action items (programs) ---
    # Everyone on East's staff and the district see programs; the coordinator and principal plan them; a general
    # educator reads but gets 403 on every manage page; another school's coordinator gets 404 for East's objects.
    "programs:list": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "programs:district": Route(expect(FORBIDDEN, anonymous=LOGIN, district_admin=OK)),
    "programs:create": Route(expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *PROGRAM_MANAGERS, "other_coordinator"))),
    "programs:detail": program_view(lambda p: {"pk": p.program.pk}),
    "programs:update": program_manage(lambda p: {"pk": p.program.pk}),
    "programs:status": program_manage(
        lambda p: {"pk": p.program.pk}, method="post", data=lambda world: {"status": "approved"}
    ),
    "programs:team": program_view(lambda p: {"pk": p.program.pk}),
    "programs:team_add": program_manage(lambda p: {"pk": p.program.pk}),
    "programs:team_edit": program_manage(lambda p: {"pk": p.program.pk, "member_pk": p.member.pk}),
    "programs:team_remove": program_manage(
        lambda p: {"pk": p.program.pk, "member_pk": p.member.pk},
        method="post",
        data=lambda world: east_program(world).restore("member"),
    ),
    # Focus students and peers taking part: staff read the list; adding, removing and dates are for managers.
    "programs:participants": program_view(lambda p: {"pk": p.program.pk}),
    "programs:participants_add": program_manage(lambda p: {"pk": p.program.pk}),
    "programs:participant_edit": Route(
        program_manage(lambda p: {"pk": p.program.pk}).expected,
        kwargs=lambda world: {"pk": east_program(world).program.pk, "participant_pk": east_participant(world).pk},
        school_object=True,
    ),
    "programs:participant_remove": Route(
        program_manage(lambda p: {"pk": p.program.pk}, method="post").expected,
        kwargs=lambda world: {"pk": east_program(world).program.pk, "participant_pk": east_participant(world).pk},
        method="post",
        school_object=True,
    ),
    "programs:meetings": program_view(lambda p: {"pk": p.program.pk}),
    "programs:meeting_create": program_manage(lambda p: {"pk": p.program.pk}),
    "programs:meeting_detail": program_view(lambda p: {"pk": p.program.pk, "meeting_pk": p.meeting.pk}),
    "programs:meeting_update": program_manage(lambda p: {"pk": p.program.pk, "meeting_pk": p.meeting.pk}),
    # The item's owner is East's coordinator: they and the principal may mark it; the general educator may not.
    "programs:action_item_complete": program_manage(lambda p: {"item_pk": p.action_item.pk}, method="post"),
    "programs:action_item_reopen": program_manage(lambda p: {"item_pk": p.action_item.pk}, method="post"),
    "programs:expansion": program_view(lambda p: {"pk": p.program.pk}),
    "programs:stage_add": program_manage(lambda p: {"pk": p.program.pk}),
    "programs:stage_edit": program_manage(lambda p: {"pk": p.program.pk, "stage_pk": p.stage.pk}),
    "programs:stage_reached": program_manage(
        lambda p: {"pk": p.program.pk, "stage_pk": p.stage.pk}, method="post"
    ),
    "programs:budget": program_view(lambda p: {"pk": p.program.pk}),
    "programs:budget_add": program_manage(lambda p: {"pk": p.program.pk}),
    "programs:budget_edit": program_manage(lambda p: {"pk": p.program.pk, "item_pk": p.budget_item.pk}),
    "programs:budget_remove": program_manage(
        lambda p: {"pk": p.program.pk, "item_pk": p.budget_item.pk},
        method="post",
        data=lambda world: east_program(world).restore("budget_item"),
    ),
    "programs:approvals": program_view(lambda p: {"pk": p.program.pk}),
    "programs:approval_add": program_manage(lambda p: {"pk": p.program.pk}),
    "programs:approval_edit": program_manage(lambda p: {"pk": p.program.pk, "approval_pk": p.approval.pk}),
    "programs:approval_document": program_view(lambda p: {"pk": p.program.pk, "approval_pk": p.approval.pk}),
    # The year playbook and the planning meeting's agenda builder.
    "programs:playbook": playbook_route(lambda b: {"pk": b.playbook.program_id}, manage=False),
    "programs:playbook_generate": playbook_route(lambda b: {"pk": b.playbook.program_id}, manage=True, method="post"),
    "programs:playbook_copy": playbook_route(
        lambda b: {"pk": b.playbook.program_id, "playbook_pk": b.playbook.pk}, manage=True, method="post"
    ),
    "programs:playbook_step_add": playbook_route(
        lambda b: {"pk": b.playbook.program_id, "playbook_pk": b.playbook.pk}, manage=True
    ),
    "programs:playbook_step_edit": playbook_route(
        lambda b: {"pk": b.playbook.program_id, "step_pk": b.step.pk}, manage=True
    ),
    "programs:playbook_step_done": playbook_route(
        lambda b: {"pk": b.playbook.program_id, "step_pk": b.step.pk}, manage=True, method="post"
    ),
    "programs:playbook_step_skip": playbook_route(
        lambda b: {"pk": b.playbook.program_id, "step_pk": b.step.pk}, manage=True, method="post"
    ),
    "programs:playbook_step_reopen": playbook_route(
        lambda b: {"pk": b.playbook.program_id, "step_pk": b.step.pk}, manage=True, method="post"
    ),
    "programs:meeting_agenda": program_manage(lambda p: {"pk": p.program.pk, "meeting_pk": p.meeting.pk}),
    "programs:meeting_agenda_print": program_view(lambda p: {"pk": p.program.pk, "meeting_pk": p.meeting.pk}),
    # Without a saved agenda the button is refused with a message: a redirect either way.
    "programs:meeting_agenda_email": program_manage(
        lambda p: {"pk": p.program.pk, "meeting_pk": p.meeting.pk}, method="post"
    ),
    # --- Orientation: follow-up meetings ---
    "orientation:followup": followup_route(manage=False),
    "orientation:followup_notes": followup_route(manage=True),
    "orientation:followup_action_item_add": followup_route(manage=True),
    "orientation:followup_agenda": followup_route(manage=True),
    "orientation:followup_agenda_print": followup_route(manage=False),
    # Without a saved agenda the button is refused with a message: a redirect either way.
    "orientation:followup_agenda_email": followup_route(manage=True, method="post"),
    # --- Recruitment: applying, consent, nominations ---
    # Public pages (see east_applying in tests/recruitment/factories.py): everyone, signed in or not, gets the same
    # page.
    "recruitment:join": Route(expect(OK)),
    "recruitment:join_campaign": Route(expect(OK), kwargs=lambda world: {"pk": east_applying(world).campaign.pk}),
    "recruitment:apply": Route(expect(OK), kwargs=lambda world: {"pk": east_applying(world).campaign.pk}),
    "recruitment:apply_thanks": Route(expect(OK), kwargs=lambda world: {"pk": east_applying(world).campaign.pk}),
    "recruitment:consent": Route(expect(OK), kwargs=lambda world: {"signed": east_applying(world).consent_link}),
    "recruitment:consent_renew": Route(expect(OK), kwargs=lambda world: {"signed": east_renewal_link(world)}),
    # Every staff member of the school nominates; students and the district do not.
    "recruitment:nominate": Route(
        expect(OK, anonymous=LOGIN, district_admin=FORBIDDEN, **roles(FORBIDDEN, *STUDENTS))
    ),
    "recruitment:nominations": Route(
        expect(OK, anonymous=LOGIN, district_admin=FORBIDDEN, **roles(FORBIDDEN, *STUDENTS))
    ),
    "recruitment:nomination_detail": Route(
        expect(OK, anonymous=LOGIN, district_admin=FORBIDDEN, other_coordinator=NOT_FOUND,
               **roles(FORBIDDEN, *STUDENTS)),
        kwargs=lambda world: {"pk": east_applying(world).nomination.pk},
        school_object=True,
    ),
    # A possible duplicate's merge page: reviewers (the coordinator and the principal) only.
    "recruitment:application_duplicate": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(OK, *REVIEWERS)),
        kwargs=lambda world: {"pk": east_applying(world).duplicate.pk},
        school_object=True,
    ),
    "recruitment:application_guardian": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(OK, *REVIEWERS)),
        kwargs=lambda world: {"pk": east_applying(world).application.pk},
        school_object=True,
    ),
    # --- Recruitment: campaigns and review ---
    "recruitment:campaign_list": Route(
        expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *RECRUITMENT_READERS, "other_coordinator"))
    ),
    "recruitment:campaign_create": recruitment_route(
        lambda c: {"program_pk": c.campaign.program_id}, RECRUITMENT_MANAGERS
    ),
    "recruitment:campaign_detail": recruitment_route(lambda c: {"pk": c.campaign.pk}, RECRUITMENT_READERS),
    "recruitment:campaign_update": recruitment_route(lambda c: {"pk": c.campaign.pk}, RECRUITMENT_MANAGERS),
    "recruitment:channel_add": recruitment_route(lambda c: {"pk": c.campaign.pk}, RECRUITMENT_MANAGERS),
    "recruitment:channel_edit": recruitment_route(
        lambda c: {"pk": c.campaign.pk, "channel_pk": c.channel.pk}, RECRUITMENT_MANAGERS
    ),
    "recruitment:review_queue": recruitment_route(lambda c: {"pk": c.campaign.pk}, RECRUITMENT_READERS),
    "recruitment:application_detail": recruitment_route(lambda c: {"pk": c.application.pk}, RECRUITMENT_READERS),
    # POSTs with no data: the score form saves nothing new, a missing decision is refused with a message.
    "recruitment:application_score": recruitment_route(lambda c: {"pk": c.application.pk}, REVIEWERS, "post"),
    "recruitment:application_decide": recruitment_route(lambda c: {"pk": c.application.pk}, REVIEWERS, "post"),
    "recruitment:application_promote": recruitment_route(lambda c: {"pk": c.application.pk}, REVIEWERS, "post"),
    # --- Recruitment: brochure and poster ---
    # East's staff read, download and preview them ("view_recruitment"); the coordinator and principal prepare them
    # ("manage_recruitment"); students and the district get 403; another school's coordinator gets 404.
    "recruitment:material_list": material_view(lambda m: {"pk": m.campaign.pk}),
    "recruitment:material_progress": material_view(lambda m: {"pk": m.campaign.pk}),
    "recruitment:material_preview": material_view(lambda m: {"pk": m.campaign.pk, "kind": "brochure", "paper": "a4"}),
    "recruitment:material_download": material_view(
        lambda m: {"pk": m.campaign.pk, "kind": "poster", "paper": "letter"}
    ),
    "recruitment:material_render": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(REDIRECT, *MATERIAL_MANAGERS)),
        kwargs=lambda world: {"pk": east_materials(world).campaign.pk, "kind": "poster", "paper": "letter"},
        method="post",
        school_object=True,
    ),
    # --- Recruitment: matching ---
    # A peer opens the peer-safe profile of a student they are paired with (a confirmed match), nobody else's.
    "recruitment:partner_profile": Route(
        expect(FORBIDDEN, anonymous=LOGIN, peer=OK, focus_student=NOT_FOUND),
        kwargs=lambda world: confirmed_partner(world),
    ),
    "recruitment:matching_programs": Route(
        expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *MATCHING_READERS, "other_coordinator"))
    ),
    "recruitment:matching": matching_route(lambda m: {"pk": m.program.pk}, MATCHING_READERS),
    "recruitment:matching_add": matching_route(lambda m: {"pk": m.program.pk}, MATCHING_MANAGERS),
    "recruitment:matching_propose": matching_route(
        lambda m: {"pk": m.program.pk}, MATCHING_MANAGERS, "post",
        data=lambda world: {"peer_capacity": 1, "min_peers_per_student": 1, "max_peers_per_student": 2},
    ),
    "recruitment:matching_confirm": matching_route(lambda m: {"pk": m.program.pk}, MATCHING_MANAGERS, "post"),
    "recruitment:matching_remove": matching_route(
        lambda m: {"pk": m.program.pk, "match_pk": m.match.pk}, MATCHING_MANAGERS, "post",
        data=lambda world: east_matching(world).restore(),
    ),
    # The avoid list: those who may see the student's confidential record (coordinator, principal, support team).
    "recruitment:matching_preferences": matching_route(
        lambda m: {"pk": m.program.pk, "student_pk": m.match.focus_student_id}, ("coordinator", "school_admin")
    ),
    # --- Orientation: meetings, invitations, RSVPs (orientation.invitations) ---
    "orientation:meeting_add": invitations_manage(lambda o: {"pk": o.orientation.pk}),
    "orientation:meeting_edit": invitations_manage(lambda o: {"pk": o.orientation.pk, "meeting_pk": o.meeting.pk}),
    "orientation:meeting_cancel": invitations_manage(
        lambda o: {"pk": o.spare_orientation.pk, "meeting_pk": o.spare_meeting.pk}, method="post"
    ),
    "orientation:cancel": invitations_manage(lambda o: {"pk": o.spare_orientation.pk}, method="post"),
    "orientation:invite": invitations_manage(lambda o: {"pk": o.orientation.pk}),
    "orientation:mine": Route(expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *STUDENTS))),
    # Public: the signed link in the invitation email answers whoever holds it, signed in or not.
    "orientation:rsvp": Route(expect(OK), kwargs=lambda world: {"token": east_invitations(world).rsvp_token}),
    # --- Orientation: the resource library and an orientation's materials (see east_resources) ---
    # Staff and the district read the library; staff add to it; its author, the coordinator or the principal change
    # a resource (the matrix's resource is the coordinator's). Peers and students download only a file attached to
    # a topic shown to peers (the matrix's is), and read those topics on their own page.
    "orientation:resources": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "orientation:resource_add": Route(
        expect(OK, anonymous=LOGIN, district_admin=FORBIDDEN, **roles(FORBIDDEN, *STUDENTS))
    ),
    "orientation:resource_edit": resource_route(
        lambda r: {"pk": r.resource.pk}, ORIENTATION_MANAGERS
    ),
    "orientation:resource_delete": resource_route(
        lambda r: {"pk": r.spare_resource.pk}, ORIENTATION_MANAGERS, "post",
        data=lambda world: east_resources(world).restore("spare_resource"),
    ),
    "orientation:resource_file": Route(
        expect(OK, anonymous=LOGIN, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"pk": east_resources(world).resource.pk},
        school_object=True,
    ),
    "orientation:peer_topics": Route(expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *STUDENTS))),
    # An orientation's materials: staff read them, the coordinator and principal add and remove; a file is
    # downloaded by staff and by the students invited (the world's peer is; the focus student is not).
    "orientation:materials": resource_route(lambda r: {"pk": r.orientation.pk}, EAST_SCHOOL_STAFF),
    "orientation:material_add_resource": resource_route(lambda r: {"pk": r.orientation.pk}, ORIENTATION_MANAGERS),
    "orientation:material_add": resource_route(lambda r: {"pk": r.orientation.pk}, ORIENTATION_MANAGERS),
    "orientation:material_remove": resource_route(
        lambda r: {"pk": r.spare_material.pk}, ORIENTATION_MANAGERS, "post",
        data=lambda world: east_resources(world).restore("spare_material"),
    ),
    "orientation:material_file": Route(
        expect(OK, anonymous=LOGIN, district_admin=FORBIDDEN, other_coordinator=NOT_FOUND, focus_student=NOT_FOUND),
        kwargs=lambda world: {"pk": east_resources(world).material.pk},
        school_object=True,
    ),
    # --- Records: disclosures, records requests, the bundle and export (schools.privacy) ---
    "privacy:disclosures": Route(RECORDS_SCHOOL_PAGE),
    "privacy:disclosure_add": Route(RECORDS_SCHOOL_PAGE),
    "privacy:requests": Route(RECORDS_SCHOOL_PAGE),
    "privacy:request_add": Route(RECORDS_SCHOOL_PAGE),
    "privacy:request_detail": records_route(lambda r: {"pk": r.inspection_request.pk}),
    "privacy:request_close": records_route(
        lambda r: {"pk": r.inspection_request.pk}, method="post", data=lambda world: {"status": "fulfilled"}
    ),
    # The download answers with the zip itself (200).
    "privacy:request_bundle": records_route(lambda r: {"pk": r.inspection_request.pk}, method="post", outcome=OK),
    "privacy:student_export": records_route(lambda r: {"pk": r.guardian.student_id}),
    "privacy:guardian_link": records_route(lambda r: {"pk": r.guardian.student_id}),
    # Public: the parent's page behind the emailed link answers everyone who has the link, signed in or not.
    "privacy:guardian_disclosures": Route(
        expect(OK), kwargs=lambda world: {"signed": east_records(world).guardian_link}
    ),
    # --- Orientation sessions: the topic library, orientations, agendas and tailoring ---
    "orientation:index": orientation_school_page(ORIENTATION_READERS),
    "orientation:topics": orientation_school_page(ORIENTATION_READERS),
    "orientation:topic_add": orientation_school_page(ORIENTATION_MANAGERS),
    "orientation:topic_edit": orientation_route(lambda o: {"pk": o.topic.pk}, ORIENTATION_MANAGERS),
    "orientation:topic_retire": orientation_route(lambda o: {"pk": o.topic.pk}, ORIENTATION_MANAGERS, "post"),
    "orientation:topic_restore": orientation_route(lambda o: {"pk": o.topic.pk}, ORIENTATION_MANAGERS, "post"),
    "orientation:list": orientation_route(lambda o: {"pk": o.program.pk}, ORIENTATION_READERS),
    "orientation:create": orientation_route(lambda o: {"pk": o.program.pk}, ORIENTATION_MANAGERS),
    "orientation:detail": orientation_route(lambda o: {"pk": o.orientation.pk}, ORIENTATION_READERS),
    "orientation:update": orientation_route(lambda o: {"pk": o.orientation.pk}, ORIENTATION_MANAGERS),
    "orientation:agenda": orientation_route(lambda o: {"pk": o.orientation.pk}, ORIENTATION_MANAGERS),
    "orientation:agenda_add": orientation_route(
        lambda o: {"pk": o.orientation.pk}, ORIENTATION_MANAGERS, "post",
        data=lambda world: {"topic": east_orientation(world).orientation.program.school.orientation_topics.get(
            guide_key="purpose").pk},
    ),
    "orientation:agenda_accept": orientation_route(lambda o: {"pk": o.orientation.pk}, ORIENTATION_MANAGERS, "post"),
    "orientation:agenda_item_edit": orientation_route(lambda o: {"pk": o.item.pk}, ORIENTATION_MANAGERS),
    "orientation:agenda_item_move": orientation_route(
        lambda o: {"pk": o.item.pk}, ORIENTATION_MANAGERS, "post", data=lambda world: {"direction": "down"}
    ),
    "orientation:agenda_item_remove": orientation_route(
        lambda o: {"pk": o.item.pk}, ORIENTATION_MANAGERS, "post",
        data=lambda world: east_orientation(world).restore_item(),
    ),
    # Orientation: attendance, make-ups, readiness, handouts.
    "orientation:attendance": readiness_route(lambda r, w: {"pk": r.meeting.pk}, ORIENTATION_READERS),
    "orientation:makeup_add": readiness_route(lambda r, w: {"pk": r.meeting.pk}, ORIENTATION_MANAGERS),
    "orientation:readiness": readiness_route(lambda r, w: {"pk": r.program.pk}, ORIENTATION_READERS),
    "orientation:coverage_add": readiness_route(
        lambda r, w: {"pk": r.program.pk, "student_pk": w.peer_student.pk}, ORIENTATION_READERS
    ),
    "orientation:settings": readiness_route(lambda r, w: {"pk": r.program.pk}, ORIENTATION_MANAGERS),
    "orientation:handouts": readiness_route(lambda r, w: {"pk": r.program.pk}, ORIENTATION_READERS),
    "orientation:handout": readiness_route(lambda r, w: {"pk": w.focus_student.pk}, (*ORIENTATION_READERS, "peer")),
    "orientation:handout_pdf": readiness_route(lambda r, w: {"pk": w.focus_student.pk}, (*ORIENTATION_READERS, "peer")),
    # --- Shared activities: calendar feeds (activities.feeds, see east_feeds in tests/activities/factories.py) ---
    # Everyone signed in at a school has their own links page (the district administrator has no school role);
    # another school's coordinator has their own school's.
    "activities:feeds": Route(expect(OK, anonymous=LOGIN, district_admin=FORBIDDEN)),
    # A link's buttons are its owner's only (the matrix's link is the coordinator's, made fresh for the row).
    "activities:feed_rotate": Route(
        expect(NOT_FOUND, anonymous=LOGIN, district_admin=FORBIDDEN, coordinator=OK),
        kwargs=lambda world: {"pk": feed_made(world, "coordinator")[0].pk},
        method="post",
        school_object=True,
    ),
    "activities:feed_revoke": Route(
        expect(NOT_FOUND, anonymous=LOGIN, district_admin=FORBIDDEN, coordinator=REDIRECT),
        kwargs=lambda world: {"pk": feed_made(world, "coordinator")[0].pk},
        method="post",
        school_object=True,
    ),
    # Public: the feed answers its token alone, signed in or not (the peer's, so tests/test_peer_outputs.py reads
    # it); a wrong or switched-off token is a 404 (tests/activities/feeds/test_feed_tokens.py).
    "activities:feed": Route(expect(OK), kwargs=lambda world: {"token": east_feeds(world).peer_token}),
    # --- Shared activities: scheduling (activities.scheduling; see east_scheduling) ---
    "activities:index": Route(expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *ACTIVITY_READERS, "other_coordinator"))),
    "activities:add": Route(expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *ACTIVITY_MANAGERS, "other_coordinator"))),
    "activities:calendar": Route(expect(OK, anonymous=LOGIN, district_admin=FORBIDDEN)),
    "activities:mine": Route(expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *STUDENTS))),
    "activities:detail": scheduling_route(lambda s: {"pk": s.activity.pk}, ACTIVITY_READERS),
    "activities:edit": scheduling_route(lambda s: {"pk": s.activity.pk}, ACTIVITY_MANAGERS),
    "activities:cancel": scheduling_route(lambda s: {"pk": s.activity.pk}, ACTIVITY_MANAGERS),
    "activities:participants": scheduling_route(lambda s: {"pk": s.activity.pk}, ACTIVITY_MANAGERS),
    "activities:participant_remove": scheduling_route(lambda s: {"pk": s.spare_place.pk}, ACTIVITY_MANAGERS, "post"),
    "activities:occurrence_change": scheduling_route(lambda s: {"pk": s.upcoming.pk}, ACTIVITY_MANAGERS),
    "activities:occurrence_cancel": scheduling_route(lambda s: {"pk": s.upcoming.pk}, ACTIVITY_MANAGERS),
    "activities:sign_up": scheduling_own(lambda s: {"pk": s.event.pk}),
    "activities:leave": scheduling_own(lambda s: {"pk": s.event.pk}),
    # --- School calendar of non-school days (schools/calendar/, helper remind): read with the roster, changed by
    # those who keep the bell schedule ---
    "non_school_days": Route(expect(OK, anonymous=LOGIN, **roles(FORBIDDEN, *STUDENTS))),
    "non_school_day_add": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, school_admin=OK, other_coordinator=OK)
    ),
    "non_school_days_import": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, school_admin=OK, other_coordinator=OK)
    ),
    "non_school_day_delete": Route(
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=REDIRECT, school_admin=REDIRECT, other_coordinator=NOT_FOUND),
        kwargs=lambda world: {"pk": east_non_school_day(world).pk},
        method="post",
        data=lambda world: east_non_school_day(world) and {},
        school_object=True,
    ),
    # --- Activity reminders (activities/reminders/, helper remind): one's own preference, staff and students ---
    "activities:reminders": Route(expect(OK, anonymous=LOGIN, district_admin=FORBIDDEN)),
    # --- Shared activities: attendance (helper attend) ---
    "activities:attendance": attendance_route(lambda a: {"pk": a.today.pk}),
    # The phone page's per-tap save answers JSON (200).
    "activities:attendance_mark": Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(OK, *ATTENDANCE_TAKERS)),
        kwargs=lambda world: {"pk": east_attendance(world).today.pk},
        method="post",
        data=lambda world: {"student": world.focus_student.pk, "status": "present"},
        school_object=True,
    ),
    "activities:attendance_history": attendance_route(lambda a: {"pk": a.today.pk}),
    "activities:occurrence_qr": attendance_route(lambda a: {"pk": a.today.pk}),
    "activities:walk_in_decide": attendance_route(
        lambda a: {"pk": a.walk_in.pk}, method="post", data=lambda world: {"decision": "refuse"}
    ),
    "activities:kiosk_manage": attendance_route(lambda a: {"pk": a.activity.pk}),
    "activities:kiosk_revoke": attendance_route(lambda a: {"pk": a.spare_kiosk.pk}, method="post"),
    "activities:minutes": attendance_route(lambda a: {"pk": a.program.pk}),
    "activities:check_in": own_check_in_route(lambda a: {"pk": a.today.pk}),
    "activities:check_in_code": own_check_in_route(lambda a: {}),
    # The kiosk carries its own secret: it answers everyone who has the link, signed in or not.
    "activities:kiosk": Route(expect(OK), kwargs=lambda world: {"token": east_attendance(world).kiosk_token}),
    # --- Activities: service-learning projects and service hours (activities.service, helper "service") ---
    "activities:projects": service_school_page(SERVICE_STAFF),
    "activities:project": service_route(lambda s: {"pk": s.activity.pk}, SERVICE_STAFF),
    "activities:project_edit": service_route(lambda s: {"pk": s.activity.pk}, SERVICE_STAFF),
    "activities:project_task_add": service_route(lambda s: {"pk": s.activity.pk}, SERVICE_STAFF),
    "activities:project_task_edit": service_route(
        lambda s: {"pk": s.activity.pk, "task_pk": s.task.pk}, SERVICE_STAFF
    ),
    "activities:project_task_remove": service_route(
        lambda s: {"pk": s.activity.pk, "task_pk": s.spare_task.pk}, SERVICE_STAFF, "post",
        data=lambda world: east_service(world).restore("spare_task"),
    ),
    "activities:project_photo_add": service_route(lambda s: {"pk": s.activity.pk}, SERVICE_STAFF),
    "activities:project_photo": service_route(lambda s: {"pk": s.activity.pk, "photo_pk": s.photo.pk}, SERVICE_STAFF),
    "activities:project_photo_remove": service_route(
        lambda s: {"pk": s.activity.pk, "photo_pk": s.spare_photo.pk}, SERVICE_STAFF, "post",
        data=lambda world: east_service(world).restore("spare_photo"),
    ),
    # The peer-safe page of those placed in the project (the world's peer and focus student both are).
    "activities:project_shared": service_student_page(lambda s: {"pk": s.activity.pk}),
    "activities:project_shared_photo": service_student_page(lambda s: {"pk": s.activity.pk, "photo_pk": s.photo.pk}),
    "activities:my_hours": service_student_page(lambda s: {}),
    "activities:my_certificate": service_student_page(lambda s: {"term_pk": s.approved[0].term_id}),
    "activities:hours_review": service_school_page((*SERVICE_STAFF, "district_admin")),
    "activities:hours_add": service_school_page(SERVICE_STAFF),
    # No entry ticked: the coordinator is sent back with the message.
    "activities:hours_approve": service_school_page(HOURS_APPROVERS, "post"),
    "activities:hours_decline": service_route(lambda s: {"pk": s.claim.pk}, HOURS_APPROVERS),
    # The proof of the peer's claim: staff and the district who read hours, and the peer who claimed it (another
    # student: 404).
    "activities:hours_proof": Route(
        expect(
            FORBIDDEN,
            anonymous=LOGIN,
            other_coordinator=NOT_FOUND,
            focus_student=NOT_FOUND,
            **roles(OK, *SERVICE_STAFF, "district_admin", "peer"),
        ),
        kwargs=lambda world: {"pk": east_service(world).claim.pk},
        school_object=True,
    ),
    "activities:hours_settings": service_route(lambda s: {"pk": s.program.pk}, HOURS_APPROVERS),
    "activities:hours_certificates": service_route(
        lambda s: {"pk": s.program.pk, "term_pk": s.approved[0].term_id}, HOURS_APPROVERS
    ),
    "activities:hours_export": service_route(
        lambda s: {"pk": s.program.pk, "term_pk": s.approved[0].term_id}, HOURS_APPROVERS
    ),
    # --- Activities: facilitation (activities.facilitation, helper "facil") ---
    "activities:facilitation_log": facilitation_route(lambda world, f: {"pk": f.past.pk}),
    "activities:facilitation_logs": facilitation_route(lambda world, f: {"pk": f.activity.pk}),
    "activities:student_timeline": facilitation_route(lambda world, f: {"pk": f.student.pk}),
    "activities:support_change_add": facilitation_route(
        lambda world, f: {"pk": f.student.pk},
        SUPPORT_CHANGERS,
        "post",
        data=lambda world: {"date": str(world.term.start_date), "kind": "change", "what": "Moved to the back"},
    ),
    "activities:support_change_delete": facilitation_route(
        lambda world, f: {"pk": spare_change(world).pk},
        SUPPORT_CHANGERS,
        "post",
        # Put back before each request (the previous role's request removed it), with the same id.
        data=lambda world: spare_change(world) and {},
    ),
    # Public: the verifier's signed link answers whoever holds it, signed in or not.
    "activities:verify": Route(expect(OK), kwargs=lambda world: {"token": east_service(world).verify_token}),
    # --- Peer journals (helper journal; see east_journals) ---
    "activities:my_journal": journal_own(lambda j: {}),
    "activities:my_journal_entry": journal_own(lambda j: {"pk": j.own_entry.pk}),
    "activities:journal_index": Route(
        expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *JOURNAL_READERS, "other_coordinator"))
    ),
    "activities:journals": journal_route(lambda j: {"pk": j.program.pk}),
    "activities:journal_entry": journal_route(lambda j: {"pk": j.other_entry.pk}),
    "activities:journal_prompts": journal_route(lambda j: {"pk": j.program.pk}),
    "activities:journal_prompt_edit": journal_route(lambda j: {"pk": j.prompt.pk}),
    "activities:journal_prompt_move": journal_route(lambda j: {"pk": j.prompt.pk}, "post"),
    "activities:journal_prompt_retire": journal_route(lambda j: {"pk": j.prompt.pk}, "post"),
}

# The Django admin is for support staff (is_staff) only: every admin URL sends every role to the admin sign-in,
# except that sign-in page itself.
# --- Observation by interval recording (helper observe; see tests/activities/observation/factories.py): East's staff
# observe ("observe_students") and read results ("view_observations"); the teacher ("staff") is the observer of the
# fixture's observation, so only they open its recording page and send its intervals (the rest of the staff: 403);
# joining as the second observer answers a redirect either way (the observer's own: refused with a message).
OBSERVERS = ("staff", "coordinator", "school_admin")


def observation_route(kwargs, allowed: tuple[str, ...] = OBSERVERS, method: str = "get", **options) -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_observation(world)),
        method=method,
        school_object=True,
        **options,
    )


def observation_payload(world) -> dict:
    import json

    observation = east_observation(world).observation
    intervals = [{"number": 1, "interaction": "peer", "engaged": "yes", "peers": [world.peer_student.pk]}]
    return {"payload": json.dumps({"client_id": str(observation.client_id), "intervals": intervals})}


MATRIX.update(
    {
        "activities:observation_start": observation_route(lambda o: {"pk": o.lunch.today.pk}),
        "activities:observation_join": observation_route(lambda o: {"pk": o.observation.pk}, method="post"),
        "activities:observation_record": observation_route(lambda o: {"pk": o.observation.pk}, ("staff",)),
        # The phone sends JSON; the matrix's form post carries the same JSON in ``payload`` (the view reads both).
        "activities:observation_sync": Route(
            expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, staff=OK),
            kwargs=lambda world: {"pk": east_observation(world).observation.pk},
            method="post",
            data=observation_payload,
            school_object=True,
        ),
        "activities:observation_detail": observation_route(lambda o: {"pk": o.observation.pk}),
        # The active school's list: another school's coordinator sees their own (empty).
        "activities:observations": Route(
            expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *OBSERVERS, "other_coordinator")),
            kwargs=lambda world: east_observation(world) and {},
        ),
    }
)

# --- Evaluation (issue 22): one block per area, each filled by its helper (see tests/evaluation/<area>/factories.py).
# --- evaluation: surveys (the coordinator's side) ---
# The coordinator and the principal edit surveys, schedule windows and invite ("manage_surveys") and read results and
# one student's answers (the coordinator/principal read every student's: "view_student_sensitive"); only the
# coordinator chooses quotes ("select_quotes"). The teacher (a general educator) is not a program lead: 403.
SURVEY_LEADS = ("coordinator", "school_admin")


def survey_route(kwargs, allowed: tuple[str, ...] = SURVEY_LEADS, method: str = "get") -> Route:
    from tests.evaluation.surveys.factories import east_surveys

    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_surveys(world)),
        method=method,
        school_object=True,
    )


MATRIX.update(
    {
        "evaluation:surveys": survey_route(lambda s: {"pk": s.base.program.pk}),
        "evaluation:survey": survey_route(lambda s: {"pk": s.base.peer_reflection.pk}),
        "evaluation:survey_question_edit": survey_route(lambda s: {"pk": s.question.pk}),
        "evaluation:survey_question_move": survey_route(lambda s: {"pk": s.question.pk}, method="post"),
        "evaluation:survey_question_retire": survey_route(lambda s: {"pk": s.question.pk}, method="post"),
        "evaluation:survey_windows": survey_route(lambda s: {"pk": s.base.program.pk}),
        "evaluation:survey_window_add": survey_route(lambda s: {"pk": s.base.program.pk}),
        "evaluation:survey_window": survey_route(lambda s: {"pk": s.base.window.pk}),
        "evaluation:survey_window_edit": survey_route(lambda s: {"pk": s.base.window.pk}),
        "evaluation:survey_window_invite": survey_route(lambda s: {"pk": s.base.window.pk}, method="post"),
        "evaluation:survey_results": survey_route(lambda s: {"pk": s.base.window.pk}),
        "evaluation:survey_response": survey_route(lambda s: {"pk": s.student_response.pk}),
        "evaluation:survey_response_quotes": survey_route(
            lambda s: {"pk": s.student_response.pk}, ("coordinator",), method="post"
        ),
        "evaluation:survey_quotes": survey_route(lambda s: {"pk": s.base.program.pk}),
    }
)

# --- evaluation: the front page (each program's outcomes pages), for the program leads ---
MATRIX.update(
    {
        "evaluation:index": Route(
            expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, school_admin=OK, other_coordinator=OK),
            kwargs=lambda world: east_evaluation(world) and {},
        ),
    }
)

# --- evaluation: responding (the respondent's side; see east_responding in tests/evaluation/responding/factories.py)
# A peer, a student or a staff member answers their own surveys ("answer_own_surveys"; the district has none). One
# person's response is reached only by that person: anyone else gets 404, never a confirmation it exists. A focus
# student's accessible form is also open to the staff allowed to support them (the coordinator; the principal may
# read the confidential record; the teacher is not on Noah's support team). A family's form and the symbols' credits
# are public.
MATRIX.update(
    {
        "evaluation:my_surveys": Route(
            expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=OK, **roles(OK, *STUDENTS, *EAST_SCHOOL_STAFF))
        ),
        "evaluation:answer": Route(
            expect(NOT_FOUND, anonymous=LOGIN, district_admin=FORBIDDEN, peer=OK),
            kwargs=lambda world: {"pk": east_responding(world).peer_response.pk},
            school_object=True,
        ),
        "evaluation:student_survey": Route(
            expect(NOT_FOUND, anonymous=LOGIN, district_admin=FORBIDDEN, focus_student=OK, coordinator=OK,
                   school_admin=OK),
            kwargs=lambda world: {"pk": east_responding(world).student_response.pk},
            school_object=True,
        ),
        "evaluation:family_survey": Route(
            expect(OK), kwargs=lambda world: {"token": east_responding(world).family_token}
        ),
        "evaluation:symbols": Route(expect(OK)),
    }
)

# --- evaluation: goals (goal attainment scaling; see tests/evaluation/goals/factories.py) ---
# Any East staff member opens a program's overview (it lists only the students whose confidential record they may
# read); a student's scales need that record (the teacher is not on Noah's support team: 403). The coordinator (also
# the special educator) writes, edits and locks scales and, as the coordinator, rates any scale; the principal
# reads but neither writes nor rates (not a chosen rater). The district gets 403.
from tests.evaluation.goals.factories import east_goals  # noqa: E402


def goal_route(kwargs, allowed, method: str = "get") -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_goals(world)),
        method=method,
        school_object=True,
    )


MATRIX.update(
    {
        "evaluation:goal_overview": goal_route(
            lambda g: {"pk": g.program.pk}, ("staff", "coordinator", "school_admin")
        ),
        "evaluation:goal_student": goal_route(
            lambda g: {"pk": g.program.pk, "student": g.student.pk}, ("coordinator", "school_admin")
        ),
        "evaluation:goal_scale_new": goal_route(
            lambda g: {"pk": g.program.pk, "student": g.student.pk}, ("coordinator",)
        ),
        "evaluation:goal_scale_edit": goal_route(lambda g: {"pk": g.draft.pk}, ("coordinator",)),
        "evaluation:goal_scale_lock": goal_route(lambda g: {"pk": g.draft.pk}, ("coordinator",), method="post"),
        "evaluation:goal_scale_rate": goal_route(lambda g: {"pk": g.scale.pk}, ("coordinator",)),
    }
)

# --- evaluation: friendships ---
# (see east_friendships in tests/evaluation/friendships/factories.py): a student names their contacts on their own
# response's page (the row is Sofia's: everyone else answers surveys too but gets a 404; the district answers none);
# the program's leads read the friendship map.
FRIENDSHIP_READERS = ("coordinator", "school_admin")  # the matrix's coordinator is also a special educator
MATRIX.update(
    {
        "evaluation:contacts": Route(
            expect(NOT_FOUND, anonymous=LOGIN, peer=OK, district_admin=FORBIDDEN),
            kwargs=lambda world: {"pk": east_friendships(world).sofia_response.pk},
            school_object=True,
        ),
        "evaluation:friendships": Route(
            expect(FORBIDDEN, anonymous=LOGIN, **roles(OK, *FRIENDSHIP_READERS, "other_coordinator")),
            kwargs=lambda world: east_friendships(world) and {},
        ),
        "evaluation:friendship_map": Route(
            expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(OK, *FRIENDSHIP_READERS)),
            kwargs=lambda world: {"pk": east_friendships(world).program.pk},
            school_object=True,
        ),
    }
)

# --- evaluation: pairs (pair health) ---
# (see east_pairs in tests/evaluation/pairs/factories.py) A peer or student checks in about their own pairs only;
# staff enter a focus student's check-in with them when they may read the student's record (the coordinator, the
# principal; the general educator is not on Noah's support team); any East staff member flags a match problem; the
# program's leads (coordinator, principal) read pair health, follow up and offer exit surveys. The district: 403.
PAIR_LEADS = ("coordinator", "school_admin")


def pair_route(kwargs, allowed=PAIR_LEADS, method: str = "get") -> Route:
    outcome = OK if method == "get" else REDIRECT
    return Route(
        expect(FORBIDDEN, anonymous=LOGIN, other_coordinator=NOT_FOUND, **roles(outcome, *allowed)),
        kwargs=lambda world: kwargs(east_pairs(world)),
        method=method,
        school_object=True,
    )


MATRIX.update(
    {
        "evaluation:pair_check_in": Route(
            expect(FORBIDDEN, anonymous=LOGIN, peer=OK, focus_student=OK),
            kwargs=lambda world: east_pairs(world) and {},
        ),
        "evaluation:student_pair_check_in": pair_route(lambda p: {"pk": p.pair.focus_student_id}),
        "evaluation:pair_health": pair_route(lambda p: {"pk": p.program.pk}),
        "evaluation:pair_flag": pair_route(lambda p: {"pk": p.pair.pk}, allowed=("staff", *PAIR_LEADS)),
        "evaluation:pair_exit_surveys": pair_route(lambda p: {"pk": p.pair.pk}, method="post"),
        "evaluation:pair_check_in_detail": pair_route(lambda p: {"pk": p.other_check_in.pk}),
    }
)

NAMESPACE_RULES: dict[str, Route] = {
    "admin": Route(expect(ADMIN_LOGIN)),
}
NAMESPACE_EXCEPTIONS: dict[str, Route] = {
    "admin:login": Route(expect(OK)),
    # Django's admin sends a non-staff visitor of its logout page to its index (and from there to its sign-in).
    "admin:logout": Route(expect(REDIRECT)),
}
