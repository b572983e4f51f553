"""The signed RSVP link in an invitation email: the invitation's id signed with a salt of its own, so no other
signed link of the project opens it, and refused after ``RSVP_LINK_AGE`` (a term and a summer)."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

RSVP_SALT = "orientation.invitation-rsvp"
RSVP_LINK_AGE = datetime.timedelta(days=180)


def rsvp_token(invitation) -> str:
    return signing.TimestampSigner(salt=RSVP_SALT).sign(str(invitation.pk))


def rsvp_url(invitation) -> str:
    return settings.SITE_URL + reverse("orientation:rsvp", kwargs={"token": rsvp_token(invitation)})


def invitation_pk(token: str) -> int | None:
    """The invitation id a link names, or None when the link was changed, made up or is too old."""
    try:
        value = signing.TimestampSigner(salt=RSVP_SALT).unsign(token, max_age=RSVP_LINK_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    # Signed by us, so a number; checked anyway, and kept within the column so a lookup never errors.
    return int(value) if value.isdigit() and int(value) < 2**31 else None
