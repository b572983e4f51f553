"""The evaluation app's permissions, merged into the one table views and templates read (``schools.permissions``).
Object rules (a student's own answers; a goal scale's chosen raters; one student's answers seen by the coordinator and
that student's support team only) are in the selectors and services."""

from schools.models import Role
from schools.permissions import STAFF_ROLES, register_permissions
from schools.scoping import FOCUS_STUDENT, PEER

COORDINATING = frozenset({Role.COORDINATOR, Role.SCHOOL_ADMIN})
# The people who run the program day to day and read how its students are doing.
PROGRAM_LEADS = frozenset({Role.COORDINATOR, Role.SPECIAL_EDUCATOR, Role.SCHOOL_ADMIN})
STUDENTS = frozenset({PEER, FOCUS_STUDENT})

EVALUATION_PERMISSIONS: dict[str, frozenset[str]] = {
    # Surveys: the coordinator and principal edit the questions, schedule survey windows and send invitations.
    "manage_surveys": COORDINATING,
    # The results of a window (answers kept apart by how they were answered); one student's answers are read only by
    # the coordinator and that student's support team (an object rule in the selectors).
    "view_survey_results": PROGRAM_LEADS,
    # Choosing quotes (only from responses whose student or family consented): the coordinator.
    "select_quotes": frozenset({Role.COORDINATOR}),
    # Answering one's own surveys: peers, students and staff (families answer by a signed link).
    "answer_own_surveys": STAFF_ROLES | STUDENTS,
    # Helping a focus student answer, or answering as their proxy: staff on the student's support team or the
    # coordinator (the object rule is in the student form's selectors).
    "support_student_answers": STAFF_ROLES,
    # Goal attainment scaling: the coordinator and special educator write and lock scales; the chosen raters rate
    # (object rule); scales are read where the student's confidential record may be read (they come from IEP goals).
    "manage_goal_scales": frozenset({Role.COORDINATOR, Role.SPECIAL_EDUCATOR}),
    "rate_goals": STAFF_ROLES,
    "view_goal_scales": STAFF_ROLES,
    # The friendship map and social contacts: the program's leads.
    "view_friendships": PROGRAM_LEADS,
    # Pair health: a peer or student checks in about their own pairs; any staff member may flag a match problem; the
    # program's leads read the check-ins and follow up.
    "check_in_own_pairs": STUDENTS,
    "flag_match_problem": STAFF_ROLES,
    "view_pair_health": PROGRAM_LEADS,
}


def register() -> None:
    register_permissions("evaluation", EVALUATION_PERMISSIONS)
