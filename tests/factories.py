import datetime

import factory
from django.contrib.auth.hashers import make_password

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

    student = factory.SubFactory("tests.factories.FocusStudentFactory")
    name = factory.Sequence(lambda n: f"Confidential Guardian {n}")
    relationship = "Mother"
    email = factory.Sequence(lambda n: f"guardian{n}@family.example.org")
    phone = "555-0100"
    language = "Spanish"


class BehaviorNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BehaviorNote

    student = factory.SubFactory("tests.factories.FocusStudentFactory")
    behavior = factory.Sequence(lambda n: f"Confidential behavior {n}: covers ears")
    what_it_may_communicate = "The room is too loud"
    how_to_respond = "Offer a break card"


class PeerPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerPreference

    student = factory.SubFactory("tests.factories.FocusStudentFactory")
    kind = PeerPreference.Kind.AVOID
    group = factory.Sequence(lambda n: f"Confidential group {n}")


class IEPGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IEPGoal

    student = factory.SubFactory(FocusStudentFactory)
    domain = IEPGoal.Domain.SOCIAL
    goal = factory.Sequence(lambda n: f"Confidential IEP goal {n}: greet a classmate at lunch")


# --- Programs, planning teams, meetings, action items (programs) ---
# Models named as "app.Model" so this appended block needs no imports in the middle of the module.


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Program"

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Peer Program {n}")
    form = "club"
    purposes = factory.LazyFunction(lambda: ["inclusive_school", "friendships"])
    lowest_grade = factory.LazyAttribute(lambda p: p.school.lowest_grade)
    highest_grade = factory.LazyAttribute(lambda p: p.school.highest_grade)
    status = "planning"


class PlanningTeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.PlanningTeamMember"

    program = factory.SubFactory(ProgramFactory)
    user = None
    name = factory.LazyAttribute(lambda m: "" if m.user else f"Team member {m.role}")
    role = "general_educator"
    is_coordinator = False
    is_core = True


class ProgramParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.ProgramParticipant"

    program = factory.SubFactory(ProgramFactory)
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..program.school"))


class PlanningMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.PlanningMeeting"

    program = factory.SubFactory(ProgramFactory)
    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    agenda = "Purpose, core components, who will be involved"
    decisions = "Start small with one grade level."


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.ActionItem"

    program = factory.SubFactory(ProgramFactory)
    meeting = None
    description = factory.Sequence(lambda n: f"Action item {n}: draft the recruitment brochure")
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))


class ExpansionStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.ExpansionStage"

    program = factory.SubFactory(ProgramFactory)
    order = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Stage {n}: one grade level at a time")
    target = "12 peers, 4 students"
    target_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=90))


class BudgetItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.BudgetItem"

    program = factory.SubFactory(ProgramFactory)
    description = factory.Sequence(lambda n: f"Field trip {n}")
    category = "field_trip"
    amount = 100


class DistrictApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.DistrictApproval"

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Program plan {n}")
    status = "needed"


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
    report = factory.LazyFunction(lambda: {"format": "Template (CSV)", "errors": [], "errors_total": 0,
                                           "skipped": [], "skipped_total": 0, "skipped_summary": [], "notes": [],
                                           "notes_total": 0, "changes": [], "changes_total": 0,
                                           "counts": {what: dict.fromkeys(("create", "update", "deactivate",
                                                                           "unchanged"), 0)
                                                      for what in ("students", "guardians", "classes")}})
