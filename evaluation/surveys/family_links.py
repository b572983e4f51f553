"""A family's survey link: a signed token naming one family response, sent by email through the outbox. The form
behind it never shows or changes anything but that one response's own answers, and only while its window is open;
a forged or altered token is a 404 (never a 500). The token carries no name."""

from django.core import signing

from ..models import Audience, SurveyResponse

SALT = "evaluation.family-survey"


def family_link_token(response: SurveyResponse) -> str:
    return signing.dumps({"r": response.pk}, salt=SALT)


def family_response_from_token(token: str) -> SurveyResponse | None:
    """The family response the token names, or None for a forged, altered or unknown token."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    pk = data.get("r") if isinstance(data, dict) else None
    if not isinstance(pk, int) or not 0 < pk < 2**31:
        return None
    return (
        SurveyResponse.objects.select_related("survey", "window", "program__school", "student")
        .filter(pk=pk, respondent=Audience.FAMILY)
        .first()
    )
