"""Issue 11's "done when", on the seeded demo a newcomer gets from `make run`, in a real browser.

A newcomer fails to sign in five times and is locked out; signs in as an administrator and is made to set up a second
step; opens a student's profile as the coordinator and sees that view in the principal's access log; files a records
request and downloads the bundle; and finds none of the confidential fields on the peer's pages.
"""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from playwright.sync_api import expect

from schools.models import BehaviorNote, Guardian, IEPGoal, Student, User

from .conftest import assert_no_axe_violations, pass_second_step, save_screenshot

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "peerpartners"
LOCKED_OUT = "Too many wrong passwords for this account. Try again in 15 minutes, or ask your coordinator."


@pytest.fixture
def demo(settings, tmp_path, transactional_db):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())


def type_password(page, username, password):
    page.goto(reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password or sign-in code").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def sign_out(page):
    page.context.clear_cookies()


def test_a_newcomer_walks_through_the_privacy_guarantees(new_page, demo):
    page = new_page()

    # Five wrong passwords lock the account: the right one is refused too, with a plain message.
    for _attempt in range(5):
        type_password(page, "east.teacher", "not-the-password")
    type_password(page, "east.teacher", DEMO_PASSWORD)
    expect(page.get_by_text(LOCKED_OUT)).to_be_visible()
    save_screenshot(page, "privacy-journey-locked-out")
    # The lockout page answers 429 (Too Many Requests) on purpose; the harness fails on any other 4xx.
    assert new_page.problems and all(problem.startswith("429 ") for problem in new_page.problems)
    new_page.problems.clear()

    # The principal signs in and is made to set up the second step before any other page.
    type_password(page, "east.principal", DEMO_PASSWORD)
    page.wait_for_url("**/accounts/two-factor/setup/**")
    expect(page.get_by_role("heading", name="Set up your second step")).to_be_visible()
    expect(page.get_by_text("Your role can see confidential student records")).to_be_visible()
    page.goto(reverse("access_log"))
    page.wait_for_url("**/accounts/two-factor/setup/**")
    assert_no_axe_violations(page)
    pass_second_step(page, "east.principal")
    page.wait_for_url("**/access-log/")  # then on to the page they asked for
    sign_out(page)

    # The coordinator (also made to set it up) opens a focus student's confidential record.
    noah = Student.objects.get(school__slug="east-elementary", first_name="Noah")
    type_password(page, "east.coordinator", DEMO_PASSWORD)
    pass_second_step(page, "east.coordinator")
    page.wait_for_url("**/dashboard/")
    page.goto(reverse("student_detail", args=[noah.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Noah")

    # The coordinator files a records request and downloads everything held about Noah.
    page.goto(reverse("privacy:request_add"))
    page.get_by_role("combobox", name="Student").select_option(value=str(noah.pk))
    page.get_by_label("Requested by").fill("Erin Bennett")
    page.get_by_role("button", name="File the request").click()
    expect(page.get_by_text("Records request filed.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download everything held about this student").click()
    download = download_info.value
    assert "Noah" not in download.suggested_filename and download.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.path()) as bundle:
        names = bundle.namelist()
        held = json.loads(bundle.read("records.json"))
    assert "records.pdf" in names
    goal = IEPGoal.objects.filter(student=noah).first()
    assert goal is not None and goal.goal in json.dumps(held)
    sign_out(page)

    # The principal reads both in the access log: the coordinator's view and the export. Their app's code of a minute
    # ago cannot be used twice, so they type one of their recovery codes (each works once).
    type_password(page, "east.principal", DEMO_PASSWORD)
    page.wait_for_url("**/accounts/two-factor/verify/**")
    recovery_code = StaticToken.objects.filter(device__user__username="east.principal").first().token
    page.get_by_label("Code").fill(recovery_code)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/dashboard/")
    assert not StaticToken.objects.filter(token=recovery_code, device__user__username="east.principal").exists()
    page.goto(reverse("access_log"))
    rows = page.get_by_role("row").filter(has_text="Noah Bennett")
    expect(rows.filter(has_text="Viewed").first).to_be_visible()
    expect(rows.filter(has_text="Exported").first).to_be_visible()
    coordinator = User.objects.get(username="east.coordinator").display_name
    expect(rows.filter(has_text="Viewed").first).to_contain_text(coordinator)
    save_screenshot(page, "privacy-journey-access-log")
    sign_out(page)

    # The peer (no second step asked) opens their partner's page: none of Noah's confidential fields are there.
    type_password(page, "east.peer", DEMO_PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(reverse("recruitment:partner_profile", args=[noah.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Noah")
    text = page.content()
    secrets = [goal.goal for goal in IEPGoal.objects.filter(student=noah)]
    secrets += [note.behavior for note in BehaviorNote.objects.filter(student=noah)]
    secrets += [guardian.name for guardian in Guardian.objects.filter(student=noah)]
    secrets += [value for value in (noah.support_needs, noah.cultural_considerations) if value]
    assert secrets, "the demo gives Noah confidential fields to look for"
    assert [secret for secret in secrets if secret in text] == []
    assert_no_axe_violations(page)
