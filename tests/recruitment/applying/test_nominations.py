"""Teacher nominations: a staff member nominates a peer of the roster (or types a name), the nominee gets a personal
invitation whose link pre-fills the form and ties the application to the nomination. Scoped to the active school."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from recruitment.models import Nomination, PeerApplication
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory, NominationFactory, east_applying
from tests.schools.factories import StudentFactory, TermFactory

pytestmark = pytest.mark.django_db

NOMINATE = reverse("recruitment:nominate")


def test_a_roster_peer_is_nominated_invited_and_applies(client_for, client, world, application_data,
                                                        django_capture_on_commit_callbacks):
    campaign = east_applying(world).campaign
    teacher = client_for("staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = teacher.post(NOMINATE, {
            "campaign": campaign.pk, "student": world.peer_student.pk,
            "reasons": "Always includes everyone at recess.", "invitation_email": "sofia@student.example.org",
        })
    nomination = Nomination.objects.get(student=world.peer_student)
    assert response.status_code == 302
    assert response.url == reverse("recruitment:nomination_detail", kwargs={"pk": nomination.pk})
    assert nomination.nominated_by == world.user("staff")
    assert nomination.grade == world.peer_student.grade
    assert nomination.invited_at is not None
    [invitation] = mail.outbox
    assert invitation.to == ["sofia@student.example.org"]
    assert "Hi Sofia," in invitation.body
    link = re.search(r"http://testserver(/join/\S+)", invitation.body).group(1)

    client.logout()
    form = client.get(link).context["form"]
    assert form.initial["first_name"] == "Sofia"
    assert form.initial["last_name"] == "Ramirez"
    assert form.initial["grade"] == world.peer_student.grade
    assert form.initial["heard_via"] == "teacher_nomination"
    invite = form.initial["invite"]
    data = {**application_data, "first_name": "Sofia", "last_name": "Ramirez", "grade": world.peer_student.grade,
            "heard_via": "teacher_nomination", "invite": invite}
    assert client.post(reverse("recruitment:apply", kwargs={"pk": campaign.pk}), data).status_code == 302
    assert PeerApplication.objects.get(first_name="Sofia").nomination == nomination

    detail = client_for("coordinator").get(reverse("recruitment:nomination_detail", kwargs={"pk": nomination.pk}))
    assert detail.context["nomination"].has_applied


def test_a_typed_name_is_nominated_without_an_email(client_for, world):
    campaign = east_applying(world).campaign
    response = client_for("coordinator").post(NOMINATE, {
        "campaign": campaign.pk, "first_name": "Eli", "last_name": "Brooks", "grade": "3",
        "reasons": "New this year and would enjoy friends.",
    }, follow=True)
    nomination = Nomination.objects.get(first_name="Eli")
    assert nomination.invited_at is None and mail.outbox == []
    body = response.content.decode()
    assert "Give the student the personal link below." in body
    assert f"/join/{campaign.pk}/apply/?invite=" in body


@pytest.mark.parametrize(
    "change,field",
    [
        ({"student": "", "first_name": ""}, "__all__"),
        ({"student": "", "first_name": "Eli", "grade": ""}, "__all__"),
        ({"reasons": ""}, "reasons"),
        ({"reasons": "x" * 2001}, "reasons"),
        ({"invitation_email": "nope"}, "invitation_email"),
        ({"grade": "11"}, "grade"),
        ({"campaign": "999999"}, "campaign"),
    ],
)
def test_bad_nominations_are_refused(client_for, world, change, field):
    campaign = east_applying(world).campaign
    data = {"campaign": campaign.pk, "student": world.peer_student.pk, "reasons": "Kind.", **change}
    response = client_for("staff").post(NOMINATE, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Nomination.objects.filter(reasons="Kind.").exists()


def test_another_schools_campaign_or_student_cannot_be_chosen(client_for, world):
    putnam_campaign = CampaignFactory(program=ProgramFactory(school=world.other_school),
                                      term=TermFactory(school=world.other_school))
    putnam_peer = StudentFactory(school=world.other_school, grade=7)
    east_campaign = east_applying(world).campaign
    teacher = client_for("staff")
    response = teacher.post(NOMINATE, {"campaign": putnam_campaign.pk, "student": world.peer_student.pk,
                                       "reasons": "Kind."})
    assert "campaign" in response.context["form"].errors
    response = teacher.post(NOMINATE, {"campaign": east_campaign.pk, "student": putnam_peer.pk, "reasons": "Kind."})
    assert "student" in response.context["form"].errors
    assert not Nomination.objects.filter(reasons="Kind.").exists()


def test_a_focus_student_cannot_be_nominated_as_a_peer(client_for, world):
    campaign = east_applying(world).campaign
    response = client_for("staff").post(NOMINATE, {"campaign": campaign.pk, "student": world.focus_student.pk,
                                                   "reasons": "Kind."})
    assert "student" in response.context["form"].errors


def test_the_list_shows_the_active_schools_nominations_only(client_for, world):
    east = east_applying(world).nomination
    putnam = NominationFactory(
        campaign=CampaignFactory(program=ProgramFactory(school=world.other_school),
                                 term=TermFactory(school=world.other_school)),
        nominated_by=world.user("other_coordinator"), first_name="Putnamkid",
    )
    east_page = client_for("staff").get(reverse("recruitment:nominations")).content.decode()
    assert east.first_name in east_page and "Putnamkid" not in east_page
    putnam_page = client_for("other_coordinator").get(reverse("recruitment:nominations")).content.decode()
    assert "Putnamkid" in putnam_page and east.first_name not in putnam_page
    assert client_for("other_coordinator").get(
        reverse("recruitment:nomination_detail", kwargs={"pk": east.pk})
    ).status_code == 404
    assert putnam.pk


def test_the_list_takes_the_same_queries_for_one_or_many(client_for, world, django_assert_max_num_queries):
    teacher = client_for("staff")
    east_applying(world)
    url = reverse("recruitment:nominations")
    with django_assert_max_num_queries(20) as one:
        teacher.get(url)
    campaign = east_applying(world).campaign
    for number in range(5):
        NominationFactory(campaign=campaign, nominated_by=world.user("coordinator"), first_name=f"Kid{number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        teacher.get(url)


def test_a_bad_or_foreign_invitation_link_starts_an_empty_form(client, world):
    objects = east_applying(world)
    other = CampaignFactory(program=ProgramFactory(school=world.school, name="Recess Club"), term=world.term)
    from recruitment.applying import services

    link = services.invitation_link(objects.nomination, site_url="http://testserver/")
    signed = link.split("invite=")[1]
    for url in (f"/join/{other.pk}/apply/?invite={signed}", f"/join/{objects.campaign.pk}/apply/?invite=forged"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["form"].initial == {}
