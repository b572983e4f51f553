"""A family's directory opt-out: the coordinator sets it on the profile; peers and students see "Your partner"
instead of the name; exports leave the name columns blank and say why. (There is no photo field yet.)"""

import csv
import io

from django.urls import reverse

from recruitment.models import Match
from schools.models import Student
from schools.rostering.template import HEADERS
from tests.recruitment.factories import east_matching


def opt_out(student):
    student.directory_opt_out = True
    student.save()


def confirmed(world):
    match = east_matching(world).match
    match.status = Match.Status.CONFIRMED
    match.save()
    return match


def test_the_coordinator_sets_the_opt_out_on_the_profile(world, client_for):
    client = client_for("coordinator")
    url = reverse("student_edit", kwargs={"pk": world.peer_student.pk})
    page = client.get(url)
    assert "Directory opt-out" in page.content.decode()
    data = {name: value for name, value in page.context["form"].initial.items() if value not in (None, "")}
    data.update(grade=world.peer_student.grade, participation="active", directory_opt_out="on")
    response = client.post(url, data)
    assert response.status_code == 302
    assert Student.objects.get(pk=world.peer_student.pk).directory_opt_out


def test_other_profile_editors_do_not_see_the_opt_out(world, client_for):
    from schools.profile_forms import StudentProfileForm

    assert "directory_opt_out" not in StudentProfileForm(instance=world.peer_student).fields
    assert "directory_opt_out" in StudentProfileForm(instance=world.peer_student, directory=True).fields


def test_a_peer_sees_your_partner_instead_of_the_name(world, client_for):
    confirmed(world)
    opt_out(world.focus_student)
    client = client_for("peer")
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Your partner" in dashboard
    assert "Noah" not in dashboard
    profile = client.get(reverse("recruitment:partner_profile", kwargs={"pk": world.focus_student.pk}))
    assert "Getting to know Your partner" in profile.content.decode()
    assert "Noah" not in profile.content.decode()


def test_a_focus_student_sees_your_peer_partner_instead_of_the_name(world, client_for):
    confirmed(world)
    opt_out(world.peer_student)
    dashboard = client_for("focus_student").get(reverse("dashboard")).content.decode()
    assert "Your peer partner" in dashboard
    assert "Sofia" not in dashboard


def test_names_are_shown_without_an_opt_out(world, client_for):
    confirmed(world)
    assert "Noah" in client_for("peer").get(reverse("dashboard")).content.decode()


def test_exports_leave_the_name_out_and_say_why(world, client_for):
    opt_out(world.focus_student)
    world.focus_student.source_id = "F-1"
    world.focus_student.preferred_name = "Noah B"
    world.focus_student.save()
    response = client_for("coordinator").get(reverse("rostering:export", kwargs={"file_format": "csv"}))
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == list(HEADERS)
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    noah = by_id["F-1"]
    assert (noah["first name"], noah["last name"], noah["preferred name"]) == ("", "", "")
    assert noah["directory opt-out"] == "yes"
    sofia = by_id[""]
    assert (sofia["first name"], sofia["directory opt-out"]) == ("Sofia", "")
    assert "Noah" not in response.content.decode("utf-8-sig")
