"""The demo without a phone: the current second-step code of a seeded demo account, for ``make run`` only.

Someone trying the product signs in as a demo coordinator and meets the real second step (a QR code for an
authenticator app). So that they can pass it without a phone, the code the app would show is available, but only
while all of these hold:

- ``settings.DEBUG`` is on (``make run``; never a deployment, where DEBUG is off);
- the account is one ``seed_demo`` made and marked (it is in the ``DEMO_ACCOUNTS_GROUP`` group);
- the account has an authenticator, confirmed or being set up.

django-otp holds the key and computes the code (``django_otp.oath.TOTP``); the check itself is unchanged.
"""

from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# The auth group seed_demo puts its sign-in accounts in: the marker that an account is a demo account.
DEMO_ACCOUNTS_GROUP = "Demo accounts (seed_demo)"


def is_demo_account(user) -> bool:
    return bool(user and user.is_authenticated) and user.groups.filter(name=DEMO_ACCOUNTS_GROUP).exists()


def demo_code(user) -> str | None:
    """The code the demo account's authenticator shows now, or None outside the demo (DEBUG off, a real account,
    no authenticator yet)."""
    if not settings.DEBUG or not is_demo_account(user):
        return None
    # The confirmed app, else the one being set up (the setup page made it).
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()
    if device is None:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
