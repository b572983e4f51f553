import datetime

import factory
from django.contrib.auth.hashers import make_password

from schools.models import District, DistrictAdministrator, IEPGoal, Membership, School, Student, Term, User

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


class IEPGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IEPGoal

    student = factory.SubFactory(FocusStudentFactory)
    domain = IEPGoal.Domain.SOCIAL
    goal = factory.Sequence(lambda n: f"Confidential IEP goal {n}: greet a classmate at lunch")
