"""The resource library on a phone and on a laptop: it fits, its filters and actions are reachable, and axe finds
nothing, with the school's own resources (a file, a link, tags and topics) and a model school's shared ones."""

import pytest
from django.urls import reverse

from tests.orientation.factories import LibraryTopicFactory, ResourceFactory, stored_pdf
from tests.programs.factories import ProgramFactory

from .conftest import DESKTOP, PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def library_with_every_kind_of_row(world):
    ProgramFactory(school=world.other_school, is_model_program=True, status="active")
    topic = LibraryTopicFactory(school=world.school, title="Disability etiquette and respectful language")
    slides = ResourceFactory(
        school=world.school, title="Respectful language slides", url="", file=stored_pdf("resources/slides.pdf"),
        description="Person-first and identity-first language, with examples from our school.",
        tags=["orientation", "disability_awareness"], author=world.user("coordinator"), shared_with_district=True,
    )
    slides.topics.add(topic)
    ResourceFactory(school=world.school, title="Wait time (video)", url="https://example.org/a-very-long-address/"
                    "that-does-not-break-the-page", tags=["facilitation"], author=world.user("staff"))
    ResourceFactory(school=world.other_school, title="Putnam's recruitment poster", tags=["recruitment"],
                    shared_with_district=True)
    return reverse("orientation:resources")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_library_fits_and_has_no_axe_violations(new_page, world, settings, tmp_path, viewport):
    settings.MEDIA_ROOT = tmp_path
    path = library_with_every_kind_of_row(world)
    page = new_page(viewport=viewport)
    sign_in(page, world.user("coordinator").username)
    page.goto(path)
    save_screenshot(page, f"{'phone' if viewport is PHONE else 'desktop'}-resource-library")
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]
    assert page.get_by_text("Putnam Middle School").is_visible()
    assert_no_axe_violations(page)

    page.get_by_label("About").select_option("facilitation")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**tag=facilitation**")
    assert page.get_by_role("row", name="Wait time (video)").count() == 1
    assert page.get_by_text("Respectful language slides").count() == 0
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "role,name",
    [("coordinator", "orientation:resource_add"), ("peer", "orientation:peer_topics")],
)
def test_the_resource_form_and_the_peers_topics_have_no_axe_violations(new_page, world, settings, tmp_path, role,
                                                                       name):
    settings.MEDIA_ROOT = tmp_path
    library_with_every_kind_of_row(world)
    LibraryTopicFactory(school=world.school, title="When to seek help from staff", is_public=True)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user(role).username)
    page.goto(reverse(name))
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
