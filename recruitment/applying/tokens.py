"""Signed, expiring links for people without an account: the guardian's consent link and a nominee's invitation.

Each link signs a row's random token (``GuardianConsent.token``, ``Nomination.invitation_token``) with a
``TimestampSigner`` of its own salt, so one kind of link never opens the other and a link stops working after its
number of days. The row is looked up by the token only after the signature and age check pass.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONSENT_SALT = "recruitment.guardian-consent"
INVITATION_SALT = "recruitment.nomination-invitation"
RENEWAL_SALT = "recruitment.guardian-consent-renewal"


class LinkExpired(Exception):
    """The signature is right but the link is older than its number of days."""


class LinkInvalid(Exception):
    """The link was changed, cut short or made up."""


def consent_link_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.GUARDIAN_CONSENT_LINK_DAYS)


def renewal_link_age() -> datetime.timedelta:
    """A renewal link is sent up to ``GUARDIAN_CONSENT_RENEWAL_DAYS`` before the consent ends; it keeps working for
    the summer after that, so a guardian back from holiday can still answer."""
    return datetime.timedelta(days=settings.GUARDIAN_CONSENT_RENEWAL_DAYS + settings.GUARDIAN_CONSENT_LINK_DAYS + 60)


def invitation_link_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.NOMINATION_INVITATION_LINK_DAYS)


def sign(token, *, salt: str) -> str:
    return signing.TimestampSigner(salt=salt).sign(str(token))


def signed_link(token, *, salt: str, url_name: str, site_url: str) -> str:
    """The full address of a page that takes a signed token (``<signed>`` in its URL)."""
    return site_url.rstrip("/") + reverse(url_name, kwargs={"signed": sign(token, salt=salt)})


def unsign(value: str, *, salt: str, max_age: datetime.timedelta) -> str:
    """The token inside a link, or LinkExpired / LinkInvalid."""
    try:
        return signing.TimestampSigner(salt=salt).unsign(value or "", max_age=max_age)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
