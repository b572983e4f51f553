"""The signed link a verifier gets by email: the hours entry's id signed with a salt of its own, so no other signed
link of the project opens it, and refused after ``VERIFY_LINK_AGE``."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

VERIFY_SALT = "activities.service-hours-verify"
# A coach or a food bank volunteer lead may answer weeks later; a term is long enough.
VERIFY_LINK_AGE = datetime.timedelta(days=90)


def verify_token(entry) -> str:
    return signing.TimestampSigner(salt=VERIFY_SALT).sign(str(entry.pk))


def verify_url(entry) -> str:
    return settings.SITE_URL + reverse("activities:verify", kwargs={"token": verify_token(entry)})


def entry_pk(token: str) -> int | None:
    """The entry id a link names, or None when the link was changed, made up or is too old."""
    try:
        value = signing.TimestampSigner(salt=VERIFY_SALT).unsign(token, max_age=VERIFY_LINK_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    return int(value) if value.isdigit() and int(value) < 2**31 else None
