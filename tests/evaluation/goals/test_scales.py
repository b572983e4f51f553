"""Writing a goal scale: the form (IEP goal, five levels, weight, raters), at most three per student, program and
term, and every bad input said on the form with nothing saved."""

import datetime

import pytest
from django.urls import reverse

from evaluation.goals import services
from evaluation.models import GoalScale
from tests.schools.factories import FocusStudentFactory, IEPGoalFactory, MembershipFactory, TermFactory, UserFactory
from tests.two_factor import sign_in_verified


def new_url(goals):
    return reverse("evaluation:goal_scale_new", kwargs={"pk": goals.program.pk, "student": goals.student.pk})


def scale_data(goals, **changes):
    data = {
        "term": goals.next_term.pk,
        "iep_goal": goals.communication_goal.pk,
        "title": "Asks for help",
        "weight": "2",
        "level_minus_2": "Waits without asking",
        "level_minus_1": "Asks with a full prompt",
        "level_0": "Asks with the picture card, 2 times a day",
        "level_plus_1": "Asks with the card, 4 times a day",
        "level_plus_2": "Asks with words or the card whenever needed",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_offers_social_and_communication_goals_first_and_the_schools_staff(client_for, goals, world):
    IEPGoalFactory(student=goals.student, domain="academic", goal="Reads a short text")
    page = client_for("coordinator").get(new_url(goals)).content.decode()
    assert page.index("Social and communication") < page.index("Other goals") < page.index("Reads a short text")
    assert world.user("staff").display_name in page
    assert world.user("other_coordinator").display_name not in page


def test_writing_a_scale(client_for, goals, world):
    teacher = world.user("staff")
    response = client_for("coordinator").post(new_url(goals), scale_data(goals, raters=[teacher.pk]))
    assert response.status_code == 302
    scale = GoalScale.objects.get(title="Asks for help")
    assert (scale.term, scale.iep_goal, scale.weight, scale.written_by) == (
        goals.next_term,
        goals.communication_goal,
        2,
        world.user("coordinator"),
    )
    assert list(scale.raters.all()) == [teacher]
    assert scale.level_text(0) == "Asks with the picture card, 2 times a day"
    assert not scale.is_locked


def test_an_empty_title_takes_the_iep_goals_words(client_for, goals):
    client_for("coordinator").post(new_url(goals), scale_data(goals, title=""))
    assert GoalScale.objects.filter(title="Asks for help with a picture card").exists()


def test_any_of_the_students_own_goals_may_be_linked(client_for, goals):
    academic = IEPGoalFactory(student=goals.student, domain="academic", goal="Reads a short text")
    client_for("coordinator").post(new_url(goals), scale_data(goals, iep_goal=academic.pk))
    assert GoalScale.objects.filter(title="Asks for help", iep_goal=academic).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"iep_goal": "999999"}, "Choose one of this student&#x27;s own IEP goals."),
        ({"iep_goal": "words"}, "Choose one of this student&#x27;s own IEP goals."),
        ({"iep_goal": ""}, "Choose the IEP goal this scale measures."),
        ({"weight": "7"}, "Choose a weight from 1 to 5."),
        ({"weight": "heavy"}, "Choose a weight from 1 to 5."),
        ({"level_0": ""}, "Describe what this level looks like."),
        ({"level_minus_2": "   "}, "Describe what this level looks like."),
        ({"term": "999999"}, "Choose one of the program&#x27;s terms."),
        ({"term": "fall"}, "Choose one of the program&#x27;s terms."),
        ({"raters": ["999999"]}, "Choose a staff member of your school from the list."),
        ({"raters": ["nobody"]}, "Choose a staff member of your school from the list."),
        ({"level_plus_2": "x" * 301}, "Ensure this value has at most 300 characters"),
    ],
)
def test_bad_input_is_said_and_nothing_is_saved(client_for, goals, changes, message):
    before = GoalScale.objects.count()
    response = client_for("coordinator").post(new_url(goals), scale_data(goals, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert GoalScale.objects.count() == before


def test_another_students_goal_is_refused(client_for, goals, world):
    other = IEPGoalFactory(student__school=world.school, goal="Someone else's goal")
    response = client_for("coordinator").post(new_url(goals), scale_data(goals, iep_goal=other.pk))
    assert "Choose one of this student&#x27;s own IEP goals." in response.content.decode()
    assert not GoalScale.objects.filter(title="Asks for help").exists()


def test_the_service_refuses_another_students_goal_and_staff_of_another_school(goals, world):
    other = IEPGoalFactory(student__school=world.school)
    kwargs = {
        "program": goals.program,
        "term": goals.next_term,
        "student": goals.student,
        "by": world.user("coordinator"),
        "title": "T",
        "weight": 1,
        "levels": dict.fromkeys(services.LEVEL_FIELDS, "x"),
    }
    with pytest.raises(Exception, match="own IEP goals"):
        services.scale_create(iep_goal=other, raters=[], **kwargs)
    with pytest.raises(Exception, match="school's staff"):
        services.scale_create(iep_goal=goals.social_goal, raters=[world.user("other_coordinator")], **kwargs)


def test_a_term_the_program_does_not_run_in_is_refused(client_for, goals, world):
    other = TermFactory(school=world.school, name="Not the program's")
    response = client_for("coordinator").post(new_url(goals), scale_data(goals, term=other.pk))
    assert "Choose one of the program&#x27;s terms." in response.content.decode()


def test_at_most_three_scales_per_student_program_and_term(client_for, goals):
    client = client_for("coordinator")
    for n in range(3):
        assert client.post(new_url(goals), scale_data(goals, title=f"Goal {n}")).status_code == 302
    response = client.post(new_url(goals), scale_data(goals, title="Goal 4"))
    assert response.status_code == 200
    assert "already has 3 goal scales in Next term: at most three goals are scaled per term." in (
        response.content.decode()
    )
    assert GoalScale.objects.filter(term=goals.next_term, student=goals.student).count() == 3
    # Another term is counted apart: the running term has two (the fixture's), a third is fine.
    response = client.post(new_url(goals), scale_data(goals, term=goals.term.pk, title="Third this term"))
    assert response.status_code == 302


def test_editing_an_unlocked_scale(client_for, goals):
    url = reverse("evaluation:goal_scale_edit", kwargs={"pk": goals.draft.pk})
    data = scale_data(goals, title="Asks for help, edited", weight="3")
    data.pop("term")
    assert client_for("coordinator").post(url, data).status_code == 302
    goals.draft.refresh_from_db()
    assert (goals.draft.title, goals.draft.weight) == ("Asks for help, edited", 3)


def test_a_locked_scales_levels_cant_be_changed_but_its_raters_can(client_for, goals, world):
    scale = goals.scale
    url = reverse("evaluation:goal_scale_edit", kwargs={"pk": scale.pk})
    client = client_for("coordinator")
    page = client.get(url).content.decode()
    assert "This scale is locked: its goal, weight and levels can't be changed. You can still" in page
    same = {
        "iep_goal": scale.iep_goal_id,
        "title": scale.title,
        "weight": scale.weight,
        **{name: getattr(scale, name) for name in services.LEVEL_FIELDS},
    }
    response = client.post(url, {**same, "level_0": "Something easier"})
    assert "This scale is locked: its goal, weight and levels can&#x27;t be changed (only who rates it)." in (
        response.content.decode()
    )
    scale.refresh_from_db()
    assert scale.level_0 == "Greets on their own, 2 of 5 days"
    assert client.post(url, {**same, "raters": [world.user("staff").pk]}).status_code == 302
    assert list(scale.raters.all()) == [world.user("staff")]


def test_the_teacher_and_the_principal_may_not_write_scales(client_for, goals):
    for role in ("staff", "school_admin"):
        assert client_for(role).post(new_url(goals), scale_data(goals)).status_code == 403
    assert not GoalScale.objects.filter(title="Asks for help").exists()


def test_a_special_educator_on_the_support_team_writes_scales(client, goals, world):
    special = UserFactory(username="east.sped2")
    MembershipFactory(school=world.school, role="special_educator", user=special)
    goals.student.support_team.add(special)
    sign_in_verified(client, special)
    assert client.post(new_url(goals), scale_data(goals)).status_code == 302
    # Not on the team of another focus student: the record is theirs to keep (403).
    goals.student.support_team.remove(special)
    assert client.get(new_url(goals)).status_code == 403


def test_a_peer_or_another_schools_student_is_not_found(client_for, goals, world):
    client = client_for("coordinator")
    for student in (world.peer_student, FocusStudentFactory(school=world.other_school)):
        url = reverse("evaluation:goal_scale_new", kwargs={"pk": goals.program.pk, "student": student.pk})
        assert client.get(url).status_code == 404


def test_a_scale_written_for_a_term_that_ended_is_refused(goals, world):
    past = TermFactory(
        school=world.school, name="Past", start_date=datetime.date(2020, 1, 6), end_date=datetime.date(2020, 5, 29)
    )
    with pytest.raises(Exception, match="This term has ended"):
        services.scale_create(
            program=goals.program,
            term=past,
            student=goals.student,
            by=world.user("coordinator"),
            iep_goal=goals.social_goal,
            title="T",
            weight=1,
            levels=dict.fromkeys(services.LEVEL_FIELDS, "x"),
            raters=[],
        )
