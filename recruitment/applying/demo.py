"""Demo applications, nominations and guardian consents for the demo campaigns (``recruitment.campaigns.demo`` makes
the campaigns first), telling the same story as the programs demo.

Each demo school's campaign has ten applicants of its own, in every state a coordinator meets: waiting for review
(with and without the parent's consent), accepted, waitlisted, declined and withdrawn. Some are on the roster already
(Sofia, the demo peer, applied this fall), some are not (accepting them adds them to the roster). Decisions go through
``recruitment.campaigns.services`` as the coordinator's clicks do, so an accepted applicant is on the roster and takes
part in the program, and only with their parent's consent.

Idempotent: rows are found by campaign and name and updated; a decision already taken is not taken again.
"""

import datetime
from typing import NamedTuple

from django.utils import timezone

from schools.models import BellSchedule, Membership, Role, Student, User

from ..campaigns import services as decisions
from ..models import Channel, GuardianConsent, Interest, Nomination, PeerApplication, RecruitmentCampaign
from .services import consent_valid_until

Status = PeerApplication.Status
Answer = GuardianConsent.Status


class Applicant(NamedTuple):
    first: str
    last: str
    grade: int
    decision: str
    answer: str  # the parent's answer to the consent request
    guardian: tuple[str, str]  # name, relationship
    heard_via: str
    interests: list[str]
    why_join: str
    prior_experience: str = ""
    interests_other: str = ""


# Who the demo campaigns heard from. Every "why join" is the applicant's own words, for their age: the guide's peers
# want to get to know their schoolmates and have the time to (and some would benefit themselves).
APPLICANTS = {
    "east-elementary": [
        Applicant(
            "Sofia", "Ramirez", 5, Status.ACCEPTED, Answer.CONSENTED, ("Lucia Ramirez", "Mother"),
            Channel.CLASS_PRESENTATIONS, [Interest.ART, Interest.SPORTS, Interest.READING],
            "Noah showed me his train drawings at lunch last spring and we drew together. I want to be his partner "
            "in class and at recess this year.",
            "I was a reading buddy for the 2nd graders last year.", "Graphic novels",
        ),
        Applicant(
            "Liam", "O'Brien", 4, Status.ACCEPTED, Answer.CONSENTED, ("Siobhan O'Brien", "Mother"),
            Channel.TEACHER_NOMINATION, [Interest.SCIENCE, Interest.SPORTS],
            "Ms. Morgan said I would be good at this. I finish my work early and I like helping in science. I want "
            "to make friends who are not in my class.",
        ),
        Applicant(
            "Nora", "Delgado", 3, Status.ACCEPTED, Answer.CONSENTED, ("Marisol Delgado", "Mother"),
            Channel.POSTERS, [Interest.MUSIC, Interest.OUTDOORS],
            "My cousin talks with a tablet, so I know how to wait for an answer. I want more friends to play with "
            "at recess.",
            "My cousin uses a communication device.",
        ),
        Applicant(
            "Theo", "Marsh", 4, Status.SUBMITTED, Answer.PENDING, ("Dana Marsh", "Parent"),
            Channel.TEACHER_NOMINATION, [Interest.SCIENCE, Interest.GAMES],
            "I like building with Lego and doing science experiments. It would be fun to do them with a partner.",
        ),
        Applicant(
            "Aisha", "Okoro", 5, Status.SUBMITTED, Answer.CONSENTED, ("Ngozi Okoro", "Mother"),
            Channel.ANNOUNCEMENTS, [Interest.READING, Interest.DANCE],
            "At my old school nobody played with the new kids and I didn't like that. I want to learn how to be a "
            "good partner.",
        ),
        Applicant(
            "Jonah", "Brennan", 3, Status.WAITLISTED, Answer.CONSENTED, ("Patrick Brennan", "Father"),
            Channel.FLYERS, [Interest.ANIMALS, Interest.ART],
            "I love dinosaurs and drawing. I want to eat lunch with new people and share my dinosaur books.",
        ),
        Applicant(
            "Lena", "Novak", 5, Status.WAITLISTED, Answer.PENDING, ("Ivana Novak", "Mother"),
            Channel.WEB_PAGE, [Interest.MUSIC, Interest.READING],
            "My little brother has Down syndrome and I help him with his homework. Everybody should have friends at "
            "school.",
            "My brother has Down syndrome.",
        ),
        Applicant(
            "Caden", "Whitman", 4, Status.DECLINED, Answer.DECLINED, ("Greg Whitman", "Father"),
            Channel.FRIEND, [Interest.GAMES, Interest.SPORTS],
            "It sounds fun and my best friend is joining.",
        ),
        Applicant(
            "Rosie", "Ibrahim", 3, Status.WITHDRAWN, Answer.PENDING, ("Samira Ibrahim", "Mother"),
            Channel.POSTERS, [Interest.ART, Interest.MUSIC],
            "I like art and singing. I want to help my class be kind to everyone.",
        ),
        Applicant(
            "Mateo", "Duarte", 5, Status.SUBMITTED, Answer.PENDING, ("Ana Duarte", "Mother"),
            Channel.FRIEND, [Interest.SPORTS, Interest.GAMES],
            "Sofia told me about it. I play soccer at recess and I would ask my partner to play with us.",
        ),
    ],
    "putnam-middle": [
        Applicant(
            "Zara", "Kaur", 6, Status.ACCEPTED, Answer.CONSENTED, ("Harpreet Kaur", "Mother"),
            Channel.POSTERS, [Interest.SPORTS, Interest.ART],
            "I saw the wheelchair soccer poster in the hallway. I've never played and it looks really fun. I'm new "
            "in 6th grade and I'd like to meet more people.",
        ),
        Applicant(
            "Devon", "Osei", 7, Status.ACCEPTED, Answer.CONSENTED, ("Abena Osei", "Mother"),
            Channel.ANNOUNCEMENTS, [Interest.ART, Interest.GAMES],
            "I draw comics and I heard the club wants to make one about the soccer games. I'd like to help with that "
            "and get to know people outside my classes.",
            "", "Drawing comics",
        ),
        Applicant(
            "Ben", "Larsen", 8, Status.ACCEPTED, Answer.CONSENTED, ("Erik Larsen", "Father"),
            Channel.FRIEND, [Interest.SPORTS, Interest.COOKING],
            "Tyler talked me into it. The monthly events sound like the best afternoon of the month, and I'm good at "
            "organizing teams so everyone gets to play.",
            "I help at my church's summer day camp.",
        ),
        Applicant(
            "Sophie", "Moreau", 7, Status.ACCEPTED, Answer.CONSENTED, ("Claire Moreau", "Mother"),
            Channel.WEB_PAGE, [Interest.DANCE, Interest.MUSIC],
            "My aunt works with adults with disabilities and I've seen how much a friend can change someone's day. I "
            "want to be in a club where everybody actually belongs.",
            "My aunt is a job coach for adults with disabilities.",
        ),
        Applicant(
            "Nate", "Haas", 8, Status.SUBMITTED, Answer.CONSENTED, ("Julia Haas", "Mother"),
            Channel.CLASS_PRESENTATIONS, [Interest.MUSIC, Interest.COOKING],
            "Mr. Okafor came to our science class. I'm into K-pop and baking, and I'd like to help plan an event that "
            "isn't only about sports.",
        ),
        Applicant(
            "Leila", "Petrov", 6, Status.SUBMITTED, Answer.PENDING, ("Mila Petrov", "Mother"),
            Channel.TEACHER_NOMINATION, [Interest.READING, Interest.ANIMALS],
            "The counselor asked if I wanted to join. I'm kind of shy, but I think a club would help me make friends "
            "too.",
        ),
        Applicant(
            "Omar", "Yilmaz", 7, Status.WAITLISTED, Answer.CONSENTED, ("Selin Yilmaz", "Mother"),
            Channel.PERSONAL_INVITATION, [Interest.SPORTS, Interest.GAMES],
            "I love soccer and I practice with my cousin, who plays in a wheelchair league. I want to help run the "
            "competition.",
            "My cousin plays wheelchair basketball and soccer.",
        ),
        Applicant(
            "Hailey", "Lindqvist", 6, Status.WAITLISTED, Answer.PENDING, ("Anna Lindqvist", "Mother"),
            Channel.FLYERS, [Interest.ANIMALS, Interest.OUTDOORS],
            "I want to do something that helps other people, and my mom says volunteering is a good way to start in "
            "middle school.",
        ),
        Applicant(
            "Ryan", "Fitzgerald", 8, Status.DECLINED, Answer.DECLINED, ("Colleen Fitzgerald", "Mother"),
            Channel.FRIEND, [Interest.GAMES],
            "My friends are joining so I want to join too.",
        ),
        Applicant(
            "Talia", "Castro", 7, Status.WITHDRAWN, Answer.PENDING, ("Rosa Castro", "Mother"),
            Channel.POSTERS, [Interest.ART, Interest.DANCE],
            "I like art and dance, and I could make the posters for the events.",
        ),
    ],
    "beaman-intermediate": [
        Applicant(
            "Henry", "Young", 5, Status.ACCEPTED, Answer.CONSENTED, ("Carol Young", "Mother"),
            Channel.CLASS_PRESENTATIONS, [Interest.SCIENCE, Interest.OUTDOORS],
            "I helped pick the community garden for our project. I like building things and I want to build the "
            "benches with everybody.",
        ),
        Applicant(
            "Noor", "Haddad", 6, Status.ACCEPTED, Answer.CONSENTED, ("Rana Haddad", "Mother"),
            Channel.POSTERS, [Interest.OUTDOORS, Interest.ART, Interest.ANIMALS],
            "We have a garden at home and I know how to plant seeds. I want the garden to look nice again and to work "
            "with kids I don't know yet.",
        ),
        Applicant(
            "Owen", "Fischer", 5, Status.ACCEPTED, Answer.CONSENTED, ("Mark Fischer", "Father"),
            Channel.TEACHER_NOMINATION, [Interest.SCIENCE, Interest.SPORTS],
            "Ms. Tuttle says I'm careful with tools in woodshop. I want to help build the trellises and show other "
            "kids how to use a hand drill safely.",
        ),
        Applicant(
            "Ruby", "Scott", 6, Status.ACCEPTED, Answer.CONSENTED, ("Jen Scott", "Mother"),
            Channel.ANNOUNCEMENTS, [Interest.MUSIC, Interest.OUTDOORS],
            "I love flowers and singing. My family volunteers in our town and I want to do it with friends from "
            "school.",
        ),
        Applicant(
            "Felix", "Harlow", 5, Status.SUBMITTED, Answer.CONSENTED, ("Beth Harlow", "Mother"),
            Channel.FLYERS, [Interest.OUTDOORS, Interest.SCIENCE],
            "I like tractors and digging. I want to help carry the soil and plant the beans.",
        ),
        Applicant(
            "Mina", "Cho", 6, Status.SUBMITTED, Answer.PENDING, ("Hyun Cho", "Father"),
            Channel.WEB_PAGE, [Interest.ART],
            "I want to paint the garden sign. It would be nicer with a big colorful sign that everyone helped make.",
        ),
        Applicant(
            "Wyatt", "Pruitt", 5, Status.WAITLISTED, Answer.CONSENTED, ("Dale Pruitt", "Grandfather"),
            Channel.PERSONAL_INVITATION, [Interest.OUTDOORS, Interest.ANIMALS],
            "I go fishing with my grandpa and I like being outside. I want to help the garden and meet new friends.",
        ),
        Applicant(
            "Clara", "Jensen", 6, Status.WAITLISTED, Answer.PENDING, ("Karen Jensen", "Mother"),
            Channel.FRIEND, [Interest.OUTDOORS, Interest.COOKING],
            "My grandma volunteers at the community garden and says it needs help. I want to help her with my school.",
        ),
        Applicant(
            "Declan", "Shaw", 6, Status.DECLINED, Answer.DECLINED, ("Martin Shaw", "Father"),
            Channel.FRIEND, [Interest.GAMES, Interest.SPORTS],
            "My friend is joining and I don't want to be in study hall.",
        ),
        Applicant(
            "Poppy", "Ellison", 5, Status.WITHDRAWN, Answer.PENDING, ("Tara Ellison", "Mother"),
            Channel.POSTERS, [Interest.ANIMALS, Interest.OUTDOORS],
            "I like animals and flowers. I want to help the bees in the garden.",
        ),
    ],
}

# The homeroom teacher an applicant names, by grade (only Ms. Morgan has an account).
HOMEROOM_TEACHERS = {
    "east-elementary": {3: "Ms. Rivera", 4: "Ms. Morgan", 5: "Mr. Daniels"},
    "putnam-middle": {6: "Mr. Howard", 7: "Ms. Greene", 8: "Mrs. Castillo"},
    "beaman-intermediate": {5: "Mr. Bauer", 6: "Ms. Schles"},
}

# (who nominates, first, last, grade, reasons). A nominee on the roster is linked; anyone else is invited by email.
NOMINATIONS = {
    "east-elementary": [
        ("east.teacher", "Liam", "O'Brien", 4,
         "Finishes his work early and always asks who needs help. Patient with classmates at recess."),
        ("east.teacher", "Theo", "Marsh", 4,
         "Quiet but very kind; I think this would help him feel part of things at school too."),
        ("east.teacher", "Hazel", "Alvarez", 5, "Great listener, always on time, and curious about everyone."),
    ],
    "putnam-middle": [
        ("putnam.counselor", "Leila", "Petrov", 6,
         "New to the district this year and still finding her group; thoughtful and gentle with others."),
        ("putnam.counselor", "Jamal", "Greene", 8, "A natural organizer; the younger students look up to him."),
    ],
    "beaman-intermediate": [
        ("beaman.woodshop", "Owen", "Fischer", 5, "Safe and patient with tools; explains each step to others."),
        ("beaman.science", "Tess", "Aldana", 6, "Loves the outdoors and takes care of our class plants all year."),
    ],
}


def seed() -> str:
    campaigns = list(
        RecruitmentCampaign.objects.filter(program__school__slug__in=APPLICANTS).select_related("program__school")
    )
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
    coordinator = (
        Membership.objects.filter(school=school, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    ).user
    nominations = _nominations(campaign)
    schedule = BellSchedule.objects.filter(school=school).order_by("-term__start_date").first()
    periods = list(schedule.periods.order_by("order")) if schedule else []
    free_periods = [p for p in periods if p.kind in ("lunch", "recess")]
    now = timezone.now()
    for number, applicant in enumerate(APPLICANTS[school.slug]):
        application, _created = PeerApplication.objects.update_or_create(
            campaign=campaign,
            dedupe_key=PeerApplication.make_dedupe_key(applicant.first, applicant.last, applicant.grade),
            defaults={
                "first_name": applicant.first,
                "last_name": applicant.last,
                "grade": applicant.grade,
                "homeroom_teacher": HOMEROOM_TEACHERS[school.slug][applicant.grade],
                "email": "",  # children: the school writes to their parents
                "interests": [str(value) for value in applicant.interests],
                "interests_other": applicant.interests_other,
                "why_join": applicant.why_join,
                "prior_experience": applicant.prior_experience,
                "heard_via": applicant.heard_via,
                "guardian_name": applicant.guardian[0],
                "guardian_email": _guardian_email(applicant),
                "nomination": nominations.get((applicant.first, applicant.last)),
                "submitted_at": now - datetime.timedelta(days=13 - number),
                **_scores(applicant.decision, number),
            },
        )
        application.available_periods.set(free_periods + periods[1 + number % max(len(periods) - 1, 1):][:1])
        if campaign.requires_guardian_consent:
            _consent(application, applicant, campaign)
        _decide(application, applicant.decision, coordinator)


def _guardian_email(applicant: Applicant) -> str:
    first = applicant.guardian[0].split()[0].lower()
    return f"{first}.{applicant.last.lower().replace(' ', '').replace(chr(39), '')}@family.example.org"


def _scores(decision, number: int) -> dict:
    """The reviewer's 0–3 on the guide's qualities: none yet while waiting, varied once decided."""
    base = {Status.ACCEPTED: 3, Status.WAITLISTED: 2, Status.DECLINED: 1}.get(decision)
    return {
        name: None if base is None else max(0, base - (index + number) % 2)
        for index, (name, _label) in enumerate(PeerApplication.QUALITIES)
    }


def _consent(application, applicant: Applicant, campaign) -> None:
    answer = applicant.answer
    answered = answer != Answer.PENDING
    now = timezone.now()
    GuardianConsent.objects.update_or_create(
        application=application,
        defaults={
            "guardian_name": application.guardian_name,
            "guardian_email": application.guardian_email,
            "status": answer,
            "sent_at": now - datetime.timedelta(days=5),
            "link_expires_at": now + datetime.timedelta(days=9),
            "typed_name": application.guardian_name if answer == Answer.CONSENTED else "",
            "responded_at": now - datetime.timedelta(days=3) if answered else None,
            "responded_ip": "192.0.2.10" if answered else None,
            "valid_until": consent_valid_until(campaign) if answer == Answer.CONSENTED else None,
        },
    )


def _decide(application, decision, coordinator) -> None:
    """The coordinator's decision, through the same services as the review page (accepting puts the peer on the
    roster and into the program). A peer who withdrew told the coordinator, who marked it."""
    if application.status == decision or decision == Status.SUBMITTED:
        return
    if decision == Status.WITHDRAWN:
        PeerApplication.objects.filter(pk=application.pk).update(status=Status.WITHDRAWN)
        return
    decide = {
        Status.ACCEPTED: decisions.application_accept,
        Status.WAITLISTED: decisions.application_waitlist,
        Status.DECLINED: decisions.application_decline,
    }[decision]
    decide(application=application, decided_by=coordinator)


def _nominations(campaign) -> dict[tuple[str, str], Nomination]:
    school = campaign.program.school
    made = {}
    for username, first, last, grade, reasons in NOMINATIONS[school.slug]:
        student = Student.objects.filter(
            school=school, kind=Student.Kind.PEER, first_name=first, last_name=last, grade=grade
        ).first()
        email = "" if student else f"{first.lower()}.{last.lower()}@student.example.org"
        nomination, _created = Nomination.objects.update_or_create(
            campaign=campaign,
            reasons=reasons,
            defaults={
                "nominated_by": User.objects.get(username=username),
                "student": student,
                "first_name": "" if student else first,
                "last_name": "" if student else last,
                "grade": grade,
                "invitation_email": email,
                "invited_at": timezone.now() - datetime.timedelta(days=10) if email else None,
            },
        )
        made[(first, last)] = nomination
    return made
