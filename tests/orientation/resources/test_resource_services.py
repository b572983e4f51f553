"""The services refuse what a forged request could send past a form: a file and a link, neither, a link that is
not http(s), another school's or a retired topic, an unknown tag, a material without a title; and they never name
another school's orientation."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from orientation.models import OrientationMaterial, Resource
from orientation.resources import services
from tests.orientation.factories import (
    LibraryOrientationFactory,
    LibraryTopicFactory,
    OrientationMaterialFactory,
    ResourceFactory,
)
from tests.programs.factories import ProgramFactory

from .conftest import EXECUTABLE, pdf


def add(world, **kwargs):
    fields = {"school": world.school, "author": world.user("staff"), "title": "Handout"}
    return services.resource_add(**{**fields, **kwargs})


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({}, "file"),
        ({"url": "https://example.org/a", "file": "PDF"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "data:text/html,hello"}, "url"),
        ({"url": "ftp://example.org/a"}, "url"),
        ({"url": "https://example.org/a", "tags": ["gossip"]}, "tags"),
        ({"url": "https://example.org/a", "file": None, "title": ""}, "title"),
    ],
)
def test_resource_add_refuses(world, media_root, kwargs, field):
    if kwargs.get("file") == "PDF":
        kwargs["file"] = pdf()
    with pytest.raises(ValidationError) as refused:
        add(world, **kwargs)
    assert field in refused.value.message_dict
    assert not Resource.objects.exists()


def test_a_renamed_executable_is_refused_by_the_service_too(world, media_root):
    with pytest.raises(ValidationError):
        add(world, file=pdf("handout.pdf", EXECUTABLE))
    assert not Resource.objects.exists()
    assert not (media_root / "resources").exists()


@pytest.mark.parametrize("whose", ["other_school", "retired"])
def test_topics_must_be_the_schools_own_and_in_use(world, whose):
    if whose == "retired":
        topic = LibraryTopicFactory(school=world.school, retired_at=timezone.now())
    else:
        topic = LibraryTopicFactory(school=world.other_school)
    with pytest.raises(ValidationError) as refused:
        add(world, url="https://example.org/a", topics=[topic])
    assert "topics" in refused.value.message_dict


def test_material_add_refuses_a_material_without_a_title_or_with_a_bad_link(world):
    orientation = LibraryOrientationFactory(program__school=world.school, term=world.term)
    for kwargs in ({"title": " ", "url": "https://example.org/a"}, {"title": "A", "url": "javascript:alert(1)"},
                   {"title": "A"}):
        with pytest.raises(ValidationError):
            services.material_add(orientation=orientation, **kwargs)
    assert not OrientationMaterial.objects.exists()


def test_deleting_a_shared_resource_another_school_uses_does_not_name_their_orientation(world):
    ProgramFactory(school=world.school, is_model_program=True, status="active")
    resource = ResourceFactory(school=world.school, title="Etiquette", shared_with_district=True)
    putnam = LibraryOrientationFactory(program__school=world.other_school, title="Putnam's secret orientation")
    OrientationMaterialFactory(orientation=putnam, resource=resource, title="", url="")
    with pytest.raises(ValidationError) as refused:
        services.resource_delete(resource=resource)
    assert "of 1 orientation. Remove it" in refused.value.messages[0]
    assert "Putnam" not in refused.value.messages[0]


def test_a_refused_row_leaves_no_file_behind(world, media_root):
    with pytest.raises(ValidationError):
        add(world, title="", file=pdf())
    assert not Resource.objects.exists()
    assert not [path for path in (media_root / "resources").rglob("*") if path.is_file()]
