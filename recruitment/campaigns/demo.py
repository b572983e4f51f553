"""Demo campaigns for seed_demo: one open campaign per demo program in the current term, with the guide's channels
on the checklist (the first few done, the rest planned) owned by the program's planning team.

Idempotent: campaigns are found by program and term, channels by campaign and channel, and updated.
"""

import datetime

from programs.selectors import school_programs, team_users
from schools.dates import school_today
from schools.models import Membership, School, Term

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
# What each campaign tells peers, in the words of its program (the posters and the public page print these).
TEXTS = {
    "east-elementary": {
        "what_peers_do": "Spend a class period each day with schoolmates in Ms. Jonas's class: help during group work, "
        "eat lunch together, play at recess and get to know each other as friends.",
        "time_commitment": "One class period each day, plus a short weekly check-in with Ms. Jonas.",
        "how_to_join": "Fill in the short application on the program's page. Your parent or guardian will be "
        "asked for consent by email.",
    },
    "putnam-middle": {
        "what_peers_do": "Plan and play in a monthly event with schoolmates with and without disabilities, like "
        "the wheelchair soccer competition, and hang out at club lunches.",
        "time_commitment": "One afternoon a month after school, and a club lunch every other week.",
        "how_to_join": "Fill in the short application on the club's page. Your parent or guardian will be asked "
        "for consent by email.",
    },
    "beaman-intermediate": {
        "what_peers_do": "Renovate the community garden with schoolmates with disabilities: plan and plant the "
        "beds, build benches and trellises in woodshop, and paint the sign.",
        "time_commitment": "Two afternoons a month at the garden, and a few woodshop periods in spring.",
        "how_to_join": "Fill in the short application on the club's page. Your parent or guardian will be asked "
        "for consent by email.",
    },
}


def seed() -> str:
    campaigns = [campaign for slug in TEXTS if (campaign := _campaign(slug)) is not None]
    return f"{len(campaigns)} campaigns, {CampaignChannel.objects.filter(campaign__in=campaigns).count()} channels"


def _campaign(slug: str) -> RecruitmentCampaign | None:
    # The demo program of each demo school is the school's first (``programs.demo`` seeds one per school).
    school = School.objects.filter(slug=slug).first()
    program = school_programs(school=school).first() if school is not None else None
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
            **TEXTS[slug],
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
    users = team_users(program=program)
    if not users:
        users = [m.user for m in Membership.objects.filter(school=program.school).select_related("user")[:2]]
    return users
