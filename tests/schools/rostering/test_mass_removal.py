"""A bulk file that would empty the classes or deactivate most students waits for the coordinator to confirm the
numbers; the preview names every student who is not in the file and what becomes of them."""

import pytest
from django.urls import reverse

from schools.models import SchoolClass, Student
from schools.rostering.models import RosterImport

from .testdata import oneroster_zip, small_set, user_row

pytestmark = pytest.mark.usefixtures("all_grades")

USERS = (user_row("s1", "Ana", "Diaz"), user_row("s2", "Ben", "Ito"), user_row("s3", "Cy", "Oz"))
CLASSES = "c1,active,,Art,10,,ART,scheduled,,sch-1,,,,\nc2,active,,Biology,10,,BIO,scheduled,,sch-1,,,,\n"
ENROLLMENTS = "".join(
    f"e{number},active,,{klass},sch-1,{student},student,,,\n"
    for number, (klass, student) in enumerate(
        [(klass, student) for klass in ("c1", "c2") for student in ("s1", "s2", "s3")], start=1
    )
)
ENROLLMENTS_HEADER = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"


@pytest.fixture
def imported(world, upload, latest_import, confirm):
    """East linked to sch-1 with three students, each in Art and Biology (six enrolments)."""
    world.school.source_id = "sch-1"
    world.school.save(update_fields=["source_id"])
    upload([oneroster_zip(small_set(*USERS, classes=CLASSES, enrollments=ENROLLMENTS))])
    confirm(latest_import())
    assert latest_import().status == RosterImport.Status.DONE
    return world.school


def enrolments() -> int:
    return SchoolClass.students.through.objects.count()


def truncated_set() -> dict[str, str]:
    """A bulk export cut short: users.csv and enrollments.csv hold only their headers."""
    files = small_set(classes=CLASSES)
    files["enrollments.csv"] = ENROLLMENTS_HEADER + "beginDate,endDate\n"
    return files


def test_a_truncated_set_is_not_applied_until_the_coordinator_confirms_the_numbers(
    world, imported, upload, latest_import, client, django_capture_on_commit_callbacks
):
    assert enrolments() == 6
    upload([oneroster_zip(truncated_set())])
    roster_import = latest_import()
    removals = roster_import.report["removals"]
    assert removals["needs_confirmation"]
    assert (removals["enrolments_removed"], removals["enrolments_total"]) == (6, 6)

    page = client.get(reverse("rostering:import_detail", kwargs={"pk": roster_import.pk})).content.decode()
    assert "This file would take 6 of the school's 6 class enrolments away" in page
    assert "The file holds no enrolments" in page
    # Every student who is not in the file, and what happens to them.
    assert "Not in the file" in page
    for name in ("Ana Diaz", "Ben Ito", "Cy Oz"):
        assert name in page
    assert "Stays on the roster; taken out of Art, Biology" in page

    # Confirming without ticking the box that names the numbers changes nothing.
    url = reverse("rostering:confirm", kwargs={"pk": roster_import.pk})
    response = client.post(url, follow=True)
    assert "Tick the box that names the numbers" in response.content.decode()
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.READY
    # A forged number is refused the same way.
    client.post(url, {"confirm_removals": "1"})
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.READY
    assert enrolments() == 6

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm_removals": removals["token"]})
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.DONE
    assert enrolments() == 0
    assert Student.objects.filter(source_id__in=["s1", "s2", "s3"], is_active=True).count() == 3


def test_a_roster_that_changed_after_the_confirmation_is_checked_again(
    world, imported, upload, latest_import, client, django_capture_on_commit_callbacks
):
    # This file takes 1 of Biology's students out: no confirmation needed at the preview.
    upload(
        [
            oneroster_zip(
                small_set(
                    *USERS, classes=CLASSES, enrollments=ENROLLMENTS.replace("e6,active,,c2,sch-1,s3,student,,,\n", "")
                )
            )
        ]
    )
    roster_import = latest_import()
    assert not roster_import.report["removals"]["needs_confirmation"]
    # Meanwhile someone changes the classes by hand: applied now, the same file would remove most enrolments, which
    # the coordinator never confirmed. It is refused when applied, not written.
    SchoolClass.objects.get(source_id="c1").students.clear()
    SchoolClass.objects.get(source_id="c2").students.set(Student.objects.filter(source_id="s3"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rostering:confirm", kwargs={"pk": roster_import.pk}))
    roster_import.refresh_from_db()
    # The file now adds five enrolments and removes one of one: that is most of them.
    assert roster_import.status == RosterImport.Status.FAILED
    assert "changed since the preview" in roster_import.report["errors"][0]["message"]
    assert enrolments() == 1


def test_a_file_that_deactivates_most_students_needs_the_confirmation(world, imported, upload, latest_import):
    upload(
        [
            oneroster_zip(
                small_set(
                    user_row("s1", "Ana", "Diaz"),
                    user_row("s2", "Ben", "Ito", status="tobedeleted"),
                    user_row("s3", "Cy", "Oz", status="tobedeleted"),
                    classes=CLASSES,
                    enrollments=ENROLLMENTS,
                )
            )
        ]
    )
    removals = latest_import().report["removals"]
    assert removals["needs_confirmation"]
    # Out of the students the student information system gave us (East's two entered by hand are not counted).
    assert (removals["students_deactivated"], removals["students_total"]) == (2, 3)


def test_an_ordinary_update_needs_no_confirmation(world, imported, upload, latest_import, confirm):
    upload(
        [
            oneroster_zip(
                small_set(
                    *USERS,
                    user_row("s4", "Di", "Fa"),
                    classes=CLASSES,
                    enrollments=ENROLLMENTS + "e9,active,,c1,sch-1,s4,student,,,\n",
                )
            )
        ]
    )
    roster_import = latest_import()
    assert not roster_import.report["removals"]["needs_confirmation"]
    assert roster_import.report["absent_total"] == 2  # East's two students entered by hand
    confirm(roster_import)
    assert roster_import.status == RosterImport.Status.DONE
    assert enrolments() == 7
