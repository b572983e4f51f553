"""A worker that dies in the middle of the consent renewal batch: the batch is sent again, each guardian asked once.

As for action item reminders: the claims (with each renewal link's one-use token) and the queued emails share one
transaction, so a worker killed mid-batch has claimed and sent nothing, and the redelivered task sends each once.
"""

import pytest
import time_machine
from django.test import override_settings

from recruitment.applying import renewal
from recruitment.models import GuardianConsent
from recruitment.tasks import send_consent_renewals

from . import test_consent_renewal as renewal_tests

# The renewal tests' fixtures and helpers, shared rather than copied.
program, school_years = renewal_tests.program, renewal_tests.school_years
WINDOW_OPENS, taking_part = renewal_tests.WINDOW_OPENS, renewal_tests.taking_part

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs in the batch, and its transaction is rolled back."""


def run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send_consent_renewals.delay().get()


@override_settings(SITE_URL="http://testserver")
@time_machine.travel(WINDOW_OPENS, tick=False)
def test_a_batch_killed_half_way_is_sent_again_each_guardian_once(
    world,
    program,
    school_years,
    mailoutbox,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    for n, name in enumerate(("Mason", "Ava", "Liam")):
        taking_part(program, name, email=f"guardian{n}@family.example.org")
    queue = renewal.email_queue
    queued = []

    def dies_at_the_second_guardian(**kwargs):
        if queued:
            raise WorkerKilled
        queued.append(kwargs["to"])
        queue(**kwargs)

    monkeypatch.setattr(renewal, "email_queue", dies_at_the_second_guardian)
    with pytest.raises(WorkerKilled):
        run(django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert not GuardianConsent.objects.exclude(renewal_requested_at=None).exists()
    monkeypatch.setattr(renewal, "email_queue", queue)

    assert run(django_capture_on_commit_callbacks) == 3
    assert run(django_capture_on_commit_callbacks) == 0
    assert sorted(email.to[0] for email in mailoutbox) == [f"guardian{n}@family.example.org" for n in range(3)]
    # Each email's link is the one its consent holds: one token per consent, set once.
    tokens = set(GuardianConsent.objects.values_list("renewal_token", flat=True))
    assert len(tokens) == 3 and None not in tokens
