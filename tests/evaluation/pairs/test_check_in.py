"""The monthly check-in about a partner: a peer saves and changes this month's, only about their own pairs and
seeing only their own check-ins; the focus student's own (answered alone) and the one staff enter with them (how it
was answered); locked once followed up; bad input refused with a message and nothing saved."""

import pytest
from django.urls import reverse

from evaluation.models import AnsweredHow, PairCheckIn
from evaluation.pairs import selectors, services
from schools.models import OutboxItem
from tests.evaluation.factories import confirmed_pair
from tests.schools.factories import FocusStudentFactory, StudentFactory

from .factories import OTHER_PEER_MARKER, PairCheckInFactory

pytestmark = pytest.mark.django_db

URL = reverse("evaluation:pair_check_in")


def post(client, pair, month, url=URL, **fields):
    prefix = f"pair{pair.pk}-"
    data = {"pair": pair.pk, prefix + "month": month.isoformat(), **{prefix + k: v for k, v in fields.items()}}
    return client.post(url, data)


def sofia_check_ins(pairs):
    return PairCheckIn.objects.filter(program=pairs.program, peer=pairs.pair.peer, side="peer")


def test_a_peer_checks_in_then_changes_it(world, pairs, client_for):
    client = client_for("peer")
    page = client.get(URL).content.decode()
    assert "You and Noah" in page and "How often did you meet this month?" in page
    assert "vendor/openmoji/1F600.svg" in page and "Not going well" in page
    assert OTHER_PEER_MARKER not in page  # Liam's check-in about Noah is not Sofia's

    response = post(client, pairs.pair, pairs.month, meetings="weekly", going="well", note_to_staff="All good.")
    assert response.status_code == 302
    check_in = sofia_check_ins(pairs).get()
    assert (check_in.meetings, check_in.going, check_in.note_to_staff) == ("weekly", "well", "All good.")
    assert check_in.month == pairs.month and check_in.answered_how == "" and check_in.entered_by == world.user("peer")

    post(client, pairs.pair, pairs.month, meetings="few", going="sometimes")
    check_in.refresh_from_db()
    assert (check_in.meetings, check_in.going, check_in.note_to_staff) == ("few", "sometimes", "")
    assert sofia_check_ins(pairs).count() == 1
    assert not OutboxItem.objects.exists()
    assert "You checked in this month already" in client.get(URL).content.decode()


def test_a_peer_sees_only_their_own_check_ins(world, pairs, client_for):
    last = selectors.add_months(pairs.month, -1)
    PairCheckInFactory(
        pair=pairs.pair, month=last, side="focus_student", note_to_staff="noahwords3k", answered_how="alone"
    )
    PairCheckInFactory(pair=pairs.pair, month=last, side="peer", going="sometimes")
    page = client_for("peer").get(URL).content.decode()
    assert "Earlier months" in page and "Sometimes" in page
    assert "noahwords3k" not in page and OTHER_PEER_MARKER not in page


def test_a_peer_cannot_check_in_about_another_peers_pair(world, pairs, client_for):
    client = client_for("peer")
    response = post(client, pairs.other_pair, pairs.month, meetings="none", going="not_well")
    assert response.status_code == 302
    assert "Choose one of your partners" in client.get(URL).content.decode()
    assert not PairCheckIn.objects.filter(peer=pairs.pair.peer).exists()
    pairs.other_check_in.refresh_from_db()
    assert pairs.other_check_in.meetings == "weekly"


def test_another_schools_pair_or_a_forged_id_is_refused(world, pairs, client_for):
    putnam_pair = confirmed_pair(
        pairs.program,  # the program is East's, but the students are Putnam's: not one of Sofia's pairs anyway
        peer=StudentFactory(school=world.other_school),
        focus_student=FocusStudentFactory(school=world.other_school),
        term=pairs.term,
    )
    client = client_for("peer")
    for forged in (putnam_pair.pk, 999999, "abc", ""):
        response = client.post(URL, {"pair": forged, "pair1-month": pairs.month.isoformat()})
        assert response.status_code == 302
    assert not PairCheckIn.objects.exclude(pk=pairs.other_check_in.pk).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"going": "well"}, "Choose how often you met."),
        ({"meetings": "weekly"}, "Choose how it is going."),
        ({"meetings": "daily", "going": "well"}, "Choose one of the answers on the list."),
        ({"meetings": "weekly", "going": "great"}, "Choose one of the three answers."),
        ({"meetings": "weekly", "going": "well", "note_to_staff": "x" * 1001}, "the most is 1000 characters"),
        ({"meetings": "weekly", "going": "well", "month": "2001-01-01"}, "A new month has started"),
        ({"meetings": "weekly", "going": "well", "month": "not a date"}, "A new month has started"),
    ],
)
def test_bad_input_is_refused_with_a_message(world, pairs, client_for, fields, message):
    client = client_for("peer")
    month = fields.pop("month", pairs.month.isoformat())
    prefix = f"pair{pairs.pair.pk}-"
    response = client.post(
        URL, {"pair": pairs.pair.pk, prefix + "month": month, **{prefix + k: v for k, v in fields.items()}}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not sofia_check_ins(pairs).exists()


def test_once_staff_followed_up_the_check_in_is_locked(world, pairs, client_for):
    client = client_for("peer")
    post(client, pairs.pair, pairs.month, meetings="none", going="not_well", match_problem="on")
    check_in = sofia_check_ins(pairs).get()
    services.follow_up_record(check_in=check_in, by=world.user("coordinator"), note="Talked with both.")
    page = client.get(URL).content.decode()
    assert "followed up this check-in" in page
    post(client, pairs.pair, pairs.month, meetings="weekly", going="well")
    check_in.refresh_from_db()
    assert check_in.meetings == "none" and check_in.match_problem


def test_the_focus_student_checks_in_on_their_own(world, pairs, client_for):
    client = client_for("focus_student")
    page = client.get(URL).content.decode()
    # Noah has two partners: a card for each (Sofia's, Liam's), big faces with words, no "how answered" question.
    assert "You and Sofia" in page and "You and Liam" in page
    assert "vendor/openmoji/1F641.svg" in page and "How was it answered?" not in page
    assert OTHER_PEER_MARKER not in page
    post(client, pairs.pair, pairs.month, meetings="weekly", going="well")
    check_in = PairCheckIn.objects.get(program=pairs.program, focus_student=world.focus_student, side="focus_student")
    assert check_in.peer == world.peer_student and check_in.answered_how == AnsweredHow.ALONE


def test_staff_enter_the_focus_students_check_in_with_how_it_was_answered(world, pairs, client_for):
    url = reverse("evaluation:student_pair_check_in", kwargs={"pk": world.focus_student.pk})
    client = client_for("coordinator")
    page = client.get(url).content.decode()
    assert "Check in with" in page and "How was it answered?" in page and "Eye gaze" in page

    response = post(
        client, pairs.pair, pairs.month, url=url, meetings="few", going="sometimes", answered_how="with_support"
    )
    assert "Choose the support the student used." in response.content.decode()
    response = post(
        client,
        pairs.pair,
        pairs.month,
        url=url,
        meetings="few",
        going="sometimes",
        answered_how="with_support",
        support_modes="telepathy",
    )
    assert "Choose from the kinds of support on the list." in response.content.decode()
    response = post(client, pairs.pair, pairs.month, url=url, meetings="few", going="sometimes")
    assert "Say how the student answered." in response.content.decode()
    assert not PairCheckIn.objects.filter(side="focus_student").exists()

    response = post(
        client,
        pairs.pair,
        pairs.month,
        url=url,
        meetings="few",
        going="sometimes",
        answered_how="with_support",
        support_modes=["pointing", "read_aloud"],
    )
    assert response.status_code == 302
    check_in = PairCheckIn.objects.get(side="focus_student", peer=world.peer_student)
    assert check_in.answered_how == "with_support" and sorted(check_in.support_modes) == ["pointing", "read_aloud"]
    assert check_in.entered_by == world.user("coordinator")


def test_staff_may_not_check_in_for_a_peer_or_a_student_they_do_not_support(world, pairs, client_for):
    assert (
        client_for("coordinator")
        .get(reverse("evaluation:student_pair_check_in", kwargs={"pk": world.peer_student.pk}))
        .status_code
        == 404
    )
    assert (
        client_for("staff")
        .get(reverse("evaluation:student_pair_check_in", kwargs={"pk": world.focus_student.pk}))
        .status_code
        == 403
    )
    world.focus_student.support_team.add(world.user("staff"))
    assert (
        client_for("staff")
        .get(reverse("evaluation:student_pair_check_in", kwargs={"pk": world.focus_student.pk}))
        .status_code
        == 200
    )


def test_the_service_refuses_another_month_and_someone_elses_pair(world, pairs):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.check_in_save(
            pair=pairs.other_pair,
            student=world.peer_student,
            side="peer",
            month=pairs.month,
            meetings="few",
            going="well",
        )
    with pytest.raises(ValidationError):
        services.check_in_save(
            pair=pairs.pair,
            student=world.peer_student,
            side="peer",
            month=selectors.add_months(pairs.month, -1),
            meetings="few",
            going="well",
        )
    assert not sofia_check_ins(pairs).exists()
