"""The program's participants page: who takes part (focus students and peers) with their start and end dates, adding
several at once from the roster (search by name posted, filters by kind, grade and homeroom), removing (the period
ends, the row stays), correcting dates; every bad input answered on the form, nothing half-saved, never a 500."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs import services
from programs.models import ProgramParticipant
from schools.dates import school_today
from schools.models import Student
from tests.programs.factories import ProgramFactory, ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory, StudentFactory


def page(program):
    return reverse("programs:participants", kwargs={"pk": program.pk})


def add_url(program):
    return reverse("programs:participants_add", kwargs={"pk": program.pk})


def search(client, program, **filters):
    data = {"action": "search", **{f"search-{key}": value for key, value in filters.items()}}
    return client.post(add_url(program), data)


def add(client, program, students, joined_on=None, **extra):
    """Tick ``students`` and press "Add"; the start date field comes filled in with the school's today."""
    if joined_on is None:
        joined_on = school_today(program.school).isoformat()
    data = {"action": "add", "students": [getattr(s, "pk", s) for s in students], "joined_on": joined_on, **extra}
    return client.post(add_url(program), data)


def found_names(response) -> set[str]:
    return {student.full_name for student in response.context["found"]}


@pytest.fixture
def roster(world):
    """East's roster: Noah (focus, grade 3, world's), Sofia (peer, world's), and a few more in two homerooms."""
    return {
        "maya": FocusStudentFactory(school=world.school, first_name="Maya", last_name="Okafor", grade=4,
                                    homeroom="Room 12"),
        "eli": StudentFactory(school=world.school, first_name="Eli", last_name="Park", grade=4, homeroom="Room 12"),
        "zoe": StudentFactory(school=world.school, first_name="Zoe", last_name="Quinn", grade=5, homeroom="Room 14"),
        "left_school": StudentFactory(school=world.school, first_name="Gone", last_name="Away", is_active=False),
    }


# --- Adding ---------------------------------------------------------------------------------------------------------


def test_the_add_page_offers_focus_students_not_taking_part_first(client_for, world, east, roster):
    response = client_for("coordinator").get(add_url(east.program))
    assert found_names(response) == {"Noah Bennett", "Maya Okafor"}
    assert "Focus students not taking part yet" in response.content.decode()


def test_an_imported_focus_student_is_enrolled_in_a_few_clicks(client_for, world, east, roster):
    client = client_for("coordinator")
    response = add(client, east.program, [roster["maya"]])
    assert response.status_code == 302 and response.url == page(east.program)
    participant = ProgramParticipant.objects.get(program=east.program, student=roster["maya"])
    assert participant.status == "active" and participant.joined_on == school_today(world.school)
    text = client.get(page(east.program)).content.decode()
    assert "1 student now takes part in Peer to Peer: Maya Okafor." in text
    assert "Maya Okafor" in text and "Now: 1 focus students, 0 peers." in text


def test_several_are_added_at_once_with_their_start_date(client_for, world, east, roster):
    response = add(client_for("coordinator"), east.program, [roster["eli"], roster["zoe"], world.focus_student],
                   joined_on="2025-09-08")
    assert response.status_code == 302
    rows = ProgramParticipant.objects.filter(program=east.program)
    assert {row.student.first_name for row in rows} == {"Eli", "Zoe", "Noah"}
    assert {row.joined_on for row in rows} == {datetime.date(2025, 9, 8)}


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"kind": "peer"}, {"Sofia Ramirez", "Eli Park", "Zoe Quinn"}),
        ({"kind": "focus", "grade": "4"}, {"Maya Okafor"}),
        ({"kind": "", "grade": "4"}, {"Maya Okafor", "Eli Park", "Sofia Ramirez"}),
        ({"kind": "", "homeroom": "Room 12"}, {"Maya Okafor", "Eli Park"}),
        ({"kind": "", "name": "quinn"}, {"Zoe Quinn"}),
        ({"kind": "", "name": "zoe qu"}, {"Zoe Quinn"}),
        ({"kind": "", "name": "nobody"}, set()),
    ],
)
def test_search_by_name_kind_grade_and_homeroom(client_for, world, east, roster, filters, expected):
    response = search(client_for("coordinator"), east.program, **filters)
    assert response.status_code == 200
    assert found_names(response) == expected


def test_the_search_never_shows_students_taking_part_not_enrolled_or_of_another_school(
    client_for, world, east, roster
):
    ProgramParticipantFactory(program=east.program, student=roster["eli"])
    StudentFactory(school=world.other_school, first_name="Putnam", last_name="Peer", grade=6)
    names = found_names(search(client_for("coordinator"), east.program, kind=""))
    assert "Eli Park" not in names and "Gone Away" not in names and "Putnam Peer" not in names
    assert "Zoe Quinn" in names


def test_the_name_search_stays_out_of_the_address(client_for, world, east, roster):
    client = client_for("coordinator")
    # The filters are posted; a GET with them in the query string is not a search.
    response = client.get(add_url(east.program), {"search-name": "Zoe"})
    assert "Zoe Quinn" not in found_names(response)
    response = search(client, east.program, kind="", name="Zoe")
    assert response.request["PATH_INFO"] == add_url(east.program) and not response.request["QUERY_STRING"]


def test_the_filters_offer_the_schools_grades_and_homerooms_only(client_for, world, east, roster):
    form = client_for("coordinator").get(add_url(east.program)).context["search"]
    assert [value for value, _ in form.fields["grade"].choices] == ["", 0, 1, 2, 3, 4, 5]
    assert [value for value, _ in form.fields["homeroom"].choices] == ["", "Room 12", "Room 14"]


def test_a_search_keeps_the_ticks_for_adding(client_for, world, east, roster):
    client = client_for("coordinator")
    response = client.post(add_url(east.program), {"action": "search", "search-kind": "", "search-grade": "4",
                                                   "students": [roster["maya"].pk]})
    assert f'value="{roster["maya"].pk}" id="student-{roster["maya"].pk}" checked' in response.content.decode()


def test_adding_someone_already_taking_part_changes_nothing_and_says_so(client_for, world, east, roster):
    joined = ProgramParticipantFactory(program=east.program, student=roster["maya"],
                                       joined_on=datetime.date(2025, 9, 1))
    result = services.participants_add(program=east.program, students=[roster["maya"], roster["eli"]])
    assert result.already == [roster["maya"]] and [p.student for p in result.added] == [roster["eli"]]
    joined.refresh_from_db()
    assert joined.joined_on == datetime.date(2025, 9, 1)
    assert ProgramParticipant.objects.filter(program=east.program, student=roster["maya"]).count() == 1


def test_adding_someone_taking_part_through_the_page_says_nothing_changed(client_for, world, east, roster):
    ProgramParticipantFactory(program=east.program, student=roster["maya"])
    client = client_for("coordinator")
    # Another tab added Maya meanwhile: her id is no longer a choice of the page, so the form says to reload.
    response = add(client, east.program, [roster["maya"]])
    assert response.status_code == 200
    assert "Choose students of your school from the list." in response.content.decode()
    assert ProgramParticipant.objects.filter(program=east.program).count() == 1


def test_a_student_outside_the_programs_grades_is_added_with_a_warning(client_for, world, east, roster):
    kinder = StudentFactory(school=world.school, first_name="Kai", last_name="Lee", grade=0)
    client = client_for("coordinator")
    add(client, east.program, [kinder])
    text = client.get(page(east.program)).content.decode()
    assert "Kai Lee (Kindergarten): not in the program&#x27;s grades (Grade 3 to Grade 5)." in text
    assert ProgramParticipant.objects.filter(student=kinder, status="active").exists()


def test_a_student_of_another_school_is_refused_and_nothing_is_written(world, east, roster):
    putnam = StudentFactory(school=world.other_school, grade=6)
    with pytest.raises(ValidationError, match="is not a student of East Elementary"):
        services.participants_add(program=east.program, students=[roster["eli"], putnam])
    assert not ProgramParticipant.objects.filter(program=east.program).exists()


def test_a_student_no_longer_enrolled_is_refused(world, east, roster):
    with pytest.raises(ValidationError, match="no longer enrolled"):
        services.participants_add(program=east.program, students=[roster["left_school"]])
    assert not ProgramParticipant.objects.exists()


def test_an_empty_batch_is_refused(world, east):
    with pytest.raises(ValidationError, match="Choose at least one student"):
        services.participants_add(program=east.program, students=[])


@pytest.mark.parametrize(
    "students,joined_on,message",
    [
        ([], "2025-09-08", "Tick at least one student to add."),
        (["abc"], "2025-09-08", "Choose students of your school from the list."),
        ([str(2**70)], "2025-09-08", "Choose students of your school from the list."),
        (["-1"], "2025-09-08", "Choose students of your school from the list."),
        (["999999"], "2025-09-08", "Choose students of your school from the list."),
        ("roster", "", "Give the date they start taking part."),
        ("roster", "yesterday", "Enter a date such as 2025-09-15."),
        ("roster", "2205-09-08", "Check the year: 2205-09-08 is far from today."),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(client_for, world, east, roster, students,
                                                              joined_on, message):
    if students == "roster":
        students = [roster["eli"]]
    response = add(client_for("coordinator"), east.program, students, joined_on=joined_on)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgramParticipant.objects.exists()


def test_another_schools_student_id_is_not_a_choice(client_for, world, east):
    putnam = StudentFactory(school=world.other_school, grade=6)
    response = add(client_for("coordinator"), east.program, [putnam], joined_on="2025-09-08")
    assert "Choose students of your school from the list." in response.content.decode()
    assert not ProgramParticipant.objects.exists()


@pytest.mark.parametrize(
    "filters,message",
    [
        ({"grade": "9"}, "Choose a grade of East Elementary."),
        ({"grade": str(2**70)}, "Choose a grade of East Elementary."),
        ({"homeroom": "Room 99"}, "Choose a homeroom from the list."),
        ({"kind": "teacher"}, "Choose focus students, peers or both."),
        ({"name": "x" * 101}, "Ensure this value has at most 100 characters"),
    ],
)
def test_bad_filters_get_a_clear_message(client_for, world, east, roster, filters, message):
    response = search(client_for("coordinator"), east.program, **filters)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["found"] == []


# --- Removing and dates ----------------------------------------------------------------------------------------------


def remove(client, participant):
    return client.post(reverse("programs:participant_remove",
                               kwargs={"pk": participant.program_id, "participant_pk": participant.pk}))


def edit(client, participant, **data):
    return client.post(reverse("programs:participant_edit",
                               kwargs={"pk": participant.program_id, "participant_pk": participant.pk}), data)


def test_removing_ends_the_period_and_keeps_the_row(client_for, world, east, roster):
    participant = ProgramParticipantFactory(program=east.program, student=roster["eli"],
                                            joined_on=datetime.date(2025, 9, 1))
    client = client_for("coordinator")
    response = remove(client, participant)
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.status == "left" and participant.left_on == school_today(world.school)
    response = client.get(page(east.program))
    assert [row.student for row in response.context["left"]] == [roster["eli"]]
    assert response.context["taking_part"] == []
    assert "Took part before" in response.content.decode()


def test_removing_twice_says_they_already_left(client_for, world, east, roster):
    participant = ProgramParticipantFactory(program=east.program, student=roster["eli"])
    client = client_for("coordinator")
    remove(client, participant)
    response = client.post(reverse("programs:participant_remove",
                                   kwargs={"pk": east.program.pk, "participant_pk": participant.pk}), follow=True)
    assert "Eli Park has already left this program." in response.content.decode()


def test_someone_who_left_comes_back_with_a_new_period(client_for, world, east, roster):
    earlier = ProgramParticipantFactory(program=east.program, student=roster["eli"], status="left",
                                        joined_on=datetime.date(2025, 1, 6), left_on=datetime.date(2025, 3, 1))
    client = client_for("coordinator")
    assert add(client, east.program, [roster["eli"]]).status_code == 302
    rows = ProgramParticipant.objects.filter(program=east.program, student=roster["eli"]).order_by("joined_on")
    assert [(row.status, row.left_on) for row in rows] == [("left", earlier.left_on), ("active", None)]
    # A new period may not overlap the earlier one.
    current = rows.last()
    response = edit(client, current, joined_on="2025-02-01")
    assert "Eli Park already took part in this program at that time." in response.content.decode()
    current.refresh_from_db()
    assert current.joined_on == school_today(world.school)


def test_dates_are_corrected(client_for, world, east, roster):
    participant = ProgramParticipantFactory(program=east.program, student=roster["eli"], status="left",
                                            joined_on=datetime.date(2025, 9, 1), left_on=datetime.date(2025, 10, 1))
    response = edit(client_for("coordinator"), participant, joined_on="2025-08-25", left_on="2025-10-15")
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.joined_on, participant.left_on) == (datetime.date(2025, 8, 25), datetime.date(2025, 10, 15))


def test_someone_taking_part_has_no_end_date_field(client_for, world, east, roster):
    participant = ProgramParticipantFactory(program=east.program, student=roster["eli"])
    client = client_for("coordinator")
    url = reverse("programs:participant_edit", kwargs={"pk": east.program.pk, "participant_pk": participant.pk})
    assert "left_on" not in client.get(url).context["form"].fields
    # A forged end date is ignored: removing is what ends a period.
    edit(client, participant, joined_on="2025-09-02", left_on="2025-09-30")
    participant.refresh_from_db()
    assert participant.status == "active" and participant.left_on is None
    assert participant.joined_on == datetime.date(2025, 9, 2)


@pytest.mark.parametrize(
    "data,message",
    [
        ({"joined_on": "2025-10-02", "left_on": "2025-10-01"}, "The end date must not come before the start date."),
        ({"joined_on": "2025-09-01", "left_on": ""}, "Give the date they left the program."),
        ({"joined_on": "", "left_on": "2025-10-01"}, "Give the date they started taking part."),
        ({"joined_on": "2025-09-01", "left_on": "someday"}, "Enter a date such as 2025-09-15."),
        ({"joined_on": "1925-09-01", "left_on": "2025-10-01"}, "Check the year: 1925-09-01 is far from today."),
    ],
)
def test_bad_dates_get_a_clear_message_and_nothing_is_saved(client_for, world, east, roster, data, message):
    participant = ProgramParticipantFactory(program=east.program, student=roster["eli"], status="left",
                                            joined_on=datetime.date(2025, 9, 1), left_on=datetime.date(2025, 10, 1))
    response = edit(client_for("coordinator"), participant, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    participant.refresh_from_db()
    assert (participant.joined_on, participant.left_on) == (datetime.date(2025, 9, 1), datetime.date(2025, 10, 1))


def test_an_end_date_in_the_future_is_refused(client_for, world, east, roster):
    participant = ProgramParticipantFactory(program=east.program, student=roster["eli"], status="left",
                                            joined_on=datetime.date(2025, 9, 1), left_on=datetime.date(2025, 10, 1))
    tomorrow = school_today(world.school) + datetime.timedelta(days=1)
    response = edit(client_for("coordinator"), participant, joined_on="2025-09-01", left_on=tomorrow.isoformat())
    assert "The end date cannot be in the future." in response.content.decode()
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.participant_update_dates(participant=participant, joined_on=participant.joined_on, left_on=tomorrow)


# --- Who may, and whose ----------------------------------------------------------------------------------------------


def test_staff_read_the_list_without_buttons(client_for, world, east, roster):
    participant = ProgramParticipantFactory(program=east.program, student=roster["eli"])
    client = client_for("staff")
    text = client.get(page(east.program)).content.decode()
    assert "Eli Park" in text
    assert "Add focus students and peers" not in text and "Remove" not in text
    assert client.get(add_url(east.program)).status_code == 403
    assert remove(client, participant).status_code == 403
    participant.refresh_from_db()
    assert participant.status == "active"


def test_another_schools_program_and_participant_are_not_found(client_for, world, east, roster):
    putnam_program = ProgramFactory(school=world.other_school, lowest_grade=6, highest_grade=8)
    putnam_row = ProgramParticipantFactory(program=putnam_program)
    client = client_for("coordinator")
    assert client.get(page(putnam_program)).status_code == 404
    assert remove(client, putnam_row).status_code == 404
    # East's program with Putnam's participant id: also not found.
    url = reverse("programs:participant_remove", kwargs={"pk": east.program.pk, "participant_pk": putnam_row.pk})
    assert client.post(url).status_code == 404
    putnam_row.refresh_from_db()
    assert putnam_row.status == "active"


def test_the_overview_links_to_the_participants_page(client_for, world, east):
    text = client_for("coordinator").get(reverse("programs:detail", kwargs={"pk": east.program.pk})).content.decode()
    assert f'href="{page(east.program)}"' in text
    assert "Add focus students and peers" in text


# --- Query counts ----------------------------------------------------------------------------------------------------


def queries(client, url, method="get", data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert getattr(client, method)(url, data or {}).status_code == 200
    return len(captured)


def test_the_list_does_not_grow_with_participants(client_for, world, east, django_assert_max_num_queries):
    client = client_for("coordinator")
    ProgramParticipantFactory(program=east.program, student=world.focus_student)
    ProgramParticipantFactory(program=east.program, status="left", left_on=school_today(world.school))
    few = queries(client, page(east.program))
    for _ in range(8):
        ProgramParticipantFactory(program=east.program, student=FocusStudentFactory(school=world.school, grade=4))
        ProgramParticipantFactory(program=east.program, status="left", left_on=school_today(world.school))
    with django_assert_max_num_queries(few):
        response = client.get(page(east.program))
    assert len(response.context["taking_part"]) == 9 and len(response.context["left"]) == 9


def test_the_search_does_not_grow_with_students(client_for, world, east, django_assert_max_num_queries):
    client = client_for("coordinator")
    data = {"action": "search", "search-kind": ""}
    few = queries(client, add_url(east.program), "post", data)
    StudentFactory.create_batch(10, school=world.school, homeroom="Room 3")
    with django_assert_max_num_queries(few):
        response = client.post(add_url(east.program), data)
    assert len(response.context["found"]) == 12


def test_a_long_search_result_is_cut_with_a_note(client_for, world, east, settings):
    from programs import selectors

    StudentFactory.create_batch(selectors.CANDIDATE_LIMIT + 1, school=world.school, grade=2)
    response = search(client_for("coordinator"), east.program, kind="peer", grade="2")
    assert len(response.context["found"]) == selectors.CANDIDATE_LIMIT
    assert "narrow the search" in response.content.decode()
    assert Student.objects.filter(grade=2).count() == selectors.CANDIDATE_LIMIT + 1
