"""The outbox without Redis (tasks in-process): rows written with the change, sent once, retried with backoff, and
the failed ones shown to the administrator with their error and a "Try again" button."""

import datetime
import logging
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from schools.outbox import selectors, services
from schools.outbox.models import OutboxItem
from schools.outbox.tasks import outbox_deliver_task, outbox_dispatch_task
from schools.services import email_queue
from tests.schools.factories import OutboxItemFactory, RosterImportFactory, UserFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

Status = OutboxItem.Status


def queue_email(**fields):
    return services.outbox_email(
        **{"subject": "Your application was received", "body": "Thank you.", "to": ["ava@example.org"], **fields}
    )


class FailingBackend:
    """An email backend whose server refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"


# --- Written with the change --------------------------------------------------------------------------------------


def test_the_email_is_a_row_of_the_same_transaction_and_leaves_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        email_queue(
            template="programs/emails/action_item_reminder",
            context={"owner": world.user("coordinator"), "items": [], "due_on": datetime.date(2026, 12, 3)},
            to="coordinator@example.org",
            school=world.school,
        )
        item = OutboxItem.objects.get()
        assert (item.kind, item.status, item.to, item.school) == (
            "email",
            "waiting",
            ["coordinator@example.org"],
            world.school,
        )
    assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1

    callbacks[0]()

    item.refresh_from_db()
    assert item.status == Status.SENT and item.sent_at is not None
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]
    assert mail.outbox[0].subject == item.subject


def test_a_rolled_back_change_leaves_no_row_and_sends_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        queue_email()
        services.outbox_job("schools.rostering.tasks.roster_import_analyse_task", import_id=1)
        raise RuntimeError("the change failed")
    assert not OutboxItem.objects.exists()
    assert mail.outbox == []


def test_many_rows_in_one_transaction_are_each_sent_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for number in range(3):
            queue_email(to=[f"guardian{number}@example.org"])
    assert sorted(message.to[0] for message in mail.outbox) == [f"guardian{n}@example.org" for n in range(3)]
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {Status.SENT}


def test_the_password_reset_email_goes_through_the_outbox(client, world, django_capture_on_commit_callbacks):
    coordinator = world.user("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": coordinator.email})
    item = OutboxItem.objects.get()
    assert (item.status, item.to, item.school) == (Status.SENT, [coordinator.email], None)
    assert mail.outbox[0].subject == "Choose a new Peer Partners password"


def test_a_roster_upload_queues_its_check_as_a_job(world):
    from schools.rostering import services as roster_services

    with transaction.atomic():
        roster_import = roster_services.roster_import_start(
            school=world.school,
            uploaded_by=world.user("coordinator"),
            file_format="csv",
            name="roster.csv",
            data=b"x",
            new_student_kind="peer",
        )
    item = OutboxItem.objects.get()
    assert (item.kind, item.task_name, item.task_kwargs, item.school) == (
        "job",
        "schools.rostering.tasks.roster_import_analyse_task",
        {"import_id": roster_import.pk},
        world.school,
    )


def test_a_misspelt_job_fails_in_the_callers_transaction(world):
    with pytest.raises(ValueError, match="No task named"):
        services.outbox_job("schools.rostering.tasks.no_such_task", import_id=1)
    assert not OutboxItem.objects.exists()


# --- At most once per success --------------------------------------------------------------------------------------


def test_a_sent_row_keeps_no_body_and_is_deleted_after_a_month(world):
    item = queue_email(body="Dear Grace, the link: https://example.org/consent/abc/")
    services.outbox_dispatch()
    item.refresh_from_db()
    assert (item.status, item.body) == (Status.SENT, "")
    assert "the link" in mail.outbox[0].body
    failed = OutboxItemFactory(school=world.school, created_at=timezone.now() - datetime.timedelta(days=90))
    outbox_dispatch_task.apply(kwargs={"prune": True})
    assert OutboxItem.objects.count() == 2  # sent today: kept
    OutboxItem.objects.filter(pk=item.pk).update(sent_at=timezone.now() - services.SENT_KEPT - datetime.timedelta(1))
    outbox_dispatch_task.apply(kwargs={"prune": True})
    assert list(OutboxItem.objects.all()) == [failed]


def test_a_row_delivered_twice_sends_once(world):
    item = queue_email()  # no commit in this test: the dispatcher is run by hand
    assert services.outbox_dispatch() == 1
    # The dispatcher handed it over (sent in-process); the same message delivered again does nothing.
    assert outbox_deliver_task.apply(kwargs={"item_id": item.pk}).get() is False
    assert services.outbox_deliver(item_id=item.pk) is False
    assert len(mail.outbox) == 1
    assert services.outbox_dispatch() == 0
    assert len(mail.outbox) == 1


def test_the_same_key_queued_twice_is_one_row(world):
    first = queue_email(key="decision:7")
    second = queue_email(key="decision:7", subject="Something else")
    assert first.pk == second.pk
    assert OutboxItem.objects.count() == 1


def test_a_row_waiting_for_the_dispatcher_is_not_delivered(world):
    item = queue_email()
    assert services.outbox_deliver(item_id=item.pk) is False
    assert mail.outbox == []


def test_a_row_left_sending_by_a_dead_worker_is_handed_over_again(world):
    item = queue_email()
    OutboxItem.objects.filter(pk=item.pk).update(
        status=Status.SENDING, claimed_at=timezone.now() - services.CLAIM_TIMEOUT - datetime.timedelta(minutes=1)
    )
    recent = queue_email(to=["recent@example.org"])
    OutboxItem.objects.filter(pk=recent.pk).update(status=Status.SENDING, claimed_at=timezone.now())
    assert services.outbox_dispatch() == 1
    assert [message.to for message in mail.outbox] == [["ava@example.org"]]


def test_a_job_runs_its_task_once(world, monkeypatch):
    from schools.rostering import services as roster_services

    calls = []
    monkeypatch.setattr(roster_services, "roster_import_analyse", lambda **kwargs: calls.append(kwargs))
    roster_import = RosterImportFactory(school=world.school)
    item = services.outbox_job("schools.rostering.tasks.roster_import_analyse_task", import_id=roster_import.pk)
    services.outbox_dispatch()
    services.outbox_deliver(item_id=item.pk)
    assert calls == [{"roster_import": roster_import}]
    item.refresh_from_db()
    assert item.status == Status.SENT


# --- Broker down ---------------------------------------------------------------------------------------------------


def test_a_broker_that_refuses_the_kick_is_logged_not_raised(
    world, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(outbox_dispatch_task, "apply_async", refuse)
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        queue_email()
    assert "outbox.kick_failed" in caplog.text
    assert OutboxItem.objects.get().status == Status.WAITING
    assert mail.outbox == []


def test_rows_the_broker_refuses_go_back_to_waiting(world, monkeypatch):
    queue_email()
    queue_email(to=["second@example.org"])

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(outbox_deliver_task, "apply_async", refuse)
    assert services.outbox_dispatch() == 0
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {Status.WAITING}
    monkeypatch.undo()
    assert services.outbox_dispatch() == 2
    assert len(mail.outbox) == 2


# --- Backoff and failure -------------------------------------------------------------------------------------------


def test_a_failed_attempt_keeps_the_error_and_waits_longer_each_time(world, mail_server_down):
    item = queue_email()
    before = timezone.now()
    services.outbox_dispatch()
    item.refresh_from_db()
    assert (item.status, item.attempts) == (Status.WAITING, 1)
    assert item.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert before + datetime.timedelta(seconds=59) < item.next_attempt_at < before + datetime.timedelta(minutes=2)
    # Not due yet: the next run leaves it alone.
    assert services.outbox_dispatch() == 0
    assert [services.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 7, 8)] == [1, 2, 4, 60, 60]


def test_after_the_last_attempt_the_row_fails_and_is_not_retried(world, mail_server_down):
    item = queue_email(school=world.school)
    for _ in range(services.MAX_ATTEMPTS):
        OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())
        services.outbox_dispatch()
    item.refresh_from_db()
    assert (item.status, item.attempts) == (Status.FAILED, services.MAX_ATTEMPTS)
    OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())
    assert services.outbox_dispatch() == 0
    assert selectors.oldest_waiting() is None  # a failed row waits for a person, not for the machine
    assert list(selectors.failed_items(school=world.school)) == [item]


def test_oldest_waiting_is_the_creation_time_of_the_oldest_row_not_sent(world):
    assert selectors.oldest_waiting() is None
    old = queue_email()
    OutboxItem.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    queue_email()
    assert selectors.oldest_waiting() == OutboxItem.objects.get(pk=old.pk).created_at


# --- The administrator's page ---------------------------------------------------------------------------------------


def test_the_page_shows_the_schools_failed_rows_with_their_error(client_for, world):
    mine = OutboxItemFactory(school=world.school, to=["grace@family.example.org"])
    OutboxItemFactory(school=world.other_school, subject="Putnam's own email")
    OutboxItemFactory(school=world.school, status="sent", subject="Went out fine")
    page = client_for("school_admin").get(reverse("outbox:failed")).content.decode()
    assert mine.subject in page and "grace@family.example.org" in page
    assert "SMTPRecipientsRefused" in page
    assert "Try again" in page
    assert "Putnam&#x27;s own email" not in page and "Went out fine" not in page


def test_the_dashboard_warns_the_principal_when_something_failed(client_for, world):
    client = client_for("school_admin")
    assert "could not be sent" not in client.get(reverse("dashboard")).content.decode()
    OutboxItemFactory(school=world.school)
    assert "1 email or job of this school could not be sent." in client.get(reverse("dashboard")).content.decode()


def test_try_again_puts_the_row_back_and_it_is_sent(client_for, world, django_capture_on_commit_callbacks):
    item = OutboxItemFactory(school=world.school)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("school_admin").post(reverse("outbox:retry", kwargs={"pk": item.pk}), follow=True)
    assert "It will be tried again in the next minute." in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.attempts) == (Status.SENT, 0)
    assert [message.to for message in mail.outbox] == [["parent@example.org"]]


def test_try_again_on_a_row_no_longer_failed_changes_nothing(client_for, world):
    item = OutboxItemFactory(school=world.school, status="sent")
    response = client_for("school_admin").post(reverse("outbox:retry", kwargs={"pk": item.pk}), follow=True)
    assert "This was already being tried again." in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.SENT


def test_another_schools_row_is_not_found(client_for, world):
    item = OutboxItemFactory(school=world.other_school)
    response = client_for("school_admin").post(reverse("outbox:retry", kwargs={"pk": item.pk}))
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == Status.FAILED


def test_coordinators_and_teachers_may_not_retry(client_for, world):
    item = OutboxItemFactory(school=world.school)
    for role in ("coordinator", "staff"):
        assert client_for(role).post(reverse("outbox:retry", kwargs={"pk": item.pk})).status_code == 403
    item.refresh_from_db()
    assert item.status == Status.FAILED


def test_the_sites_staff_retry_a_password_reset_email_in_the_admin(client, world, django_capture_on_commit_callbacks):
    item = OutboxItemFactory(school=None, subject="Choose a new Peer Partners password")
    sign_in_verified(client, UserFactory(username="support", is_staff=True, is_superuser=True))
    changelist = reverse("admin:schools_outboxitem_changelist")
    assert "Choose a new Peer Partners password" in client.get(changelist).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(changelist, {"action": "try_again", "_selected_action": [item.pk]}, follow=True)
    assert "1 will be tried again in the next minute." in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.SENT
    assert len(mail.outbox) == 1
