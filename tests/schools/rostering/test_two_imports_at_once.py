"""Two roster imports of one school at once, on the real PostgreSQL with two connections: two applies run one after
the other (the school's row lock), so no student or guardian is added twice. (Confirming an import while another
one of the school is being imported is refused with a message: test_confirm_and_cancel.py.)"""

import pytest

from schools.models import Guardian, Student
from schools.rostering import services
from schools.rostering.models import RosterImport
from tests.concurrency import at_once, require_postgresql, slowed
from tests.schools.factories import StudentFactory

from .testdata import template_csv

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# Ana is on the roster already and gets her guardian; Ben is new.
ROWS = ("s1,Ana,Diaz,,2,,,,,Rosa Diaz,rosa@family.example.org,,", "s2,Ben,Ito,,3,,,,,Ken Ito,ken@family.example.org,,")


def checked_import(world, role) -> RosterImport:
    """An upload checked (the check task runs in-process when the upload commits) and ready to import."""
    roster_import = services.roster_import_start(
        school=world.school,
        uploaded_by=world.user(role),
        file_format=RosterImport.Format.CSV,
        name="roster.csv",
        data=template_csv(*ROWS).read(),
        new_student_kind="peer",
    )
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.READY, roster_import.report
    return roster_import


def test_two_applies_of_one_school_at_once_add_each_student_and_guardian_once(world, monkeypatch):
    require_postgresql()
    StudentFactory(school=world.school, source_id="s1", first_name="Ana", last_name="Diaz", grade=2)
    imports = [checked_import(world, "coordinator"), checked_import(world, "school_admin")]
    RosterImport.objects.filter(pk__in=[i.pk for i in imports]).update(status=RosterImport.Status.QUEUED)
    # The apply that takes the school's lock plans slowly: without the lock, the other would plan meanwhile against
    # the same roster, and both would add Ana's guardian (and collide over Ben).
    slowed(monkeypatch, services.planning, "build_plan")

    outcomes = at_once(*[lambda i=i: services.roster_import_apply(roster_import=i) for i in imports])

    assert [outcome.error for outcome in outcomes] == [None, None]
    for roster_import in imports:
        roster_import.refresh_from_db()
        assert roster_import.status == RosterImport.Status.DONE, roster_import.errors
    assert sorted(
        Student.objects.filter(school=world.school, source_id__in=["s1", "s2"]).values_list("source_id", flat=True)
    ) == ["s1", "s2"]
    assert sorted(Guardian.objects.filter(student__school=world.school).values_list("name", flat=True)) == [
        "Ken Ito",
        "Rosa Diaz",
    ]
