"""District sharing: a district model school's resources shared with the district are visible to, and downloadable
by, the district's other schools and the district administrator, marked with the school's name. A school that is
not a model school keeps its resources even when shared; another district never sees them."""

import pytest
from django.urls import reverse

from programs.selectors import model_school_ids
from tests.orientation.factories import ResourceFactory, stored_pdf
from tests.programs.factories import ProgramFactory
from tests.schools.factories import MembershipFactory, SchoolFactory, UserFactory
from tests.two_factor import sign_in_verified

LIBRARY = reverse("orientation:resources")


@pytest.fixture
def east_is_a_model_school(world):
    return ProgramFactory(school=world.school, is_model_program=True, status="active")


def titles(client, **query):
    return [resource.title for resource in client.get(LIBRARY, query).context["resources"]]


def test_model_school_ids_names_schools_with_a_model_program_that_has_not_ended(world):
    ProgramFactory(school=world.school, is_model_program=True, status="active")
    ProgramFactory(school=world.other_school, is_model_program=True, status="ended")
    ProgramFactory(school=world.far_school, is_model_program=True, status="active")  # another district
    ProgramFactory(school=world.other_school, is_model_program=False, status="active")
    assert set(model_school_ids(district=world.school.district)) == {world.school.pk}


def test_a_model_schools_shared_resources_reach_the_districts_other_schools(
    client_for, world, east_is_a_model_school, media_root
):
    shared = ResourceFactory(school=world.school, title="Etiquette slides", shared_with_district=True, url="",
                             file=stored_pdf("resources/etiquette.pdf"))
    ResourceFactory(school=world.school, title="East only", shared_with_district=False)
    client = client_for("other_coordinator")

    page = client.get(LIBRARY).content.decode()
    assert titles(client) == ["Etiquette slides"]
    assert "East Elementary" in page  # marked with the school's name
    assert reverse("orientation:resource_edit", kwargs={"pk": shared.pk}) not in page
    assert titles(client, where="district") == ["Etiquette slides"]
    assert titles(client, where="school") == []

    download = client.get(reverse("orientation:resource_file", kwargs={"pk": shared.pk}))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    # Another school's people read it; they never change it.
    assert client.get(reverse("orientation:resource_edit", kwargs={"pk": shared.pk})).status_code == 404
    assert client.post(reverse("orientation:resource_delete", kwargs={"pk": shared.pk})).status_code == 404


def test_the_district_administrator_sees_them_at_any_school_of_the_district(
    client_for, world, east_is_a_model_school
):
    ResourceFactory(school=world.school, title="Etiquette slides", shared_with_district=True)
    ResourceFactory(school=world.other_school, title="Putnam's own")
    client = client_for("district_admin")
    assert "Etiquette slides" in titles(client)
    client.post(reverse("switch_school"), {"school": world.other_school.pk})
    assert titles(client) == ["Etiquette slides", "Putnam's own"]


def test_a_school_that_is_not_a_model_school_keeps_its_shared_resources(client_for, world):
    ResourceFactory(school=world.school, title="Shared but not a model school", shared_with_district=True)
    assert titles(client_for("other_coordinator")) == []
    form = client_for("coordinator").get(reverse("orientation:resource_add")).content.decode()
    assert "Only a district model school" in form and "stays in your school until it has one" in form


def test_the_form_of_a_model_school_says_who_will_see_it(client_for, world, east_is_a_model_school):
    form = client_for("coordinator").get(reverse("orientation:resource_add")).content.decode()
    assert "Your school is a district model school" in form and "other schools will see this resource" in form


def test_an_ended_model_program_no_longer_shares(client_for, world):
    ProgramFactory(school=world.school, is_model_program=True, status="ended")
    ResourceFactory(school=world.school, title="Etiquette slides", shared_with_district=True)
    assert titles(client_for("other_coordinator")) == []


def test_another_district_never_sees_them(client, world, east_is_a_model_school):
    shared = ResourceFactory(school=world.school, title="Etiquette slides", shared_with_district=True, url="",
                             file=stored_pdf("resources/etiquette.pdf"))
    beaman_coordinator = UserFactory(username="beaman.staff")
    MembershipFactory(school=world.far_school, role="coordinator", user=beaman_coordinator)
    sign_in_verified(client, beaman_coordinator)
    assert titles(client) == []
    assert client.get(reverse("orientation:resource_file", kwargs={"pk": shared.pk})).status_code == 404


def test_a_model_school_in_another_district_does_not_share_into_this_one(client_for, world):
    other_district_school = SchoolFactory(name="Far Model School")
    ProgramFactory(school=other_district_school, is_model_program=True, status="active")
    ResourceFactory(school=other_district_school, title="Far away", shared_with_district=True)
    assert titles(client_for("coordinator")) == []
