"""Accepting a peer never puts their homeroom teacher's name into the roster's homeroom (a class, e.g. "Room 4B"):
the homeroom is set only when exactly one homeroom class of the school has the teacher the applicant named."""

import pytest

from recruitment.campaigns import services
from schools.models import SchoolClass
from tests.schools.factories import StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(east):
    east.campaign.requires_guardian_consent = False
    east.campaign.save()
    east.application.homeroom_teacher = "Keisha Morgan"
    east.application.save()
    return east.application


def homeroom_class(world, title, teacher_name, **fields):
    return SchoolClass.objects.create(school=world.school, title=title, teacher_name=teacher_name,
                                      is_homeroom=fields.pop("is_homeroom", True), **fields)


def accept(world, application):
    return services.application_accept(application=application, decided_by=world.user("coordinator"))


def test_a_teachers_name_is_not_a_homeroom(world, application):
    student = accept(world, application).student
    assert student.homeroom == ""
    assert student.homeroom != "Keisha Morgan"
    # The teacher's name stays where the applicant wrote it.
    assert student.applications.get().homeroom_teacher == "Keisha Morgan"


@pytest.mark.parametrize("typed", ["Keisha Morgan", "Ms. Morgan", "morgan", "  keisha   MORGAN "])
def test_the_homeroom_class_of_the_named_teacher_is_used(world, application, typed):
    homeroom_class(world, "Room 4B", "Keisha Morgan")
    homeroom_class(world, "Room 5C", "Daniel Okafor")
    homeroom_class(world, "Science 4", "Keisha Morgan", is_homeroom=False)
    application.homeroom_teacher = typed
    application.save()
    assert accept(world, application).student.homeroom == "Room 4B"


def test_two_homerooms_with_that_teacher_leave_the_homeroom_empty(world, application):
    homeroom_class(world, "Room 4B", "Keisha Morgan")
    homeroom_class(world, "Room 2A", "Paul Morgan")
    application.homeroom_teacher = "Mr. Morgan"
    application.save()
    assert accept(world, application).student.homeroom == ""


def test_another_schools_homeroom_is_never_used(world, application):
    SchoolClass.objects.create(school=world.other_school, title="Room 9", teacher_name="Keisha Morgan",
                               is_homeroom=True)
    assert accept(world, application).student.homeroom == ""


def test_the_rosters_homeroom_is_not_overwritten(world, application):
    existing = StudentFactory(school=world.school, first_name="Maya", last_name="Chen", grade=4, homeroom="Room 12")
    homeroom_class(world, "Room 4B", "Keisha Morgan")
    student = accept(world, application).student
    assert student == existing and student.homeroom == "Room 12"
