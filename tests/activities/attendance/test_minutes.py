"""The guide's first outcomes against hand-computed numbers: inclusive minutes per focus student per ISO week,
distinct peers per focus student, each peer's participation. Absences, lates and early leaves count what they were;
a special-education period is not an inclusive setting (unless the coordinator says so), a club the coordinator
marked not inclusive does not count; a cancelled occurrence and another term count nothing. A fixed number of
queries whatever the term's size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities import selectors
from activities.models import Attendance, Kind
from programs.models import ProgramParticipant
from schools.dates import school_today
from tests.activities.factories import ActivityFactory, AttendanceFactory, OccurrenceFactory
from tests.programs.factories import ProgramFactory
from tests.schools.factories import FocusStudentFactory, StudentFactory, TermFactory

pytestmark = pytest.mark.django_db

PRESENT, ABSENT, LATE, LEFT = (
    Attendance.Status.PRESENT,
    Attendance.Status.ABSENT,
    Attendance.Status.LATE,
    Attendance.Status.LEFT_EARLY,
)


class Story:
    """Two weeks of one program's term (weeks of Monday ``m1`` and ``m2``), and one day of the next term."""

    def __init__(self, world):
        self.world = world
        school = world.school
        today = school_today(school)
        self.term = world.term
        self.next_term = TermFactory(
            school=school,
            name="Spring",
            start_date=self.term.end_date + datetime.timedelta(days=1),
            end_date=self.term.end_date + datetime.timedelta(days=120),
        )
        self.program = ProgramFactory(school=school)
        self.program.terms.add(self.term, self.next_term)
        start = today - datetime.timedelta(days=21)
        self.m1 = start - datetime.timedelta(days=start.weekday())
        self.m2 = self.m1 + datetime.timedelta(days=7)
        self.noah = world.focus_student
        self.ava = FocusStudentFactory(school=school, first_name="Ava", last_name="Zimmer")
        self.sofia = world.peer_student
        self.liam = StudentFactory(school=school, first_name="Liam", last_name="Chen")
        self.zoe = StudentFactory(school=school, first_name="Zoe", last_name="Diaz")
        self.omar = StudentFactory(school=school, first_name="Omar", last_name="Price")
        self.ben = StudentFactory(school=school, first_name="Ben", last_name="Ford")
        for student in (self.noah, self.ava, self.sofia, self.liam, self.zoe, self.omar, self.ben):
            ProgramParticipant.objects.get_or_create(program=self.program, student=student)

        lunch = self.activity(Kind.LUNCH_GROUP, "Lunch", 30)
        sped = self.activity(Kind.SPECIAL_EDUCATION_PERIOD, "Resource room", 50)
        cotaught = self.activity(Kind.SPECIAL_EDUCATION_PERIOD, "Co-taught science", 40, inclusive_override=True)
        club = self.activity(Kind.CLUB_MEETING, "Chess club", 60, inclusive_override=False)
        spring = self.activity(Kind.LUNCH_GROUP, "Spring lunch", 30, term=self.next_term)

        d = datetime.timedelta
        self.attend(
            lunch,
            self.m1,
            [(self.noah, PRESENT, 0), (self.ava, ABSENT, 0), (self.sofia, PRESENT, 0), (self.liam, LATE, 10)],
        )
        self.attend(
            lunch,
            self.m1 + d(days=2),
            [(self.noah, LATE, 5), (self.sofia, ABSENT, 0), (self.liam, PRESENT, 0), (self.zoe, PRESENT, 0)],
        )
        self.attend(lunch, self.m2, [(self.noah, LEFT, 10), (self.ava, PRESENT, 0), (self.sofia, PRESENT, 0)])
        self.attend(sped, self.m1 + d(days=1), [(self.noah, PRESENT, 0), (self.zoe, PRESENT, 0)])
        self.attend(cotaught, self.m2 + d(days=1), [(self.noah, PRESENT, 0), (self.sofia, PRESENT, 0)])
        self.attend(club, self.m2 + d(days=2), [(self.ava, PRESENT, 0), (self.liam, PRESENT, 0)])
        # Cancelled after attendance was taken: nothing of it counts.
        self.attend(lunch, self.m2 + d(days=3), [(self.noah, PRESENT, 0), (self.omar, PRESENT, 0)], cancelled=True)
        self.attend(spring, self.next_term.start_date, [(self.noah, PRESENT, 0), (self.ben, PRESENT, 0)])

    def activity(self, kind, title, minutes, term=None, **fields):
        term = term or self.term
        return ActivityFactory(
            program=self.program,
            term=term,
            kind=kind,
            title=title,
            starts_at=datetime.time(11, 0),
            ends_at=(
                datetime.datetime.combine(datetime.date.today(), datetime.time(11, 0))
                + datetime.timedelta(minutes=minutes)
            ).time(),
            first_date=term.start_date,
            **fields,
        )

    def attend(self, activity, day, marks, cancelled=False):
        occurrence = OccurrenceFactory(
            activity=activity, series_date=day, date=day, cancelled_at=timezone.now() if cancelled else None
        )
        for student, status, missed in marks:
            row = Attendance(occurrence=occurrence, student=student, status=status, minutes_missed=missed)
            AttendanceFactory(
                occurrence=occurrence,
                student=student,
                status=status,
                minutes_missed=missed,
                minutes=row.compute_minutes(),
            )
        return occurrence


@pytest.fixture
def story(world):
    return Story(world)


def test_inclusive_minutes_per_focus_student_per_week(story):
    rows = selectors.inclusive_minutes_by_week(program=story.program, term=story.term)

    assert [(r.first_name, r.week, r.minutes) for r in rows] == [
        # Noah: lunch 30 + lunch late 25 (not the resource room); lunch left early 20 + co-taught 40 (override).
        ("Noah", story.m1, 55),
        ("Noah", story.m2, 60),
        # Ava: absent in week 1; lunch 30 in week 2 (the chess club is marked not inclusive).
        ("Ava", story.m2, 30),
    ]


def test_the_next_term_counts_on_its_own(story):
    rows = selectors.inclusive_minutes_by_week(program=story.program, term=story.next_term)
    monday = story.next_term.start_date - datetime.timedelta(days=story.next_term.start_date.weekday())
    assert [(r.first_name, r.week, r.minutes) for r in rows] == [("Noah", monday, 30)]


def test_distinct_peers_per_focus_student(story):
    rows = selectors.distinct_peers_by_focus_student(program=story.program, term=story.term)

    # Noah: Sofia, Liam (lunches), Zoe (lunch and the resource room); not Omar (cancelled) nor Ben (next term).
    # Ava: Sofia (lunch in week 2) and Liam (chess club); not at the lunch she missed.
    assert {r.first_name: r.peers for r in rows} == {"Noah": 3, "Ava": 2}


def test_each_peers_participation(story):
    rows = selectors.peer_participation(program=story.program, term=story.term)

    assert {r.first_name: (r.occurrences, r.minutes, r.partners) for r in rows} == {
        "Sofia": (3, 100, 2),  # lunch 30, (absent), lunch 30, co-taught 40; with Noah and Ava
        "Liam": (3, 110, 2),  # lunch late 20, lunch 30, chess 60; with Noah and Ava
        "Zoe": (2, 80, 1),  # lunch 30, resource room 50; with Noah
    }


def test_the_selectors_take_a_fixed_number_of_queries(story, django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.inclusive_minutes_by_week(program=story.program, term=story.term)
    with django_assert_num_queries(1):
        selectors.distinct_peers_by_focus_student(program=story.program, term=story.term)
    with django_assert_num_queries(2):
        selectors.peer_participation(program=story.program, term=story.term)


def test_the_staff_page_shows_the_tables_and_its_queries_do_not_grow(client_for, story):
    client = client_for("coordinator")
    url = reverse("activities:minutes", kwargs={"pk": story.program.pk})

    with CaptureQueriesContext(connection) as few:
        page = client.get(url, {"term": story.term.pk}).content.decode()
    assert "Noah Bennett" in page and "Sofia Ramirez" in page
    assert ">55<" in page and ">115<" in page  # Noah's week 1, and his term total

    lunch = story.program.activities.get(title="Lunch")
    for week in range(3, 8):
        extra = FocusStudentFactory(school=story.world.school)
        story.attend(
            lunch,
            story.m1 - datetime.timedelta(days=7 * week),
            [(extra, PRESENT, 0), (story.sofia, PRESENT, 0), (StudentFactory(school=extra.school), PRESENT, 0)],
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"term": story.term.pk})
    assert len(many) == len(few)

    spring = client.get(url, {"term": story.next_term.pk}).content.decode()
    assert "Ben Ford" in spring and "Sofia Ramirez" not in spring


@pytest.mark.parametrize("term", ["", "abc", "2" * 30, "-1"])
def test_no_term_or_a_forged_one_shows_the_term_going_on_today(client_for, story, term):
    # The next term (spring) begins after this one: the coordinator opening the page means this one.
    response = client_for("coordinator").get(
        reverse("activities:minutes", kwargs={"pk": story.program.pk}), {"term": term}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert ">115<" in page and "Ben Ford" not in page


def test_a_school_year_counts_the_minutes_of_its_semesters(story):
    year = TermFactory(
        school=story.world.school,
        name="School year",
        kind="school_year",
        start_date=story.term.start_date,
        end_date=story.next_term.end_date,
    )
    story.program.terms.add(year)

    by_term = {
        term: sum(r.minutes for r in selectors.inclusive_minutes_by_week(program=story.program, term=term))
        for term in (story.term, story.next_term, year)
    }

    # Noah 115 and Ava 30 in the fall, Noah 30 in the spring.
    assert (by_term[story.term], by_term[story.next_term]) == (145, 30)
    assert by_term[year] == 175


def test_a_focus_students_page_shows_their_inclusive_minutes_this_term(client_for, story, world):
    page = client_for("coordinator").get(reverse("student_detail", kwargs={"pk": world.focus_student.pk}))
    assert "Time in inclusive settings" in page.content.decode()
    assert "115 minutes this term" in page.content.decode()
