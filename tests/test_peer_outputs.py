"""A peer's and a focus student's pages, PDFs and emails never hold a focus student's confidential record.

The focus student (paired with the peer through a confirmed match) gets a unique marker in every confidential field:
support needs and the other ``Student.SENSITIVE_FIELDS``, date of birth, staff-only notes, AAC device, speech and
complex communication needs, IEP goals, behaviour notes, peer preferences and guardians. Then everything the peer and
the focus student can open is rendered (every role-matrix page they may see, and every page linked from those), as
are the printed brochure and poster and every email the recruitment flows send to applicants, nominees and
guardians; no marker may appear. The peer-safe fields do appear, which proves the partner pages were reached.
"""

import datetime
import io
import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from recruitment.campaigns import services as decisions
from recruitment.models import GuardianConsent
from schools.models import AccessLogEntry, PeerPreference, Student
from tests.activities.factories import east_feeds
from tests.activities.journals.factories import OTHER_PEER_MARKER
from tests.recruitment.factories import GuardianConsentFactory, PeerApplicationFactory, east_applying, east_matching
from tests.schools.factories import BehaviorNoteFactory, GuardianFactory, PeerPreferenceFactory

from .foreign_loads import foreign_loads
from .role_matrix import MATRIX, OK

# In every marker, so a leak is found whatever field it came from; six characters, so a random CSRF token on the
# page (64 letters and digits) does not contain it by chance (three once did).
SECRET = "zq7vkx"
PEER_SAFE = {field: f"safe-{field}-ok4" for field in ("interests", "communication", "how_to_help")}
BIRTHDAY = datetime.date(2013, 7, 19)
SPELLINGS_OF_THE_BIRTHDAY = ("2013-07-19", "July 19, 2013", "Jul. 19, 2013", "07/19/2013", "19/07/2013", "19 July 2013")
# Labels that would only appear if the student's speech or communication needs were shown.
CONFIDENTIAL_LABELS = ("Does not use speech", "complex communication needs")


def marker(field: str) -> str:
    return f"{SECRET}-{field.replace('_', '-')}"


@pytest.fixture
def marked(world):
    """World's focus student with a marker in every confidential field, confirmed as the peer's partner."""
    student = world.focus_student
    for field in (
        *[f for f in Student.SENSITIVE_FIELDS if f != "date_of_birth"],
        "strengths",
        "school_involvement",
        "aac_device",
        "prior_experience",
    ):
        setattr(student, field, marker(field))
    student.date_of_birth = BIRTHDAY
    student.speech = Student.Speech.NO_SPEECH
    student.complex_communication_needs = True
    for field, value in PEER_SAFE.items():
        setattr(student, field, value)
    student.save()
    world.iep_goal.goal = marker("iep-goal")
    world.iep_goal.settings_for_peer_support = marker("iep-settings")
    world.iep_goal.save()
    BehaviorNoteFactory(
        student=student,
        behavior=marker("behavior"),
        what_it_may_communicate=marker("what-it-may-communicate"),
        how_to_respond=marker("how-to-respond"),
    )
    PeerPreferenceFactory(
        student=student, kind=PeerPreference.Kind.GET_TO_KNOW, group=marker("group"), note=marker("get-to-know-note")
    )
    PeerPreferenceFactory(
        student=student, kind=PeerPreference.Kind.AVOID, peer=world.peer_student, group="", note=marker("avoid-note")
    )
    GuardianFactory(
        student=student,
        name=f"Quillfeather {SECRET}",
        email=f"{SECRET}.guardian@family.example.org",
        phone=f"555-{SECRET}-0199",
        relationship=marker("relationship"),
    )
    match = east_matching(world).match
    match.status = "confirmed"
    match.save(update_fields=["status"])
    return student


def leaks(text: str) -> list[str]:
    found = [m.group(0) for m in re.finditer(rf"\S*{SECRET}\S*", text)]
    found += [spelling for spelling in SPELLINGS_OF_THE_BIRTHDAY if spelling in text]
    found += [label for label in CONFIDENTIAL_LABELS if label.lower() in text.lower()]
    return found


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def body_of(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(data)
    return data.decode("utf-8", errors="replace")


SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/accounts/logout/")


def same_site_links(html: str) -> list[str]:
    links = []
    for href in re.findall(r"""href\s*=\s*["']([^"'#]+)""", html):
        href = unescape(href)
        if href.startswith("/") and not href.startswith("//") and not href.startswith(SKIP_PREFIXES):
            links.append(href)
    return links


def everything_a_role_opens(client, world, role, limit=200) -> dict[str, str]:
    """Every GET row of the role matrix the role may open, and every page linked from those (same role).

    The other rows answer the role 403, 404 or a redirect to the sign-in page, as tests/test_role_matrix.py proves.
    """
    queue = [
        reverse(name, kwargs=route.kwargs(world) or None)
        for name, route in MATRIX.items()
        if route.method == "get" and route.expected[role] == OK
    ]
    seen, pages = set(), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        pages[url] = body_of(response)
        if response.get("Content-Type", "").startswith("text/html"):
            queue.extend(same_site_links(pages[url]))
    assert len(seen) < limit, "the crawl did not finish: raise the limit"
    return pages


@pytest.mark.parametrize("role", ["peer", "focus_student"])
def test_no_page_a_student_opens_holds_the_confidential_record(client_for, world, marked, role):
    pages = everything_a_role_opens(client_for(role), world, role)

    found = {url: leaks(text) for url, text in pages.items() if leaks(text)}
    assert not found, f"{role} saw confidential data: {found}"
    partner_profile = reverse("recruitment:partner_profile", kwargs={"pk": marked.pk})
    if role == "peer":
        # The peer reached their partner's profile (from the dashboard) and its peer-safe fields.
        assert partner_profile in pages
        assert all(value in pages[partner_profile] for value in PEER_SAFE.values())
    assert reverse("dashboard") in pages
    # The peer's calendar feed (a role-matrix row) was read too.
    assert reverse("activities:feed", kwargs={"token": east_feeds(world).peer_token}) in pages
    # Their own page names their program (the programs app's panel), so that panel was checked too.
    assert east_matching(world).program.name in pages[reverse("dashboard")]
    # Peer journals (east_journals): another peer's entry and its reply appear on no page; the peer's own journal was
    # read (and the focus student never sees a peer's journal).
    assert not [url for url, text in pages.items() if OTHER_PEER_MARKER in text], f"{role} saw another's journal"
    own_journal = "we built a tower out of blocks"
    if role == "peer":
        assert own_journal in pages[reverse("activities:my_journal")]
    else:
        assert not [url for url, text in pages.items() if own_journal in text]


def test_the_printed_brochure_and_poster_hold_no_student_data(world, marked, weasyprint_ready):
    from recruitment.materials import pdf, selectors

    content = selectors.material_content(campaign=east_applying(world).campaign)
    for kind in ("brochure", "poster"):
        html = pdf.material_html(content=content, kind=kind, paper="letter")
        assert leaks(html) == [], kind
        assert foreign_loads(html) == [], kind  # and the fetcher would refuse them (test_url_fetcher.py)
        assert leaks(pdf_text(pdf.render_pdf(content=content, kind=kind, paper="letter"))) == [], kind


def test_the_peer_handout_page_and_pdf_hold_only_the_peer_safe_profile(client_for, world, marked, weasyprint_ready):
    """The handout about a focus student (orientation) is built from the peer-safe profile only: for the paired peer
    and for staff who may see the confidential record, neither the page nor the printed PDF holds any of it, and
    nothing is written to the access log (it holds nothing confidential)."""
    logged = AccessLogEntry.objects.count()
    for role in ("peer", "coordinator", "staff"):
        client = client_for(role)
        for name in ("orientation:handout", "orientation:handout_pdf"):
            response = client.get(reverse(name, kwargs={"pk": marked.pk}))
            assert response.status_code == 200, (role, name)
            text = body_of(response)
            assert leaks(text) == [], (role, name)
            assert all(value in " ".join(text.split()) for value in PEER_SAFE.values()), (role, name)
    assert AccessLogEntry.objects.count() == logged


@pytest.fixture
def recruitment_emails(client, client_for, world, marked, django_capture_on_commit_callbacks):
    """Every email the recruitment flows send to a peer, an applicant, a nominee or a guardian."""
    from django.core.cache import cache

    cache.clear()  # the public form's rate limit counts in the cache
    campaign = east_applying(world).campaign
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        # A public application: the applicant's confirmation and the guardian's consent request.
        client.post(
            reverse("recruitment:apply", kwargs={"pk": campaign.pk}),
            {
                "first_name": "Ava",
                "last_name": "Johnson",
                "grade": "4",
                "homeroom_teacher": "Mr. Patel",
                "email": "ava@student.example.org",
                "interests": ["art"],
                "available_periods": [str(world.period.pk)],
                "why_join": "I want to make new friends.",
                "heard_via": "posters",
                "guardian_name": "Grace Johnson",
                "guardian_email": "grace@family.example.org",
                "website": "",
            },
        )
        # A teacher nominates the peer: the peer's invitation.
        client_for("staff").post(
            reverse("recruitment:nominate"),
            {
                "campaign": campaign.pk,
                "student": world.peer_student.pk,
                "reasons": "Includes everyone.",
                "invitation_email": "sofia@student.example.org",
            },
        )
        # Decisions: accepted, waitlisted, declined.
        coordinator = world.user("coordinator")
        for decide in (decisions.application_accept, decisions.application_waitlist, decisions.application_decline):
            application = PeerApplicationFactory(campaign=campaign, email="applicant@student.example.org", grade=4)
            GuardianConsentFactory(
                application=application,
                status=GuardianConsent.Status.CONSENTED,
                valid_until=datetime.date.today() + datetime.timedelta(days=200),
            )
            decide(application=application, decided_by=coordinator)
    cache.clear()
    return list(mail.outbox)


def test_no_email_to_a_peer_applicant_or_guardian_holds_the_confidential_record(recruitment_emails):
    recipients = {address for message in recruitment_emails for address in message.to}
    # Ava is in grade 4: a child under 13 is not asked for their own email, so she gets no copy of her answers.
    assert "ava@student.example.org" not in recipients
    assert {
        "grace@family.example.org",
        "sofia@student.example.org",
        "applicant@student.example.org",
    } <= recipients
    assert len(recruitment_emails) >= 5  # consent request, invitation, three decisions
    for message in recruitment_emails:
        parts = [message.subject, message.body, *(content for content, _ in getattr(message, "alternatives", []))]
        assert leaks("\n".join(parts)) == [], message.subject


def test_emails_are_plain_text_and_load_nothing_from_another_host(recruitment_emails):
    for message in recruitment_emails:
        assert not getattr(message, "alternatives", None), message.subject
        assert foreign_loads(message.body) == [], message.subject


def test_the_calendar_feeds_of_a_peer_and_a_focus_student_name_partners_by_first_name_only(client, world, marked):
    """The feeds Google or Outlook fetch (no sign-in) of the peer and of the focus student in a shared activity:
    the partner by first name, no surname, nothing of the confidential record."""
    feeds = east_feeds(world)
    for token, partner, surnames in (
        (feeds.peer_token, "Noah", (marked.last_name, world.peer_student.last_name)),
        (feeds.student_token, "Sofia", (marked.last_name, world.peer_student.last_name)),
    ):
        response = client.get(reverse("activities:feed", kwargs={"token": token}))
        assert response.status_code == 200
        text = body_of(response)
        assert leaks(text) == []
        assert f"With {partner}" in text
        assert not [surname for surname in surnames if surname in text]
def test_activity_reminders_to_peers_and_students_hold_first_names_only(world, marked):
    """Day-before reminders, the weekly digest and the no-school notice (helper remind) a peer or focus student gets:
    their partners by first name, nothing of the confidential record."""
    import time_machine

    from activities.models import ReminderPreference
    from activities.reminders import services as reminder_services
    from schools.calendar import services as calendar_services
    from schools.outbox.models import OutboxItem
    from tests.activities.factories import reminder_activity

    utc = datetime.UTC
    with time_machine.travel(datetime.datetime(2027, 3, 1, 15, 0, tzinfo=utc), tick=False):
        reminder_activity(world)
        ReminderPreference.objects.create(user=world.user("focus_student"), delivery="weekly")
        # Sunday 15:01 in Chicago: the focus student's digest, the peer's reminder for Monday.
        reminder_services.reminders_send(now=datetime.datetime(2027, 3, 7, 21, 1, tzinfo=utc))
        calendar_services.non_school_days_add(school=world.school, first=datetime.date(2027, 3, 10), name="Snow day")
    students = {"east.peer@school.example.org", "east.student@school.example.org"}
    emails = [item for item in OutboxItem.objects.all() if set(item.to) & students]
    subjects = sorted(item.subject for item in emails)
    assert subjects == [
        "No school: activities cancelled",
        "No school: activities cancelled",
        "Tomorrow: Lunch bunch",
        "Your activities this week (from March 8)",
    ]
    for item in emails:
        text = f"{item.subject}\n{item.body}"
        assert leaks(text) == [], item.subject
        assert "Bennett" not in text and "Ramirez" not in text, item.subject
        assert foreign_loads(item.body) == [], item.subject
    peer_reminder = next(item for item in emails if item.subject.startswith("Tomorrow"))
    assert "With Noah" in peer_reminder.body


@pytest.mark.parametrize("role", ["peer", "focus_student"])
def test_service_pages_of_a_student_hold_first_names_only(client_for, world, marked, role, weasyprint_ready):
    """Shared activities, service area: the student's hours page, their certificate, the project's peer-safe page and
    its photos (reached by the walk above through the role matrix; here each is asserted reached and clean)."""
    from tests.activities.factories import east_service

    objects = east_service(world)
    client = client_for(role)
    urls = [
        reverse("activities:my_hours"),
        reverse("activities:my_certificate", kwargs={"term_pk": world.term.pk}),
        reverse("activities:project_shared", kwargs={"pk": objects.activity.pk}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = body_of(response)
        assert leaks(text) == [], url
        if url != urls[1]:  # the certificate is the student's own, with their full name
            assert marked.last_name not in text and world.peer_student.last_name not in text, url
    project = body_of(client.get(urls[2]))
    assert marked.first_name in project and world.peer_student.first_name in project
