"""Coordinators keep focus students' and peers' profiles; every change and every view of the confidential part is
logged, and bad input gets a clear message with nothing saved."""

import pytest
from django.urls import reverse

from schools.models import AccessLogEntry, IEPGoal, PeerAvailability, PeerPreference, Student
from tests.schools.factories import PeriodFactory, StudentFactory


def edit_url(student):
    return reverse("student_edit", kwargs={"pk": student.pk})


def focus_profile(**changes):
    data = {
        "preferred_name": "",
        "grade": 3,
        "homeroom": "Room 12",
        "participation": "active",
        "interests": "Trains and drawing",
        "strengths": "Remembers every train line",
        "school_involvement": "Art club",
        "speech": "some_words",
        "aac_device": "Tablet with a core-word board",
        "complex_communication_needs": "on",
        "communication": "Give me time to answer.",
        "how_to_help": "Show me the first step.",
        "support_needs": "Visual schedule",
        "activities_wanted": "Lunch with friends",
        "support_preferred": "Quiet reminders",
        "support_not_wanted": "Being helped without asking",
        "cultural_considerations": "Family speaks Spanish at home",
    }
    data.update(changes)
    return data


def test_coordinator_edits_a_focus_students_profile_and_the_change_is_logged(client_for, world):
    client = client_for("coordinator")
    response = client.post(edit_url(world.focus_student), focus_profile())
    assert response.status_code == 302
    student = Student.objects.get(pk=world.focus_student.pk)
    assert student.aac_device == "Tablet with a core-word board"
    assert student.complex_communication_needs
    entry = AccessLogEntry.objects.get(action="change", student=student)
    assert entry.user == world.user("coordinator")
    assert "aac_device" in entry.what
    assert "Tablet" not in entry.what  # the log records what changed, never the content


def test_a_peers_profile_has_no_confidential_fields(client_for, world):
    client = client_for("coordinator")
    form = client.get(edit_url(world.peer_student)).context["form"]
    assert "support_needs" not in form.fields
    assert "prior_experience" in form.fields
    client.post(
        edit_url(world.peer_student),
        {"grade": 4, "participation": "active", "support_needs": "forged", "prior_experience": "My cousin has autism"},
    )
    peer = Student.objects.get(pk=world.peer_student.pk)
    assert peer.prior_experience == "My cousin has autism"
    assert peer.support_needs == ""


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"grade": 9}, "grade", "East Elementary does not have this grade."),
        ({"grade": "abc"}, "grade", "Select a valid choice."),
        ({"participation": "vip"}, "participation", "Select a valid choice."),
        ({"speech": "<script>"}, "speech", "Select a valid choice."),
        ({"support_needs": "x" * 4001}, "support_needs", "Ensure this value has at most 4000 characters"),
        ({"homeroom": "h" * 101}, "homeroom", "Ensure this value has at most 100 characters"),
    ],
)
def test_bad_profile_input_is_explained_and_nothing_is_saved(client_for, world, changes, field, message):
    before = Student.objects.get(pk=world.focus_student.pk)
    response = client_for("coordinator").post(edit_url(world.focus_student), focus_profile(**changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    after = Student.objects.get(pk=world.focus_student.pk)
    assert after.updated_at == before.updated_at
    assert not AccessLogEntry.objects.filter(action="change").exists()


def test_iep_goal_add_edit_remove(client_for, world):
    client = client_for("coordinator")
    add = reverse("student_item_add", kwargs={"pk": world.focus_student.pk, "kind": "iep-goals"})
    response = client.post(add, {"domain": "communication", "goal": "Uses AAC to greet 3 peers",
                                 "settings_for_peer_support": "Lunch"})
    assert response.status_code == 302
    goal = IEPGoal.objects.get(goal="Uses AAC to greet 3 peers")
    edit = reverse("student_item_edit", kwargs={"pk": world.focus_student.pk, "kind": "iep-goals",
                                                "item_pk": goal.pk})
    client.post(edit, {"domain": "social", "goal": "Greets 4 peers", "settings_for_peer_support": ""})
    goal.refresh_from_db()
    assert (goal.domain, goal.goal) == ("social", "Greets 4 peers")
    client.post(reverse("student_item_delete", kwargs={"pk": world.focus_student.pk, "kind": "iep-goals",
                                                       "item_pk": goal.pk}))
    assert not IEPGoal.objects.filter(pk=goal.pk).exists()
    assert AccessLogEntry.objects.filter(action="change", student=world.focus_student).count() == 3


@pytest.mark.parametrize(
    "data,message",
    [
        ({"domain": "social", "goal": ""}, "This field is required."),
        ({"domain": "astrology", "goal": "A goal"}, "Select a valid choice."),
        ({"domain": "social", "goal": "g" * 4001}, "Ensure this value has at most 4000 characters"),
    ],
)
def test_bad_iep_goal_input(client_for, world, data, message):
    add = reverse("student_item_add", kwargs={"pk": world.focus_student.pk, "kind": "iep-goals"})
    response = client_for("coordinator").post(add, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert IEPGoal.objects.count() == 1


def test_unknown_profile_item_kind_is_not_found(client_for, world):
    url = reverse("student_item_add", kwargs={"pk": world.focus_student.pk, "kind": "diagnoses"})
    assert client_for("coordinator").get(url).status_code == 404


def test_iep_goals_belong_to_focus_students_only(client_for, world):
    url = reverse("student_item_add", kwargs={"pk": world.peer_student.pk, "kind": "iep-goals"})
    assert client_for("coordinator").get(url).status_code == 404


def test_an_item_of_another_student_cannot_be_edited_through_this_one(client_for, world):
    other = StudentFactory(school=world.school, kind="focus")
    url = reverse("student_item_edit", kwargs={"pk": other.pk, "kind": "iep-goals", "item_pk": world.iep_goal.pk})
    assert client_for("coordinator").get(url).status_code == 404


def test_peer_preferences_name_a_peer_of_the_same_school_or_a_group(client_for, world):
    client = client_for("coordinator")
    add = reverse("student_item_add", kwargs={"pk": world.focus_student.pk, "kind": "preferences"})
    putnam_peer = StudentFactory(school=world.other_school, grade=7)

    forged = client.post(add, {"kind": "avoid", "peer": putnam_peer.pk})
    assert "Select a valid choice." in forged.content.decode()
    empty = client.post(add, {"kind": "get_to_know", "peer": "", "group": "  "})
    assert "Choose a peer or describe a group." in empty.content.decode()
    assert not PeerPreference.objects.exists()

    client.post(add, {"kind": "get_to_know", "peer": world.peer_student.pk, "note": "They sit together in art"})
    client.post(add, {"kind": "avoid", "group": "The older boys at recess"})
    assert PeerPreference.objects.filter(student=world.focus_student).count() == 2


def test_guardian_with_a_bad_email_is_refused(client_for, world):
    add = reverse("student_item_add", kwargs={"pk": world.focus_student.pk, "kind": "guardians"})
    response = client_for("coordinator").post(add, {"name": "Ana Bennett", "email": "not-an-email"})
    assert "Enter a valid email address." in response.content.decode()
    assert not world.focus_student.guardians.exists()


def test_peer_availability_by_period_and_day(client_for, world):
    client = client_for("coordinator")
    url = reverse("student_availability", kwargs={"pk": world.peer_student.pk})
    third = PeriodFactory(schedule=world.bell_schedule, name="3rd period", order=3)
    response = client.post(url, {"day_0": [world.period.pk, third.pk], "day_2": [third.pk]})
    assert response.status_code == 302
    slots = set(PeerAvailability.objects.filter(student=world.peer_student).values_list("period_id", "weekday"))
    assert slots == {(world.period.pk, 0), (third.pk, 0), (third.pk, 2)}
    page = client.get(reverse("student_detail", kwargs={"pk": world.peer_student.pk})).content.decode()
    assert "Monday" in page and "3rd period" in page

    putnam_period = PeriodFactory()
    forged = client.post(url, {"day_0": [putnam_period.pk]})
    assert forged.status_code == 200
    assert "Select a valid choice." in forged.content.decode()
    assert PeerAvailability.objects.filter(student=world.peer_student).count() == 3


def test_focus_students_have_no_availability_page(client_for, world):
    url = reverse("student_availability", kwargs={"pk": world.focus_student.pk})
    assert client_for("coordinator").get(url).status_code == 404
