"""Shown to peers when a topic is public: a peer (or focus student) reads their school's topics marked shown to
peers, in plainer wording below grade 6, with the resources attached; they download only such a resource."""

import pytest
from django.urls import reverse
from django.utils import timezone

from orientation.models import Invitation
from tests.orientation.factories import (
    LibraryOrientationFactory,
    LibraryTopicFactory,
    OrientationMaterialFactory,
    ResourceFactory,
    stored_pdf,
)

TOPICS = reverse("orientation:peer_topics")


@pytest.fixture
def topics(world, media_root):
    public = LibraryTopicFactory(
        school=world.school, title="Supporting active participation", plain_title="Helping everyone join in",
        description="Prompting, modelling and fading support.", plain_description="Show how, then step back.",
        is_public=True,
    )
    private = LibraryTopicFactory(school=world.school, title="Staff-only briefing", is_public=False)
    retired = LibraryTopicFactory(school=world.school, title="Old topic", is_public=True, retired_at=timezone.now())
    LibraryTopicFactory(school=world.other_school, title="Putnam's public topic", is_public=True)
    on_public = ResourceFactory(school=world.school, title="Join-in video", url="https://example.org/join-in")
    on_public.topics.add(public)
    public_file = ResourceFactory(school=world.school, title="Join-in handout", url="",
                                  file=stored_pdf("resources/join-in.pdf"))
    public_file.topics.add(public)
    private_file = ResourceFactory(school=world.school, title="Briefing notes", url="",
                                   file=stored_pdf("resources/briefing.pdf"))
    private_file.topics.add(private)
    retired_file = ResourceFactory(school=world.school, title="Old handout", url="",
                                   file=stored_pdf("resources/old.pdf"))
    retired_file.topics.add(retired)
    loose_file = ResourceFactory(school=world.school, title="Not on a topic", url="",
                                 file=stored_pdf("resources/loose.pdf"))
    return {"public_file": public_file, "private_file": private_file, "retired_file": retired_file,
            "loose_file": loose_file}


def test_an_older_peer_reads_the_public_topics_and_their_resources(client_for, world, topics):
    world.peer_student.grade = 8
    world.peer_student.save()
    page = client_for("peer").get(TOPICS).content.decode()
    assert "Orientation topics" in page
    assert "Supporting active participation" in page and "Prompting, modelling" in page
    assert "Helping everyone join in" not in page
    assert "Join-in video" in page and 'href="https://example.org/join-in"' in page
    assert reverse("orientation:resource_file", kwargs={"pk": topics["public_file"].pk}) in page
    for hidden in ("Staff-only briefing", "Briefing notes", "Old topic", "Old handout", "Putnam", "Not on a topic"):
        assert hidden not in page


def test_a_younger_peer_reads_the_plainer_wording(client_for, world, topics):
    world.peer_student.grade = 4
    world.peer_student.save()
    page = client_for("peer").get(TOPICS).content.decode()
    assert "Things to know" in page
    assert "Helping everyone join in" in page and "Show how, then step back." in page
    assert "Supporting active participation" not in page


def test_a_focus_student_reads_them_too(client_for, world, topics):
    page = client_for("focus_student").get(TOPICS).content.decode()
    assert "Join-in video" in page


def test_nothing_public_yet(client_for, world):
    assert "Nothing here yet" in client_for("peer").get(TOPICS).content.decode()


@pytest.mark.parametrize("role", ["peer", "focus_student"])
def test_a_student_downloads_only_resources_of_public_topics(client_for, world, topics, role):
    client = client_for(role)

    def status(name):
        return client.get(reverse("orientation:resource_file", kwargs={"pk": topics[name].pk})).status_code

    assert status("public_file") == 200
    assert status("private_file") == 404
    assert status("retired_file") == 404
    assert status("loose_file") == 404


def test_staff_download_every_file_of_the_library(client_for, world, topics):
    client = client_for("staff")
    for resource in topics.values():
        assert client.get(reverse("orientation:resource_file", kwargs={"pk": resource.pk})).status_code == 200


def test_peers_never_read_the_library_itself(client_for, world, topics):
    assert client_for("peer").get(reverse("orientation:resources")).status_code == 403


def test_an_invited_student_finds_their_orientations_materials_here(client_for, world, media_root):
    mine = LibraryOrientationFactory(program__school=world.school, term=world.term, title="Fall orientation")
    Invitation.objects.create(orientation=mine, student=world.peer_student)
    agenda = OrientationMaterialFactory(orientation=mine, title="Agenda", url="",
                                        file=stored_pdf("orientation-materials/agenda.pdf"))
    OrientationMaterialFactory(orientation=mine, title="Welcome video", url="https://example.org/welcome")
    cancelled = LibraryOrientationFactory(program=mine.program, term=world.term, cancelled_at=timezone.now())
    Invitation.objects.create(orientation=cancelled, student=world.peer_student)
    OrientationMaterialFactory(orientation=cancelled, title="Cancelled handout")
    OrientationMaterialFactory(orientation=LibraryOrientationFactory(program=mine.program, term=world.term),
                               title="Someone else's handout")

    page = client_for("peer").get(TOPICS).content.decode()
    assert "Fall orientation" in page
    assert reverse("orientation:material_file", kwargs={"pk": agenda.pk}) in page
    assert 'href="https://example.org/welcome"' in page
    assert "Cancelled handout" not in page and "Someone else" not in page
    assert "Welcome video" not in client_for("focus_student").get(TOPICS).content.decode()
