"""Demo service-learning for seed_demo, in each program with confirmed pairs, through the same services the pages use:

- a community / service-learning activity, a food drive with the local food bank, every Wednesday after school
  from a few weeks ago to a few weeks ahead, the confirmed pairs placed (peers with valid consent only);
- its project: the community need, the partner and its contact, a plan whose tasks are shared by students with and
  without disabilities, materials and costs, an outcome so far;
- attendance at the past Wednesdays (everyone present, one peer late once), hours made from it by
  ``service_hours_from_attendance``; the coordinator approved all but the last week's;
- a peer's claimed hours for work outside school: one verified and approved, one waiting for its verifier, one
  declined with a reason.

Runs after the scheduling and attendance seeders (and matching). Idempotent: a program that already has a
service-learning activity is left as it is.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from programs.selectors import school_programs
from recruitment.selectors import confirmed_pairs, peers_with_valid_consent
from schools.dates import school_today
from schools.models import Membership, Role, School

from ..models import Activity, Attendance, Kind, Participant, Repeats, ServiceHours
from ..services import occurrences_generate, service_hours_from_attendance
from . import services

# The README's peers make the claims (their pages show them).
README_PEERS = {"east-elementary": ("Sofia", "Ramirez"), "putnam-middle": ("Marcus", "Lee")}
WEDNESDAY = 2


def seed(*, password: str) -> str:
    made = 0
    for school in School.objects.order_by("pk"):
        coordinator = _coordinator(school)
        if coordinator is None:
            continue
        for program in school_programs(school=school):
            pairs = list(confirmed_pairs(program=program).order_by("-term__start_date", "pk"))
            if not pairs or Activity.objects.filter(program=program, kind=Kind.SERVICE_LEARNING).exists():
                continue
            _food_drive(program, pairs, coordinator)
            made += 1
    return f"{made} service-learning projects" if made else ""


def _coordinator(school):
    membership = (
        Membership.objects.filter(school=school, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _food_drive(program, pairs, coordinator):
    school = program.school
    term = pairs[0].term
    today = school_today(school)
    first = max(term.start_date, today - datetime.timedelta(weeks=4))
    last = min(term.end_date, today + datetime.timedelta(weeks=3))
    activity = Activity(
        program=program,
        term=term,
        kind=Kind.SERVICE_LEARNING,
        title="Food drive for the Riverside Food Bank",
        description="We collect, sort and deliver food for families over the winter break.",
        place="Gym lobby",
        repeats=Repeats.WEEKLY,
        weekdays=[WEDNESDAY],
        starts_at=datetime.time(15, 0),
        ends_at=datetime.time(16, 30),
        first_date=first,
        last_date=last,
        created_by=coordinator,
    )
    activity.full_clean()
    activity.save()
    activity.supervisors.add(coordinator)
    occurrences_generate(activity=activity)

    placeable = set(peers_with_valid_consent(program=program).values_list("pk", flat=True))
    pairs = [pair for pair in pairs if pair.term_id == term.pk and pair.peer_id in placeable]
    peers = list({pair.peer_id: pair.peer for pair in pairs}.values())
    students = list({pair.focus_student_id: pair.focus_student for pair in pairs}.values())
    for student in [*peers, *students]:
        Participant.objects.create(activity=activity, student=student, source=Participant.Source.PAIR)

    _project(activity, peers, students)
    _attendance(activity, [*peers, *students], coordinator, today)
    readme = README_PEERS.get(school.slug)
    claimer = next((p for p in peers if readme and (p.first_name, p.last_name) == readme), peers[0] if peers else None)
    if claimer is not None:
        _claims(program, claimer, coordinator, today, term.start_date)


def _project(activity, peers, students):
    project = services.project_save(
        activity=activity,
        community_need="Families near the school run short of food over the winter break; the food bank's shelves "
        "are emptiest in December.",
        partner_organisation="Riverside Food Bank",
        partner_contact="Dana Whitfield, volunteer lead, dana.whitfield@riversidefoodbank.example.org",
        materials="Collection boxes from the food bank, posters and markers, a trolley, labels for the shelves.",
        costs=Decimal("38.50"),
        outcomes="412 cans and 96 boxes of cereal collected in the first three weeks; two deliveries made.",
        reflections="Sorting by picture labels let everyone sort on their own; the greeters asked to swap roles "
        "each week.",
    )
    # Each task shared by a peer and a focus student (the guide asks for shared roles).
    plan = [
        ("Design and hang the posters", "Artists"),
        ("Greet donors at the gym door", "Greeters"),
        ("Sort cans by picture labels", "Sorters"),
        ("Count and record the boxes", "Counters"),
    ]
    for index, (task, role) in enumerate(plan):
        who = []
        if peers:
            who.append(peers[index % len(peers)])
        if students:
            who.append(students[index % len(students)])
        services.task_save(project=project, name=task, role=role, students=who)
    return project


def _attendance(activity, people, coordinator, today):
    past = list(activity.occurrences.filter(date__lt=today).order_by("date"))
    for number, occurrence in enumerate(past):
        for index, student in enumerate(people):
            row = Attendance(occurrence=occurrence, student=student, recorded_by=coordinator)
            if number == 1 and index == 0:
                # One peer came 20 minutes late one week.
                row.status, row.minutes_missed = Attendance.Status.LATE, 20
            row.minutes = row.compute_minutes()
            row.full_clean()
            row.save()
        occurrence.attendance_taken_at, occurrence.attendance_taken_by = timezone.now(), coordinator
        occurrence.save(update_fields=["attendance_taken_at", "attendance_taken_by"])
        service_hours_from_attendance(occurrence=occurrence)
    # The coordinator approved every week's hours but the last one's.
    if len(past) > 1:
        earlier = ServiceHours.objects.filter(occurrence__in=past[:-1])
        services.hours_approve(entries=earlier, decided_by=coordinator)


def _claims(program, peer, coordinator, today, term_start):
    def claim(days_ago, hours, description, verifier, email):
        return services.hours_claim(
            student=peer,
            program=program,
            date=max(term_start, today - datetime.timedelta(days=days_ago)),
            hours=Decimal(hours),
            description=description,
            verifier_name=verifier,
            verifier_email=email,
            honesty_statement=True,
            claimed_by=peer.user,
        )

    verified = claim(
        12,
        "3",
        "Stocked shelves at the Riverside Food Bank's Saturday market.",
        "Dana Whitfield",
        "dana.whitfield@riversidefoodbank.example.org",
    )
    services.hours_verify(entry_pk=verified.pk, answer=services.Answer.CONFIRM)
    services.hours_approve(entries=ServiceHours.objects.filter(pk=verified.pk), decided_by=coordinator)
    claim(
        4,
        "2",
        "Read picture books with children at the public library's story hour.",
        "Alex Moreno",
        "alex.moreno@riversidelibrary.example.org",
    )
    declined = claim(9, "5", "Helped my aunt move house.", "Jordan Parker", "jordan.parker@example.org")
    services.hours_decline(
        entry=declined,
        reason="Helping family does not count as service hours; ask me about the food bank's next Saturday.",
        decided_by=coordinator,
    )
