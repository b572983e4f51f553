"""Activities rows for tests, and the ``east_*(world)`` builders the role matrix and the activities tests share.

One block per area (the lead merges the helpers' blocks): keep each area's factories inside its own block.
"""

import datetime
from dataclasses import dataclass

import factory

from activities.models import Activity, Attendance, CheckIn, Kind, Occurrence, Participant, Repeats
from activities.services import occurrences_generate
from programs.models import ProgramParticipant
from tests.programs.factories import ProgramFactory, east_program
from tests.schools.factories import StudentFactory, TermFactory

# --- Foundation: activities, occurrences, participants, attendance ------------------------------------------------


class ActivityFactory(factory.django.DjangoModelFactory):
    """A one-off activity today after school (no bell schedule needed); pass ``repeats``/``weekdays`` for a series."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    term = factory.LazyAttribute(lambda o: o.program.terms.first() or TermFactory(school=o.program.school))
    kind = Kind.LUNCH_GROUP
    title = factory.Sequence(lambda n: f"Lunch bunch {n}")
    place = "Cafeteria, table 4"
    repeats = Repeats.ONCE
    starts_at = datetime.time(15, 0)
    ends_at = datetime.time(15, 45)
    first_date = factory.LazyFunction(datetime.date.today)

    @factory.post_generation
    def in_program_term(self, create, extracted, **kwargs):
        # An activity's term is one of its program's terms.
        if create:
            self.program.terms.add(self.term)


class OccurrenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occurrence

    activity = factory.SubFactory(ActivityFactory)
    series_date = factory.LazyAttribute(lambda o: o.activity.first_date)
    date = factory.LazyAttribute(lambda o: o.series_date)
    starts_at = factory.LazyAttribute(lambda o: o.activity.starts_at or datetime.time(12, 0))
    ends_at = factory.LazyAttribute(lambda o: o.activity.ends_at or datetime.time(12, 30))


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    activity = factory.SubFactory(ActivityFactory)
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..activity.program.school"))
    status = Participant.Status.PLACED
    source = Participant.Source.ADDED


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    occurrence = factory.SubFactory(OccurrenceFactory)
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..occurrence.activity.program.school"))
    status = Attendance.Status.PRESENT
    minutes = factory.LazyAttribute(lambda o: o.occurrence.minutes)


@dataclass
class ActivityObjects:
    program: object
    activity: object
    # Two of its occurrences: one a week ago (attendance taken), one next week.
    past: object
    upcoming: object
    peer_place: object
    student_place: object


def east_activity(world) -> ActivityObjects:
    """East's lunch group on the world's Lunch period every Monday and Wednesday of the term, supervised by the
    teacher (staff) and the coordinator, with the world's peer (Sofia) and focus student (Noah) taking part, and
    attendance taken at the occurrence a week ago."""
    cached = getattr(world, "_east_activity", None)
    if cached is not None:
        return cached
    program = east_program(world).program
    program.terms.add(world.term)
    for student in (world.peer_student, world.focus_student):
        ProgramParticipant.objects.get_or_create(program=program, student=student)
    today = datetime.date.today()
    activity = ActivityFactory(
        program=program,
        term=world.term,
        title="Monday and Wednesday lunch bunch",
        repeats=Repeats.WEEKLY,
        weekdays=[0, 2],
        period=world.period,
        starts_at=None,
        ends_at=None,
        first_date=world.term.start_date,
    )
    activity.supervisors.add(world.user("staff"), world.user("coordinator"))
    occurrences_generate(activity=activity)
    occurrences = list(activity.occurrences.order_by("date"))
    week = datetime.timedelta(days=10)
    past = next(o for o in occurrences if today - week <= o.date < today)
    upcoming = next(o for o in occurrences if o.date > today)
    peer_place = ParticipantFactory(activity=activity, student=world.peer_student, source=Participant.Source.PAIR)
    student_place = ParticipantFactory(activity=activity, student=world.focus_student, source=Participant.Source.PAIR)
    for student in (world.peer_student, world.focus_student):
        AttendanceFactory(occurrence=past, student=student, recorded_by=world.user("staff"))
    objects = ActivityObjects(
        program=program,
        activity=activity,
        past=past,
        upcoming=upcoming,
        peer_place=peer_place,
        student_place=student_place,
    )
    world._east_activity = objects
    return objects


# --- feeds (helper feeds) ------------------------------------------------------------------------------------------


@dataclass
class FeedObjects:
    """Calendar feeds of East's people, made by the service (the tokens exist only here, as they would only in the
    answer that shows them once)."""

    activity: ActivityObjects
    peer_feed: object
    peer_token: str
    student_feed: object
    student_token: str
    staff_feed: object
    staff_token: str
    program_feed: object
    program_token: str


def feed_made(world, role: str, *, program=None):
    """A new feed of ``role``'s person at East (a program feed when ``program`` is given): ``(feed, token)``."""
    from activities.feeds.services import feed_create
    from activities.models import CalendarFeed

    scope = CalendarFeed.Scope.PROGRAM if program is not None else CalendarFeed.Scope.PERSONAL
    return feed_create(user=world.user(role), school=world.school, scope=scope, program=program)


def east_feeds(world) -> FeedObjects:
    """East's lunch bunch (``east_activity``) in the feeds of the peer (Sofia), the focus student (Noah), the
    teacher who supervises it, and the coordinator's feed of the whole program."""
    cached = getattr(world, "_east_feeds", None)
    if cached is not None:
        return cached
    activity = east_activity(world)
    peer_feed, peer_token = feed_made(world, "peer")
    student_feed, student_token = feed_made(world, "focus_student")
    staff_feed, staff_token = feed_made(world, "staff")
    program_feed, program_token = feed_made(world, "coordinator", program=activity.program)
    objects = FeedObjects(
        activity=activity,
        peer_feed=peer_feed,
        peer_token=peer_token,
        student_feed=student_feed,
        student_token=student_token,
        staff_feed=staff_feed,
        staff_token=staff_token,
        program_feed=program_feed,
        program_token=program_token,
    )
    world._east_feeds = objects
    return objects


# --- scheduling (helper sched) -------------------------------------------------------------------------------------


@dataclass
class SchedulingObjects:
    program: object
    # East's lunch group (``east_activity``): its next occurrence, a person to take off.
    activity: object
    upcoming: object
    spare_place: object
    # An assembly open for sign-up, the matrix's peer and focus student signed up.
    event: object


def east_scheduling(world) -> SchedulingObjects:
    """The role matrix's scheduling rows: East's lunch group with a spare peer placed (taken off by the matrix), and
    an Inclusive Schools Week assembly open for sign-up where the world's peer and focus student signed up."""
    cached = getattr(world, "_east_scheduling", None)
    if cached is not None:
        return cached
    base = east_activity(world)
    spare = StudentFactory(school=world.school, kind="peer", first_name="Mia", last_name="Chen")
    spare_place = ParticipantFactory(activity=base.activity, student=spare)
    event = ActivityFactory(
        program=base.program,
        term=world.term,
        kind=Kind.INCLUSIVE_EVENT,
        event_type="awareness",
        title="Inclusive Schools Week assembly",
        sign_up_open=True,
        capacity=30,
        first_date=base.upcoming.date,
    )
    occurrences_generate(activity=event)
    for student in (world.peer_student, world.focus_student):
        ParticipantFactory(activity=event, student=student, source=Participant.Source.SIGN_UP)
    objects = SchedulingObjects(
        program=base.program, activity=base.activity, upcoming=base.upcoming, spare_place=spare_place, event=event
    )
    world._east_scheduling = objects
    return objects
# --- reminders (helper remind) ------------------------------------------------------------------------------------

# The reminders' week: Sunday, March 7, 2027 to Sunday, March 14 (America/Chicago is CST, UTC-6, until March 14).
REMINDER_SUNDAY = datetime.date(2027, 3, 7)


@dataclass
class ReminderObjects:
    program: object
    term: object
    activity: object
    # Monday, March 8 and Wednesday, March 10, 12:00–12:30 at the school.
    monday: object
    wednesday: object


def reminder_activity(world, **fields) -> ReminderObjects:
    """East's lunch group on Mondays and Wednesdays of the reminders' week (a spring term of its own around it),
    supervised by the teacher (staff) and the coordinator, with Sofia (peer) and Noah (focus student) placed. Every
    one of them has a sign-in address (the factories' ``<username>@school.example.org``)."""
    program = east_program(world).program
    term = TermFactory(
        school=world.school,
        name="Spring 2027",
        start_date=datetime.date(2027, 1, 4),
        end_date=datetime.date(2027, 6, 11),
    )
    program.terms.add(term)
    activity = ActivityFactory(
        program=program,
        term=term,
        title="Lunch bunch",
        repeats=Repeats.WEEKLY,
        weekdays=[0, 2],
        starts_at=datetime.time(12, 0),
        ends_at=datetime.time(12, 30),
        first_date=REMINDER_SUNDAY + datetime.timedelta(days=1),
        last_date=REMINDER_SUNDAY + datetime.timedelta(days=3),
        **fields,
    )
    activity.supervisors.add(world.user("staff"), world.user("coordinator"))
    occurrences_generate(activity=activity)
    for student in (world.peer_student, world.focus_student):
        ParticipantFactory(activity=activity, student=student, source=Participant.Source.PAIR)
    monday, wednesday = activity.occurrences.order_by("date")
    return ReminderObjects(program=program, term=term, activity=activity, monday=monday, wednesday=wednesday)


# --- attendance (helper attend) -------------------------------------------------------------------------------------


@dataclass
class AttendanceObjects:
    program: object
    activity: object
    # Today's occurrence of a one-off lunch group: Sofia (peer) and Noah (focus student) placed, attendance not taken.
    today: object
    # A walk-in (another peer of East, not placed) waiting for the supervisor at today's occurrence.
    walk_in: object
    walk_in_student: object
    # An open kiosk of the activity and its token (the URL's secret).
    kiosk: object
    kiosk_token: str
    # A second kiosk, for the role matrix's "close this kiosk" (closing the first would 404 its page).
    spare_kiosk: object


def east_attendance(world) -> AttendanceObjects:
    """East's lunch group meeting today from 12:00 to 12:45 (one-off), supervised by the teacher (staff) and the
    coordinator, with Sofia and Noah placed; a walk-in waiting and a kiosk open."""
    cached = getattr(world, "_east_attendance", None)
    if cached is not None:
        return cached
    from activities.attendance import services as attendance_services
    from schools.dates import school_today

    program = east_activity(world).program
    today = school_today(world.school)
    activity = ActivityFactory(
        program=program,
        term=world.term,
        title="Today's lunch bunch",
        starts_at=datetime.time(12, 0),
        ends_at=datetime.time(12, 45),
        first_date=today,
    )
    activity.supervisors.add(world.user("staff"), world.user("coordinator"))
    occurrences_generate(activity=activity)
    occurrence = activity.occurrences.get()
    for student in (world.peer_student, world.focus_student):
        ParticipantFactory(activity=activity, student=student, source=Participant.Source.PAIR)
    walk_in_student = StudentFactory(school=world.school, first_name="Maya", last_name="Okafor")
    walk_in = CheckInFactory(occurrence=occurrence, student=walk_in_student, status=CheckIn.Status.WAITING)
    kiosk, token = attendance_services.kiosk_open(activity=activity, by=world.user("staff"))
    spare_kiosk, _token = attendance_services.kiosk_open(activity=activity, by=world.user("staff"))
    objects = AttendanceObjects(
        program=program,
        activity=activity,
        today=occurrence,
        walk_in=walk_in,
        walk_in_student=walk_in_student,
        kiosk=kiosk,
        kiosk_token=token,
        spare_kiosk=spare_kiosk,
    )
    world._east_attendance = objects
    return objects


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    occurrence = factory.SubFactory(OccurrenceFactory)
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..occurrence.activity.program.school"))
    status = CheckIn.Status.ACCEPTED
# --- service (helper service): service-learning projects and service hours ---------------------------------------


def png_bytes(color=(40, 120, 200), size=(24, 16)) -> bytes:
    """A real PNG image (a photo or a proof)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def stored_png(name: str) -> str:
    """A PNG in the storage under ``name`` (written once: the role matrix runs with the project's MEDIA_ROOT)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(png_bytes()))
    return name


class ServiceHoursFactory(factory.django.DjangoModelFactory):
    """A claim for work outside school, waiting for its verifier."""

    class Meta:
        model = "activities.ServiceHours"

    program = factory.SubFactory(ProgramFactory)
    term = factory.LazyAttribute(lambda o: o.program.terms.first() or TermFactory(school=o.program.school))
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..program.school"))
    source = "claim"
    date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=3))
    hours = "2.00"
    description = "Sorted cans at the food bank"
    verifier_name = "Dana Whitfield"
    verifier_email = "dana@foodbank.example.org"
    honesty_statement = True
    verification = "pending"


@dataclass
class ServiceObjects:
    program: object
    activity: object  # East's service-learning food drive: Sofia (peer) and Noah (focus student) placed
    project: object
    task: object  # shared by Sofia and Noah
    spare_task: object  # removed by the matrix's remove row, put back for the next role
    photo: object  # Sofia and Noah tagged: peers may see it
    spare_photo: object  # removed by the matrix's remove row, put back for the next role
    claim: object  # Sofia's claim, waiting for its verifier, with a proof file
    verify_token: str
    approved: list  # approved hours of Sofia and Noah this term (their certificates)

    def restore(self, name: str) -> dict:
        """Put a row a previous role deleted back with the same id, so the next role meets the same URL."""
        obj = getattr(self, name)
        if not type(obj).objects.filter(pk=obj.pk).exists():
            obj.save(force_insert=True)
        return {}


def east_service(world) -> ServiceObjects:
    """East's food drive (a community / service-learning activity this term) with its project, a shared task, two
    photos, and Sofia's claimed hours waiting for their verifier. Made once per ``world``."""
    cached = getattr(world, "_east_service", None)
    if cached is not None:
        return cached
    from decimal import Decimal

    from activities.models import ServicePhoto, ServiceProject, ServiceTask
    from activities.service.tokens import verify_token

    program = east_program(world).program
    program.terms.add(world.term)
    for student in (world.peer_student, world.focus_student):
        ProgramParticipant.objects.get_or_create(program=program, student=student)
    activity = ActivityFactory(
        program=program, term=world.term, kind=Kind.SERVICE_LEARNING, title="Food drive for Riverside Food Bank"
    )
    for student in (world.peer_student, world.focus_student):
        ParticipantFactory(activity=activity, student=student, source=Participant.Source.PAIR)
    project = ServiceProject.objects.create(
        activity=activity,
        community_need="Families near the school need food over the winter break.",
        partner_organisation="Riverside Food Bank",
        partner_contact="Dana Whitfield, dana@foodbank.example.org",
        materials="Boxes, posters, a trolley",
        costs=Decimal("35.00"),
        outcomes="412 cans collected.",
    )
    task = ServiceTask.objects.create(project=project, task="Sort the cans", role="Sorters", order=1)
    task.students.set([world.peer_student, world.focus_student])
    spare_task = ServiceTask.objects.create(project=project, task="Make posters", role="Artists", order=2)
    photo = ServicePhoto.objects.create(
        project=project, image=stored_png("activities/photos/role-matrix/sorting.png"), caption="Sorting day"
    )
    photo.students.set([world.peer_student, world.focus_student])
    spare_photo = ServicePhoto.objects.create(
        project=project, image=stored_png("activities/photos/role-matrix/posters.png"), caption="Posters"
    )
    claim = ServiceHoursFactory(
        program=program,
        term=world.term,
        student=world.peer_student,
        proof=stored_png("activities/hours/role-matrix/proof.png"),
    )
    approved = [
        ServiceHoursFactory(
            program=program,
            term=world.term,
            student=student,
            activity=activity,
            source="attendance",
            verification="not_needed",
            verifier_name="",
            verifier_email="",
            description=str(activity),
            hours="1.50",
            approval="approved",
            decided_by=world.user("coordinator"),
            decided_at=datetime.datetime.now(datetime.UTC),
        )
        for student in (world.peer_student, world.focus_student)
    ]
    objects = ServiceObjects(
        program=program,
        activity=activity,
        project=project,
        task=task,
        spare_task=spare_task,
        photo=photo,
        spare_photo=spare_photo,
        claim=claim,
        verify_token=verify_token(claim),
        approved=approved,
    )
    world._east_service = objects
    return objects


# --- end of service's block ---------------------------------------------------------------------------------------
