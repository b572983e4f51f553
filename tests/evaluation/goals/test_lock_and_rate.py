"""Locking a scale (before the term starts; after, only with a reason) and rating it (a chosen rater or the
coordinator; mid-term once the term started, end of term from its last four weeks; never an unlocked scale; rating
again updates)."""

import datetime

import pytest
from django.urls import reverse

from evaluation.goals import services
from evaluation.models import GoalRating

from .factories import GoalScaleFactory


def lock_url(scale):
    return reverse("evaluation:goal_scale_lock", kwargs={"pk": scale.pk})


def rate_url(scale):
    return reverse("evaluation:goal_scale_rate", kwargs={"pk": scale.pk})


def student_page(client, goals):
    url = reverse("evaluation:goal_student", kwargs={"pk": goals.program.pk, "student": goals.student.pk})
    return client.get(url).content.decode()


def test_a_scale_locked_before_its_term_starts_needs_no_reason(client_for, goals, world):
    scale = GoalScaleFactory(program=goals.program, term=goals.next_term, student=goals.student)
    client = client_for("coordinator")
    response = client.post(lock_url(scale), follow=True)
    assert "Locked: the levels are fixed for rating." in response.content.decode()
    scale.refresh_from_db()
    assert scale.is_locked and scale.locked_by == world.user("coordinator") and scale.late_lock_reason == ""


def test_after_the_term_started_locking_needs_a_reason(client_for, goals):
    client = client_for("coordinator")
    response = client.post(lock_url(goals.draft), follow=True)
    assert "say why the scale is locked after the term started." in response.content.decode()
    goals.draft.refresh_from_db()
    assert not goals.draft.is_locked
    client.post(lock_url(goals.draft), {"reason": "Noah joined in October"})
    goals.draft.refresh_from_db()
    assert goals.draft.is_locked and goals.draft.late_lock_reason == "Noah joined in October"
    assert "locked after the term started: Noah joined in October" in student_page(client, goals)


def test_the_student_page_asks_for_the_reason_only_once_the_term_started(client_for, goals):
    GoalScaleFactory(program=goals.program, term=goals.next_term, student=goals.student)
    page = student_page(client_for("coordinator"), goals)
    assert page.count('name="reason"') == 1  # the draft of the running term; not next term's


def test_a_locked_scale_is_not_locked_again(goals, world):
    with pytest.raises(Exception, match="already locked"):
        services.scale_lock(scale=goals.scale, by=world.user("coordinator"), reason="again")


def test_a_reason_too_long_is_said_not_saved(client_for, goals):
    response = client_for("coordinator").post(lock_url(goals.draft), {"reason": "x" * 301}, follow=True)
    assert "at most 300 characters" in response.content.decode()
    goals.draft.refresh_from_db()
    assert not goals.draft.is_locked


def test_only_those_who_write_scales_lock_them(client_for, goals):
    for role in ("staff", "school_admin"):
        assert client_for(role).post(lock_url(goals.draft), {"reason": "r"}).status_code == 403
    goals.draft.refresh_from_db()
    assert not goals.draft.is_locked


def test_a_chosen_rater_rates_at_mid_term(client_for, goals, world):
    teacher = world.user("staff")
    goals.scale.raters.add(teacher)
    client = client_for("staff")
    page = client.get(rate_url(goals.scale)).content.decode()
    assert "Greets on their own, 2 of 5 days" in page and "+2: Greets and keeps talking" in page
    GoalRating.objects.filter(scale=goals.scale).delete()
    response = client.post(rate_url(goals.scale), {"point": "mid", "level": "-1", "note": "Needed a prompt"})
    assert response.status_code == 302
    rating = GoalRating.objects.get(scale=goals.scale, point="mid")
    assert (rating.level, rating.note, rating.rated_by) == (-1, "Needed a prompt", teacher)


def test_rating_again_updates_the_rating_and_who_rated(client_for, goals, world):
    teacher = world.user("staff")
    goals.scale.raters.add(teacher)
    client_for("staff").post(rate_url(goals.scale), {"point": "mid", "level": "2"})
    ratings = GoalRating.objects.filter(scale=goals.scale, point="mid")
    assert ratings.count() == 1
    assert (ratings.get().level, ratings.get().rated_by) == (2, teacher)


def test_someone_not_chosen_may_not_rate(client_for, goals):
    for role in ("staff", "school_admin"):
        client = client_for(role)
        assert client.get(rate_url(goals.scale)).status_code == 403
        assert client.post(rate_url(goals.scale), {"point": "mid", "level": "-2"}).status_code == 403
    assert GoalRating.objects.get(scale=goals.scale, point="mid").level == 1


def test_the_service_checks_the_rater_too(goals, world):
    with pytest.raises(Exception, match="chosen raters and the coordinator"):
        services.goal_rate(scale=goals.scale, by=world.user("school_admin"), point="mid", level=0)


def test_the_end_rating_waits_for_the_terms_last_four_weeks(client_for, goals):
    client = client_for("coordinator")
    response = client.post(rate_url(goals.scale), {"point": "end", "level": "1"})
    opens = goals.term.end_date - datetime.timedelta(days=27)
    assert f"The end of term rating opens on {opens.isoformat()}." in response.content.decode()
    assert not GoalRating.objects.filter(scale=goals.scale, point="end").exists()
    goals.term.end_date = datetime.date.today() + datetime.timedelta(days=27)
    goals.term.save()
    assert client.post(rate_url(goals.scale), {"point": "end", "level": "1"}).status_code == 302
    assert GoalRating.objects.get(scale=goals.scale, point="end").level == 1


def test_the_mid_term_rating_waits_for_the_term_to_start(goals, world):
    scale = GoalScaleFactory(program=goals.program, term=goals.next_term, student=goals.student)
    services.scale_lock(scale=scale, by=world.user("coordinator"))
    with pytest.raises(Exception, match="mid-term rating opens on"):
        services.goal_rate(scale=scale, by=world.user("coordinator"), point="mid", level=0)


def test_an_unlocked_scale_is_not_rated(client_for, goals):
    client = client_for("coordinator")
    assert "This scale is not locked yet" in client.get(rate_url(goals.draft)).content.decode()
    response = client.post(rate_url(goals.draft), {"point": "mid", "level": "0"}, follow=True)
    assert "This scale is not locked yet" in response.content.decode()
    assert not GoalRating.objects.filter(scale=goals.draft).exists()
    with pytest.raises(Exception, match="Lock the scale before rating it"):
        services.goal_rate(scale=goals.draft, by=goals.draft.written_by, point="mid", level=0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"point": "mid", "level": "7"}, "Choose one of the five levels, from -2 to +2."),
        ({"point": "mid", "level": "lots"}, "Choose one of the five levels, from -2 to +2."),
        ({"point": "mid"}, "Choose the level the student reached."),
        ({"point": "later", "level": "1"}, "Choose mid-term or end of term."),
        ({"level": "1"}, "Choose mid-term or end of term."),
        ({"point": "mid", "level": "1", "note": "x" * 501}, "at most 500 characters"),
    ],
)
def test_bad_ratings_are_said_and_nothing_changes(client_for, goals, data, message):
    response = client_for("coordinator").post(rate_url(goals.scale), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(GoalRating.objects.filter(scale=goals.scale).values_list("point", "level")) == [("mid", 1)]
