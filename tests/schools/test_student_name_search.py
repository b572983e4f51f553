"""Finding a student by name on the roster: the name is posted, never put in the address, and the query-string
filters still apply."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schools.views import StudentListView
from tests.schools.factories import StudentFactory


def test_a_name_search_finds_the_student_without_the_name_in_any_url(client_for, world):
    client = client_for("coordinator")
    response = client.post(reverse("student_list"), {"name": "sofia ramirez"})

    assert response.status_code == 200
    assert [s.first_name for s in response.context["students"]] == ["Sofia"]
    page = response.content.decode()
    assert "1 student at East Elementary" in page
    # The name stays in the search box only; no link or form address on the page carries it.
    assert 'value="sofia ramirez"' in page
    assert response.context["request"].get_full_path() == "/students/"
    assert "sofia+ramirez" not in page and "sofia%20ramirez" not in page


def test_the_name_search_keeps_the_query_string_filters(client_for, world):
    StudentFactory(school=world.school, first_name="Sofia", last_name="Lopez", grade=5, kind="peer")
    client = client_for("coordinator")
    response = client.post(reverse("student_list") + "?grade=5", {"name": "Sofia"})
    assert [s.last_name for s in response.context["students"]] == ["Lopez"]
    assert 'action="/students/?grade=5"' in response.content.decode()


def test_the_roster_filters_in_the_query_string_take_no_name(client_for, world):
    response = client_for("coordinator").get(reverse("student_list"), {"q": "Sofia", "name": "Sofia"})
    # An old bookmark with a name in it is ignored, not searched.
    assert {s.first_name for s in response.context["students"]} == {"Sofia", "Noah"}
    assert "q" not in response.context["filter"].form.fields
    assert "name" not in response.context["filter"].form.fields


def test_an_empty_or_oversized_name_explains_itself(client_for, world):
    client = client_for("coordinator")
    empty = "Type a name, or part of one, to search."
    for name, message in [("", empty), ("   ", empty), ("x" * 101, "at most 100 characters")]:
        response = client.post(reverse("student_list"), {"name": name})
        assert response.status_code == 200
        assert message in response.content.decode()
        # Nothing is filtered by a name that was refused: the usual first page.
        assert len(response.context["students"]) == 2


def test_a_broad_name_search_says_there_are_more(client_for, world):
    StudentFactory.create_batch(3, school=world.school, last_name="Nguyen")
    client = client_for("coordinator")
    StudentListView.name_search_limit, limit = 2, StudentListView.name_search_limit
    try:
        response = client.post(reverse("student_list"), {"name": "Nguyen"})
    finally:
        StudentListView.name_search_limit = limit
    assert len(response.context["students"]) == 2
    assert "More than 2 students match. Type more of the name to see the rest." in response.content.decode()


def test_students_cannot_search_the_roster(client_for, world):
    for role in ("peer", "focus_student"):
        assert client_for(role).post(reverse("student_list"), {"name": "Noah"}).status_code == 403


def test_name_search_queries_do_not_grow_with_matches(client_for, world):
    client = client_for("coordinator")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.post(reverse("student_list"), {"name": "Ramirez"}).status_code == 200
        return len(captured)

    few = queries()
    StudentFactory.create_batch(20, school=world.school, last_name="Ramirez")
    assert queries() == few
