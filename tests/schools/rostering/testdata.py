"""The real OneRoster sets in ../shared/testdata (read in place), and small files made by the tests.

The real sets sit beside the project in the development workspace, not in a clone of the repository: a test that
reads them skips with the reason when they are absent, and fails instead when ``REQUIRE_SERVICES`` is set (CI).
"""

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from ...conftest import service_missing

TESTDATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "testdata" / "oneroster"
CATALYST = TESTDATA / "catalyst-moodle-full-v1p1"
EDFI = TESTDATA / "edfi-lms-toolkit-v1p1"
CATALYST_ORG = "org-sch-222-456"
EDFI_SCHOOL_ORG = "255901001"

HEADER = ("student id,first name,last name,preferred name,grade,kind,homeroom,date of birth,interests,"
          "guardian name,guardian email,guardian phone,guardian language")


def real_set(folder: Path) -> Path:
    """The folder of a real set; skips the test (fails it under ``REQUIRE_SERVICES``) when it is not there."""
    if not folder.is_dir():
        service_missing(
            f"the real OneRoster set {folder.name} is not at {folder.resolve()}: it comes with the development "
            "workspace (../shared/testdata), not with a clone"
        )
    return folder


def real_files(folder: Path) -> list[SimpleUploadedFile]:
    """Every CSV of a set, as separately uploaded files."""
    real_set(folder)
    return [SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
            for path in sorted(folder.glob("*.csv"))]


def zipped(folder: Path, name: str = "oneroster.zip") -> SimpleUploadedFile:
    """A set's CSV files zipped in memory (the Ed-Fi set ships no zip of its own)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(real_set(folder).glob("*.csv")):
            archive.writestr(path.name, path.read_bytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def catalyst_zip() -> SimpleUploadedFile:
    path = real_set(CATALYST) / "Test_full_data_set.zip"
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/zip")


def csv_file(text: str, name: str = "roster.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def template_csv(*rows: str, header: str = HEADER) -> SimpleUploadedFile:
    return csv_file("\n".join((header, *rows)) + "\n")


def oneroster_zip(files: dict[str, str], name: str = "roster.zip") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file_name, text in files.items():
            archive.writestr(file_name, text)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nsch-1,active,,Lincoln High,school,,\n"
USERS_HEADER = ("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
                "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password")


def user_row(sourced_id, given, family, *, role="student", org="sch-1", status="active", grades="10", agents="",
             email=""):
    return (f"{sourced_id},{status},,true,{org},{role},{given.lower()},,{given},{family},,,{email},,,"
            f"{agents},{grades},")


def small_set(*user_rows, classes="", enrollments="", sessions="", demographics="", manifest="") -> dict[str, str]:
    """A OneRoster 1.1 set for org sch-1 (“Lincoln High”) with the given rows."""
    files = {"orgs.csv": ORGS, "users.csv": "\n".join((USERS_HEADER, *user_rows)) + "\n"}
    if classes:
        files["classes.csv"] = ("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
                                "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n" + classes)
    if enrollments:
        files["enrollments.csv"] = ("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,"
                                    "userSourcedId,role,primary,beginDate,endDate\n" + enrollments)
    if sessions:
        files["academicSessions.csv"] = ("sourcedId,status,dateLastModified,title,type,startDate,endDate,"
                                         "parentSourcedId,schoolYear\n" + sessions)
    if demographics:
        files["demographics.csv"] = "sourcedId,status,dateLastModified,birthDate,sex\n" + demographics
    if manifest:
        files["manifest.csv"] = "propertyName,value\n" + manifest
    return files


def generated_set(students: int, *, enrolments_per_student: int = 3, students_per_class: int = 30) -> dict[str, str]:
    """A large, tidy OneRoster 1.1 set for org sch-1: ``students`` students (grades 1-5), each with one guardian and
    a birth date, one teacher per class, and ``enrolments_per_student`` class enrolments each.

    For the speed and query-count checks; a student's ids and names depend only on its number, so two sizes of
    set describe the same first students.
    """
    class_count = max(enrolments_per_student, students * enrolments_per_student // students_per_class)
    users, enrollments, demographics = [USERS_HEADER], [], []
    for n in range(class_count):
        users.append(user_row(f"t{n}", f"Teacher{n}", "Staff", role="teacher", grades=""))
        enrollments.append(f"e-t{n},active,,c{n},sch-1,t{n},teacher,true,,")
    for n in range(students):
        users.append(user_row(f"s{n}", f"Student{n}", f"Family{n}", grades=str(1 + n % 5), agents=f"g{n}"))
        users.append(user_row(f"g{n}", f"Parent{n}", f"Family{n}", role="parent", grades="", agents=f"s{n}",
                              email=f"parent{n}@example.org"))
        demographics.append(f"s{n},active,,{2012 + n % 5}-0{1 + n % 9}-1{n % 10},")
        for k in range(enrolments_per_student):
            # Consecutive students share classes; each of a student's enrolments is in another block of classes.
            klass = (n // students_per_class + k * (class_count // enrolments_per_student)) % class_count
            enrollments.append(f"e-s{n}-{k},active,,c{klass},sch-1,s{n},student,false,,")
    classes = "".join(f"c{n},active,,Class {n},,,C{n},scheduled,Room {n},sch-1,term-1,,,{1 + n % 6}\n"
                      for n in range(class_count))
    return small_set(
        *users[1:],
        classes=classes,
        enrollments="\n".join(enrollments) + "\n",
        sessions="term-1,active,,Fall,semester,2026-08-20,2026-12-20,,2027\n",
        demographics="\n".join(demographics) + "\n",
        manifest="oneroster.version,1.1\nfile.enrollments,bulk\n",
    )
