"""The view toolkit every app builds on (``schools.mixins``): one object of the active school, and one POST button.

Each app's pages are walked by the role matrix; these tests pin the contract itself, with a small view of our own.
"""

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from schools.mixins import SchoolActionView
from schools.models import Student
from schools.scoping import resolve_access
from tests.schools.factories import StudentFactory


class ShortNameAction(SchoolActionView):
    """A button on a student's page: refuses when asked to, otherwise says whose name it shortened."""

    permission = "import_roster"
    model = Student

    def perform_action(self):
        if self.request.POST.get("refuse"):
            raise ValidationError("That name cannot be shortened.")
        return f"{self.object.first_name} is shortened."

    def warnings(self):
        return ["Check the roster."]

    def get_success_url(self):
        return "/students/"


class ShortNameFromAnywhere(ShortNameAction):
    follow_next = True


def press(rf, world, role, student, view=ShortNameAction, method="post", **data):
    request = getattr(rf, method)("/", data, HTTP_HOST="testserver")
    request.user = world.user(role)
    request.access = resolve_access(request.user, world.school.pk)
    request._messages = CookieStorage(request)
    response = view.as_view()(request, pk=student.pk)
    return response, [(message.level_tag, message.message) for message in request._messages]


def test_the_action_runs_on_an_object_of_the_active_school(rf, world):
    response, said = press(rf, world, "coordinator", world.peer_student)
    assert (response.status_code, response["Location"]) == (302, "/students/")
    assert said == [("success", "Sofia is shortened."), ("warning", "Check the roster.")]


def test_a_refusal_comes_back_as_an_error_message(rf, world):
    response, said = press(rf, world, "coordinator", world.peer_student, refuse="yes")
    assert (response.status_code, response["Location"]) == (302, "/students/")
    assert said == [("error", "That name cannot be shortened.")]


def test_another_schools_object_is_not_found(rf, world):
    theirs = StudentFactory(school=world.other_school)
    with pytest.raises(Http404):
        press(rf, world, "coordinator", theirs)


def test_the_permission_is_checked_before_the_object(rf, world):
    theirs = StudentFactory(school=world.other_school)
    with pytest.raises(PermissionDenied):
        press(rf, world, "staff", theirs)


def test_only_a_post_acts(rf, world):
    response, said = press(rf, world, "coordinator", world.peer_student, method="get")
    assert response.status_code == 405
    assert said == []


@pytest.mark.parametrize(
    ("view", "next_url", "location"),
    [
        (ShortNameAction, "/dashboard/", "/students/"),
        (ShortNameFromAnywhere, "/dashboard/", "/dashboard/"),
        (ShortNameFromAnywhere, "https://evil.example.com/", "/students/"),
    ],
)
def test_next_is_followed_only_when_the_view_asks_and_only_on_this_site(rf, world, view, next_url, location):
    response, _ = press(rf, world, "coordinator", world.peer_student, view=view, next=next_url)
    assert response["Location"] == location
