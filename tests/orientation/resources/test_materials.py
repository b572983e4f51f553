"""An orientation's materials: added from the library, uploaded (checked like approval documents) or linked,
removed by the coordinator or principal, and downloaded by the school's staff and the students invited."""

from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from orientation.models import Invitation, OrientationMaterial
from orientation.resources.selectors import orientation_panel
from schools.scoping import resolve_access
from tests.orientation.factories import (
    LibraryOrientationFactory,
    OrientationMaterialFactory,
    ResourceFactory,
    stored_pdf,
)
from tests.programs.factories import PDF_BYTES, ProgramFactory

from .conftest import EXECUTABLE, OVERSIZE_PDF, pdf


@pytest.fixture
def orientation(world):
    return LibraryOrientationFactory(program__school=world.school, term=world.term, title="Fall orientation")


def url(name, orientation):
    return reverse(f"orientation:{name}", kwargs={"pk": orientation.pk})


def test_add_a_resource_from_the_library(client_for, world, orientation):
    resource = ResourceFactory(school=world.school, title="Respectful language", url="https://example.org/words")
    client = client_for("coordinator")
    form = client.get(url("material_add_resource", orientation)).content.decode()
    assert "Respectful language" in form

    response = client.post(url("material_add_resource", orientation), {"resource": resource.pk}, follow=True)
    page = response.content.decode()
    assert "“Respectful language” is among the orientation" in page
    assert 'href="https://example.org/words"' in page and "from the library" in page
    material = OrientationMaterial.objects.get(orientation=orientation)
    assert material.resource == resource and not material.file and not material.url

    # Already added: no longer offered, and refused if forged.
    assert "Respectful language" not in client.get(url("material_add_resource", orientation)).content.decode()
    again = client.post(url("material_add_resource", orientation), {"resource": resource.pk})
    assert "Choose a resource of your library from the list." in str(again.context["form"].errors["resource"])
    assert OrientationMaterial.objects.filter(orientation=orientation).count() == 1


def test_a_model_schools_shared_resource_can_be_added_and_is_marked(client_for, world):
    ProgramFactory(school=world.school, is_model_program=True, status="active")
    shared = ResourceFactory(school=world.school, title="Etiquette slides", shared_with_district=True)
    putnam_orientation = LibraryOrientationFactory(program__school=world.other_school)
    client = client_for("other_coordinator")
    response = client.post(url("material_add_resource", putnam_orientation), {"resource": shared.pk}, follow=True)
    assert "from the library of East Elementary" in response.content.decode()


@pytest.mark.parametrize("value", ["", "9" * 30, "one"])
def test_a_resource_that_is_not_offered_is_refused(client_for, world, orientation, value):
    response = client_for("coordinator").post(url("material_add_resource", orientation), {"resource": value})
    assert response.status_code == 200 and response.context["form"].errors["resource"]
    assert not OrientationMaterial.objects.exists()


def test_another_schools_resource_is_not_offered(client_for, world, orientation):
    putnam = ResourceFactory(school=world.other_school, title="Putnam's", shared_with_district=True)
    response = client_for("coordinator").post(url("material_add_resource", orientation), {"resource": putnam.pk})
    assert "Choose a resource of your library" in str(response.context["form"].errors["resource"])


def test_upload_a_file_and_download_it(client_for, world, orientation, media_root):
    client = client_for("coordinator")
    response = client.post(url("material_add", orientation), {"title": "Agenda", "file": pdf("Sofia agenda.pdf")})
    assert response.status_code == 302
    material = OrientationMaterial.objects.get(orientation=orientation)
    assert "Sofia" not in material.file.name and material.file.name.endswith(".pdf")
    assert (Path(media_root) / material.file.name).read_bytes() == PDF_BYTES

    download = client_for("staff").get(reverse("orientation:material_file", kwargs={"pk": material.pk}))
    assert download.status_code == 200 and download.content == PDF_BYTES
    assert download["Content-Disposition"] == 'attachment; filename="agenda.pdf"'


def test_add_a_link(client_for, world, orientation):
    client = client_for("school_admin")
    response = client.post(url("material_add", orientation), {"title": "Video", "url": "https://example.org/v"},
                           follow=True)
    assert 'href="https://example.org/v"' in response.content.decode()


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"file": pdf("agenda.pdf", EXECUTABLE)}, "file", "named like a PDF file but its contents are not"),
        ({"file": pdf("agenda.exe", EXECUTABLE)}, "file", "Upload a PDF, a Word document (.docx)"),
        ({"file": pdf("agenda.pdf", OVERSIZE_PDF)}, "file", "the limit is 10.0"),
        ({"url": "javascript:alert(1)"}, "url", "Enter a valid URL."),
        ({"url": "ftp://example.org/a.pdf"}, "url", "starting with http:// or https://"),
        ({}, "file", "Upload a file or give a link."),
        ({"file": pdf(), "url": "https://example.org/a"}, "url", "not both"),
        ({"title": "", "url": "https://example.org/a"}, "title", "This field is required."),
        ({"title": "x" * 201, "url": "https://example.org/a"}, "title", "at most 200 characters"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(client_for, world, orientation, media_root, data, field, message):
    fields = {"title": "Agenda", **data}
    response = client_for("coordinator").post(url("material_add", orientation), fields)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert not OrientationMaterial.objects.exists()
    assert not (Path(media_root) / "orientation-materials").exists()


def test_remove_a_material(client_for, world, orientation, media_root, django_capture_on_commit_callbacks):
    client = client_for("coordinator")
    client.post(url("material_add", orientation), {"title": "Agenda", "file": pdf()})
    material = OrientationMaterial.objects.get(orientation=orientation)
    stored = Path(media_root) / material.file.name
    resource = ResourceFactory(school=world.school, title="Kept in the library")
    from_library = OrientationMaterialFactory(orientation=orientation, resource=resource, title="", url="")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orientation:material_remove", kwargs={"pk": material.pk}), follow=True)
    assert "“Agenda” is no longer among the orientation" in response.content.decode()
    assert not stored.exists()
    client.post(reverse("orientation:material_remove", kwargs={"pk": from_library.pk}))
    assert not OrientationMaterial.objects.exists()
    assert resource.__class__.objects.filter(pk=resource.pk).exists()


def test_staff_read_but_do_not_change_materials(client_for, world, orientation):
    material = OrientationMaterialFactory(orientation=orientation, title="Video")
    client = client_for("staff")
    page = client.get(url("materials", orientation)).content.decode()
    assert "Video" in page and url("material_add", orientation) not in page
    assert client.post(reverse("orientation:material_remove", kwargs={"pk": material.pk})).status_code == 403
    assert client.get(url("material_add", orientation)).status_code == 403


def test_an_invited_student_downloads_the_materials_and_others_do_not(client_for, world, orientation):
    own = OrientationMaterialFactory(orientation=orientation, title="Agenda", url="",
                                     file=stored_pdf("orientation-materials/agenda.pdf"))
    library_file = ResourceFactory(school=world.school, url="", file=stored_pdf("resources/library.pdf"))
    from_library = OrientationMaterialFactory(orientation=orientation, resource=library_file, title="", url="")
    Invitation.objects.create(orientation=orientation, student=world.peer_student)

    def status(role, material):
        return client_for(role).get(reverse("orientation:material_file", kwargs={"pk": material.pk})).status_code

    assert status("peer", own) == 200 and status("peer", from_library) == 200
    assert status("focus_student", own) == 404  # not invited
    assert status("other_coordinator", own) == 404
    other = LibraryOrientationFactory(program=orientation.program, term=world.term)
    not_invited = OrientationMaterialFactory(orientation=other, url="", file=stored_pdf("orientation-materials/b.pdf"))
    assert status("peer", not_invited) == 404


def test_another_schools_orientation_is_not_found(client_for, world):
    putnam = LibraryOrientationFactory(program__school=world.other_school)
    client = client_for("coordinator")
    for name in ("materials", "material_add", "material_add_resource"):
        assert client.get(url(name, putnam)).status_code == 404


def test_the_panel_on_the_orientations_page(world, orientation):
    OrientationMaterialFactory(orientation=orientation, title="Agenda", url="",
                               file=stored_pdf("orientation-materials/agenda.pdf"))
    OrientationMaterialFactory(orientation=orientation, title="Video", url="https://example.org/v")
    request = RequestFactory().get("/")
    for role, can_manage in (("coordinator", True), ("staff", False)):
        access = resolve_access(world.user(role), world.school.pk)
        panel = orientation_panel(orientation=orientation, access=access)
        assert [str(m) for m in panel["materials"]] == ["Agenda", "Video"] and panel["can_manage"] is can_manage
        html = render_to_string("orientation/resources/_panel.html", {"panel": panel}, request=request)
        assert 'href="https://example.org/v"' in html
        assert (url("material_add", orientation) in html) is can_manage
