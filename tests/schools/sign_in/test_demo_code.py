"""Trying the demo without a phone (issue 16): with DEBUG on, a seed_demo account's second-step code is printed by
`manage.py demo_code USERNAME` and shown under the set-up and check forms. With DEBUG off, or for any other
account (even one named like a demo account), the command refuses and the pages show no code."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

import schools.demo
import schools.demo_data
from schools.accounts.demo_codes import DEMO_ACCOUNTS_GROUP
from schools.models import User
from tests.schools.factories import PASSWORD

from ...two_factor import current_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_coordinator(world):
    """The world's coordinator, marked as seed_demo marks its accounts."""
    user = world.user("coordinator")
    user.groups.add(Group.objects.get_or_create(name=DEMO_ACCOUNTS_GROUP)[0])
    return user


def printed_code(username) -> str:
    out = StringIO()
    call_command("demo_code", username, stdout=out)
    return out.getvalue().strip()


def sign_in_with_password(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD}, follow=True)


def test_the_seed_marks_exactly_the_accounts_the_readme_lists(db):
    schools.demo.seed(password="demo-password")
    marked = set(User.objects.filter(groups__name=DEMO_ACCOUNTS_GROUP).values_list("username", flat=True))
    assert marked == schools.demo_data.SIGN_IN_ACCOUNTS


def test_a_newcomer_passes_both_second_step_pages_with_the_shown_code(client, settings, demo_coordinator):
    settings.DEBUG = True
    setup = sign_in_with_password(client, "east.coordinator")
    assert setup.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=demo_coordinator, confirmed=False)
    code = current_code(device)
    assert setup.context["demo_code"] == code and f'id="demo-code">{code}<' in setup.content.decode()
    assert printed_code("east.coordinator") == code
    codes_page = client.post(reverse("two_factor_setup"), {"code": code}, follow=True)
    assert "Your recovery codes" in codes_page.content.decode()

    # The next sign-in, a minute later (a code is used once): the check page shows the new code.
    client.logout()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=60), tick=False):
        check = sign_in_with_password(client, "east.coordinator")
        assert check.redirect_chain[-1][0].startswith(reverse("two_factor_verify"))
        code = printed_code("east.coordinator")
        assert check.context["demo_code"] == code
        dashboard = client.post(reverse("two_factor_verify"), {"code": code}, follow=True)
    assert dashboard.redirect_chain[-1][0] == reverse("dashboard")


def test_with_debug_off_the_command_refuses_and_the_pages_show_no_code(client, settings, demo_coordinator):
    settings.DEBUG = False
    setup = sign_in_with_password(client, "east.coordinator")
    device = TOTPDevice.objects.get(user=demo_coordinator, confirmed=False)
    assert setup.context["demo_code"] is None
    assert "demo-code" not in setup.content.decode() and current_code(device) not in setup.content.decode()
    with pytest.raises(CommandError, match="only in the demo"):
        call_command("demo_code", "east.coordinator")

    client.post(reverse("two_factor_setup"), {"code": current_code(device)})
    client.logout()
    check = sign_in_with_password(client, "east.coordinator")
    assert check.redirect_chain[-1][0].startswith(reverse("two_factor_verify"))
    assert check.context["demo_code"] is None and "demo-code" not in check.content.decode()


def test_an_account_seed_demo_did_not_make_gets_no_code_even_in_debug(client, settings, world):
    settings.DEBUG = True
    user = world.user("school_admin")
    setup = sign_in_with_password(client, user.username)
    assert setup.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    assert setup.context["demo_code"] is None and "demo-code" not in setup.content.decode()
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo_code", user.username)
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo_code", "nobody.here")


def test_a_demo_account_before_its_first_sign_in_is_told_to_sign_in_first(settings, demo_coordinator):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="sign in first"):
        call_command("demo_code", "east.coordinator")
