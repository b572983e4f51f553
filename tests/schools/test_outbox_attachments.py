"""An email of the outbox may carry small text files (a calendar invitation): kept on the row until sent, attached
when delivered, then cleared with the body."""

import pytest

from schools.outbox import services
from schools.outbox.models import OutboxItem
from schools.services import email_queue

pytestmark = pytest.mark.django_db

INVITE = {"filename": "invite.ics", "content": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "mimetype": "text/calendar"}


def deliver(item):
    OutboxItem.objects.filter(pk=item.pk).update(status=OutboxItem.Status.SENDING)
    return services.outbox_deliver(item_id=item.pk)


def test_an_attachment_is_sent_with_the_email_and_not_kept(mailoutbox):
    item = services.outbox_email(subject="Invited", body="Come along.", to=["ava@example.org"], attachments=[INVITE])
    assert OutboxItem.objects.get(pk=item.pk).attachments == [INVITE]

    assert deliver(item)

    [email] = mailoutbox
    assert email.attachments == [("invite.ics", INVITE["content"], "text/calendar")]
    item.refresh_from_db()
    assert (item.status, item.body, item.attachments) == (OutboxItem.Status.SENT, "", [])


def test_an_email_without_attachments_has_none(mailoutbox):
    deliver(services.outbox_email(subject="Hello", body="Hi.", to=["ava@example.org"]))

    assert mailoutbox[0].attachments == []


def test_a_malformed_attachment_fails_in_the_callers_transaction():
    with pytest.raises(KeyError):
        services.outbox_email(subject="Invited", body="x", to=["ava@example.org"], attachments=[{"filename": "a"}])
    assert not OutboxItem.objects.exists()


def test_email_queue_passes_the_key_and_the_attachments(world):
    for _ in range(2):
        email_queue(
            template="orientation/invitations/emails/meeting_cancelled",
            context={"first_name": "Ava", "orientation": {"title": "Orientation"}, "meetings": [], "whole": True},
            to="ava@example.org",
            key="orientation:1:cancelled:student:1",
            attachments=[INVITE],
        )

    [item] = OutboxItem.objects.all()
    assert item.attachments == [INVITE]
    assert item.subject == "Cancelled: Orientation"
