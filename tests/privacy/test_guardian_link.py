"""A parent's view of their own child: a signed, expiring link emailed by the coordinator; the page lists what was
disclosed about the child and how to ask to inspect the records, and nothing else."""

import datetime
import logging
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from schools.models import AccessLogEntry
from schools.privacy import guardian_links
from schools.privacy.services import disclosure_record
from tests.schools.factories import BehaviorNoteFactory, FocusStudentFactory, GuardianFactory


def send(client_for, records, django_capture_on_commit_callbacks):
    url = reverse("privacy:guardian_link", kwargs={"pk": records.guardian.student_id})
    with django_capture_on_commit_callbacks(execute=True):
        return client_for("coordinator").post(url, {"guardian": records.guardian.pk}, follow=True)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_the_coordinator_emails_a_guardian_the_link_and_it_is_logged(
    client_for, world, records, django_capture_on_commit_callbacks
):
    response = send(client_for, records, django_capture_on_commit_callbacks)
    assert "The link was emailed to Erin Bennett." in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["erin@family.example.org"]
    assert message.subject == "What East Elementary has shared about Noah"
    assert "Dear Erin Bennett," in message.body and "works for 14 days" in message.body
    # Plain words, and nothing of the confidential record in the email.
    assert world.iep_goal.goal not in message.body and "Bennett" not in message.subject
    entry = AccessLogEntry.objects.get(action="export")
    assert (entry.student, entry.user) == (world.focus_student, world.user("coordinator"))
    assert entry.what == "disclosures link emailed to a parent or guardian"


def test_the_parent_sees_the_disclosures_about_their_child_only(
    client, client_for, world, records, django_capture_on_commit_callbacks
):
    BehaviorNoteFactory(student=world.focus_student, behavior="Hums loudly when the bell rings")
    other_child = FocusStudentFactory(school=world.school, first_name="Ava", last_name="Thompson", grade=3)
    disclosure_record(student=other_child, recipient="Ava's therapist", purpose="Therapy", what="Ava's profile")
    send(client_for, records, django_capture_on_commit_callbacks)
    client.logout()
    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "What East Elementary shared about Noah" in page
    assert "Riverside district office" in page and "Annual program report" in page
    assert "A report sent to the district office" in page
    assert "say that you would like to see your child's records" in page and "45 days" in page
    # The child's first name only; nothing of the confidential record, nothing about another child.
    for absent in ("Bennett", world.iep_goal.goal, "Hums loudly", "Ava", "therapist"):
        assert absent not in page, absent


def test_a_parents_visit_is_logged_with_ids_only(client, records, caplog):
    caplog.set_level(logging.INFO, logger="peerpartners.security")
    page = reverse("privacy:guardian_disclosures", kwargs={"signed": records.guardian_link})
    assert client.get(page).status_code == 200
    lines = [record.getMessage() for record in caplog.records if record.name == "peerpartners.security"]
    assert f"guardian_link.opened guardian_id={records.guardian.pk} student_id={records.guardian.student_id} ip=" in (
        lines[-1]
    )
    assert records.guardian.name not in lines[-1]


def test_a_child_with_no_disclosures_gets_a_plain_sentence(client, world):
    guardian = GuardianFactory(student=world.peer_student, name="Maria Ramirez")
    page = client.get(reverse("privacy:guardian_disclosures", kwargs={"signed": guardian_links.sign(guardian)}))
    assert "Nothing about Sofia has been given to anyone outside the school." in page.content.decode()


@pytest.mark.parametrize("tamper", [lambda s: s[:-2] + "xx", lambda s: "1" + s, lambda s: "nonsense"])
def test_a_tampered_link_gets_a_plain_page(client, records, tamper):
    response = client.get(reverse("privacy:guardian_disclosures", kwargs={"signed": tamper(records.guardian_link)}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This link does not work" in page and "Riverside district office" not in page and "Noah" not in page


def test_a_link_expires_after_14_days(client, records):
    signed = records.guardian_link
    url = reverse("privacy:guardian_disclosures", kwargs={"signed": signed})
    with time_machine.travel(datetime.timedelta(days=13, hours=23)):
        assert "Riverside district office" in client.get(url).content.decode()
    with time_machine.travel(datetime.timedelta(days=14, hours=1)):
        page = client.get(url).content.decode()
    assert "This link has expired" in page and "Riverside district office" not in page


def test_correcting_the_guardians_email_ends_the_old_link(client, records):
    url = reverse("privacy:guardian_disclosures", kwargs={"signed": records.guardian_link})
    records.guardian.email = "erin.new@family.example.org"
    records.guardian.save()
    assert "This link does not work" in client.get(url).content.decode()


def test_a_guardian_of_another_student_cannot_be_chosen(client_for, world, records):
    other_guardian = GuardianFactory(student=world.peer_student)
    url = reverse("privacy:guardian_link", kwargs={"pk": records.guardian.student_id})
    response = client_for("coordinator").post(url, {"guardian": other_guardian.pk})
    assert "Select a valid choice." in response.content.decode()
    assert not mail.outbox and not AccessLogEntry.objects.filter(action="export").exists()


def test_a_student_without_a_guardian_email_gets_a_clear_message(client_for, world):
    GuardianFactory(student=world.peer_student, email="")
    url = reverse("privacy:guardian_link", kwargs={"pk": world.peer_student.pk})
    page = client_for("coordinator").get(url).content.decode()
    assert "No parent or guardian of this student has an email address." in page
    response = client_for("coordinator").post(url, {"guardian": ""})
    assert response.status_code == 200 and not mail.outbox


@pytest.mark.parametrize("value", ["²-abc", "9" * 30 + "-abc", "-", ""])
def test_an_odd_value_under_a_good_signature_gets_a_plain_page(client, db, value):
    """Defence in depth: only the server signs, but whatever it could ever sign answers "does not work", not 500."""
    from django.core import signing

    signed = signing.TimestampSigner(salt=guardian_links.SALT).sign(value)
    response = client.get(reverse("privacy:guardian_disclosures", kwargs={"signed": signed}))
    assert response.status_code == 200
    assert "This link does not work" in response.content.decode()


def test_the_parents_page_only_reads(client, records):
    url = reverse("privacy:guardian_disclosures", kwargs={"signed": records.guardian_link})
    assert client.post(url, {"email": "prankster@example.org"}).status_code == 405
    assert client.get(url).status_code == 200
