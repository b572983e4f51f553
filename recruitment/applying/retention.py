"""What recruitment holds about a student, erased when the student is anonymised (``schools.privacy.retention``)."""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from schools.privacy.retention import register_anonymiser

from ..models import GuardianConsent, Match, Nomination, PeerApplication


def anonymise_recruitment(student) -> None:
    """The student's applications (names, emails, free text, reviewer's notes, periods), the nominations naming them,
    their guardians' online consents (names, email, signature, address) and the notes of their matches. Dates,
    statuses and scores stay: they are the program's counts, not the child's data."""
    applications = PeerApplication.objects.filter(student=student)
    for application in applications:
        application.available_periods.clear()
    applications.update(
        first_name="Former student",
        last_name=str(student.pk),
        # Unique per campaign and person; an anonymised row must never merge with a new applicant's.
        dedupe_key=Concat(Value("anonymised|"), Cast("pk", CharField())),
        homeroom_teacher="",
        email="",
        interests=[],
        interests_other="",
        why_join="",
        prior_experience="",
        guardian_name="",
        guardian_email="",
        review_notes="",
    )
    GuardianConsent.objects.filter(application__student=student).update(
        guardian_name="", guardian_email="", typed_name="", responded_ip=None
    )
    Nomination.objects.filter(student=student).update(first_name="", last_name="", invitation_email="", reasons="")
    Match.objects.filter(Q(peer=student) | Q(focus_student=student)).update(explanation="", warnings="")


def register() -> None:
    register_anonymiser(anonymise_recruitment)
