"""Who reads scales (they come from IEP goals: the coordinator, the principal, the student's support team), the
access log, the program's overview with its T-scores, its queries, and the section on the student's page."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import GoalScale
from schools.models import AccessLogEntry
from tests.programs.factories import ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory, TermFactory

from .factories import GoalRatingFactory, GoalScaleFactory


def overview_url(goals, term=None):
    url = reverse("evaluation:goal_overview", kwargs={"pk": goals.program.pk})
    return f"{url}?term={term.pk}" if term else url


def student_url(goals, student=None):
    student = student or goals.student
    return reverse("evaluation:goal_student", kwargs={"pk": goals.program.pk, "student": student.pk})


def logged(user, student) -> int:
    return AccessLogEntry.objects.filter(user=user, student=student, what__startswith="goal attainment scales").count()


def test_the_coordinator_reads_a_students_scales_and_the_look_is_logged(client_for, goals, world):
    page = client_for("coordinator").get(student_url(goals)).content.decode()
    assert goals.scale.title in page and goals.draft.title in page
    assert "Greets and keeps talking, 4 of 5 days" in page
    assert logged(world.user("coordinator"), goals.student) == 1


def test_a_teacher_not_on_the_support_team_gets_403_and_nothing_is_shown(client_for, goals, world):
    client = client_for("staff")
    assert client.get(student_url(goals)).status_code == 403
    overview = client.get(overview_url(goals)).content.decode()
    assert goals.scale.title not in overview and "Noah" not in overview
    assert "1 focus student is not listed" in overview
    assert "The program&#x27;s T-score" not in overview and "The program's T-score," not in overview
    assert logged(world.user("staff"), goals.student) == 0


def test_on_the_support_team_the_teacher_reads_them(client_for, goals, world):
    goals.student.support_team.add(world.user("staff"))
    client = client_for("staff")
    assert client.get(student_url(goals)).status_code == 200
    assert goals.scale.title in client.get(overview_url(goals)).content.decode()
    assert logged(world.user("staff"), goals.student) == 2


def test_another_schools_program_or_a_term_the_program_does_not_run_in_is_not_found(client_for, goals, world):
    other_term = TermFactory(school=world.school, name="Elsewhere")
    client = client_for("coordinator")
    assert client.get(overview_url(goals, other_term)).status_code == 404
    assert (
        client.get(reverse("evaluation:goal_overview", kwargs={"pk": goals.program.pk}) + "?term=x").status_code == 404
    )
    assert client_for("other_coordinator").get(overview_url(goals)).status_code == 404


def test_the_overview_shows_lock_state_ratings_and_t_scores_with_worked_numbers(client_for, goals, world):
    goals.scale.weight = 2
    goals.scale.save()
    page = client_for("coordinator").get(overview_url(goals)).content.decode()
    assert "locked after the term started: The program began after the term started" in page
    assert "Not locked" in page
    # One rated goal, w = 2, x = +1: T = 50 + 10·2 / √(0.7·4 + 0.3·4) = 50 + 20/2 = 60
    assert "T = 60.00" in page
    assert "50 + 10 × 2 / √(0.7 × 4 + 0.3 × 4)" in page
    assert "taken as one set" in page
    assert "Mean of the students&#x27; T-scores:" in page or "Mean of the students' T-scores:" in page


def test_the_programs_t_score_takes_every_rated_scale_as_one_set(client_for, goals, world):
    ava = FocusStudentFactory(school=world.school, first_name="Ava", last_name="Thompson")
    ProgramParticipantFactory(program=goals.program, student=ava)
    scale = GoalScaleFactory(program=goals.program, term=goals.term, student=ava, locked_at=goals.scale.locked_at)
    GoalRatingFactory(scale=scale, point="mid", level=0)
    page = client_for("coordinator").get(overview_url(goals)).content.decode()
    # Noah +1 (T 60.00... with w=1: 50 + 10/1 = 60), Ava 0 (T 50): as one set Σwx = 1, Σw² = 2, (Σw)² = 4:
    # 50 + 10 / √(1.4 + 1.2) = 56.20; the mean of the students' T-scores is 55.00.
    assert "T = 56.20" in page
    assert "55.00" in page


def test_the_overview_queries_do_not_grow_with_its_students(client_for, goals, world, django_assert_max_num_queries):
    client = client_for("coordinator")

    def add_students(count):
        for n in range(count):
            student = FocusStudentFactory(school=world.school, first_name=f"S{n}{count}")
            ProgramParticipantFactory(program=goals.program, student=student)
            scale = GoalScaleFactory(
                program=goals.program, term=goals.term, student=student, locked_at=goals.scale.locked_at
            )
            scale.raters.add(world.user("staff"))
            GoalRatingFactory(scale=scale, point="mid", level=n % 3 - 1, rated_by=world.user("staff"))

    add_students(2)  # Noah and 2 more: 3 students
    client.get(overview_url(goals))
    with CaptureQueriesContext(connection) as three:
        assert client.get(overview_url(goals)).status_code == 200
    add_students(7)  # 10 students
    with django_assert_max_num_queries(len(three.captured_queries)):
        page = client.get(overview_url(goals)).content.decode()
    assert GoalScale.objects.filter(program=goals.program, term=goals.term).count() == 11
    assert "S67" in page  # the tenth student is listed
    assert AccessLogEntry.objects.filter(what__startswith="goal attainment scales").count() == 3 + 3 + 10


def test_the_students_page_shows_their_latest_scales_and_t_score(client_for, goals, world):
    url = reverse("student_detail", kwargs={"pk": goals.student.pk})
    page = client_for("coordinator").get(url).content.decode()
    assert "Goal attainment scaling" in page
    assert "T-score at mid-term: 60.00" in page
    assert student_url(goals) in page
    assert logged(world.user("coordinator"), goals.student) == 1


def test_the_students_page_shows_no_scales_to_a_teacher_off_the_team(client_for, goals):
    url = reverse("student_detail", kwargs={"pk": goals.student.pk})
    page = client_for("staff").get(url).content.decode()
    assert goals.scale.title not in page and "T-score" not in page


def test_the_overview_picks_the_term_running_today(client_for, goals):
    goals.next_term.start_date = datetime.date.today() + datetime.timedelta(days=20)
    page = client_for("coordinator").get(overview_url(goals)).content.decode()
    assert f'<option value="{goals.term.pk}" selected>' in page
