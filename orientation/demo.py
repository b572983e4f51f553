"""Demo orientations for seed_demo, told as one story in each school's program (East's Peer to Peer, Putnam's Peer
Connections), through the same services the pages use:

- the guide's topic library in every school;
- a past orientation over two lunch periods, its agenda tailored to the partners of the peers attending; every
  peer with valid consent invited; attendance taken at both meetings — one peer was absent from the second, which
  covered required topics, so that peer is flagged "not yet ready" and has a make-up meeting planned next week;
- an upcoming orientation on supporting communication, everyone invited again, with their answers (the README's
  peer said yes, one peer can't come, the rest have not answered) and a tailored agenda;
- a few resources in the library; Putnam, the district's model school, shares its tip sheet with the district.

The handouts for the paired students need no rows: they are built from each student's peer-safe profile.
Runs after matching (it reads the confirmed pairs). Idempotent: a program that already has orientations is left as it
is.
"""

import datetime

from django.core.files.base import ContentFile

from programs.selectors import school_programs
from recruitment.selectors import confirmed_pairs
from schools.dates import school_today
from schools.models import Membership, Role, School
from schools.pdf import render_pdf
from schools.scoping import Access

from .invitations import selectors as invitation_selectors
from .invitations import services as invitation_services
from .models import Invitation, Orientation, OrientationMeeting, OrientationTopic
from .readiness import services as readiness_services
from .resources import services as resource_services
from .services import topic_library_ensure
from .sessions import services as session_services

# The peer of each school who said yes to the upcoming orientation: the README's peer accounts.
README_PEERS = {"east-elementary": ("Sofia", "Ramirez"), "putnam-middle": ("Marcus", "Lee")}
# The second lunch period covers these: a peer who missed it has not covered every required topic.
SECOND_MEETING_TOPICS = ("program-expectations", "when-to-ask-staff", "encouragement-and-feedback")


def seed(*, password: str) -> str:
    made = 0
    for school in School.objects.order_by("pk"):
        topic_library_ensure(school=school)
        coordinator = _coordinator(school)
        if coordinator is None:
            continue
        access = Access(user=coordinator, school=school, roles=frozenset({Role.COORDINATOR}))
        for program in school_programs(school=school):
            term = _current_pairs_term(program)
            if term is None or Orientation.objects.filter(program=program).exists():
                continue
            _past_orientation(program, term, access)
            _upcoming_orientation(program, term, access)
            made += 2
        _resources(school, coordinator)
    return f"{made} orientations" if made else ""


def _past_orientation(program, term, access):
    school = program.school
    today = school_today(school)
    orientation = session_services.orientation_create(
        program=program,
        created_by=access.user,
        facilitators=[access.user],
        kind=Orientation.Kind.INITIAL,
        title="Peer orientation",
        term=term,
        audience=Orientation.Audience.PEERS,
        description="Our first meetings with this year's peers: why the program exists, getting to know each other "
        "and the students, and how to support a partner.",
    )
    session_services.agenda_accept_proposals(orientation=orientation, access=access)
    # Everyone said yes before the meetings took place (an orientation that has taken place takes no answers).
    peers = invitation_selectors.invite_candidates(orientation=orientation)["peers"]
    if not peers:
        return
    invitation_services.invitations_send(orientation=orientation, students=peers, invited_by=access.user)
    for invitation in orientation.invitations.all():
        invitation_services.invitation_answer(invitation=invitation, response=Invitation.Response.YES)
    first_day = _weekday(today - datetime.timedelta(days=22))
    second_day = _weekday(first_day + datetime.timedelta(days=2))
    first = invitation_services.meeting_add(
        orientation=orientation,
        date=first_day,
        starts_at=datetime.time(11, 40),
        ends_at=datetime.time(12, 10),
        slot=OrientationMeeting.Slot.LUNCH,
        place="Room 112",
    )
    second = invitation_services.meeting_add(
        orientation=orientation,
        date=second_day,
        starts_at=datetime.time(11, 40),
        ends_at=datetime.time(12, 10),
        slot=OrientationMeeting.Slot.LUNCH,
        place="Room 112",
    )
    # Spread over two lunch periods: the second covers what peers do and when to ask staff.
    for item in orientation.agenda_items.select_related("topic"):
        meeting = second if item.topic.guide_key in SECOND_MEETING_TOPICS else first
        session_services.agenda_item_update(
            item=item, notes=item.notes, meeting=meeting, use_plain_wording=item.use_plain_wording
        )
    readiness_services.attendance_save(meeting=first, absent=set(), by=access.user)
    missed = _peer_who_missed(program, peers)
    readiness_services.attendance_save(meeting=second, absent={missed.pk}, by=access.user)
    makeup_day = _weekday(today + datetime.timedelta(days=6))
    readiness_services.makeup_create(
        meeting=second,
        date=makeup_day,
        starts_at=datetime.time(7, 45),
        ends_at=datetime.time(8, 10),
        slot=OrientationMeeting.Slot.BEFORE_SCHOOL,
        place="Room 112",
        students=[missed],
        by=access.user,
    )


def _upcoming_orientation(program, term, access):
    school = program.school
    orientation = session_services.orientation_create(
        program=program,
        created_by=access.user,
        facilitators=[access.user],
        kind=Orientation.Kind.INITIAL,
        title="Talking together: communication and choices",
        term=term,
        audience=Orientation.Audience.PEERS,
        description="A second meeting to share what we have learned since the fall, and practise asking questions, "
        "wait time and offering choices.",
    )
    peers = invitation_selectors.invite_candidates(orientation=orientation)["peers"]
    invitation_services.meeting_add(
        orientation=orientation,
        date=_weekday(school_today(school) + datetime.timedelta(days=9)),
        starts_at=datetime.time(15, 10),
        ends_at=datetime.time(16, 0),
        slot=OrientationMeeting.Slot.AFTER_SCHOOL,
        place="Library",
    )
    if peers:
        invitation_services.invitations_send(orientation=orientation, students=peers, invited_by=access.user)
    session_services.agenda_accept_proposals(orientation=orientation, access=access)
    readme_peer = README_PEERS.get(school.slug)
    invitations = list(orientation.invitations.select_related("student").order_by("student__last_name"))
    # Someone other than the README's peer and the peer who missed a meeting (who is coming to the make-up) can't come.
    missed = _peer_who_missed(program, [i.student for i in invitations])
    declined = next(
        (i for i in invitations if (i.student.first_name, i.student.last_name) != readme_peer and i.student != missed),
        None,
    )
    for invitation in invitations:
        if readme_peer and (invitation.student.first_name, invitation.student.last_name) == readme_peer:
            invitation_services.invitation_answer(invitation=invitation, response=Invitation.Response.YES)
        elif invitation == declined:
            invitation_services.invitation_answer(invitation=invitation, response=Invitation.Response.NO)


def _peer_who_missed(program, peers):
    """Not the README's peer (their account shows a ready peer): the first other peer by name."""
    readme_peer = README_PEERS.get(program.school.slug)
    others = [p for p in peers if (p.first_name, p.last_name) != readme_peer] or list(peers)
    return sorted(others, key=lambda p: (p.last_name, p.first_name))[0]


# (school slug, title, description, tags, guide topic keys, shared with the district)
RESOURCES = (
    (
        "east-elementary",
        "Tip sheet: asking questions, wait time and offering choices",
        "For peers whose partners use AAC or have complex communication needs.",
        ["orientation", "facilitation"],
        ["communication-supports"],
        False,
    ),
    (
        "east-elementary",
        "Tip sheet: respectful words",
        "Disability etiquette and respectful language, for the first orientation.",
        ["orientation", "disability_awareness"],
        ["disability-etiquette"],
        False,
    ),
    (
        "putnam-middle",
        "Tip sheet: when to get an adult",
        "When to seek help from school staff: Peer Connections' tip sheet, shared with the district.",
        ["orientation"],
        ["when-to-ask-staff"],
        True,
    ),
)


def _resources(school, coordinator):
    for slug, title, description, tags, keys, shared in RESOURCES:
        if slug != school.slug or school.resources.filter(title=title).exists():
            continue
        topics = list(OrientationTopic.objects.filter(school=school, guide_key__in=keys))
        pdf = render_pdf(
            template_name="orientation/demo/tip_sheet.html",
            context={"title": title, "topics": topics, "school": school},
        )
        resource_services.resource_add(
            school=school,
            author=coordinator,
            title=title,
            description=description,
            file=ContentFile(pdf, name="tip-sheet.pdf"),
            tags=tags,
            topics=topics,
            shared_with_district=shared,
        )


def _current_pairs_term(program):
    """The term of the program's confirmed pairs (matching's current term), or none before matching."""
    pair = confirmed_pairs(program=program).order_by("-term__start_date").first()
    return pair.term if pair else None


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def _coordinator(school):
    membership = (
        Membership.objects.filter(school=school, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None

