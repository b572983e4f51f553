"""The contacts page: a student names who they spent time with and who is a friend, in their response's window."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import ContactNomination
from tests.evaluation.factories import east_evaluation
from tests.programs.factories import ProgramFactory, ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory, StudentFactory

from .factories import east_friendships

pytestmark = pytest.mark.django_db


def contacts_url(response):
    return reverse("evaluation:contacts", kwargs={"pk": response.pk})


def sofias(world):
    """Sofia's nominations in the mid-term window, as (nominee, in school, out of school, friend, how)."""
    objects = east_friendships(world)
    return sorted(
        ContactNomination.objects.filter(window=objects.window, nominator=world.peer_student).values_list(
            "nominee_id", "in_school", "out_of_school", "friend", "answered_how"
        )
    )


def test_the_peer_sees_their_partner_first_and_the_other_peer(client_for, world):
    objects = east_friendships(world)
    page = client_for("peer").get(contacts_url(objects.sofia_response)).content.decode()
    assert "Who did you spend time with?" in page
    assert page.index("Noah") < page.index("Liam")
    assert "Your partner" in page  # the badge by Noah
    # What she saved before is ticked.
    noah = world.focus_student.pk
    assert f'name="friend" value="{noah}" id="friend-{noah}" checked>' in page
    assert f'name="out_of_school" value="{noah}" id="out-of-school-{noah}">' in page


def test_saving_replaces_the_windows_nominations_and_copies_how_it_was_answered(client_for, world):
    objects = east_friendships(world)
    noah, liam = world.focus_student, east_evaluation(world).other_peer
    objects.sofia_response.answered_how = "with_support"
    objects.sofia_response.save()
    client = client_for("peer")
    response = client.post(
        contacts_url(objects.sofia_response),
        {"in_school": [noah.pk, liam.pk], "out_of_school": [liam.pk], "friend": [liam.pk]},
        follow=True,
    )
    assert "Saved. Thank you!" in response.content.decode()
    assert sofias(world) == sorted(
        [(noah.pk, True, False, False, "with_support"), (liam.pk, True, True, True, "with_support")]
    )
    # The earlier window's nominations are untouched.
    assert ContactNomination.objects.filter(window=objects.start, nominator=world.peer_student).count() == 1
    # Saving nobody empties her list for this window.
    response = client.post(contacts_url(objects.sofia_response), {}, follow=True)
    assert "nobody named" in response.content.decode()
    assert sofias(world) == []


@pytest.mark.parametrize(
    "forged",
    [
        "999999",  # nobody
        "Noah",  # a word
        "self",  # the peer herself
        "other_program",  # a student of another East program
        "other_school",  # a student of Putnam
        "inactive",  # a student of the program who no longer takes part
    ],
)
def test_bad_ids_are_a_clear_error_and_nothing_is_saved(client_for, world, forged):
    objects = east_friendships(world)
    before = sofias(world)
    if forged == "self":
        value, message = world.peer_student.pk, "You can&#x27;t name yourself."
    elif forged == "other_program":
        elsewhere = ProgramFactory(school=world.school, name="Art Club", status="active")
        value = ProgramParticipantFactory(program=elsewhere, student=StudentFactory(school=world.school)).student.pk
        message = "not on your list"
    elif forged == "other_school":
        value, message = StudentFactory(school=world.other_school).pk, "not on your list"
    elif forged == "inactive":
        student = StudentFactory(school=world.school)
        ProgramParticipantFactory(program=objects.program, student=student, status="ended")
        value, message = student.pk, "not on your list"
    else:
        value, message = forged, "not on your list"
    response = client_for("peer").post(
        contacts_url(objects.sofia_response), {"in_school": [world.focus_student.pk], "friend": [value]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Nothing was saved." in page
    assert sofias(world) == before


def test_a_closed_window_accepts_nothing(client_for, world):
    objects = east_friendships(world)
    window = objects.window
    window.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    window.save()
    before = sofias(world)
    client = client_for("peer")
    assert "This survey window is closed" in client.get(contacts_url(objects.sofia_response)).content.decode()
    response = client.post(contacts_url(objects.sofia_response), {"in_school": [world.focus_student.pk]})
    assert response.status_code == 200
    assert "This survey window is closed" in response.content.decode()
    assert sofias(world) == before


def test_a_directory_opt_out_is_never_named_to_a_peer(client_for, world):
    objects = east_friendships(world)
    noah = world.focus_student
    noah.directory_opt_out = True
    noah.save()
    other = FocusStudentFactory(school=world.school, first_name="Quentin", directory_opt_out=True)
    ProgramParticipantFactory(program=objects.program, student=other)
    page = client_for("peer").get(contacts_url(objects.sofia_response)).content.decode()
    assert "Noah" not in page and "Bennett" not in page and "Quentin" not in page
    assert "Your partner" in page and "A student in the program" in page


def test_a_focus_student_names_peers_only(client_for, world):
    objects = east_friendships(world)
    other = FocusStudentFactory(school=world.school, first_name="Quentin")
    ProgramParticipantFactory(program=objects.program, student=other)
    page = client_for("focus_student").get(contacts_url(objects.noah_response)).content.decode()
    assert "Sofia" in page and "Liam" in page and "Quentin" not in page


def test_staff_supporting_a_focus_student_answer_with_them(client_for, world):
    """The coordinator (and the student's support team) may enter a focus student's contacts; a teacher who is not on
    the team may not, nor may anyone enter a peer's."""
    objects = east_friendships(world)
    sofia = world.peer_student
    response = client_for("coordinator").post(contacts_url(objects.noah_response), {"friend": [sofia.pk]}, follow=True)
    assert "Saved" in response.content.decode()
    saved = ContactNomination.objects.get(window=objects.window, nominator=world.focus_student, nominee=sofia)
    assert (saved.friend, saved.in_school, saved.answered_how) == (True, False, "with_support")
    assert client_for("staff").get(contacts_url(objects.noah_response)).status_code == 404
    world.focus_student.support_team.add(world.user("staff"))
    page = client_for("staff").get(contacts_url(objects.noah_response)).content.decode()
    assert "You are helping Noah answer" in page
    assert client_for("coordinator").get(contacts_url(objects.sofia_response)).status_code == 404


def test_a_window_that_does_not_ask_about_contacts_has_no_contacts_page(client_for, world):
    objects = east_friendships(world)
    objects.window.asks_contacts = False
    objects.window.save()
    assert client_for("peer").get(contacts_url(objects.sofia_response)).status_code == 404


def test_the_page_takes_the_same_queries_with_more_students(client_for, world, django_assert_max_num_queries):
    objects = east_friendships(world)
    client = client_for("peer")
    client.get(contacts_url(objects.sofia_response))  # the session's first page
    with CaptureQueriesContext(connection) as few:
        client.get(contacts_url(objects.sofia_response))
    for _ in range(16):
        ProgramParticipantFactory(program=objects.program, student=StudentFactory(school=world.school))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(contacts_url(objects.sofia_response)).content.decode()
    assert page.count('name="friend"') == 18  # Noah, Liam and the sixteen
