"""OneRoster rules on small files: deletions deactivate, 1.2 roles, terms, homerooms, the kind of new students."""

import pytest

from schools.models import Guardian, SchoolClass, Student
from schools.rostering.models import RosterImport

from .testdata import oneroster_zip, small_set, user_row

pytestmark = pytest.mark.usefixtures("all_grades")


@pytest.fixture
def linked(world):
    world.school.source_id = "sch-1"
    world.school.save(update_fields=["source_id"])
    return world.school


def import_set(upload, latest_import, confirm, files, **kwargs):
    upload([oneroster_zip(files)], **kwargs)
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.READY, roster_import.report["errors"]
    confirm(roster_import)
    assert roster_import.status == RosterImport.Status.DONE
    return roster_import


def test_a_student_marked_to_be_deleted_is_deactivated(world, linked, upload, latest_import, confirm):
    import_set(upload, latest_import, confirm, small_set(user_row("s1", "Ana", "Diaz"), user_row("s2", "Ben", "Ito")))
    second = import_set(upload, latest_import, confirm, small_set(
        user_row("s1", "Ana", "Diaz"), user_row("s2", "Ben", "Ito", status="tobedeleted"),
        user_row("s3", "Cy", "Oz", status="tobedeleted"),
    ))
    assert second.report["counts"]["students"] == {"create": 0, "update": 0, "deactivate": 1, "unchanged": 1}
    assert not Student.objects.get(source_id="s2").is_active
    assert Student.objects.get(source_id="s1").is_active
    assert not Student.objects.filter(source_id="s3").exists()
    assert "Marked to be deleted, and not on this school's roster" in {
        item["reason"] for item in second.report["skipped"]
    }


def test_new_students_get_the_kind_from_the_form_and_existing_ones_keep_theirs(
    world, linked, upload, latest_import, confirm
):
    import_set(upload, latest_import, confirm, small_set(user_row("s1", "Ana", "Diaz")), kind="focus")
    import_set(upload, latest_import, confirm,
               small_set(user_row("s1", "Ana", "Diaz"), user_row("s2", "Ben", "Ito")), kind="peer")
    assert Student.objects.get(source_id="s1").kind == "focus"
    assert Student.objects.get(source_id="s2").kind == "peer"


def test_oneroster_1_2_reads_roles_from_roles_csv(world, linked, upload, latest_import, confirm):
    users = ("sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,"
             "identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,"
             "preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns\n"
             "u1,active,,true,ana,,Anastasia,Diaz,,,,,,,11,,,,Ana,,,sch-1,\n"
             "u2,active,,true,tia,,Tia,Diaz,,,tia@example.org,,555-0100,u1,,,,,,,,sch-1,\n"
             "u3,active,,true,mr.k,,Karl,Kim,,,,,,,,,,,,,,sch-1,\n")
    roles = ("sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,"
             "userProfileSourcedId\n"
             "r1,active,,u1,primary,student,,,sch-1,\n"
             "r2,active,,u2,primary,guardian,,,sch-1,\n"
             "r3,active,,u3,primary,teacher,,,sch-1,\n")
    files = small_set(manifest="manifest.version,1.0\noneroster.version,1.2\n")
    files.update({"users.csv": users, "roles.csv": roles})
    roster_import = import_set(upload, latest_import, confirm, files)
    assert roster_import.report["format"] == "OneRoster 1.2"
    ana = Student.objects.get(source_id="u1")
    assert (ana.first_name, ana.preferred_name, ana.grade) == ("Anastasia", "Ana", 11)
    guardian = Guardian.objects.get(student=ana)
    assert (guardian.name, guardian.relationship, guardian.phone) == ("Tia Diaz", "Guardian", "555-0100")
    assert not Student.objects.filter(source_id="u3").exists()


def test_classes_take_the_matching_term_the_homeroom_and_birth_dates(world, linked, upload, latest_import, confirm):
    term = world.term  # "Fall"
    files = small_set(
        user_row("s1", "Ana", "Diaz"), user_row("t1", "Tom", "Reed", role="teacher", grades=""),
        classes=("c1,active,,Homeroom 10A,10,,HR-10A,homeroom,Room 12,sch-1,ses-1,,,\n"
                 "c2,active,,Biology,10,,BIO,scheduled,Lab,sch-1,\"ses-2,ses-1\",,,\"3,4\"\n"),
        sessions=(f"ses-1,active,,{term.name},semester,{term.start_date},{term.end_date},,2026\n"
                  "ses-2,active,,Other,semester,2001-01-01,2001-06-01,,2001\n"),
        enrollments=("e1,active,,c1,sch-1,s1,student,,,\ne2,active,,c2,sch-1,s1,student,,,\n"
                     "e3,active,,c2,sch-1,t1,teacher,true,,\n"),
        demographics="s1,active,,2010-04-02T00:00:00.000Z,female\n",
    )
    import_set(upload, latest_import, confirm, files)
    homeroom, biology = SchoolClass.objects.get(source_id="c1"), SchoolClass.objects.get(source_id="c2")
    assert homeroom.is_homeroom and homeroom.term == term
    assert (biology.term, biology.periods_text, biology.teacher_name) == (term, "3, 4", "Tom Reed")
    ana = Student.objects.get(source_id="s1")
    assert (ana.homeroom, str(ana.date_of_birth)) == ("Homeroom 10A", "2010-04-02")


def test_a_delta_file_adds_and_removes_enrollments(world, linked, upload, latest_import, confirm):
    users = (user_row("s1", "Ana", "Diaz"), user_row("s2", "Ben", "Ito"))
    classes = "c1,active,,Art,10,,ART,scheduled,,sch-1,,,,\n"
    import_set(upload, latest_import, confirm, small_set(*users, classes=classes,
                                                        enrollments="e1,active,,c1,sch-1,s1,student,,,\n"))
    delta = small_set(*users, classes=classes, manifest="oneroster.version,1.1\nfile.enrollments,delta\n",
                      enrollments="e1,tobedeleted,,c1,sch-1,s1,student,,,\ne2,active,,c1,sch-1,s2,student,,,\n")
    roster_import = import_set(upload, latest_import, confirm, delta)
    assert list(SchoolClass.objects.get(source_id="c1").students.values_list("source_id", flat=True)) == ["s2"]
    assert roster_import.report["counts"]["classes"]["update"] == 1
