"""The library, the peers' topics and an orientation's materials run the same number of queries for one row as for
many (the district-shared rows of a model school included)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orientation.models import Invitation
from tests.orientation.factories import (
    LibraryOrientationFactory,
    LibraryTopicFactory,
    OrientationMaterialFactory,
    ResourceFactory,
)
from tests.programs.factories import ProgramFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow_library(world, n):
    for _ in range(n):
        topic = LibraryTopicFactory(school=world.school, is_public=True)
        own = ResourceFactory(school=world.school, author=world.user("staff"), tags=["facilitation", "recruitment"])
        own.topics.add(topic)
        shared = ResourceFactory(school=world.other_school, shared_with_district=True,
                                 author=world.user("other_coordinator"))
        shared.topics.add(LibraryTopicFactory(school=world.other_school))


@pytest.fixture
def putnam_is_a_model_school(world):
    ProgramFactory(school=world.other_school, is_model_program=True, status="active")


@pytest.mark.parametrize("role", ["staff", "coordinator", "district_admin"])
def test_the_library_does_not_grow_with_resources(
    client_for, world, putnam_is_a_model_school, role, django_assert_max_num_queries
):
    client = client_for(role)
    url = reverse("orientation:resources")
    grow_library(world, 1)
    few = queries_for(client, url)
    grow_library(world, 10)
    response = client.get(url)
    assert len(response.context["resources"]) == 22  # East's own and Putnam's shared rows
    with django_assert_max_num_queries(few):
        client.get(url)
    with django_assert_max_num_queries(few):
        client.get(url, {"tag": "facilitation"})


def test_the_peers_topics_and_materials_do_not_grow(client_for, world, django_assert_max_num_queries):
    client = client_for("peer")
    url = reverse("orientation:peer_topics")

    def grow(n):
        grow_library(world, n)
        for _ in range(n):
            orientation = LibraryOrientationFactory(program__school=world.school, term=world.term)
            Invitation.objects.create(orientation=orientation, student=world.peer_student)
            OrientationMaterialFactory(orientation=orientation)
            resource = ResourceFactory(school=world.school, url="", file="resources/x.pdf")
            OrientationMaterialFactory(orientation=orientation, resource=resource, title="", url="")

    grow(1)
    few = queries_for(client, url)
    grow(10)
    response = client.get(url)
    assert len(response.context["materials"]) == 22
    with django_assert_max_num_queries(few):
        client.get(url)


def test_an_orientations_materials_do_not_grow(client_for, world, putnam_is_a_model_school,
                                               django_assert_max_num_queries):
    orientation = LibraryOrientationFactory(program__school=world.school, term=world.term)
    client = client_for("coordinator")
    url = reverse("orientation:materials", kwargs={"pk": orientation.pk})

    def grow(n):
        for _ in range(n):
            OrientationMaterialFactory(orientation=orientation)
            shared = ResourceFactory(school=world.other_school, shared_with_district=True)
            OrientationMaterialFactory(orientation=orientation, resource=shared, title="", url="")

    grow(1)
    few = queries_for(client, url)
    grow(10)
    with django_assert_max_num_queries(few):
        client.get(url)
    add_url = reverse("orientation:material_add_resource", kwargs={"pk": orientation.pk})
    few = queries_for(client, add_url)
    grow_library(world, 10)
    with django_assert_max_num_queries(few):
        client.get(add_url)
