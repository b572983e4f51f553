"""A focus student's timeline for the support team: activities, attendance, logs, two accessible SVG charts with a
table behind each, the support changes (added and removed by those who may), goals only for those who may see them,
and a fixed number of queries whatever the number of logs."""

import datetime
import re

import pytest
from django.urls import reverse

from activities.facilitation import services
from activities.models import AdultSupport, SupportChange
from tests.activities.facilitation.factories import east_facilitation, past_lunch
from tests.schools.factories import TermFactory

pytestmark = pytest.mark.django_db


def url(student, **query) -> str:
    base = reverse("activities:student_timeline", kwargs={"pk": student.pk})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_timeline_shows_the_term_with_two_accessible_charts(client_for, world):
    east_facilitation(world)
    SupportChange.objects.create(
        student=world.focus_student,
        date=world.term.start_date,
        what="Peer support started",
        kind=SupportChange.Kind.PEER_SUPPORT_STARTED,
    )
    response = client_for("coordinator").get(url(world.focus_student))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 2
    assert 'aria-labelledby="support-chart-title support-chart-desc"' in html
    assert html.count("<details>") == 3 and html.count("<table") >= 3  # two charts, and attendance day by day
    assert "Monday and Wednesday lunch bunch" in html  # the activity and its attendance
    assert re.search(r"There \d+ times? of \d+, \d+ minutes in all\.", html)
    assert "Pointed out what they have in common" in html  # the log's strategies in plain words
    assert "stroke-dasharray" in html  # the change's line
    assert world.iep_goal.goal[:30] in html  # the coordinator sees the goals practised
    assert 'action="' + reverse("activities:support_change_add", kwargs={"pk": world.focus_student.pk}) in html


def test_a_staff_member_not_on_the_support_team_sees_no_goals(client_for, world):
    east_facilitation(world)
    html = client_for("staff").get(url(world.focus_student)).content.decode()
    assert "Pointed out what they have in common" in html
    assert world.iep_goal.goal[:30] not in html and "IEP goals practised" not in html
    assert "Add a change" not in html  # the teacher does not record support changes


def test_the_student_page_links_the_timeline(client_for, world):
    link = url(world.focus_student)
    assert (
        link
        in client_for("staff").get(reverse("student_detail", kwargs={"pk": world.focus_student.pk})).content.decode()
    )


def test_only_focus_students_have_a_timeline_and_another_school_is_404(client_for, world):
    from tests.schools.factories import FocusStudentFactory

    client = client_for("coordinator")
    assert client.get(url(world.peer_student)).status_code == 404
    assert client.get(url(FocusStudentFactory(school=world.other_school))).status_code == 404


def test_the_term_chooser_shows_another_term(client_for, world):
    east_facilitation(world)

    old = TermFactory(
        school=world.school,
        name="Spring 2001",
        start_date=datetime.date(2001, 1, 8),
        end_date=datetime.date(2001, 6, 15),
    )
    html = client_for("coordinator").get(url(world.focus_student, term=old.pk)).content.decode()
    assert "Monday and Wednesday lunch bunch" not in html and "No logs this term." in html


def test_support_changes_are_added_and_removed(client_for, world):
    client = client_for("coordinator")
    add = reverse("activities:support_change_add", kwargs={"pk": world.focus_student.pk})
    response = client.post(
        add,
        {
            "date": str(world.term.start_date),
            "kind": "change",
            "what": "Paraprofessional moved to the back of the room",
            "term": world.term.pk,
        },
    )
    assert response.status_code == 302
    change = SupportChange.objects.get()
    assert (change.student, change.added_by) == (world.focus_student, world.user("coordinator"))
    delete = reverse("activities:support_change_delete", kwargs={"pk": change.pk})
    assert client.post(delete).status_code == 302
    assert not SupportChange.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "", "kind": "change", "what": "Moved back"}, "Enter the date of the change."),
        ({"date": "not a date", "kind": "change", "what": "Moved back"}, "Enter a date like"),
        ({"date": "2026-09-01", "kind": "change", "what": ""}, "Say what changed."),
        ({"date": "2026-09-01", "kind": "made-up", "what": "Moved back"}, "Choose the kind of change."),
    ],
)
def test_a_bad_support_change_is_refused(client_for, world, data, message):
    add = reverse("activities:support_change_add", kwargs={"pk": world.focus_student.pk})
    response = client_for("coordinator").post(add, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SupportChange.objects.exists()


def test_support_changes_need_the_permission_and_the_school(client_for, world):
    from tests.schools.factories import FocusStudentFactory

    change = SupportChange.objects.create(student=world.focus_student, date=world.term.start_date, what="x")
    assert (
        client_for("staff").post(reverse("activities:support_change_delete", kwargs={"pk": change.pk})).status_code
        == 403
    )
    other = SupportChange.objects.create(
        student=FocusStudentFactory(school=world.other_school), date=world.term.start_date, what="y"
    )
    assert (
        client_for("coordinator").post(reverse("activities:support_change_delete", kwargs={"pk": other.pk})).status_code
        == 404
    )
    assert SupportChange.objects.count() == 2


def many_logs(world, count: int):
    for days in range(1, count + 1):
        occurrence = past_lunch(world, days, present=[world.focus_student])
        for adult, student in ((world.user("coordinator"), world.focus_student), (world.user("staff"), None)):
            services.facilitation_log_save(
                occurrence=occurrence,
                student=student,
                by=adult,
                strategies=["check-in", "praise-interactions"],
                adult_support=AdultSupport.NEARBY,
                initiations_by_student=1,
                interaction_quality=3,
                goals=[world.iep_goal] if student else None,
            )
        SupportChange.objects.create(student=world.focus_student, date=occurrence.date, what=f"Change {days}")


def count_queries(client, path, django_assert_max_num_queries, ceiling):
    with django_assert_max_num_queries(ceiling) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_timeline_and_the_logs_list_cost_the_same_whatever_the_rows(
    client_for, world, django_assert_max_num_queries
):
    client = client_for("coordinator")
    activity_logs = lambda: reverse("activities:facilitation_logs", kwargs={"pk": east_facilitation(world).activity.pk})  # noqa: E731
    many_logs(world, 1)
    timeline_few = count_queries(client, url(world.focus_student), django_assert_max_num_queries, 60)
    logs_few = count_queries(client, activity_logs(), django_assert_max_num_queries, 60)
    many_logs(world, 6)
    assert count_queries(client, url(world.focus_student), django_assert_max_num_queries, 60) == timeline_few
    assert count_queries(client, activity_logs(), django_assert_max_num_queries, 60) == logs_few


def test_the_timeline_lists_the_terms_observations_of_the_student(client_for, world):
    """The support team sees the direct observations beside the logs: the first observer's record, linked."""
    from tests.activities.observation.factories import east_observation

    observation = east_observation(world).observation
    detail = reverse("activities:observation_detail", kwargs={"pk": observation.pk})

    html = client_for("coordinator").get(url(world.focus_student)).content.decode()
    assert 'id="observations-heading"' in html and detail in html

    earlier = TermFactory(
        school=world.school,
        name="Spring 2002",
        start_date=datetime.date(2002, 1, 7),
        end_date=datetime.date(2002, 6, 14),
    )
    assert detail not in client_for("coordinator").get(url(world.focus_student, term=earlier.pk)).content.decode()


def test_without_a_recorded_start_the_first_confirmed_pairing_marks_where_peer_support_started(client_for, world):
    from django.utils import timezone

    from recruitment.models import Match
    from tests.activities.factories import east_attendance

    east_facilitation(world)
    paired = datetime.datetime.combine(world.term.start_date + datetime.timedelta(days=14), datetime.time(12))
    Match.objects.create(
        program=east_attendance(world).program,
        term=world.term,
        focus_student=world.focus_student,
        peer=world.peer_student,
        status=Match.Status.CONFIRMED,
        confirmed_at=timezone.make_aware(paired, timezone.get_current_timezone()),
    )

    html = client_for("coordinator").get(url(world.focus_student)).content.decode()
    day = f"{paired:%b} {paired.day}, {paired.year}"
    assert f"{day}: paired with a peer partner (the first confirmed pairing, from matching)" in html
    assert html.count("stroke-dasharray") >= 2  # the line on both charts
    assert "Paired with a peer partner" in html  # the line's label

    # A start recorded by hand is the start: the pairing no longer marks it.
    SupportChange.objects.create(
        student=world.focus_student,
        date=world.term.start_date,
        what="Peer support started",
        kind=SupportChange.Kind.PEER_SUPPORT_STARTED,
    )
    html = client_for("coordinator").get(url(world.focus_student)).content.decode()
    assert "from matching" not in html
