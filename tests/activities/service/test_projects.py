"""A service-learning project: its plan (tasks with roles, shared by students with and without disabilities, and
said when only one group takes part), materials and costs, outcomes, photos. Photos are images only, stored
privately, and never tag a student whose family opted out of the directory; peers placed in the project read a
peer-safe page (first names only), without a photo showing such a student."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.models import Kind, ServicePhoto, ServiceProject, ServiceTask
from tests.activities.factories import ActivityFactory, ParticipantFactory, east_service, png_bytes
from tests.schools.factories import FocusStudentFactory, StudentFactory, UserFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def east(world):
    return east_service(world)


def project_url(east, name="activities:project", **kwargs):
    return reverse(name, kwargs={"pk": east.activity.pk, **kwargs})


def test_staff_read_the_whole_plan_with_full_names_and_the_partner_contact(client_for, east):
    page = client_for("staff").get(project_url(east)).content.decode()
    for text in (
        "Families near the school",
        "Riverside Food Bank",
        "dana@foodbank.example.org",
        "Sort the cans",
        "Sofia Ramirez",
        "Noah Bennett",
        "35.00",
        "412 cans",
        "Shared",
    ):
        assert text in page, text


def test_planning_a_project_for_an_activity_without_one(client_for, world, east):
    activity = ActivityFactory(program=east.program, term=world.term, kind=Kind.SERVICE_LEARNING, title="Park day")
    url = reverse("activities:project_edit", kwargs={"pk": activity.pk})
    client = client_for("coordinator")
    for data, message in (
        ({"community_need": ""}, "Say what need in the community the project answers."),
        ({"community_need": "Litter", "costs": "-3"}, "Costs cannot be below zero."),
        ({"community_need": "Litter", "costs": "lots"}, "Give the costs as a number"),
        ({"community_need": "Litter", "costs": "12.345"}, "at most two decimals"),
        ({"community_need": "Litter", "costs": "1e400"}, "below 1,000,000"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
        assert not ServiceProject.objects.filter(activity=activity).exists()
    response = client.post(url, {"community_need": "Litter in Riverside Park", "costs": "12.50"})
    assert response.status_code == 302
    assert ServiceProject.objects.get(activity=activity).costs == Decimal("12.50")


def test_only_a_service_learning_activity_has_a_project(client_for, world, east):
    lunch = ActivityFactory(program=east.program, term=world.term, kind=Kind.LUNCH_GROUP)
    assert client_for("coordinator").get(reverse("activities:project", kwargs={"pk": lunch.pk})).status_code == 404


def test_a_task_of_only_one_group_is_flagged_and_the_plan_too(client_for, world, east):
    client = client_for("coordinator")
    response = client.post(
        project_url(east, "activities:project_task_add"),
        {"task": "Count the boxes", "role": "Counters", "students": [world.peer_student.pk]},
    )
    assert response.status_code == 302
    page = client.get(project_url(east)).content.decode()
    assert "Only peers" in page
    assert "The plan involves only" not in page  # the plan as a whole is shared
    east.task.students.set([world.focus_student])
    ServiceTask.objects.filter(task="Count the boxes").get().students.set([world.focus_student])
    page = client.get(project_url(east)).content.decode()
    assert "The plan involves only students with disabilities." in page


def test_a_task_names_only_students_taking_part(client_for, world, east):
    outsider = StudentFactory(school=world.school, first_name="Ava")
    before = ServiceTask.objects.count()
    for data, message in (
        ({"task": "Greet", "students": [outsider.pk]}, "not on this list"),
        ({"task": "  "}, "Name the task."),
        ({"task": "Greet", "done_on": "someday"}, "Enter a date such as"),
        ({"task": "Greet", "students": ["x"]}, "not on this list"),
    ):
        response = client_for("staff").post(project_url(east, "activities:project_task_add"), data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert ServiceTask.objects.count() == before


def test_editing_and_removing_a_task(client_for, world, east):
    client = client_for("staff")
    url = project_url(east, "activities:project_task_edit", task_pk=east.task.pk)
    assert "Sort the cans" in client.get(url).content.decode()
    client.post(url, {"task": "Sort and stack the cans", "role": "Sorters", "students": [world.peer_student.pk]})
    east.task.refresh_from_db()
    assert east.task.task == "Sort and stack the cans" and list(east.task.students.all()) == [world.peer_student]
    client.post(project_url(east, "activities:project_task_remove", task_pk=east.spare_task.pk))
    assert not ServiceTask.objects.filter(pk=east.spare_task.pk).exists()


def photo_post(client, east, name="day.png", content=None, **data):
    upload = SimpleUploadedFile(name, png_bytes() if content is None else content)
    return client.post(project_url(east, "activities:project_photo_add"), {"image": upload, **data})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"%PDF-1.4 a plan", "Upload a photo: a PNG or JPEG image."),
        ("day.png", b"%PDF-1.4 a plan", "named like a PNG file but its contents are not"),
        ("day.gif", b"GIF89a", "Upload a PDF, a Word document"),
    ],
)
def test_only_images_are_accepted_as_photos(client_for, east, media, name, content, message):
    before, files = ServicePhoto.objects.count(), set(media.rglob("*.*"))
    response = photo_post(client_for("staff"), east, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ServicePhoto.objects.count() == before and set(media.rglob("*.*")) == files


def test_a_student_who_opted_out_cannot_be_tagged(client_for, world, east):
    world.focus_student.directory_opt_out = True
    world.focus_student.save()
    before = ServicePhoto.objects.count()
    response = photo_post(client_for("staff"), east, students=[world.focus_student.pk, world.peer_student.pk])
    assert response.status_code == 400
    assert "Noah Bennett cannot be tagged" in response.content.decode()
    assert ServicePhoto.objects.count() == before


def test_a_photo_is_stored_under_a_random_name_and_served_through_the_page(client_for, world, east, media):
    response = photo_post(
        client_for("staff"),
        east,
        "Sofia at the food bank.png",
        caption="Loading the van",
        students=[world.peer_student.pk],
    )
    assert response.status_code == 302
    photo = ServicePhoto.objects.latest("pk")
    assert "Sofia" not in photo.image.name
    url = project_url(east, "activities:project_photo", photo_pk=photo.pk)
    response = client_for("staff").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content == png_bytes()
    assert client_for("other_coordinator").get(url).status_code == 404
    assert client_for("peer").get(url).status_code == 403


def test_the_peer_safe_page_shows_first_names_only(client_for, world, east):
    page = client_for("peer").get(project_url(east, "activities:project_shared")).content.decode()
    assert "Sort the cans" in page and "Sofia" in page and "Noah" in page
    assert "Ramirez" not in page and "Bennett" not in page
    assert "dana@foodbank" not in page  # the partner's contact is for staff
    assert project_url(east, "activities:project_shared_photo", photo_pk=east.photo.pk) in page


def test_a_photo_tagged_with_a_student_who_opted_out_is_never_shown_to_peers(client_for, world, east):
    world.focus_student.directory_opt_out = True
    world.focus_student.save()
    client = client_for("peer")
    page = client.get(project_url(east, "activities:project_shared")).content.decode()
    photo_url = project_url(east, "activities:project_shared_photo", photo_pk=east.photo.pk)
    assert photo_url not in page
    assert client.get(photo_url).status_code == 404
    assert "Noah" not in page  # in the task list too: "A classmate"
    assert "A classmate" in page
    # Staff still see it, marked.
    assert "Not shown to peers" in client_for("staff").get(project_url(east)).content.decode()


def test_a_peer_not_placed_in_the_project_gets_not_found(client, world, east):
    other = UserFactory(username="east.other.peer")
    StudentFactory(school=world.school, user=other, first_name="Mia")
    sign_in_verified(client, other)
    assert client.get(project_url(east, "activities:project_shared")).status_code == 404
    photo = project_url(east, "activities:project_shared_photo", photo_pk=east.photo.pk)
    assert client.get(photo).status_code == 404


def test_a_withdrawn_focus_student_no_longer_sees_the_project(client, world, east):
    user = UserFactory(username="east.second.student")
    student = FocusStudentFactory(school=world.school, user=user, first_name="Leo")
    ParticipantFactory(activity=east.activity, student=student, status="withdrawn")
    sign_in_verified(client, user)
    assert client.get(project_url(east, "activities:project_shared")).status_code == 404
