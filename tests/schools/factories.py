"""Factories of the core app (``schools``): districts, schools, terms, people, students and what is kept about them,
roster imports, the second step's authenticator; and the school's records work the role matrix and the privacy tests
meet (``east_records``, ``east_account_consent``). Every test builds the core app's rows from here."""

import datetime
from dataclasses import dataclass

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from schools.models import (
    BehaviorNote,
    BellSchedule,
    District,
    DistrictAdministrator,
    Guardian,
    IEPGoal,
    Membership,
    PeerPreference,
    Period,
    School,
    Student,
    Term,
    User,
)
from schools.privacy import guardian_links
from schools.privacy.models import ConsentRecord, InspectionRequest
from schools.privacy.services import disclosure_record

# Hashing once keeps the suite fast; every factory user signs in with this password.
PASSWORD = "correct horse battery staple"
_PASSWORD_HASH = make_password(PASSWORD)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")
    level = School.Level.ELEMENTARY
    lowest_grade = 0
    highest_grade = 8


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Term {n}")
    kind = Term.Kind.SEMESTER
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    end_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@school.example.org")
    password = _PASSWORD_HASH


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = "coordinator"


class DistrictAdministratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistrictAdministrator

    user = factory.SubFactory(UserFactory)
    district = factory.SubFactory(DistrictFactory)


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    school = factory.SubFactory(SchoolFactory)
    kind = Student.Kind.PEER
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    grade = 4
    interests = "Soccer, drawing"


class FocusStudentFactory(StudentFactory):
    kind = Student.Kind.FOCUS
    communication = "Give me time to answer; offer two choices."
    support_needs = factory.Sequence(lambda n: f"Confidential support need {n}: visual schedule")


class BellScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BellSchedule

    school = factory.SubFactory(SchoolFactory)
    term = factory.SubFactory(TermFactory, school=factory.SelfAttribute("..school"))
    name = "Regular day"


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period

    schedule = factory.SubFactory(BellScheduleFactory)
    name = factory.Sequence(lambda n: f"Period {n}")
    kind = Period.Kind.CLASS
    order = factory.Sequence(lambda n: n + 1)
    starts_at = datetime.time(9, 0)
    ends_at = datetime.time(9, 50)


class GuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guardian

    student = factory.SubFactory(FocusStudentFactory)
    name = factory.Sequence(lambda n: f"Confidential Guardian {n}")
    relationship = "Mother"
    email = factory.Sequence(lambda n: f"guardian{n}@family.example.org")
    phone = "555-0100"
    language = "Spanish"


class BehaviorNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BehaviorNote

    student = factory.SubFactory(FocusStudentFactory)
    behavior = factory.Sequence(lambda n: f"Confidential behavior {n}: covers ears")
    what_it_may_communicate = "The room is too loud"
    how_to_respond = "Offer a break card"


class PeerPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerPreference

    student = factory.SubFactory(FocusStudentFactory)
    kind = PeerPreference.Kind.AVOID
    group = factory.Sequence(lambda n: f"Confidential group {n}")


class IEPGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IEPGoal

    student = factory.SubFactory(FocusStudentFactory)
    domain = IEPGoal.Domain.SOCIAL
    goal = factory.Sequence(lambda n: f"Confidential IEP goal {n}: greet a classmate at lunch")


# --- Roster import and export (schools.rostering) ---


class RosterImportFactory(factory.django.DjangoModelFactory):
    """An import waiting for confirmation; its file name is recorded but nothing is written to MEDIA_ROOT."""

    class Meta:
        model = "schools.RosterImport"

    school = factory.SubFactory(SchoolFactory)
    uploaded_by = factory.SubFactory(UserFactory)
    file = "roster-imports/factory/upload.csv"
    original_name = "roster.csv"
    file_format = "csv"
    new_student_kind = "peer"
    status = "ready"
    report = factory.LazyFunction(
        lambda: {
            "format": "Template (CSV)",
            "errors": [],
            "errors_total": 0,
            "skipped": [],
            "skipped_total": 0,
            "skipped_summary": [],
            "notes": [],
            "notes_total": 0,
            "changes": [],
            "changes_total": 0,
            "counts": {
                what: dict.fromkeys(("create", "update", "deactivate", "unchanged"), 0)
                for what in ("students", "guardians", "classes")
            },
        }
    )


def give_authenticator(user) -> TOTPDevice:
    """The person's confirmed authenticator app (made if they have none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


# --- East Elementary's records work (schools.privacy), for the role matrix and the privacy tests ---


@dataclass
class RecordsObjects:
    """An open records request about the focus student, one disclosure, and a guardian with an email address (with
    their signed link). Built once per ``world``."""

    inspection_request: object
    disclosure: object
    guardian: object

    @property
    def guardian_link(self) -> str:
        return guardian_links.sign(self.guardian)


def east_records(world) -> RecordsObjects:
    cached = getattr(world, "_east_records", None)
    if cached is not None:
        return cached
    student = world.focus_student
    received_on = timezone.localdate() - datetime.timedelta(days=3)
    inspection_request = InspectionRequest.objects.create(
        school=world.school,
        student=student,
        requested_by="Erin Bennett",
        relationship="Mother",
        contact="erin@family.example.org",
        received_on=received_on,
        due_on=received_on + datetime.timedelta(days=45),
    )
    disclosure = disclosure_record(
        student=student,
        recipient="Riverside district office",
        purpose="Annual program report",
        what="A report sent to the district office",
        disclosed_by=world.user("coordinator"),
    )
    guardian = GuardianFactory(student=student, name="Erin Bennett", email="erin@family.example.org")
    objects = RecordsObjects(inspection_request=inspection_request, disclosure=disclosure, guardian=guardian)
    world._east_records = objects
    return objects


def east_account_consent(world) -> ConsentRecord:
    """A consent to an account on record for East's peer (the sign-in and consent pages of the role matrix)."""
    consent = ConsentRecord.objects.filter(student=world.peer_student, scope=ConsentRecord.Scope.ACCOUNT).first()
    return consent or ConsentRecord.objects.create(
        school=world.school,
        student=world.peer_student,
        scope=ConsentRecord.Scope.ACCOUNT,
        given_by="Elena Ramirez",
        relationship="Mother",
        given_on=datetime.date(2026, 9, 1),
    )


class OutboxItemFactory(factory.django.DjangoModelFactory):
    """An email of a school that kept failing (the administrator's page lists it)."""

    class Meta:
        model = "schools.OutboxItem"

    kind = "email"
    school = factory.SubFactory(SchoolFactory)
    subject = "Your application was received"
    body = "Thank you."
    to = factory.LazyFunction(lambda: ["parent@example.org"])
    status = "failed"
    attempts = 8
    last_error = "SMTPRecipientsRefused: {'parent@example.org': (550, b'No such user')}"
