"""An accepted application leads on to matching for that peer: the program's matches page, "pair by hand" with the
peer already chosen (for those who match), the peer's pairings in the program and their roster page."""

import datetime
import re

from django.urls import reverse

from recruitment.campaigns import services
from recruitment.models import GuardianConsent, Match
from tests.recruitment.factories import GuardianConsentFactory


def accepted(world, east):
    GuardianConsentFactory(
        application=east.application, status=GuardianConsent.Status.CONSENTED,
        valid_until=datetime.date.today() + datetime.timedelta(days=200),
    )
    return services.application_accept(application=east.application, decided_by=world.user("coordinator"))


def detail(client, application) -> str:
    response = client.get(reverse("recruitment:application_detail", kwargs={"pk": application.pk}))
    assert response.status_code == 200
    return response.content.decode()


def pair_by_hand(application) -> str:
    url = reverse("recruitment:matching_add", kwargs={"pk": application.campaign.program_id})
    return f"{url}?peer={application.student.pk}"


def test_an_accepted_application_links_to_matching_for_that_peer(client_for, world, east):
    application = accepted(world, east)
    client = client_for("coordinator")
    html = detail(client, application)

    assert reverse("recruitment:matching", kwargs={"pk": application.campaign.program_id}) in html
    assert pair_by_hand(application) in html
    assert reverse("student_detail", kwargs={"pk": application.student.pk}) in html
    assert "not paired with a student yet" in html

    # The link opens the pairing form with the peer already chosen.
    form = client.get(pair_by_hand(application)).context["form"]
    assert form["peer"].value() == application.student.pk
    assert f'<option value="{application.student.pk}" selected>' in form["peer"].as_widget()


def test_the_peers_pairings_in_the_program_show(client_for, world, east):
    application = accepted(world, east)
    Match.objects.create(
        program=application.campaign.program, term=world.term, focus_student=world.focus_student,
        peer=application.student, status=Match.Status.CONFIRMED,
    )
    html = detail(client_for("coordinator"), application)
    assert f"Paired with {world.focus_student.full_name}" in html


def test_staff_who_do_not_match_get_the_matches_page_only(client_for, world, east):
    application = accepted(world, east)
    html = detail(client_for("staff"), application)
    assert reverse("recruitment:matching", kwargs={"pk": application.campaign.program_id}) in html
    assert pair_by_hand(application) not in html


def test_an_application_not_accepted_has_no_matching_box(client_for, east):
    html = detail(client_for("coordinator"), east.application)
    assert "Next: matching" not in html


def test_a_forged_peer_in_the_link_chooses_nobody(client_for, world, east):
    application = accepted(world, east)
    client = client_for("coordinator")
    url = reverse("recruitment:matching_add", kwargs={"pk": application.campaign.program_id})
    for forged in ("abc", "-1", str(2**70), str(world.focus_student.pk), "١٢"):
        response = client.get(url, {"peer": forged})
        assert response.status_code == 200, forged
        assert not re.search(r'value="\d+" selected', response.context["form"]["peer"].as_widget()), forged
