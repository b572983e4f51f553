"""The guardian's consent link: consent by typed name (time and IP recorded) or decline, once; an old, changed or
replayed link gets a plain message that reveals nothing."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from recruitment.applying.selectors import ConsentState, application_consent_state
from recruitment.models import GuardianConsent
from schools.dates import school_today
from tests.recruitment.factories import east_applying
from tests.schools.factories import TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world):
    return east_applying(world)


@pytest.fixture
def consent_url(objects):
    return reverse("recruitment:consent", kwargs={"signed": objects.consent_link})


def test_the_page_explains_the_program_without_student_data(client, consent_url, objects, world):
    response = client.get(consent_url)
    body = response.content.decode()
    assert "Liam would like to join Lunch Buddies at East Elementary" in body
    assert objects.campaign.what_peers_do in body
    assert world.focus_student.last_name not in body
    assert "no-store" in response["Cache-Control"]


def test_consent_records_name_time_ip_and_school_year(client, consent_url, objects, world):
    school_year = TermFactory(school=world.school, kind="school_year", start_date=world.term.start_date,
                              end_date=world.term.end_date + datetime.timedelta(days=100))
    world.term.parent = school_year
    world.term.save()
    response = client.post(consent_url, {"answer": "yes", "typed_name": "Pat Guardian"}, REMOTE_ADDR="203.0.113.9")
    assert "Thank you for your consent" in response.content.decode()
    consent = GuardianConsent.objects.get(pk=objects.consent.pk)
    assert consent.status == GuardianConsent.Status.CONSENTED
    assert consent.typed_name == "Pat Guardian"
    assert consent.responded_ip == "203.0.113.9"
    assert timezone.now() - consent.responded_at < datetime.timedelta(minutes=1)
    assert consent.valid_until == school_year.end_date
    assert application_consent_state(objects.application) == ConsentState.VALID


def test_without_a_school_year_consent_lasts_to_the_end_of_the_term(client, consent_url, objects, world):
    client.post(consent_url, {"answer": "yes", "typed_name": "Pat Guardian"})
    assert GuardianConsent.objects.get(pk=objects.consent.pk).valid_until == world.term.end_date


def test_consent_needs_a_typed_name(client, consent_url, objects):
    response = client.post(consent_url, {"answer": "yes", "typed_name": "  "})
    assert "Please type your full name to give consent." in response.content.decode()
    assert GuardianConsent.objects.get(pk=objects.consent.pk).status == GuardianConsent.Status.PENDING


@pytest.mark.parametrize("answer", ["", "maybe"])
def test_an_answer_must_be_yes_or_no(client, consent_url, objects, answer):
    response = client.post(consent_url, {"answer": answer, "typed_name": "Pat"})
    assert "Please choose yes or no." in response.content.decode()
    assert GuardianConsent.objects.get(pk=objects.consent.pk).status == GuardianConsent.Status.PENDING


def test_an_oversized_name_is_refused(client, consent_url, objects):
    response = client.post(consent_url, {"answer": "yes", "typed_name": "P" * 201})
    assert "typed_name" in response.context["form"].errors
    assert GuardianConsent.objects.get(pk=objects.consent.pk).status == GuardianConsent.Status.PENDING


def test_a_guardian_may_decline(client, consent_url, objects):
    response = client.post(consent_url, {"answer": "no"})
    assert "We recorded your answer" in response.content.decode()
    consent = GuardianConsent.objects.get(pk=objects.consent.pk)
    assert consent.status == GuardianConsent.Status.DECLINED
    assert consent.valid_until is None
    assert application_consent_state(objects.application) == ConsentState.DECLINED


def test_a_replayed_link_is_already_answered(client, consent_url, objects):
    client.post(consent_url, {"answer": "no"})
    for response in (client.get(consent_url), client.post(consent_url, {"answer": "yes", "typed_name": "Someone"})):
        assert response.status_code == 200
        assert "This request was already answered" in response.content.decode()
        assert "Lunch Buddies" not in response.content.decode()
    assert GuardianConsent.objects.get(pk=objects.consent.pk).status == GuardianConsent.Status.DECLINED


def test_an_expired_link_says_so(client, objects, settings):
    settings.GUARDIAN_CONSENT_LINK_DAYS = 14
    with time_machine.travel(timezone.now() - datetime.timedelta(days=15)):
        url = reverse("recruitment:consent", kwargs={"signed": objects.consent_link})
    for response in (client.get(url), client.post(url, {"answer": "yes", "typed_name": "Pat"})):
        assert response.status_code == 200
        body = response.content.decode()
        assert "This link has expired" in body
        assert "Liam" not in body and "Lunch Buddies" not in body
    assert GuardianConsent.objects.get(pk=objects.consent.pk).status == GuardianConsent.Status.PENDING


@pytest.mark.parametrize(
    "signed",
    [
        "nonsense",
        "a:b:c",
        "0b3a7c4e-0000-4000-8000-000000000000:1tABCD:forged",
    ],
)
def test_a_changed_or_made_up_link_does_not_work(client, signed):
    response = client.get(reverse("recruitment:consent", kwargs={"signed": signed}))
    assert response.status_code == 200
    assert "This link does not work" in response.content.decode()


def test_a_tampered_signature_does_not_work(client, objects):
    signed = objects.consent_link
    tampered = signed[:-2] + ("AA" if not signed.endswith("AA") else "BB")
    response = client.get(reverse("recruitment:consent", kwargs={"signed": tampered}))
    assert "This link does not work" in response.content.decode()


def test_an_invitation_link_does_not_open_a_consent(client, objects):
    from recruitment.applying import tokens

    signed = tokens.sign(objects.consent.token, salt=tokens.INVITATION_SALT)
    response = client.get(reverse("recruitment:consent", kwargs={"signed": signed}))
    assert "This link does not work" in response.content.decode()


def test_a_signed_link_of_a_deleted_consent_does_not_work(client, objects):
    url = reverse("recruitment:consent", kwargs={"signed": objects.consent_link})
    GuardianConsent.objects.filter(pk=objects.consent.pk).delete()
    assert "This link does not work" in client.get(url).content.decode()


def test_the_consent_rule_for_one_application(objects):
    application = objects.application
    assert application_consent_state(application) == ConsentState.PENDING
    GuardianConsent.objects.filter(pk=objects.consent.pk).update(
        status="consented", valid_until=school_today(objects.campaign.program.school) - datetime.timedelta(days=1)
    )
    assert application_consent_state(application) == ConsentState.ENDED  # ran out with last school year
    GuardianConsent.objects.filter(pk=objects.consent.pk).update(
        valid_until=school_today(objects.campaign.program.school)
    )
    assert application_consent_state(application) == ConsentState.VALID
    objects.campaign.requires_guardian_consent = False
    objects.campaign.save()
    GuardianConsent.objects.filter(pk=objects.consent.pk).delete()
    application.refresh_from_db()
    assert application_consent_state(application) == ConsentState.NOT_NEEDED
