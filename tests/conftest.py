"""Shared fixtures: two schools of one district and one of another, with a person for every role of the matrix."""

import os
from dataclasses import dataclass

import pytest
from django.conf import settings

# Hashing with a million PBKDF2 rounds would make each sign-in in the suite take a third of a second. Set before the
# factories hash their password; the production hasher list is untouched.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

from schools.models import Role  # noqa: E402
from tests.schools.factories import (  # noqa: E402
    BellScheduleFactory,
    DistrictAdministratorFactory,
    DistrictFactory,
    FocusStudentFactory,
    IEPGoalFactory,
    MembershipFactory,
    PeriodFactory,
    SchoolFactory,
    StudentFactory,
    TermFactory,
    UserFactory,
)

from .two_factor import sign_in_verified  # noqa: E402

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


def services_required() -> bool:
    """CI sets REQUIRE_SERVICES=1: then a missing PostgreSQL, Redis or Chromium fails a test instead of skipping."""
    return os.environ.get("REQUIRE_SERVICES", "").lower() in ("1", "true", "yes")


def service_missing(reason: str):
    if services_required():
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def weasyprint_ready():
    """WeasyPrint needs the system's Pango: skip without it, but fail in CI (REQUIRE_SERVICES=1)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        service_missing(f"WeasyPrint cannot load (is Pango installed?): {error}")


@pytest.fixture(autouse=True)
def celery_runs_in_process(request):
    """Tasks run in-process in tests, even with REDIS_URL set, so nothing a test queues reaches a real worker.

    Tests marked ``real_celery`` talk to a worker they start themselves.
    """
    from celery._state import _set_task_join_will_block

    from peerpartners.celery import app

    # Celery marks "inside a task" in one process-wide flag while an eager task runs (``denied_join_result``). Two
    # threads running eager tasks at once (the "at once" tests, a live server beside the test) can leave it set:
    # the second restores the first's "inside". No test starts inside a task, or a real worker's ``result.get()``
    # refuses to wait ("Never call result.get() within a task!").
    _set_task_join_will_block(False)
    if request.node.get_closest_marker("real_celery"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@dataclass
class World:
    """School A (East) holds the objects; school B (Putnam) is the other school of the same district."""

    school: object
    other_school: object
    far_school: object
    term: object
    focus_student: object
    iep_goal: object
    peer_student: object
    users: dict
    bell_schedule: object = None
    period: object = None

    def user(self, role):
        return self.users[role]


@pytest.fixture
def world(db):
    riverside = DistrictFactory(name="Riverside Public Schools", slug="riverside")
    east = SchoolFactory(district=riverside, name="East Elementary", slug="east", lowest_grade=0, highest_grade=5)
    putnam = SchoolFactory(district=riverside, name="Putnam Middle School", slug="putnam", level="middle",
                           lowest_grade=6, highest_grade=8)
    beaman = SchoolFactory(name="Beaman Intermediate School", slug="beaman", level="intermediate",
                           lowest_grade=5, highest_grade=6)
    term = TermFactory(school=east, name="Fall")

    users = {"anonymous": None}
    users["coordinator"] = MembershipFactory(school=east, role=Role.COORDINATOR,
                                             user=UserFactory(username="east.coordinator")).user
    MembershipFactory(school=east, role=Role.SPECIAL_EDUCATOR, user=users["coordinator"])
    users["staff"] = MembershipFactory(school=east, role=Role.GENERAL_EDUCATOR,
                                       user=UserFactory(username="east.teacher")).user
    users["school_admin"] = MembershipFactory(school=east, role=Role.SCHOOL_ADMIN,
                                              user=UserFactory(username="east.principal")).user
    users["district_admin"] = DistrictAdministratorFactory(district=riverside,
                                                           user=UserFactory(username="district.admin")).user
    users["other_coordinator"] = MembershipFactory(school=putnam, role=Role.COORDINATOR,
                                                   user=UserFactory(username="putnam.coordinator")).user
    MembershipFactory(school=beaman, role=Role.COORDINATOR, user=UserFactory(username="beaman.coordinator"))

    users["peer"] = UserFactory(username="east.peer")
    peer_student = StudentFactory(school=east, user=users["peer"], first_name="Sofia", last_name="Ramirez")
    users["focus_student"] = UserFactory(username="east.student")
    focus_student = FocusStudentFactory(school=east, user=users["focus_student"], first_name="Noah",
                                        last_name="Bennett", grade=3)
    iep_goal = IEPGoalFactory(student=focus_student)
    bell_schedule = BellScheduleFactory(school=east, term=term)
    period = PeriodFactory(schedule=bell_schedule, name="Lunch", kind="lunch", order=1)
    return World(
        school=east, other_school=putnam, far_school=beaman, term=term, focus_student=focus_student,
        iep_goal=iep_goal, peer_student=peer_student, users=users, bell_schedule=bell_schedule, period=period,
    )


@pytest.fixture
def client_for(client, world):
    """``client_for("coordinator")``: the test client signed in as that role (anonymous: signed out); staff roles
    come with an authenticator and a session that passed the second step (tests/two_factor.py)."""

    def sign_in(role):
        client.logout()
        user = world.user(role)
        if user is not None:
            sign_in_verified(client, user)
        return client

    return sign_in
