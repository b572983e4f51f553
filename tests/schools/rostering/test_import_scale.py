"""Checking and applying an import cost the same number of queries for 50 students as for 500: rows are read and
written in batches (``bulk_create``, ``bulk_update``, class memberships in bulk), never one query per row or class.
The 20,000-student timing is `make bench` (benchmarks/test_roster_import_benchmark.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from schools.models import Guardian, SchoolClass, Student
from schools.rostering import services
from schools.rostering.models import RosterImport
from tests.schools.factories import SchoolFactory, TermFactory, UserFactory

from .testdata import generated_set, oneroster_zip


def school():
    school = SchoolFactory(lowest_grade=0, highest_grade=5, source_id="sch-1")
    TermFactory(school=school, name="Fall")
    return school


def upload(school, files: dict[str, str]) -> RosterImport:
    return services.roster_import_start(school=school, uploaded_by=UserFactory(), file_format="oneroster",
                                        name="roster.zip", data=oneroster_zip(files).read(), new_student_kind="peer")


def queries(work) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        result = work()
    return len(captured), result


def import_counting_queries(school, files) -> tuple[int, int]:
    """(queries to check, queries to apply) for one upload of ``files``."""
    checking, roster_import = queries(lambda: services.roster_import_analyse(roster_import=upload(school, files)))
    assert roster_import.status == RosterImport.Status.READY, roster_import.report["errors"][:3]
    services.roster_import_confirm(roster_import=roster_import, confirmed_by=roster_import.uploaded_by)
    applying, roster_import = queries(lambda: services.roster_import_apply(roster_import=roster_import))
    assert roster_import.status == RosterImport.Status.DONE, roster_import.report["errors"][:3]
    return checking, applying


def renamed(files: dict[str, str]) -> dict[str, str]:
    """The same set a term later: every family name changed, and every student moved to the next block of classes."""
    changed = dict(files)
    changed["users.csv"] = files["users.csv"].replace(",Family", ",Kin")
    changed["enrollments.csv"] = files["enrollments.csv"].replace(",c1,", ",c0,")
    return changed


def assert_batches_only(small: tuple[int, int], large: tuple[int, int]) -> None:
    """PostgreSQL takes a whole batch (500 rows) in one statement: the counts are equal. SQLite caps a statement at
    999 parameters, so its batches are smaller and a few more of them are needed; still far from a query per row
    (450 more students bring 450 guardians, 1,350 enrolments and 45 classes)."""
    if connection.vendor == "postgresql":
        assert small == large
    else:
        assert small[0] == large[0]
        assert large[1] - small[1] <= 450 / 15, (small, large)


def test_queries_do_not_grow_with_the_roster(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    small, large = school(), school()
    small_files, large_files = generated_set(50), generated_set(500)

    assert_batches_only(import_counting_queries(small, small_files), import_counting_queries(large, large_files))
    assert Student.objects.filter(school=large).count() == Guardian.objects.filter(student__school=large).count() == 500
    enrolments = SchoolClass.students.through.objects.filter(schoolclass__school=large)
    assert enrolments.count() == 1500

    # A second import updates every student and guardian and changes memberships: still batches, not rows.
    assert_batches_only(import_counting_queries(small, renamed(small_files)),
                        import_counting_queries(large, renamed(large_files)))
    assert not Student.objects.filter(school=large, last_name__startswith="Family").exists()
    assert Student.objects.filter(school=large, last_name__startswith="Kin").count() == 500
    assert not enrolments.filter(schoolclass__source_id="c1").exists()
    assert enrolments.count() == 1500
