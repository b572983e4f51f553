"""The activities app's permissions, merged into the one table views and templates read (``schools.permissions``).
Object rules (a peer sees only their own activities and hours; a supervisor edits attendance for 7 days) are in the
selectors and services."""

from schools.models import Role
from schools.permissions import STAFF_ROLES, register_permissions
from schools.scoping import DISTRICT_ADMIN, FOCUS_STUDENT, PEER

COORDINATING = frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN})
STUDENTS = frozenset({PEER, FOCUS_STUDENT})

ACTIVITY_PERMISSIONS: dict[str, frozenset[str]] = {
    # Activities, their calendar and who takes part: every staff member reads them; the coordinator and principal
    # plan them, place participants, change or cancel occurrences.
    "view_activities": STAFF_ROLES,
    "manage_activities": COORDINATING,
    # Any staff member may take attendance on their phone (supervisors for 7 days; after that the coordinator, with
    # a reason: the service checks), accept walk-ins and open a kiosk.
    "take_activity_attendance": STAFF_ROLES,
    # After the supervisor's 7 days: the coordinator and principal change attendance, with a reason.
    "correct_activity_attendance": COORDINATING,
    # A peer or student: their own activities, sign-up, check-in, calendar feed and hours.
    "view_own_activities": STUDENTS,
    # Calendar feeds: everyone signed in at a school may have their own; program feeds are for staff.
    "manage_own_calendar_feeds": STAFF_ROLES | STUDENTS,
    # Service-learning projects: staff read and plan them; peers see their own project's plan.
    "view_service_projects": STAFF_ROLES,
    "manage_service_projects": STAFF_ROLES,
    # Service hours: a peer or student claims their own; staff read them; the coordinator approves or declines.
    "claim_service_hours": STUDENTS,
    "view_service_hours": STAFF_ROLES | {DISTRICT_ADMIN},
    # Any staff member may add hours a student did with them (the coordinator still approves them).
    "add_service_hours": STAFF_ROLES,
    "approve_service_hours": COORDINATING,
    # Reminders: everyone who takes part in or supervises activities chooses how they hear about them.
    "choose_activity_reminders": STAFF_ROLES | STUDENTS,
    # Facilitation (issue 21): any supervising adult logs the strategies they used and how close they stayed; staff
    # read the logs and a focus student's timeline (the IEP goals practised only where ``can_view_sensitive``).
    "log_facilitation": STAFF_ROLES,
    "view_facilitation": STAFF_ROLES,
    # A dated change in a student's support (the line on the timeline charts): the coordinator and special educator.
    "record_support_changes": frozenset({Role.COORDINATOR, Role.SPECIAL_EDUCATOR, Role.SCHOOL_ADMIN}),
    # Direct observation by interval recording, and a second observer on the same clock: any staff member.
    "observe_students": STAFF_ROLES,
    "view_observations": STAFF_ROLES,
    # Peer journals: a peer writes their own; the coordinator and the special educator who runs the daily period
    # read, reply and follow up a flagged worry; the coordinator edits the prompts. Never another peer.
    "write_peer_journal": frozenset({PEER}),
    "read_peer_journals": frozenset({Role.COORDINATOR, Role.SPECIAL_EDUCATOR}),
    "manage_journal_prompts": frozenset({Role.COORDINATOR}),
}


def register() -> None:
    register_permissions("activities", ACTIVITY_PERMISSIONS)
