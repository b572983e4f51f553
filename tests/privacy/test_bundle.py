"""One action produces everything held about a student: a readable PDF, a JSON file and CSV files, built on demand."""

import csv
import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from schools.privacy import bundle
from schools.privacy.bundle import student_record_bundle
from schools.privacy.models import ConsentRecord
from schools.services import record_access
from tests.programs.factories import ProgramFactory, ProgramParticipantFactory
from tests.recruitment.factories import GuardianConsentFactory, PeerApplicationFactory
from tests.schools.factories import BehaviorNoteFactory, GuardianFactory, PeerPreferenceFactory

pytestmark = pytest.mark.usefixtures("weasyprint_ready")

SECTIONS = {
    "profile",
    "guardians",
    "iep_goals",
    "behavior_notes",
    "peer_preferences",
    "availability",
    "classes",
    "program_participations",
    "matches",
    "applications",
    "nominations",
    "consent_records",
    "guardian_consents",
    "disclosures",
    "inspection_requests",
    "access_log",
    # Shared activities: activities/records.py.
    "activity_places",
    "activity_attendance",
    "activity_check_ins",
    "service_hours",
    "facilitation_logs",
    "support_changes",
    "observations",
    "journal_entries",
    # Evaluation (issue 22): evaluation/records.py.
    "survey_responses",
    "survey_answers",
    "goal_scales",
    "goal_ratings",
    "contact_nominations",
    "pair_check_ins",
}


def open_bundle(content: bytes):
    archive = zipfile.ZipFile(io.BytesIO(content))
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read("records.pdf"))).pages)
    document = json.loads(archive.read("records.json"))
    csvs = {
        name.removeprefix("csv/").removesuffix(".csv"): list(csv.DictReader(io.StringIO(archive.read(name).decode())))
        for name in archive.namelist()
        if name.startswith("csv/")
    }
    return pdf_text, document, csvs


@pytest.fixture
def full_record(world, records):
    student = world.focus_student
    note = BehaviorNoteFactory(student=student, behavior="Hums loudly when the bell rings")
    PeerPreferenceFactory(student=student, group="The chess club")
    ProgramParticipantFactory(program=ProgramFactory(school=world.school, name="Peer to Peer"), student=student)
    ConsentRecord.objects.create(school=world.school, student=student, scope="account", given_by="Erin Bennett")
    application = PeerApplicationFactory(first_name="Noah", last_name="Bennett", grade=3, student=student)
    GuardianConsentFactory(application=application, guardian_name="Erin Bennett")
    record_access(user=world.user("coordinator"), school=world.school, student=student, action="view", what="IEP goals")
    return note


def test_the_bundle_holds_every_section_in_pdf_json_and_csv(world, full_record):
    pdf_text, document, csvs = open_bundle(student_record_bundle(world.focus_student))

    # The PDF is readable text, with the confidential record in it.
    assert "Everything held about Noah Bennett" in pdf_text
    assert world.iep_goal.goal in pdf_text
    assert "Hums loudly when the bell rings" in pdf_text

    assert set(document["sections"]) == SECTIONS == set(csvs)
    assert document["student_id"] == world.focus_student.pk
    profile = document["sections"]["profile"][0]
    assert (profile["first_name"], profile["last_name"]) == ("Noah", "Bennett")
    assert "support_needs" in profile and "date_of_birth" in profile
    assert document["sections"]["iep_goals"][0]["goal"] == world.iep_goal.goal
    assert document["sections"]["behavior_notes"][0]["behavior"] == "Hums loudly when the bell rings"
    assert document["sections"]["program_participations"][0]["program"] == "Peer to Peer"
    assert document["sections"]["guardian_consents"][0]["guardian_name"] == "Erin Bennett"
    assert document["sections"]["disclosures"][0]["recipient"] == "Riverside district office"
    assert document["sections"]["inspection_requests"][0]["requested_by"] == "Erin Bennett"
    # Who looked, and when: the access log about the student (never the content itself).
    looked = document["sections"]["access_log"][0]
    assert looked["user"] == "east.coordinator" and looked["what"] == "IEP goals" and looked["at"]
    assert "ip_address" not in looked  # where staff looked from is about staff, not about the student

    assert csvs["behavior_notes"][0]["behavior"] == "Hums loudly when the bell rings"
    assert csvs["guardians"][0]["name"] == "Erin Bennett"


def test_link_secrets_are_left_out(world, full_record):
    content = student_record_bundle(world.focus_student)
    _pdf, document, _csvs = open_bundle(content)
    assert "token" not in document["sections"]["guardian_consents"][0]
    consent_token = str(world.focus_student.applications.get().consent.token)
    assert consent_token.encode() not in zipfile.ZipFile(io.BytesIO(content)).read("records.json")


def test_a_student_with_nothing_but_a_profile_still_gets_every_section(world):
    _pdf, document, csvs = open_bundle(student_record_bundle(world.peer_student))
    assert set(document["sections"]) == SECTIONS
    assert document["sections"]["iep_goals"] == [] and csvs["iep_goals"] == []


def test_the_bundle_is_not_written_to_disk(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    student_record_bundle(world.focus_student)
    assert not any(tmp_path.iterdir())


def test_the_pdf_fetches_nothing_from_another_host(world, monkeypatch):
    """The bundle's PDF goes through the one renderer (``schools.pdf``) and its restricted fetcher: a template asking
    for another host is refused."""
    from django.template import engines

    from schools import pdf

    template = engines["django"].from_string('<link rel="stylesheet" href="https://cdn.example.com/x.css"><p>hi</p>')
    monkeypatch.setattr(pdf, "render_to_string", lambda name, context: template.render(context))
    fetched = []
    real = pdf.url_fetcher

    def spying_fetcher():
        fetcher = real()
        original = fetcher.fetch

        def fetch(url, headers=None):
            try:
                return original(url, headers)
            except Exception as error:
                fetched.append((url, type(error).__name__))
                raise

        fetcher.fetch = fetch
        return fetcher

    monkeypatch.setattr(pdf, "url_fetcher", spying_fetcher)
    bundle.render_pdf(student=world.focus_student, collected=[], generated_at=None)
    # Asked and refused (WeasyPrint logs the refusal and prints the rest).
    assert fetched == [("https://cdn.example.com/x.css", "RefusedURL")]


def test_every_section_holds_the_guardian_contact(world):
    GuardianFactory(student=world.focus_student, name="Paul Bennett", phone="555-0199")
    _pdf, document, _csvs = open_bundle(student_record_bundle(world.focus_student))
    guardian = document["sections"]["guardians"][0]
    assert (guardian["name"], guardian["phone"]) == ("Paul Bennett", "555-0199")
