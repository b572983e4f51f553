"""Signing in with the second step in tests: the current code of an authenticator (made by
``tests.schools.factories.give_authenticator``), a verified session."""

import django_otp
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from schools.accounts.two_factor import may_use_second_factor
from tests.schools.factories import give_authenticator


def current_code(device: TOTPDevice) -> str:
    """The code the person's app shows now (django-otp's own TOTP, so the test computes nothing itself)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in_verified(client, user):
    """``force_login`` and, for staff, an authenticator and a session that passed the second step.

    Every staff account gets one (staff may opt in), so a test that later puts a teacher on a support team does not
    find them sent to the setup page. Peers and students are never given one.
    """
    client.force_login(user)
    if may_use_second_factor(user):
        device = give_authenticator(user)
        session = client.session
        session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def pass_second_step(client, user, next_url=""):
    """After the password form: type the current code on the second-step page, as a person would."""
    device = give_authenticator(user)
    return client.post(reverse("two_factor_verify"), {"code": current_code(device), "next": next_url}, follow=True)


def complete_setup(client, user):
    """On the setup page: read the key the page made, type the app's first code; returns the recovery-codes page."""
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(reverse("two_factor_setup"), {"code": current_code(device)}, follow=True)
