"""The signed, expiring link that shows a parent the disclosures about their child (guardians have no accounts).

The link signs the guardian's id with a digest of their email address, under a salt of its own (so no other signed
link of the site opens it). Correcting a wrong email address therefore ends the links sent to the old one; after
``LINK_DAYS`` days the link stops working.
"""

import datetime

from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from ..models import Guardian

SALT = "schools.privacy.guardian-disclosures"
LINK_DAYS = 14


class LinkExpired(Exception):
    """The signature is right but the link is older than ``LINK_DAYS``."""


class LinkInvalid(Exception):
    """The link was changed, cut short, made up, or its guardian or email address is gone."""


def _email_digest(guardian) -> str:
    return salted_hmac(SALT, guardian.email.lower()).hexdigest()[:16]


def sign(guardian) -> str:
    return signing.TimestampSigner(salt=SALT).sign(f"{guardian.pk}-{_email_digest(guardian)}")


def link_path(guardian) -> str:
    return reverse("privacy:guardian_disclosures", kwargs={"signed": sign(guardian)})


def guardian_from_link(signed: str):
    """The guardian a link was sent to (with their student and school); LinkExpired or LinkInvalid otherwise."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(signed or "", max_age=datetime.timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    pk, _, digest = value.partition("-")
    # ASCII digits of a database id only: "²".isdigit() is true but int() refuses it, and a huge number overflows.
    valid_pk = pk.isascii() and pk.isdigit() and len(pk) <= 18
    guardian = Guardian.objects.select_related("student__school").filter(pk=int(pk) if valid_pk else 0).first()
    if guardian is None or not guardian.email or not constant_time_compare(digest, _email_digest(guardian)):
        raise LinkInvalid
    return guardian
