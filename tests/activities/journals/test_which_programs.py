"""Which programs have journals: the daily-period model, a peer support course (or both a club and a course), or a
program with a special-education classroom period; a club alone has none. Another school's programs never count."""

import pytest

from activities.journals import selectors
from activities.models import Kind
from tests.activities.factories import ActivityFactory
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_a_course_and_a_club_with_a_course_have_journals_a_plain_club_has_none(world):
    course = ProgramFactory(school=world.school, form="course")
    both = ProgramFactory(school=world.school, form="both")
    club = ProgramFactory(school=world.school, form="club")
    ProgramFactory(school=world.other_school, form="course")

    assert set(selectors.journal_programs(school=world.school)) == {course, both}
    assert selectors.program_has_journals(course) and selectors.program_has_journals(both)
    assert not selectors.program_has_journals(club)


def test_a_club_with_a_special_education_classroom_period_has_journals(world):
    club = ProgramFactory(school=world.school, form="club")
    ActivityFactory(program=club, kind=Kind.LUNCH_GROUP)
    assert not selectors.program_has_journals(club)

    ActivityFactory(program=club, kind=Kind.SPECIAL_EDUCATION_PERIOD, title="Peer period")

    assert selectors.program_has_journals(club)
    assert list(selectors.journal_programs(school=world.school)) == [club]


def test_a_program_without_journals_is_a_404_on_the_staff_pages(world, client_for):
    club = ProgramFactory(school=world.school, form="club")
    client = client_for("coordinator")
    assert client.get(f"/activities/programs/{club.pk}/journals/").status_code == 404
    assert client.get(f"/activities/programs/{club.pk}/journal-prompts/").status_code == 404


def test_a_peer_writes_only_in_journal_programs_they_take_part_in(world, journals):
    from tests.activities.journals.factories import journal_program, peer_in

    not_mine = journal_program(world.school, name="Another course")
    peer_in(not_mine)
    club = ProgramFactory(school=world.school, form="club")
    peer_in(club, world.peer_student)

    assert selectors.peer_journal_programs(peer=world.peer_student) == [journals.program]
    assert selectors.peer_journal_programs(peer=world.focus_student) == []
