"""A coordinator resolves a possible duplicate: merge it field by field (nothing lost), discard it, or keep it as
another child. Consent follows the guardian email it was given for. Reviewers only; another school's is a 404."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from recruitment.applying import tokens
from recruitment.models import GuardianConsent, PeerApplication
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, PeerApplicationFactory, east_applying
from tests.schools.factories import PeriodFactory

pytestmark = pytest.mark.django_db


def url(application) -> str:
    return reverse("recruitment:application_duplicate", kwargs={"pk": application.pk})


def consent_url(consent) -> str:
    return reverse("recruitment:consent", kwargs={"signed": tokens.sign(consent.token, salt=tokens.CONSENT_SALT)})


@pytest.fixture
def pair(world):
    """Ava's accepted application with Grace's consent, and a later one with other answers and Dan's pending consent."""
    campaign = east_applying(world).campaign
    earlier = PeerApplicationFactory(
        campaign=campaign, first_name="Ava", last_name="Johnson", grade=4, status="accepted", why_join="Friends.",
        homeroom_teacher="Mr. Patel", guardian_name="Grace Johnson", guardian_email="grace@family.example.org",
        review_notes="Great answers.",
    )
    earlier.available_periods.set([world.period])
    grace = GuardianConsentFactory(application=earlier, status="consented", typed_name="Grace Johnson")
    later = PeerApplicationFactory(
        campaign=campaign, first_name="ava", last_name="Johnson", grade=4, why_join="New friends and games.",
        homeroom_teacher="Mr. Patel", guardian_name="Dan Johnson", guardian_email="dan@family.example.org",
        possible_duplicate_of=earlier,
    )
    dan = GuardianConsentFactory(application=later)
    return earlier, later, grace, dan


def reload(*rows):
    for row in rows:
        row.refresh_from_db()


def test_the_review_queue_and_both_pages_point_to_the_comparison(client_for, pair):
    earlier, later, _grace, _dan = pair
    coordinator = client_for("coordinator")
    queue = coordinator.get(reverse("recruitment:review_queue", kwargs={"pk": earlier.campaign_id})).content.decode()
    assert f'href="{url(later)}"' in queue and "Possible duplicate" in queue
    later_page = coordinator.get(reverse("recruitment:application_detail", kwargs={"pk": later.pk}))
    assert url(later) in later_page.content.decode()
    earlier_page = coordinator.get(reverse("recruitment:application_detail", kwargs={"pk": earlier.pk}))
    assert list(earlier_page.context["later_duplicates"]) == [later]


def test_the_page_shows_each_differing_answer_with_both_values(client_for, pair):
    _earlier, later, _grace, _dan = pair
    response = client_for("coordinator").get(url(later))
    assert response.status_code == 200
    form = response.context["form"]
    choices = {field.name: field for field in form.choice_fields()}
    assert {"keep_why_join", "keep_guardian", "keep_first_name", "keep_available_periods"} <= set(choices)
    assert "keep_homeroom_teacher" not in choices  # the same in both: shown once, nothing to choose
    body = response.content.decode()
    assert "New friends and games." in body and "Friends." in body
    assert "Grace Johnson &lt;grace@family.example.org&gt; (consent: Consented)" in body
    assert "Dan Johnson &lt;dan@family.example.org&gt; (consent: Waiting for the guardian)" in body
    assert [row.label for row in response.context["same"]] == [
        "Last name", "Grade", "Homeroom teacher", "Applicant's email", "Interests",
        "Experiences with people with disabilities", "Heard about us via",
    ]


def test_merging_takes_the_chosen_answers_and_keeps_the_others_on_the_merged_row(client_for, pair, world):
    earlier, later, grace, dan = pair
    response = client_for("coordinator").post(url(later), {
        "action": "merge", "keep_why_join": "later", "keep_first_name": "earlier", "keep_prior_experience": "earlier",
        "keep_guardian": "earlier", "keep_available_periods": "earlier",
    })
    assert response.status_code == 302
    assert response.url == reverse("recruitment:application_detail", kwargs={"pk": earlier.pk})
    reload(earlier, later, grace, dan)
    assert earlier.why_join == "New friends and games."
    assert (earlier.first_name, earlier.guardian_email) == ("Ava", "grace@family.example.org")
    assert (earlier.status, earlier.review_notes) == ("accepted", "Great answers.")
    assert list(earlier.available_periods.all()) == [world.period]
    # Nothing lost: the merged row holds the answer not kept, and says what was taken, by whom.
    assert later.status == PeerApplication.Status.MERGED
    assert later.possible_duplicate_of == earlier
    assert later.why_join == "Friends."
    assert "Why they want to join" in later.history and "Merged into the earlier application" in later.history
    assert later.decided_by == world.user("coordinator")
    # Grace's consent stays with her email on the accepted application; Dan's link no longer opens anything.
    assert (grace.application, grace.status) == (earlier, "consented")
    assert dan.application == later
    page = client_for("coordinator").get(reverse("recruitment:application_detail", kwargs={"pk": later.pk}))
    assert "Taken from this application: Why they want to join" in page.content.decode()


def test_taking_the_later_guardian_moves_the_consents_with_their_emails(client, client_for, pair):
    earlier, later, grace, dan = pair
    grace_link, dan_link = consent_url(grace), consent_url(dan)
    response = client_for("coordinator").post(url(later), {
        "action": "merge", "keep_why_join": "earlier", "keep_first_name": "earlier", "keep_prior_experience": "earlier",
        "keep_guardian": "later", "keep_available_periods": "earlier",
    })
    assert response.status_code == 302
    reload(earlier, later)
    assert (earlier.guardian_name, earlier.guardian_email) == ("Dan Johnson", "dan@family.example.org")
    assert (later.guardian_name, later.guardian_email) == ("Grace Johnson", "grace@family.example.org")
    # Grace's yes does not count for Dan: the accepted application now waits for Dan, on the link Dan already has.
    assert earlier.consent.guardian_email == "dan@family.example.org"
    assert earlier.consent.status == GuardianConsent.Status.PENDING
    assert later.consent.guardian_email == "grace@family.example.org"
    assert later.consent.status == GuardianConsent.Status.CONSENTED
    client.logout()
    dan_page = client.get(dan_link)
    assert dan_page.status_code == 200 and dan_page.context["child_first_name"] == "Ava"
    assert client.get(grace_link).context["kind"] == "invalid"


def test_a_new_guardian_without_a_consent_gets_a_new_request(client, client_for, pair,
                                                             django_capture_on_commit_callbacks):
    earlier, later, grace, dan = pair
    dan.delete()
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(url(later), {
            "action": "merge", "keep_why_join": "earlier", "keep_first_name": "earlier",
            "keep_prior_experience": "earlier", "keep_guardian": "later", "keep_available_periods": "earlier",
        })
    reload(earlier, later, grace)
    assert earlier.consent.guardian_email == "dan@family.example.org"
    assert earlier.consent.status == GuardianConsent.Status.PENDING
    assert grace.application == later
    [request] = mail.outbox
    assert request.to == ["dan@family.example.org"]
    link = re.search(r"http://testserver(/consent/\S+)", request.body).group(1)
    client_for("anonymous")
    assert client.get(link).context["consent"] == earlier.consent


def test_free_periods_are_swapped_too(client_for, pair, world):
    earlier, later, _grace, _dan = pair
    other = PeriodFactory(schedule=world.bell_schedule, name="Recess", order=9)
    later.available_periods.set([other])
    client_for("coordinator").post(url(later), {
        "action": "merge", "keep_why_join": "earlier", "keep_first_name": "earlier", "keep_prior_experience": "earlier",
        "keep_guardian": "earlier", "keep_available_periods": "later",
    })
    assert list(earlier.available_periods.all()) == [other]
    assert list(later.available_periods.all()) == [world.period]


def test_discarding_keeps_the_later_row_as_it_was_and_ends_its_consent_link(client, client_for, pair):
    earlier, later, grace, dan = pair
    response = client_for("coordinator").post(url(later), {"action": "discard"})
    assert response.status_code == 302
    reload(earlier, later, grace)
    assert later.status == PeerApplication.Status.DISCARDED
    assert later.why_join == "New friends and games." and later.guardian_email == "dan@family.example.org"
    assert "Discarded" in later.history
    assert (earlier.why_join, earlier.status, grace.status) == ("Friends.", "accepted", "consented")
    client.logout()
    assert client.get(consent_url(dan)).context["kind"] == "invalid"
    # Not counted as one more applicant.
    campaign_page = client_for("coordinator").get(
        reverse("recruitment:campaign_detail", kwargs={"pk": earlier.campaign_id}))
    assert campaign_page.context["application_count"] == PeerApplication.objects.filter(
        campaign=earlier.campaign, status__in=["submitted", "accepted", "waitlisted", "declined"]).count()


def test_another_child_with_the_same_name_is_reviewed_on_its_own(client_for, pair):
    _earlier, later, _grace, dan = pair
    coordinator = client_for("coordinator")
    decide = reverse("recruitment:application_decide", kwargs={"pk": later.pk})
    dan.status = "consented"
    dan.save()
    coordinator.post(decide, {"decision": "accept"}, follow=True)
    later.refresh_from_db()
    assert later.status == "submitted"  # refused while it may be the same child

    assert coordinator.post(url(later), {"action": "separate"}).status_code == 302
    later.refresh_from_db()
    assert later.possible_duplicate_of is None and later.status == "submitted"
    assert "not the same child" in later.history
    coordinator.post(decide, {"decision": "accept"})
    later.refresh_from_db()
    assert later.status == "accepted"


def test_accepting_a_possible_duplicate_says_why_not(client_for, pair):
    _earlier, later, _grace, dan = pair
    dan.status = "consented"
    dan.save()
    response = client_for("coordinator").post(
        reverse("recruitment:application_decide", kwargs={"pk": later.pk}), {"decision": "accept"}, follow=True)
    assert "may be the same child as an earlier application" in response.content.decode()


@pytest.mark.parametrize("data", [
    {},
    {"action": "explode"},
    {"action": "merge"},
    {"action": "merge", "keep_why_join": "both", "keep_first_name": "earlier", "keep_prior_experience": "earlier",
     "keep_guardian": "earlier", "keep_available_periods": "earlier"},
    {"action": "merge", "keep_why_join": ["earlier", "later"], "keep_first_name": "x" * 5000},
])
def test_bad_input_gets_a_message_and_changes_nothing(client_for, pair, data):
    earlier, later, grace, dan = pair
    response = client_for("coordinator").post(url(later), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Please" in response.content.decode() or "Choose" in response.content.decode()
    reload(earlier, later, grace, dan)
    assert (later.status, later.why_join, earlier.why_join) == ("submitted", "New friends and games.", "Friends.")
    assert (grace.application, dan.application) == (earlier, later)


def test_a_resolved_duplicate_cannot_be_merged_again(client_for, pair):
    earlier, later, _grace, _dan = pair
    coordinator = client_for("coordinator")
    coordinator.post(url(later), {"action": "discard"})
    page = coordinator.get(url(later))
    assert page.status_code == 200 and page.context["is_open"] is False
    assert "Discarded as a duplicate" in page.content.decode()
    response = coordinator.post(url(later), {"action": "merge", "keep_why_join": "later", "keep_first_name": "later",
                                             "keep_prior_experience": "later", "keep_guardian": "later",
                                             "keep_available_periods": "later"})
    assert response.status_code == 200
    assert "no longer waiting as a possible duplicate" in response.content.decode()
    earlier.refresh_from_db()
    assert earlier.why_join == "Friends."


def test_only_a_possible_duplicate_has_the_page(client_for, pair):
    earlier, _later, _grace, _dan = pair
    coordinator = client_for("coordinator")
    assert coordinator.get(url(earlier)).status_code == 404
    assert coordinator.get("/recruitment/applications/99999999999999999999999/duplicate/").status_code == 404


def test_other_schools_and_other_roles_cannot_merge(client_for, pair, world):
    _earlier, later, _grace, _dan = pair
    assert client_for("staff").post(url(later), {"action": "discard"}).status_code == 403
    assert client_for("other_coordinator").post(url(later), {"action": "discard"}).status_code == 404
    assert client_for("anonymous").post(url(later), {"action": "discard"}).status_code == 302
    later.refresh_from_db()
    assert later.status == "submitted"
    # Another school's duplicate, even of the same campaign's name, is a 404 for East's coordinator.
    putnam = CampaignFactory(program__school=world.other_school)
    theirs = PeerApplicationFactory(campaign=putnam, possible_duplicate_of=PeerApplicationFactory(campaign=putnam))
    assert client_for("coordinator").get(url(theirs)).status_code == 404


def test_a_merged_duplicate_belongs_to_the_childs_record_and_is_erased_with_it(client_for, pair, world):
    from schools.privacy import bundle, retention

    earlier, later, _grace, _dan = pair
    earlier.student = world.peer_student
    earlier.save()
    client_for("coordinator").post(url(later), {
        "action": "merge", "keep_why_join": "later", "keep_first_name": "earlier", "keep_available_periods": "earlier",
        "keep_guardian": "earlier",
    })
    later.refresh_from_db()
    assert later.why_join == "Friends." and later.status == "merged"
    sections = {section.name: section for section in bundle.sections()}
    assert later in list(sections["applications"].rows(world.peer_student))

    retention.student_anonymise(student=world.peer_student, reason="test", by=world.user("school_admin"))
    later.refresh_from_db()
    assert (later.first_name, later.why_join, later.guardian_email, later.history) == ("Former student", "", "", "")
    assert later.consent.guardian_email == ""
