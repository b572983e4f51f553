"""A campaign may be prepared while its program is still planned, but the coordinator is told, on the campaign page,
on the campaign form and when saving an open campaign, that students can apply to a program not approved yet."""

import pytest
from django.urls import reverse

from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory
from tests.schools.factories import TermFactory

pytestmark = pytest.mark.django_db


def set_status(program, status):
    program.status = status
    program.save()


def warning_of(response):
    return response.context.get("program_warning")


def test_the_campaign_page_warns_while_the_program_is_planned_and_open(client_for, east):
    assert east.campaign.is_open() and east.campaign.program.status == "planning"
    page = client_for("coordinator").get(reverse("recruitment:campaign_detail", args=[east.campaign.pk]))
    html = page.content.decode()
    assert 'id="program-warning"' in html
    assert "Peer to Peer is still “Planning”, and students can already apply on the public page." in html
    assert reverse("programs:detail", args=[east.campaign.program.pk]) in html


def test_a_closed_campaign_of_a_planned_program_gets_a_milder_note(client_for, east):
    east.campaign.accepting_applications = False
    east.campaign.save()
    page = client_for("coordinator").get(reverse("recruitment:campaign_detail", args=[east.campaign.pk]))
    assert "open it for applications once the program is approved" in warning_of(page)


@pytest.mark.parametrize("status", ["approved", "active"])
def test_no_warning_for_an_approved_or_active_program(client_for, east, status):
    set_status(east.campaign.program, status)
    page = client_for("coordinator").get(reverse("recruitment:campaign_detail", args=[east.campaign.pk]))
    assert warning_of(page) is None
    assert 'id="program-warning"' not in page.content.decode()


@pytest.mark.parametrize("status", ["paused", "ended"])
def test_a_paused_or_ended_program_is_warned_about_too(client_for, east, status):
    set_status(east.campaign.program, status)
    page = client_for("coordinator").get(reverse("recruitment:campaign_detail", args=[east.campaign.pk]))
    assert f"is still “{status.capitalize()}”" in warning_of(page)


def test_the_form_to_start_a_campaign_warns_before_anything_is_saved(client_for, east):
    program = east.campaign.program
    page = client_for("coordinator").get(reverse("recruitment:campaign_create", args=[program.pk]))
    assert "Peer to Peer is still “Planning”. You can prepare the campaign" in page.content.decode()
    page = client_for("coordinator").get(reverse("recruitment:campaign_update", args=[east.campaign.pk]))
    assert 'id="program-warning"' in page.content.decode()


def test_opening_a_campaign_of_a_planned_program_saves_it_and_warns(client_for, world, east):
    term = TermFactory(school=world.school, name="Spring")
    response = client_for("coordinator").post(
        reverse("recruitment:campaign_create", args=[east.campaign.program.pk]),
        {"term": term.pk, "target_peers": 8, "accepting_applications": "on", "requires_guardian_consent": "on"},
        follow=True,
    )
    levels = {m.level_tag: str(m) for m in response.context["messages"]}
    assert "is saved" in levels["success"]
    assert "students can already apply on the public page" in levels["warning"]


def test_saving_an_active_programs_campaign_gives_no_warning(client_for, world):
    program = ProgramFactory(school=world.school, name="Lunch Club", status="active")
    campaign = CampaignFactory(program=program, term=world.term)
    response = client_for("coordinator").post(
        reverse("recruitment:campaign_update", args=[campaign.pk]),
        {"term": world.term.pk, "target_peers": 8, "accepting_applications": "on"},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
