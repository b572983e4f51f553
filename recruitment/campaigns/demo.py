"""Demo campaigns for seed_demo: one open campaign per demo program in the current term, with the guide's channels
on the checklist (the first few done, the rest planned) owned by the program's planning team.

Idempotent: campaigns are found by program and term, channels by campaign and channel, and updated.
"""

import datetime

from programs.demo import PROGRAMS
from programs.models import PlanningTeamMember, Program
from schools.dates import school_today
from schools.models import Membership, Term

from ..models import CampaignChannel, Channel, RecruitmentCampaign

# (channel, days from today it is planned for, done?)
CHANNELS = (
    (Channel.POSTERS, -14, True),
    (Channel.FLYERS, -12, True),
    (Channel.ANNOUNCEMENTS, -7, True),
    (Channel.WEB_PAGE, -10, True),
    (Channel.CLASS_PRESENTATIONS, 3, False),
    (Channel.TEACHER_NOMINATION, 5, False),
    (Channel.PERSONAL_INVITATION, 10, False),
)
TARGETS = {"east-elementary": 12, "putnam-middle": 16, "beaman-intermediate": 10}
TEXTS = {
    "what_peers_do": "Spend time with schoolmates with disabilities in class, at lunch and in clubs: share "
    "activities, help during group work, and get to know each other as friends.",
    "how_to_join": "Fill in the short application on the program's page. Your parent or guardian will be asked "
    "for consent by email.",
}

# The time a peer gives follows the program's form (the guide's two forms), so the campaign's words never contradict
# what the program is: a course is one period each day; a club meets weekly or monthly.
TIME_COMMITMENT = {
    Program.Form.COURSE: "One class period each day, plus a short weekly check-in.",
    Program.Form.CLUB: "One club meeting a month, plus a planning lunch every other week.",
    Program.Form.BOTH: "One class period each day, or the club's monthly meeting.",
}


def seed() -> str:
    campaigns = [campaign for slug, spec in PROGRAMS.items() if (campaign := _campaign(slug, spec)) is not None]
    return f"{len(campaigns)} campaigns, {CampaignChannel.objects.filter(campaign__in=campaigns).count()} channels"


def _campaign(slug: str, spec: dict) -> RecruitmentCampaign | None:
    program = Program.objects.filter(school__slug=slug, name=spec["name"]).select_related("school").first()
    if program is None:
        return None
    today = school_today(program.school)
    term = Term.objects.filter(school=program.school).current(today).first()
    if term is None:
        return None
    campaign, _ = RecruitmentCampaign.objects.update_or_create(
        program=program,
        term=term,
        defaults={
            "target_peers": TARGETS.get(slug, 10),
            "accepting_applications": True,
            "opens_on": today - datetime.timedelta(days=14),
            "closes_on": min(today + datetime.timedelta(days=21), term.end_date),
            "requires_guardian_consent": True,
            **TEXTS,
            "time_commitment": TIME_COMMITMENT[Program.Form(program.form)],
        },
    )
    owners = _owners(program)
    for index, (channel, days, done) in enumerate(CHANNELS):
        planned = today + datetime.timedelta(days=days)
        CampaignChannel.objects.update_or_create(
            campaign=campaign,
            channel=channel,
            defaults={
                "owner": owners[index % len(owners)] if owners else None,
                "planned_on": planned,
                "done_on": planned if done else None,
            },
        )
    return campaign


def _owners(program) -> list:
    members = PlanningTeamMember.objects.filter(program=program, user__isnull=False).select_related("user")
    users = [m.user for m in members.order_by("-is_coordinator", "pk")]
    if not users:
        users = [m.user for m in Membership.objects.filter(school=program.school).select_related("user")[:2]]
    return users
