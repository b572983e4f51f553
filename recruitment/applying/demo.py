"""Demo applications, nominations and guardian consents for every campaign (``recruitment.campaigns.demo`` makes the
campaigns first). Idempotent: rows are found by campaign and name and updated; nothing happens without campaigns."""

import datetime

from django.utils import timezone

from schools.models import BellSchedule, Membership, Role, Student

from ..models import Channel, GuardianConsent, Interest, Nomination, PeerApplication, RecruitmentCampaign
from .services import consent_valid_until

Status = PeerApplication.Status

# Ten applications per campaign, every status: (status, guardian's answer, uses a roster peer's name)
PLAN = [
    (Status.SUBMITTED, GuardianConsent.Status.PENDING, True),
    (Status.SUBMITTED, GuardianConsent.Status.CONSENTED, False),
    (Status.SUBMITTED, GuardianConsent.Status.PENDING, False),
    (Status.ACCEPTED, GuardianConsent.Status.CONSENTED, True),
    (Status.ACCEPTED, GuardianConsent.Status.CONSENTED, True),
    (Status.ACCEPTED, GuardianConsent.Status.CONSENTED, False),
    (Status.WAITLISTED, GuardianConsent.Status.CONSENTED, True),
    (Status.WAITLISTED, GuardianConsent.Status.PENDING, False),
    (Status.DECLINED, GuardianConsent.Status.DECLINED, False),
    (Status.WITHDRAWN, GuardianConsent.Status.PENDING, False),
]
# Applicants who are not on the roster yet (first, last).
NEW_NAMES = [
    ("Zoe", "Carter"), ("Jayden", "Nguyen"), ("Isabella", "Lopez"), ("Caleb", "Foster"), ("Nora", "Patel"),
    ("Owen", "Hughes"), ("Lily", "Bennett-Ross"), ("Elijah", "Turner"), ("Aria", "Simmons"), ("Leo", "Park"),
]  # as many as PLAN has rows, for a school with no roster peers
WHY = [
    "I like making new friends and I want everyone to feel included.",
    "My brother has autism and I want to help other kids have fun at school.",
    "I sit alone at lunch sometimes and I know how it feels.",
    "I like to play games at recess and teach people new ones.",
]
INTERESTS = [list(pair) for pair in zip(Interest.values, Interest.values[3:] + Interest.values[:3], strict=True)]
CHANNELS = [Channel.POSTERS, Channel.ANNOUNCEMENTS, Channel.FRIEND, Channel.CLASS_PRESENTATIONS, Channel.WEB_PAGE]
# (reasons, index of a roster peer or None, the typed name when there is no roster peer)
NOMINATIONS = [
    ("Kind to everyone in class and always on time; would enjoy new friendships.", 0, ("Theo", "Marsh")),
    ("Quiet but very patient; I think this would help her feel part of things at school.", None, ("Ruby", "Alvarez")),
    ("Already helps classmates with reading. Excited to learn new things.", 1, ("Ivy", "Sandoval")),
]


def seed() -> str:
    campaigns = list(RecruitmentCampaign.objects.select_related("program__school", "term__parent"))
    if not campaigns:
        return ""
    for campaign in campaigns:
        _campaign(campaign)
    return (
        f"{PeerApplication.objects.count()} applications, {Nomination.objects.count()} nominations, "
        f"{GuardianConsent.objects.count()} guardian consents"
    )


def _campaign(campaign) -> None:
    school = campaign.program.school
    staff = list(
        Membership.objects.filter(school=school, is_active=True)
        .exclude(role=Role.SCHOOL_ADMIN)
        .select_related("user")
        .order_by("role", "user__username")
    )
    teacher = next((m.user for m in staff if m.role == Role.GENERAL_EDUCATOR), staff[0].user if staff else None)
    coordinator = next((m.user for m in staff if m.role == Role.COORDINATOR), teacher)
    peers = list(Student.objects.filter(school=school, kind=Student.Kind.PEER, is_active=True).order_by("pk")[:5])
    schedule = BellSchedule.objects.filter(school=school, term=campaign.term).first() or (
        BellSchedule.objects.filter(school=school).order_by("-term__start_date").first()
    )
    periods = list(schedule.periods.order_by("order")) if schedule else []
    free_periods = [p for p in periods if p.kind in ("lunch", "recess")] or periods[:1]
    # The program's grades: an applicant outside them needs a stated reason to be accepted.
    grades = list(range(campaign.program.lowest_grade, campaign.program.highest_grade + 1))

    nominations = _nominations(campaign, teacher, peers) if teacher else []
    roster = iter(peers)
    names = iter(NEW_NAMES)
    for number, (status, answer, from_roster) in enumerate(PLAN):
        peer = next(roster, None) if from_roster else None
        if peer is not None:
            first, last, grade = peer.first_name, peer.last_name, peer.grade
        else:
            first, last = next(names)
            grade = grades[number % len(grades)]
        key = PeerApplication.make_dedupe_key(first, last, grade)
        decided = status not in (Status.SUBMITTED, Status.WITHDRAWN)
        nomination = next((n for n in nominations if peer is not None and n.student_id == peer.pk), None)
        application, _created = PeerApplication.objects.update_or_create(
            campaign=campaign,
            dedupe_key=key,
            defaults={
                "first_name": first,
                "last_name": last,
                "grade": grade,
                "homeroom_teacher": teacher.get_full_name() if teacher else "Ms. Morgan",
                "email": "",
                "interests": INTERESTS[number % len(INTERESTS)],
                "interests_other": "Drawing comics" if number % 3 == 0 else "",
                "why_join": WHY[number % len(WHY)],
                "prior_experience": "My cousin uses a wheelchair." if number % 2 else "",
                "heard_via": Channel.TEACHER_NOMINATION if nomination else CHANNELS[number % len(CHANNELS)],
                "guardian_name": f"{'Pat' if number % 2 else 'Sam'} {last}",
                "guardian_email": f"{first.lower()}.{last.lower().replace(' ', '')}.family@example.org",
                "nomination": nomination,
                "status": status,
                "decided_at": timezone.now() - datetime.timedelta(days=2) if decided else None,
                "decided_by": coordinator if decided else None,
                **_scores(status),
            },
        )
        application.available_periods.set(free_periods + periods[number % max(len(periods), 1):][:1])
        if campaign.requires_guardian_consent:
            _consent(application, answer, campaign)


def _scores(status) -> dict:
    score = {Status.ACCEPTED: 3, Status.WAITLISTED: 2, Status.DECLINED: 1}.get(status)
    return {name: score for name, _label in PeerApplication.QUALITIES}


def _consent(application, answer, campaign) -> None:
    answered = answer != GuardianConsent.Status.PENDING
    now = timezone.now()
    GuardianConsent.objects.update_or_create(
        application=application,
        defaults={
            "guardian_name": application.guardian_name,
            "guardian_email": application.guardian_email,
            "status": answer,
            "sent_at": now - datetime.timedelta(days=5),
            "link_expires_at": now + datetime.timedelta(days=9),
            "typed_name": application.guardian_name if answer == GuardianConsent.Status.CONSENTED else "",
            "responded_at": now - datetime.timedelta(days=3) if answered else None,
            "responded_ip": "192.0.2.10" if answered else None,
            "valid_until": consent_valid_until(campaign) if answer == GuardianConsent.Status.CONSENTED else None,
        },
    )


def _nominations(campaign, teacher, peers) -> list:
    made = []
    for reasons, index, (first, last) in NOMINATIONS:
        student = peers[index] if index is not None and index < len(peers) else None
        email = "" if student else f"{first.lower()}.{last.lower()}@student.example.org"
        nomination, _created = Nomination.objects.update_or_create(
            campaign=campaign,
            reasons=reasons,
            defaults={
                "nominated_by": teacher,
                "student": student,
                "first_name": "" if student else first,
                "last_name": "" if student else last,
                "grade": student.grade if student else campaign.program.lowest_grade,
                "invitation_email": email,
                "invited_at": timezone.now() - datetime.timedelta(days=6) if email else None,
            },
        )
        made.append(nomination)
    return made
