"""The second step at sign-in (issue 11): who must have it, and the workflows that set it up, check it and take it
away; ``schools.middleware.SecondFactorMiddleware`` enforces it. django-otp holds the devices and checks the codes
(with its own throttling); nothing here computes a code.

A person has at most one authenticator app (a confirmed ``TOTPDevice``) and one set of single-use recovery codes
(a ``StaticDevice`` with ``RECOVERY_CODE_COUNT`` tokens).
"""

import logging
from base64 import b32encode

import django_otp
import segno
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import DistrictAdministrator, Membership, Student, User
from ..permissions import PERMISSIONS, STAFF_ROLES
from .sessions import rotate_session_key

log = logging.getLogger("peerpartners.security")

RECOVERY_CODE_COUNT = 10
# The second step's own pages; everything else waits until it is done.
TWO_FACTOR_PATH = "/accounts/two-factor/"


def second_factor_state(user) -> dict[str, bool]:
    """In one query (``SecondFactorMiddleware`` asks on every page until the second step is passed): does the person
    have a confirmed authenticator, and must they have one?"""
    sensitive_role = Membership.objects.filter(
        user=OuterRef("pk"), is_active=True, role__in=PERMISSIONS["view_student_sensitive"]
    )
    # On a student's support team at a school where they are (still) staff.
    support_team = Student.objects.filter(
        support_team=OuterRef("pk"),
        school__memberships__user=OuterRef("pk"),
        school__memberships__is_active=True,
        school__memberships__role__in=STAFF_ROLES,
    )
    return (
        User.objects.filter(pk=user.pk)
        .annotate(
            has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            district=Exists(DistrictAdministrator.objects.filter(user=OuterRef("pk"), is_active=True)),
            sensitive_role=Exists(sensitive_role),
            support_team=Exists(support_team),
        )
        .values("has_device", "district", "sensitive_role", "support_team")
        .get()
    )


def second_factor_required(user, state) -> bool:
    """``requires_second_factor`` from a ``second_factor_state`` already read."""
    return user.is_staff or user.is_superuser or state["district"] or state["sensitive_role"] or state["support_team"]


def requires_second_factor(user) -> bool:
    """Must this person pass a second step at sign-in? Yes for everyone who can see a student's confidential record
    at some school (as ``schools.permissions.can_view_sensitive`` decides at one school), district administrators
    and the Django admin's users. Peers and students never."""
    if not user.is_authenticated:
        return False
    return second_factor_required(user, second_factor_state(user))


def may_use_second_factor(user) -> bool:
    """Other staff may opt in; an account that belongs to a peer or student is never offered it."""
    if requires_second_factor(user):
        return True
    return not Student.objects.filter(user=user).exists() and (
        Membership.objects.filter(user=user, is_active=True, role__in=STAFF_ROLES).exists()
    )


def authenticator_for(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def authenticator_start(*, user) -> TOTPDevice:
    """The not-yet-confirmed authenticator being set up: the same one on every reload, so the QR code stays put."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def manual_entry_key(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask for it when typed in: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The setup QR code as inline SVG markup (no image request, no data: URL), titled for screen readers."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, light="#fff", title=str(_("QR code for your authenticator app"))
    )


@transaction.atomic
def authenticator_confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the new authenticator with a first code from it; it then replaces any earlier one, the session counts
    as verified, and a fresh set of recovery codes is made. Returns those codes (to show once), or None when the code
    was wrong."""
    if not device.verify_token(normalise_code(code)):
        log.warning("two_factor.setup_failure user_id=%s", device.user_id)
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_issue(user=device.user)
    django_otp.login(request, device)
    rotate_session_key(request)
    log.info("two_factor.enabled user_id=%s", device.user_id)
    return codes


@transaction.atomic
def recovery_codes_issue(*, user) -> list[str]:
    """A new set of single-use recovery codes; any earlier set stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    log.info("two_factor.recovery_codes_issued user_id=%s", user.pk)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def second_factor_remove(*, request, user) -> None:
    """Removes the authenticator and the recovery codes. Someone who must have a second factor is sent to set up a
    new one on their next page."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    log.info("two_factor.removed user_id=%s", user.pk)


def normalise_code(code: str) -> str:
    """People type codes with spaces or dashes, and recovery codes in capitals."""
    return "".join(ch for ch in str(code) if ch.isalnum()).lower()


def second_factor_verify(*, request, code: str) -> str:
    """Checks a code from the authenticator (digits) or a recovery code (which is then used up), and answers
    ``"ok"``, ``"wrong"`` or ``"throttled"``: django-otp slows repeated failures down per device. Each code goes to
    its own device only, so a recovery code does not count as a wrong app code. Every failure is logged."""
    user = request.user
    code = normalise_code(code)
    if code.isdigit():
        device = authenticator_for(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None and not device.verify_is_allowed()[0]:
        log.warning("two_factor.throttled user_id=%s ip=%s", user.pk, request.META.get("REMOTE_ADDR", ""))
        return "throttled"
    if device is None or django_otp.verify_token(user, device.persistent_id, code) is None:
        log.warning("two_factor.failure user_id=%s ip=%s", user.pk, request.META.get("REMOTE_ADDR", ""))
        return "wrong"
    django_otp.login(request, device)
    # A new session key once the second step is passed, as at sign-in.
    rotate_session_key(request)
    kind = "recovery_code" if isinstance(device, StaticDevice) else "authenticator"
    log.info("two_factor.success user_id=%s method=%s", user.pk, kind)
    return "ok"
