"""The friendship map: a picture and a table of who names whom, with every count split by how it was answered."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import WindowKind
from tests.evaluation.factories import SurveyWindowFactory, east_evaluation
from tests.programs.factories import ProgramParticipantFactory
from tests.schools.factories import StudentFactory

from .factories import ContactNominationFactory, east_friendships

pytestmark = pytest.mark.django_db


def map_url(program, window=None):
    url = reverse("evaluation:friendship_map", kwargs={"pk": program.pk})
    return f"{url}?window={window.pk}" if window is not None else url


def counts(page: str) -> dict[str, list[str]]:
    """The counts table: each row's label and its numbers (alone, with support, by a proxy, all)."""
    table = page[page.index('id="friendship-counts"') : page.index("</table>", page.index('id="friendship-counts"'))]
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\"[^>]*>(.*?)</th>(.*?)</tr>", table, re.S):
        rows[row[0]] = re.findall(r"<td[^>]*>(\d+)</td>", row[1])
    return rows


def test_the_mid_term_map_has_the_picture_the_table_and_counts_kept_apart(client_for, world):
    objects = east_friendships(world)
    page = client_for("coordinator").get(map_url(objects.program)).content.decode()
    # The default window is the latest that has opened: mid-term.
    assert "Friendship map: Best Buddies Club" in page and "Mid-term check-in" in page
    assert '<svg class="friendship-map' in page and 'role="img"' in page
    assert '<title id="map-title">' in page and '<desc id="map-desc">' in page
    assert "Mutual friendships (thick lines): 1." in page
    assert 'id="who-names-whom"' in page and "Noah Bennett" in page and "Sofia Ramirez" in page
    rows = counts(page)
    # Sofia -> Noah (friend, alone), Noah -> Sofia (friend, with support), Liam -> Noah (in school, alone).
    assert rows["Students named"] == ["2", "1", "0", "3"]
    assert rows["Spent time together in school"] == ["2", "1", "0", "3"]
    assert rows["Named as a friend"] == ["1", "1", "0", "2"]
    # The one mutual friendship has a side answered with support: it is counted there, not as alone.
    assert rows["Mutual friendships"] == ["0", "1", "0", "1"]
    assert rows["New mutual friendships since Start of the year"] == ["0", "1", "0", "1"]
    # Sofia and Noah spent time together at the start already; Liam and Noah are new.
    assert rows["New contacts since Start of the year"] == ["1", "0", "0", "1"]


def test_the_start_window_shows_a_one_way_friendship(client_for, world):
    objects = east_friendships(world)
    page = client_for("school_admin").get(map_url(objects.program, objects.start)).content.decode()
    assert "Mutual friendships (thick lines): 0. One-way friend nominations (arrows): 1." in page
    assert 'marker-end="url(#friend-arrow)"><line' in page
    assert counts(page)["Mutual friendships"] == ["0", "0", "0", "0"]
    assert "New contacts since" not in page  # nothing before the first window


def test_a_follow_up_shows_what_lasted(client_for, world):
    objects = east_friendships(world)
    follow_up = SurveyWindowFactory(
        program=objects.program,
        kind=WindowKind.FOLLOW_UP_1,
        name="Fall follow-up",
        opens_on=datetime.date.today() + datetime.timedelta(days=100),
        closes_on=datetime.date.today() + datetime.timedelta(days=110),
    )
    sofia, noah = world.peer_student, world.focus_student
    ContactNominationFactory(window=follow_up, nominator=sofia, nominee=noah, friend=True, answered_how="alone")
    ContactNominationFactory(window=follow_up, nominator=noah, nominee=sofia, friend=True, answered_how="proxy")
    rows = counts(client_for("coordinator").get(map_url(objects.program, follow_up)).content.decode())
    assert rows["Mutual friendships of Mid-term check-in that lasted (of 1)"] == ["0", "0", "1", "1"]
    # Of mid-term's two contacts (Sofia-Noah, Liam-Noah), Sofia-Noah lasted.
    assert rows["Contacts of Mid-term check-in that lasted (of 2)"] == ["0", "0", "1", "1"]


def test_a_forged_window_is_a_message_not_a_500(client_for, world):
    objects = east_friendships(world)
    other = SurveyWindowFactory(program=east_evaluation(world).program, asks_contacts=False)
    client = client_for("coordinator")
    for value in ("999999", "abc", str(other.pk)):
        response = client.get(f"{map_url(objects.program)}?window={value}")
        assert response.status_code == 200
        assert "Choose one of the program&#x27;s survey windows." in response.content.decode()


def test_only_the_programs_leads_read_the_map(client_for, world):
    objects = east_friendships(world)
    for role in ("staff", "peer", "focus_student", "district_admin"):
        assert client_for(role).get(map_url(objects.program)).status_code == 403, role
    assert client_for("other_coordinator").get(map_url(objects.program)).status_code == 404
    index = client_for("coordinator").get(reverse("evaluation:friendships")).content.decode()
    assert map_url(objects.program, objects.start) in index


def test_the_map_takes_the_same_queries_with_more_nominations(client_for, world, django_assert_max_num_queries):
    objects = east_friendships(world)
    client = client_for("coordinator")
    client.get(map_url(objects.program))
    with CaptureQueriesContext(connection) as few:
        client.get(map_url(objects.program))
    students = [StudentFactory(school=world.school) for _ in range(6)]
    for student in students:
        ProgramParticipantFactory(program=objects.program, student=student)
    for a in students:
        for b in students:
            if a != b:
                ContactNominationFactory(window=objects.window, nominator=a, nominee=b, friend=True)
                ContactNominationFactory(window=objects.start, nominator=a, nominee=b)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(map_url(objects.program)).content.decode()
    assert counts(page)["Mutual friendships"][-1] == "16"  # 15 among the six, and Sofia with Noah


def test_the_student_page_shows_friends_named_and_named_by(client_for, world):
    east_friendships(world)
    page = client_for("coordinator").get(reverse("student_detail", kwargs={"pk": world.focus_student.pk})).content
    page = page.decode()
    assert 'id="friendships-heading"' in page
    section = page[page.index('id="friendships-heading"') :]
    assert "Named as friends:</span> Sofia Ramirez (mutual)" in section
    # A teacher does not read friendships.
    page = client_for("staff").get(reverse("student_detail", kwargs={"pk": world.peer_student.pk})).content.decode()
    assert 'id="friendships-heading"' not in page


def test_a_program_without_windows_says_so(client_for, world):
    ev = east_evaluation(world)
    ev.window.asks_contacts = False
    ev.window.save()
    page = client_for("coordinator").get(map_url(ev.program)).content.decode()
    assert "No survey window of this program has asked about friendships yet." in page
    assert 'class="friendship-map' not in page
