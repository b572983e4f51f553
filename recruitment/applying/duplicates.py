"""A coordinator resolves a possible duplicate: a later application with the same names and grade as an earlier one.

The public form never changes an existing application (``services.application_submit`` saves every submission as a
new row marked ``possible_duplicate_of``); here staff decide, on the review page, whether it is the same child:

- **merge**: field by field, keep the earlier answer or take the later one. Nothing is lost: the two rows *swap* the
  values taken, so the earlier application holds the chosen answers and the later one (kept with status "merged" and
  its pointer) holds every answer not chosen, with a note of what was taken.
- **discard**: the later application stays as it was, with status "discarded".
- **separate**: it is another child with the same name; the mark is removed and it is reviewed like any other.

Consent follows the email it was given for. The guardian (name and email) is one choice: taking the later guardian
swaps the two applications' consents with it, so the earlier application keeps no consent given by another address.
When the earlier one then has a guardian email without a consent and the campaign needs one, a new request goes to
that address. Links of the consent left on the merged row stop working (``services.consent_from_link``). This also
holds for an accepted or consented application: merging into it is a staff decision, and the page shows each
guardian's consent beside the choice.
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import GuardianConsent, Interest, PeerApplication
from . import services

Status = PeerApplication.Status

# The choices of a merge: each names the application fields it moves together.
MERGE_FIELDS = {
    "first_name": (gettext_lazy("First name"), ("first_name",)),
    "last_name": (gettext_lazy("Last name"), ("last_name",)),
    "grade": (gettext_lazy("Grade"), ("grade",)),
    "homeroom_teacher": (gettext_lazy("Homeroom teacher"), ("homeroom_teacher",)),
    "email": (gettext_lazy("Applicant's email"), ("email",)),
    "interests": (gettext_lazy("Interests"), ("interests", "interests_other")),
    "available_periods": (gettext_lazy("Usually free"), ()),
    "why_join": (gettext_lazy("Why they want to join"), ("why_join",)),
    "prior_experience": (gettext_lazy("Experiences with people with disabilities"), ("prior_experience",)),
    "heard_via": (gettext_lazy("Heard about us via"), ("heard_via",)),
    "guardian": (gettext_lazy("Parent or guardian (and their consent)"), ("guardian_name", "guardian_email")),
}
# Every field of a consent but its row and its application: swapped between two rows to move a consent.
CONSENT_FIELDS = tuple(
    f.attname for f in GuardianConsent._meta.concrete_fields if f.attname not in ("id", "application_id")
)


@dataclass(frozen=True)
class ComparedField:
    name: str
    label: str
    earlier: str
    later: str

    @property
    def same(self) -> bool:
        return self.earlier == self.later


def _consent_text(application) -> str:
    consent = getattr(application, "consent", None)
    if not application.campaign.requires_guardian_consent:
        return ""
    if consent is None:
        return _("consent not asked")
    return _("consent: %(status)s") % {"status": consent.get_status_display()}


def _shown(application, name: str) -> str:
    """One merge choice's value as the coordinator reads it."""
    if name == "grade":
        return str(application.get_grade_display())
    if name == "heard_via":
        return str(application.get_heard_via_display())
    if name == "interests":
        labels = [str(Interest(value).label) for value in application.interests or [] if value in Interest.values]
        return "; ".join(filter(None, [", ".join(labels), application.interests_other])) or "—"
    if name == "available_periods":
        return ", ".join(period.name for period in application.available_periods.all()) or "—"
    if name == "guardian":
        parts = [application.guardian_name, f"<{application.guardian_email}>" if application.guardian_email else ""]
        consent = _consent_text(application)
        return " ".join(filter(None, parts)) + (f" ({consent})" if consent else "") or "—"
    return str(getattr(application, name)) or "—"


def compare(duplicate) -> list[ComparedField]:
    """The earlier application's and this one's answers side by side, one row per merge choice."""
    earlier = duplicate.possible_duplicate_of
    return [
        ComparedField(name=name, label=str(label), earlier=_shown(earlier, name), later=_shown(duplicate, name))
        for name, (label, _attrs) in MERGE_FIELDS.items()
    ]


def _lock_pair(duplicate, *, earlier_open: bool = True) -> tuple[PeerApplication, PeerApplication]:
    """The duplicate and its earlier application, locked; ValidationError when it is not an open duplicate (already
    resolved in another tab, or decided), or, for a merge (``earlier_open``), when the earlier one was resolved."""
    locked = (
        PeerApplication.objects.select_related("campaign__program__school")
        .select_for_update(of=("self",))
        .get(pk=duplicate.pk)
    )
    if locked.possible_duplicate_of_id is None or locked.status != Status.SUBMITTED:
        raise ValidationError(_("This application is no longer waiting as a possible duplicate."))
    earlier = (
        PeerApplication.objects.select_related("campaign__program__school")
        .select_for_update(of=("self",))
        .get(pk=locked.possible_duplicate_of_id)
    )
    if earlier_open and earlier.status in PeerApplication.RESOLVED_DUPLICATE:
        raise ValidationError(_("The earlier application was itself merged or discarded; discard this one instead."))
    return locked, earlier


def _swap_consents(earlier, later) -> None:
    """Each application takes the other's consent (or gives its own away when the other has none), so a consent
    stays with the guardian email it was given for. Tokens are unique: one row is parked on a fresh token first."""
    mine = GuardianConsent.objects.select_for_update().filter(application=earlier).first()
    theirs = GuardianConsent.objects.select_for_update().filter(application=later).first()
    if mine is not None and theirs is not None:
        mine_values = {name: getattr(mine, name) for name in CONSENT_FIELDS}
        theirs_values = {name: getattr(theirs, name) for name in CONSENT_FIELDS}
        GuardianConsent.objects.filter(pk=mine.pk).update(token=uuid.uuid4(), renewal_token=None)
        GuardianConsent.objects.filter(pk=theirs.pk).update(**mine_values)
        GuardianConsent.objects.filter(pk=mine.pk).update(**theirs_values)
    elif mine is not None:
        GuardianConsent.objects.filter(pk=mine.pk).update(application=later)
    elif theirs is not None:
        GuardianConsent.objects.filter(pk=theirs.pk).update(application=earlier)


def _who(user) -> str:
    return getattr(user, "display_name", "") or str(user)


def duplicate_merge(*, duplicate, take, decided_by, site_url: str) -> PeerApplication:
    """Merge a possible duplicate into its earlier application; returns the earlier one.

    ``take`` names the choices (keys of ``MERGE_FIELDS``) whose later answer replaces the earlier one; the others keep
    the earlier answer. The two rows swap the values taken (nothing is lost), the later row becomes "merged" with a
    note of what was taken, by whom and when. The review, the decision and the roster link of the earlier application
    are never touched. Taking the guardian moves the consents with it (see the module's docstring) and, when the
    earlier application is then left without a consent the campaign needs, emails the guardian a new request.
    """
    take = set(take)
    unknown = take - set(MERGE_FIELDS)
    if unknown:
        raise ValidationError(_("Choose only among the answers on the page."))
    with transaction.atomic():
        later, earlier = _lock_pair(duplicate)
        for name in MERGE_FIELDS:
            if name not in take:
                continue
            if name == "available_periods":
                mine, theirs = list(earlier.available_periods.all()), list(later.available_periods.all())
                earlier.available_periods.set(theirs)
                later.available_periods.set(mine)
                continue
            for attr in MERGE_FIELDS[name][1]:
                mine, theirs = getattr(earlier, attr), getattr(later, attr)
                setattr(earlier, attr, theirs)
                setattr(later, attr, mine)
        if earlier.nomination_id is None and later.nomination_id is not None:
            earlier.nomination_id = later.nomination_id
        taken = [str(MERGE_FIELDS[name][0]) for name in MERGE_FIELDS if name in take]
        earlier.add_history(_(
            "%(who)s merged a later application of %(date)s into this one on %(when)s. Taken from it: %(taken)s."
        ) % {"who": _who(decided_by), "date": later.submitted_at.date().isoformat(),
             "when": timezone.localdate().isoformat(), "taken": ", ".join(taken) or _("nothing")})
        earlier.full_clean()
        earlier.save()

        later.status = Status.MERGED
        later.decided_by = decided_by
        later.decided_at = timezone.now()
        words = {"who": _who(decided_by), "when": later.decided_at.date().isoformat(),
                 "taken": ", ".join(taken) or _("nothing")}
        later.add_history(_(
            "Merged into the earlier application by %(who)s on %(when)s. Taken from this application: %(taken)s. "
            "The answers shown here are the ones not kept."
        ) % words)
        later.full_clean()
        later.save()

        if "guardian" in take:
            _swap_consents(earlier, later)
            campaign = earlier.campaign
            if (
                campaign.requires_guardian_consent
                and earlier.guardian_email
                and not GuardianConsent.objects.filter(application=earlier).exists()
            ):
                services.consent_request(application=earlier, site_url=site_url)
    return earlier


def duplicate_discard(*, duplicate, decided_by) -> PeerApplication:
    """Keep the later application as it is, marked "discarded" (its consent link stops working)."""
    with transaction.atomic():
        later, _earlier = _lock_pair(duplicate, earlier_open=False)
        later.status = Status.DISCARDED
        later.decided_by = decided_by
        later.decided_at = timezone.now()
        later.add_history(_("Discarded as a duplicate of the earlier application by %(who)s on %(when)s.") % {
            "who": _who(decided_by), "when": later.decided_at.date().isoformat()
        })
        later.full_clean()
        later.save()
    return later


def duplicate_separate(*, duplicate, decided_by) -> PeerApplication:
    """Another child with the same name and grade: the mark goes, the application is reviewed like any other."""
    with transaction.atomic():
        later, earlier = _lock_pair(duplicate, earlier_open=False)
        later.possible_duplicate_of = None
        later.add_history(_(
            "%(who)s checked on %(when)s: not the same child as the earlier application of %(name)s."
        ) % {"who": _who(decided_by), "when": timezone.localdate().isoformat(), "name": earlier})
        later.full_clean()
        later.save()
    return later
