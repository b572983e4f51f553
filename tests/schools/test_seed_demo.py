"""``seed_demo`` builds the demo district from the guide's case applications, and running it again changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from schools.accounts.two_factor import requires_second_factor
from schools.models import District, School, Student, User

from ..two_factor import complete_setup

ACCOUNTS = [
    "district.admin",
    "east.coordinator",
    "east.principal",
    "east.teacher",
    "east.peer",
    "putnam.coordinator",
    "putnam.principal",
    "putnam.peer",
    "beaman.coordinator",
]


def counts():
    """Rows of every model of the project's apps: a second run must not add or remove any."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ("schools", "programs", "recruitment", "orientation", "activities", "evaluation")
        and model._meta.label != "schools.AccessLogEntry"
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the module (it takes a while: a term of shared activities), rolled back after it.
    Each test runs in a savepoint of its own, so what one changes (running it again, another password) is undone."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo, db):
    return None


def test_demo_schools_are_the_guides_case_applications(seeded):
    riverside = District.objects.get(name="Riverside Public Schools")
    assert set(riverside.schools.values_list("name", flat=True)) == {"East Elementary", "Putnam Middle School"}
    beaman = School.objects.get(name="Beaman Intermediate School")
    assert beaman.district != riverside
    for school in School.objects.all():
        assert school.current_term is not None, school
        assert Student.objects.filter(school=school).focus_students().exists()
        assert Student.objects.filter(school=school).peers().exists()
    for student in Student.objects.focus_students():
        assert student.interests and student.communication and student.iep_goals.exists(), student
        assert student.how_to_help and student.guardians.exists(), student


def test_every_school_has_a_roster_the_size_the_programs_issue_asks_for(seeded):
    for school in School.objects.all():
        students = Student.objects.filter(school=school)
        assert 6 <= students.focus_students().count() <= 10, school
        assert 20 <= students.peers().count() <= 40, school
        schedule = school.bell_schedules.get()
        assert schedule.periods.filter(kind="lunch").exists()
        for peer in students.peers():
            assert peer.availability.exists(), peer


def test_running_it_again_changes_nothing(seeded):
    before = counts()
    call_command("seed_demo", stdout=None)
    assert counts() == before


@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_demo_account_signs_in_and_reaches_its_dashboard(client, seeded, username):
    """Demo administrators and coordinators have no second step yet: signing in makes them set it up first."""
    user = User.objects.get(username=username)
    response = client.post(reverse("login"), {"username": username, "password": "peerpartners"}, follow=True)
    if requires_second_factor(user):
        assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup")), username
        assert "needs a second step at sign-in" in response.content.decode()
        codes_page = complete_setup(client, user)
        assert "Your recovery codes" in codes_page.content.decode()
        response = client.get(reverse("dashboard"))
    else:
        assert response.redirect_chain[-1][0] == reverse("dashboard"), username
    assert response.status_code == 200


def test_password_option_changes_the_demo_password(client, seeded):
    call_command("seed_demo", password="another demo passphrase", stdout=None)
    assert client.login(username="east.coordinator", password="another demo passphrase")
    assert not client.login(username="east.coordinator", password="peerpartners")


def test_staff_without_a_listed_account_cannot_sign_in(seeded):
    assert not User.objects.get(username="beaman.science").has_usable_password()


def test_the_demo_peers_accounts_rest_on_a_parents_consent(seeded):
    """Both demo peers are under 13: the seed records the parent's consent their sign-in needs (COPPA)."""
    from schools.accounts.student_accounts import check_may_have_sign_in

    for username in ("east.peer", "putnam.peer"):
        student = Student.objects.get(user__username=username)
        assert student.is_under_13()
        check_may_have_sign_in(student)  # raises without a valid account consent
