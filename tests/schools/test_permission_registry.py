"""The permission registry: each app declares its own permissions; views, templates and the role matrix read the merge.

``TABLE`` is the table as it stood in ``schools/permissions.py`` before the apps declared their own (issue 17): the
merge must give every role exactly what it had, so nobody gains or loses a page when an app takes its names home.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from programs.permissions import PROGRAM_PERMISSIONS
from recruitment.permissions import RECRUITMENT_PERMISSIONS
from schools.permissions import PERMISSIONS, SCHOOL_PERMISSIONS, has_permission, register_permissions
from schools.scoping import Access

STAFF = frozenset(
    {
        "coordinator",
        "special_educator",
        "general_educator",
        "paraprofessional",
        "related_service",
        "counselor",
        "school_admin",
    }
)
STUDENTS = frozenset({"peer", "focus_student"})
DISTRICT = frozenset({"district_admin"})
PRINCIPALS = frozenset({"coordinator", "school_admin"})

TABLE = {
    "view_dashboard": STAFF | STUDENTS | DISTRICT,
    "view_roster": STAFF | DISTRICT,
    "view_student_sensitive": PRINCIPALS,
    "view_staff": STAFF | DISTRICT,
    "view_caseload": STAFF,
    "view_district": DISTRICT,
    "edit_student_profile": frozenset({"coordinator", "special_educator", "related_service"}),
    "assign_support_team": PRINCIPALS,
    "import_roster": PRINCIPALS,
    "export_roster": PRINCIPALS,
    "manage_bell_schedule": PRINCIPALS,
    "view_access_log": frozenset({"school_admin"}),
    "run_retention": frozenset({"school_admin"}),
    "delete_student_data": frozenset({"school_admin"}),
    "set_directory_opt_out": PRINCIPALS,
    "manage_student_sign_in": PRINCIPALS,
    "manage_consent_records": PRINCIPALS,
    "view_programs": STAFF | DISTRICT,
    "manage_program": PRINCIPALS,
    "view_district_programs": DISTRICT,
    "view_recruitment": STAFF,
    "nominate_peer": STAFF,
    "manage_recruitment": PRINCIPALS,
    "review_applications": frozenset({"coordinator", "school_admin", "special_educator"}),
    "manage_matching": frozenset({"coordinator", "special_educator"}),
    "view_own_partners": STUDENTS,
    "view_own_programs": STUDENTS,
    "manage_records": PRINCIPALS,
    # Added since (issue 18): the failed emails and jobs of the school (schools.outbox).
    "retry_outbox": frozenset({"school_admin", "district_admin"}),
    # Added since (issue 19): orientation (orientation/permissions.py).
    "view_orientations": STAFF,
    "manage_orientations": PRINCIPALS,
    "take_orientation_attendance": STAFF,
    "record_topic_coverage": STAFF,
    "view_own_orientations": STUDENTS,
    "view_peer_handouts": STAFF | {"peer"},
    "view_resources": STAFF | DISTRICT,
    "share_resources": STAFF,
    "download_resources": STAFF | DISTRICT | STUDENTS,
    "download_orientation_materials": STAFF | STUDENTS,
    # Added since (issue 20): shared activities (activities/permissions.py).
    "view_activities": STAFF,
    "manage_activities": PRINCIPALS,
    "take_activity_attendance": STAFF,
    "correct_activity_attendance": PRINCIPALS,
    "view_own_activities": STUDENTS,
    "manage_own_calendar_feeds": STAFF | STUDENTS,
    "view_service_projects": STAFF,
    "manage_service_projects": STAFF,
    "claim_service_hours": STUDENTS,
    "view_service_hours": STAFF | DISTRICT,
    "add_service_hours": STAFF,
    "approve_service_hours": PRINCIPALS,
    # Reminders (helper remind): everyone with activities chooses how they hear about them.
    "choose_activity_reminders": STAFF | STUDENTS,
    # Added since (issue 21): facilitation, observation and peer journals (activities/permissions.py).
    "log_facilitation": STAFF,
    "view_facilitation": STAFF,
    "record_support_changes": frozenset({"coordinator", "special_educator", "school_admin"}),
    "observe_students": STAFF,
    "view_observations": STAFF,
    "write_peer_journal": frozenset({"peer"}),
    "read_peer_journals": frozenset({"coordinator", "special_educator"}),
    "manage_journal_prompts": frozenset({"coordinator"}),
    # Added since (issue 22): surveys, goal attainment scaling, friendships and pair health (evaluation/permissions.py).
    "manage_surveys": PRINCIPALS,
    "view_survey_results": frozenset({"coordinator", "special_educator", "school_admin"}),
    "select_quotes": frozenset({"coordinator"}),
    "answer_own_surveys": STAFF | STUDENTS,
    "support_student_answers": STAFF,
    "manage_goal_scales": frozenset({"coordinator", "special_educator"}),
    "rate_goals": STAFF,
    "view_goal_scales": STAFF,
    "view_friendships": frozenset({"coordinator", "special_educator", "school_admin"}),
    "check_in_own_pairs": STUDENTS,
    "flag_match_problem": STAFF,
    "view_pair_health": frozenset({"coordinator", "special_educator", "school_admin"}),
}


def test_the_merged_table_gives_every_role_what_it_had():
    assert {name: {str(role) for role in roles} for name, roles in PERMISSIONS.items()} == TABLE


def test_an_unknown_permission_fails_loudly():
    access = Access(user=None, school=None, roles=frozenset(STAFF))
    with pytest.raises(ValueError, match="view_secrets"):
        has_permission(access, "view_secrets")


def test_each_name_is_declared_by_the_app_whose_pages_use_it():
    assert {"view_programs", "manage_program", "view_district_programs", "view_own_programs"} == set(
        PROGRAM_PERMISSIONS
    )
    assert {
        "view_recruitment",
        "nominate_peer",
        "manage_recruitment",
        "review_applications",
        "manage_matching",
        "view_own_partners",
    } == set(RECRUITMENT_PERMISSIONS)
    assert {"view_roster", "view_student_sensitive", "manage_records"} <= set(SCHOOL_PERMISSIONS)


def test_a_name_declared_by_a_second_app_stops_the_start_up():
    with pytest.raises(ImproperlyConfigured) as raised:
        register_permissions("evaluation", {"view_surveys": STAFF, "manage_program": STAFF})
    assert "'manage_program'" in str(raised.value)
    assert "'programs'" in str(raised.value)
    assert "'evaluation'" in str(raised.value)
    # Refused whole: neither the clash nor the new name got in, and the programs' rule still holds.
    assert "view_surveys" not in PERMISSIONS
    assert PERMISSIONS["manage_program"] == TABLE["manage_program"]


def test_an_app_registering_its_own_table_again_changes_nothing():
    register_permissions("programs", PROGRAM_PERMISSIONS)
    assert {name: {str(role) for role in roles} for name, roles in PERMISSIONS.items()} == TABLE
