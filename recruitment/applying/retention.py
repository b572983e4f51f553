"""What recruitment holds about a student, erased when the student is anonymised (``schools.privacy.retention``)."""

import datetime

from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from schools.dates import school_today
from schools.models import School
from schools.privacy import retention
from schools.privacy.retention import register_anonymiser

from ..models import GuardianConsent, Match, Nomination, PeerApplication

# The dedupe key of an erased application: unique per row, so it never merges with a new applicant's.
ANONYMISED = "anonymised|"
FORMER_NOMINEE = "Former nominee"


def erase_applications(applications, *, first_name: str, last_name) -> int:
    """Blank the personal fields of these applications (names, emails, free text, reviewer's notes, history, free
    periods) and of their guardians' online consents (names, email, signature, address). ``last_name`` is the number
    shown after ``first_name`` (the application's own id when None). Dates, statuses and scores stay: they are the
    program's counts, not the child's data."""
    ids = list(applications.values_list("pk", flat=True))
    PeerApplication.available_periods.through.objects.filter(peerapplication_id__in=ids).delete()
    GuardianConsent.objects.filter(application_id__in=ids).update(
        guardian_name="", guardian_email="", typed_name="", responded_ip=None
    )
    PeerApplication.objects.filter(pk__in=ids).update(
        first_name=first_name,
        last_name=Cast("pk", CharField()) if last_name is None else str(last_name),
        # Unique per campaign and person; an anonymised row must never merge with a new applicant's.
        dedupe_key=Concat(Value(ANONYMISED), Cast("pk", CharField())),
        homeroom_teacher="",
        email="",
        interests=[],
        interests_other="",
        why_join="",
        prior_experience="",
        guardian_name="",
        guardian_email="",
        review_notes="",
        grade_exception_reason="",
        # Staff's lines name guardians and their addresses (a guardian replaced, a consent that stopped counting).
        history="",
    )
    return len(ids)


def anonymise_recruitment(student) -> None:
    """The student's applications and their merged or discarded duplicates (names, emails, free text, reviewer's
    notes, periods), the nominations naming them, their guardians' online consents (names, email, signature,
    address) and the notes of their matches. Dates, statuses and scores stay: they are the program's counts, not the
    child's data."""
    # A merged duplicate holds the answers a merge did not keep. One still waiting may be another child with the
    # same name: the sweep of applications never accepted erases it in its time.
    resolved = Q(possible_duplicate_of__student=student, status__in=PeerApplication.RESOLVED_DUPLICATE)
    erase_applications(
        PeerApplication.objects.filter(Q(student=student) | resolved),
        first_name="Former student",
        last_name=student.pk,
    )
    Nomination.objects.filter(student=student).update(first_name="", last_name="", invitation_email="", reasons="")
    Match.objects.filter(Q(peer=student) | Q(focus_student=student)).update(explanation="", warnings="")


def register() -> None:
    register_anonymiser(anonymise_recruitment)
    register_sweep()


# --- Children who never joined ---------------------------------------------------------------------------------------
# An application that was never accepted (declined, withdrawn, still waiting) or a nomination that never became an
# application holds a child's name, a guardian's email and free text, but no roster student to anonymise. They are
# erased the same number of days after their campaign's term ended as students after their last term.


def _ended_before(*, school, on, days) -> dict[int, datetime.date]:
    """Per school: campaigns whose term ended on or before this day are past retention."""
    schools = [school] if school is not None else School.objects.all()
    return {s.pk: (on or school_today(s)) - datetime.timedelta(days=days) for s in schools}


def _past_retention(queryset, *, school, on, days):
    condition = Q(pk__in=[])
    for school_id, cutoff in _ended_before(school=school, on=on, days=days).items():
        condition |= Q(campaign__program__school_id=school_id, campaign__term__end_date__lte=cutoff)
    return queryset.filter(condition)


def stale_applications(*, school=None, on=None, days):
    return _past_retention(
        PeerApplication.objects.filter(student__isnull=True).exclude(dedupe_key__startswith=ANONYMISED),
        school=school,
        on=on,
        days=days,
    )


def stale_nominations(*, school=None, on=None, days):
    return _past_retention(
        Nomination.objects.filter(student__isnull=True)
        .exclude(first_name=FORMER_NOMINEE)
        # A nominee who applied and was accepted is a roster student: the student's own retention covers them.
        .exclude(applications__student__isnull=False),
        school=school,
        on=on,
        days=days,
    )


def stale_count(*, school=None, on=None, days) -> int:
    return (
        stale_applications(school=school, on=on, days=days).count()
        + stale_nominations(school=school, on=on, days=days).count()
    )


@transaction.atomic
def stale_erase(*, school=None, on=None, days) -> int:
    """Erase the personal fields of applications and nominations of children who never joined; counts stay."""
    erased = erase_applications(
        stale_applications(school=school, on=on, days=days), first_name="Former applicant", last_name=None
    )
    # A nomination must name someone (a check constraint): the erased one names "Former nominee <id>".
    nominations = stale_nominations(school=school, on=on, days=days).update(
        first_name=FORMER_NOMINEE, last_name=Cast("pk", CharField()), invitation_email="", reasons=""
    )
    return erased + nominations


def register_sweep() -> None:
    retention.register_sweep(
        retention.RecordSweep(
            name="applicants",
            label=_("applications and nominations of children who never joined"),
            due=stale_count,
            run=stale_erase,
        )
    )
