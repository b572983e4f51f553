"""Data rules of districts, schools, terms and roles: a clear message, never a broken row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from schools.models import Membership, Role, Term, calendar_school_year_start
from tests.schools.factories import MembershipFactory, SchoolFactory, StudentFactory, TermFactory


def test_the_current_term_is_the_semester_not_the_whole_year(db):
    school = SchoolFactory()
    today = datetime.date(2026, 11, 23)
    year = TermFactory(school=school, name="2026–27", kind=Term.Kind.SCHOOL_YEAR,
                       start_date=datetime.date(2026, 8, 12), end_date=datetime.date(2027, 5, 28))
    fall = TermFactory(school=school, name="Fall 2026", parent=year,
                       start_date=datetime.date(2026, 8, 12), end_date=datetime.date(2026, 12, 18))
    assert list(Term.objects.filter(school=school).current(on=today)) == [fall, year]
    assert not Term.objects.filter(school=school).current(on=datetime.date(2027, 7, 1)).exists()


def test_a_term_must_end_after_it_starts(db):
    term = Term(school=SchoolFactory(), name="Backwards", kind=Term.Kind.SEMESTER,
                start_date=datetime.date(2026, 12, 1), end_date=datetime.date(2026, 8, 1))
    with pytest.raises(ValidationError, match="The last day must be after the first day"):
        term.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        term.save()


def test_a_semester_must_fall_inside_its_school_year(db):
    school = SchoolFactory()
    year = TermFactory(school=school, kind=Term.Kind.SCHOOL_YEAR,
                       start_date=datetime.date(2026, 8, 1), end_date=datetime.date(2027, 6, 1))
    semester = Term(school=school, parent=year, name="Too long", kind=Term.Kind.SEMESTER,
                    start_date=datetime.date(2026, 8, 1), end_date=datetime.date(2027, 8, 1))
    with pytest.raises(ValidationError, match="must fall inside the school year"):
        semester.full_clean()


def test_only_specialists_have_a_specialty(db):
    membership = MembershipFactory.build(school=SchoolFactory(), role=Role.GENERAL_EDUCATOR, specialty="slp")
    membership.user.save()
    with pytest.raises(ValidationError, match="Only related-service specialists"):
        membership.full_clean()
    specialist = Membership(user=membership.user, school=membership.school, role=Role.RELATED_SERVICE)
    with pytest.raises(ValidationError, match="Choose the specialist"):
        specialist.full_clean()


def test_a_person_holds_each_role_once_per_school_but_may_hold_several(db):
    first = MembershipFactory(role=Role.COORDINATOR)
    MembershipFactory(user=first.user, school=first.school, role=Role.SPECIAL_EDUCATOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(user=first.user, school=first.school, role=Role.COORDINATOR)


def test_a_students_grade_must_exist_at_the_school(db):
    student = StudentFactory.build(school=SchoolFactory(lowest_grade=6, highest_grade=8), grade=2)
    with pytest.raises(ValidationError, match="does not have this grade"):
        student.full_clean()


def test_a_students_preferred_name_is_used(db):
    student = StudentFactory(first_name="Elizabeth", preferred_name="Lizzie", last_name="Ng")
    assert student.full_name == "Lizzie Ng"


# --- The school year: one definition, the school's own "school year" term ---


@pytest.fixture
def two_years(db):
    school = SchoolFactory()
    this = TermFactory(school=school, name="2025–26", kind=Term.Kind.SCHOOL_YEAR,
                       start_date=datetime.date(2025, 8, 12), end_date=datetime.date(2026, 5, 28))
    following = TermFactory(school=school, name="2026–27", kind=Term.Kind.SCHOOL_YEAR,
                            start_date=datetime.date(2026, 8, 11), end_date=datetime.date(2027, 5, 27))
    # A semester of this year is not a school year, and another school's year never counts.
    TermFactory(school=school, name="Fall 2025", parent=this,
                start_date=datetime.date(2025, 8, 12), end_date=datetime.date(2025, 12, 19))
    TermFactory(school=SchoolFactory(), name="Elsewhere", kind=Term.Kind.SCHOOL_YEAR,
                start_date=datetime.date(2025, 7, 1), end_date=datetime.date(2026, 6, 30))
    return school, this, following


def test_the_school_year_containing_a_day_at_its_edges(two_years):
    school, this, following = two_years
    containing = Term.objects.school_year_containing
    assert containing(school, datetime.date(2025, 8, 11)) is None  # the summer before
    assert containing(school, datetime.date(2025, 8, 12)) == this  # first day
    assert containing(school, datetime.date(2026, 5, 28)) == this  # last day
    assert containing(school.pk, datetime.date(2026, 5, 28)) == this  # a school's id will do
    assert containing(school, datetime.date(2026, 5, 29)) is None  # the summer between
    assert containing(school, datetime.date(2026, 8, 11)) == following
    assert Term.objects.school_year_end(school, datetime.date(2025, 12, 1)) == datetime.date(2026, 5, 28)
    assert Term.objects.school_year_end(school, datetime.date(2026, 7, 1)) is None


def test_the_school_year_of_a_term(two_years):
    school, this, following = two_years
    fall = Term.objects.get(name="Fall 2025")
    loose = TermFactory(school=school, name="Spring 2027 (no parent)",
                        start_date=datetime.date(2027, 1, 5), end_date=datetime.date(2027, 5, 27))
    summer = TermFactory(school=school, name="Summer 2026", kind=Term.Kind.SUMMER,
                         start_date=datetime.date(2026, 6, 8), end_date=datetime.date(2026, 7, 31))
    assert Term.objects.school_year_of(this) == this
    assert Term.objects.school_year_of(fall) == this  # its parent
    assert Term.objects.school_year_of(loose) == following  # the year around it
    assert Term.objects.school_year_of(summer) is None  # between two years


def test_the_next_school_year(two_years):
    school, this, following = two_years
    assert Term.objects.next_school_year(school, after=datetime.date(2026, 5, 28)) == following
    assert Term.objects.next_school_year(school, after=datetime.date(2025, 8, 11)) == this
    assert Term.objects.next_school_year(school, after=datetime.date(2026, 8, 11)) is None


def test_without_terms_the_calendar_gives_the_year_a_school_year_started_in():
    assert calendar_school_year_start(datetime.date(2026, 6, 30)) == 2025
    assert calendar_school_year_start(datetime.date(2026, 7, 1)) == 2026
    assert calendar_school_year_start(datetime.date(2026, 12, 31)) == 2026
    assert calendar_school_year_start(datetime.date(2027, 1, 1)) == 2026
