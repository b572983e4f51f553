"""A match problem from any side: one email to the coordinator (a link, no names, no words), the dashboard panel
"Pairs needing a follow-up" until a program lead records what was done (the first account stays)."""

import pytest
from django.urls import reverse

from evaluation.models import PairCheckIn
from evaluation.pairs import services
from schools.models import OutboxItem

from .factories import OTHER_PEER_MARKER

pytestmark = pytest.mark.django_db


def flag_url(pair):
    return reverse("evaluation:pair_flag", kwargs={"pk": pair.pk})


def test_staff_flag_one_email_without_names_then_the_panel_then_the_follow_up(world, pairs, client_for):
    client = client_for("staff")
    response = client.post(flag_url(pairs.pair), {"note": "They sat apart all week kiwi77."})
    assert response.status_code == 302
    flag = PairCheckIn.objects.get(side="staff", peer=pairs.pair.peer)
    assert flag.match_problem and flag.needs_follow_up and flag.entered_by == world.user("staff")

    email = OutboxItem.objects.get(kind="email")
    assert email.to == [world.user("coordinator").email]
    text = email.subject + email.body
    for word in ("kiwi77", "Sofia", "Ramirez", "Noah", world.focus_student.last_name):
        assert word not in text
    assert f"/evaluation/pair-check-ins/{flag.pk}/" in email.body

    # A second flag while the first waits: a message, nothing more.
    response = client.post(flag_url(pairs.pair), {"note": "Again."})
    assert "already flagged" in response.content.decode()
    assert OutboxItem.objects.filter(kind="email").count() == 1

    dashboard = client_for("coordinator").get(reverse("dashboard")).content.decode()
    assert "Pairs needing a follow-up" in dashboard
    assert reverse("evaluation:pair_check_in_detail", kwargs={"pk": flag.pk}) in dashboard

    detail = reverse("evaluation:pair_check_in_detail", kwargs={"pk": flag.pk})
    coordinator = client_for("coordinator")
    assert "kiwi77" in coordinator.get(detail).content.decode()
    assert "Say in a few words" in coordinator.post(detail, {"note": ""}).content.decode()
    coordinator.post(detail, {"note": "Moved them to the same table."})
    flag.refresh_from_db()
    assert flag.follow_up_note == "Moved them to the same table." and flag.followed_up_by == world.user("coordinator")
    # The first account stays.
    coordinator.post(detail, {"note": "Something else."})
    flag.refresh_from_db()
    assert flag.follow_up_note == "Moved them to the same table."
    assert (
        reverse("evaluation:pair_check_in_detail", kwargs={"pk": flag.pk})
        not in coordinator.get(reverse("dashboard")).content.decode()
    )


@pytest.mark.parametrize(("note", "message"), [("", "Say in a few words"), ("x" * 1001, "the most is 1000")])
def test_a_flag_without_a_note_or_too_long_is_refused(world, pairs, client_for, note, message):
    response = client_for("staff").post(flag_url(pairs.pair), {"note": note})
    assert response.status_code == 200 and message in response.content.decode()
    assert not PairCheckIn.objects.filter(side="staff").exists()
    assert not OutboxItem.objects.exists()


def test_a_proposal_or_another_schools_pair_cannot_be_flagged(world, pairs, client_for):
    pairs.pair.status = "proposed"
    pairs.pair.save(update_fields=["status"])
    assert client_for("staff").post(flag_url(pairs.pair), {"note": "x"}).status_code == 404
    assert client_for("other_coordinator").post(flag_url(pairs.other_pair), {"note": "x"}).status_code == 404
    assert not PairCheckIn.objects.filter(side="staff").exists()


def test_a_peer_asking_for_help_tells_the_coordinator_once(world, pairs, client_for):
    client = client_for("peer")
    prefix = f"pair{pairs.pair.pk}-"
    data = {
        "pair": pairs.pair.pk,
        prefix + "month": pairs.month.isoformat(),
        prefix + "meetings": "few",
        prefix + "going": "not_well",
        prefix + "note_to_staff": "She ignores me plum88.",
        prefix + "match_problem": "on",
    }
    client.post(reverse("evaluation:pair_check_in"), data)
    client.post(reverse("evaluation:pair_check_in"), {**data, prefix + "going": "sometimes"})
    email = OutboxItem.objects.get(kind="email")
    assert "plum88" not in email.body and "Sofia" not in email.body + email.subject


def test_the_follow_up_service_refuses_a_check_in_without_a_problem(world, pairs):
    from django.core.exceptions import ValidationError

    calm = PairCheckIn.objects.create(
        program=pairs.program,
        peer=pairs.pair.peer,
        focus_student=pairs.pair.focus_student,
        month=pairs.month,
        side="peer",
        meetings="weekly",
        going="well",
    )
    with pytest.raises(ValidationError):
        services.follow_up_record(check_in=calm, by=world.user("coordinator"), note="Nothing.")


def test_the_coordinator_reads_the_note_but_the_email_never_carries_it(world, pairs, client_for):
    detail = reverse("evaluation:pair_check_in_detail", kwargs={"pk": pairs.other_check_in.pk})
    assert OTHER_PEER_MARKER in client_for("coordinator").get(detail).content.decode()
