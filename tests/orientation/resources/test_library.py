"""The school's resource library: files (checked like approval documents) and links, tagged and filtered; edited
and deleted by the author or the coordinator or principal; downloaded only through the checking view."""

from pathlib import Path

import pytest
from django.urls import reverse

from orientation.models import Resource
from tests.orientation.factories import (
    LibraryOrientationFactory,
    LibraryTopicFactory,
    OrientationMaterialFactory,
    ResourceFactory,
)
from tests.programs.factories import PDF_BYTES

from .conftest import EXECUTABLE, OVERSIZE_PDF, pdf

LIBRARY = reverse("orientation:resources")
ADD = reverse("orientation:resource_add")


def add(client, **data):
    fields = {"title": "Wait time", "description": "", "url": "", "tags": ["facilitation"]}
    fields.update(data)
    return client.post(ADD, {key: value for key, value in fields.items() if value is not None})


def test_a_file_is_stored_under_a_random_name_and_downloaded_as_an_attachment(client_for, world, media_root):
    client = client_for("staff")
    response = add(client, title="Asking questions", file=pdf("Noah's handout.pdf"))
    assert response.status_code == 302

    resource = Resource.objects.get(title="Asking questions")
    assert resource.school == world.school and resource.author == world.user("staff")
    stored = Path(resource.file.name)
    assert stored.parts[:2] == ("resources", str(world.school.pk)) and stored.suffix == ".pdf"
    assert "Noah" not in stored.name
    assert (Path(media_root) / stored).read_bytes() == PDF_BYTES

    download = client.get(reverse("orientation:resource_file", kwargs={"pk": resource.pk}))
    assert download.status_code == 200 and download.content == PDF_BYTES
    assert download["Content-Disposition"] == 'attachment; filename="asking-questions.pdf"'
    assert "no-store" in download["Cache-Control"]
    assert resource.file.name not in client.get(LIBRARY).content.decode()


def test_a_link_is_added_and_shown_with_its_tags_and_topics(client_for, world):
    topic = LibraryTopicFactory(school=world.school, title="Offering choices")
    client = client_for("coordinator")
    response = add(client, title="Wait time video", url="https://example.org/wait", tags=["facilitation",
                   "disability_awareness"], topics=[topic.pk])
    assert response.status_code == 302
    resource = Resource.objects.get(title="Wait time video")
    assert resource.tags == ["facilitation", "disability_awareness"]
    assert list(resource.topics.all()) == [topic]

    page = client.get(LIBRARY).content.decode()
    assert "Wait time video" in page and 'href="https://example.org/wait"' in page
    assert "Facilitation strategies" in page and "Disability awareness" in page and "Offering choices" in page
    assert reverse("orientation:resource_file", kwargs={"pk": resource.pk}) not in page


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"file": pdf("handout.pdf", EXECUTABLE)}, "file", "named like a PDF file but its contents are not"),
        ({"file": pdf("setup.exe", EXECUTABLE)}, "file", "Upload a PDF, a Word document (.docx)"),
        ({"file": pdf("big.pdf", OVERSIZE_PDF)}, "file", "the limit is 10.0"),
        ({"url": "javascript:alert(1)"}, "url", "Enter a valid URL."),
        ({"url": "ftp://example.org/handout.pdf"}, "url", "starting with http:// or https://"),
        ({}, "file", "Upload a file or give a link."),
        ({"file": pdf(), "url": "https://example.org/x"}, "url", "not both"),
        ({"title": "", "url": "https://example.org/x"}, "title", "This field is required."),
        ({"title": "x" * 201, "url": "https://example.org/x"}, "title", "at most 200 characters"),
        ({"description": "x" * 2001, "url": "https://example.org/x"}, "description", "at most 2000 characters"),
        ({"tags": ["gossip"], "url": "https://example.org/x"}, "tags", "Choose what the resource is about"),
        ({"topics": ["2" * 25], "url": "https://example.org/x"}, "topics", "Choose topics of your school"),
        ({"topics": ["many"], "url": "https://example.org/x"}, "topics", "Choose topics of your school"),
    ],
)
def test_bad_input_is_refused_on_the_form_and_nothing_is_saved(client_for, world, media_root, data, field, message):
    response = add(client_for("staff"), **data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert not Resource.objects.exists()
    assert not (Path(media_root) / "resources").exists()


def test_another_schools_topic_is_not_a_choice(client_for, world):
    putnam_topic = LibraryTopicFactory(school=world.other_school)
    response = add(client_for("staff"), url="https://example.org/x", topics=[putnam_topic.pk])
    assert "Choose topics of your school" in str(response.context["form"].errors["topics"])
    assert not Resource.objects.exists()


def test_filter_by_tag_topic_and_where(client_for, world):
    topic = LibraryTopicFactory(school=world.school, title="Encouragement")
    cheering = ResourceFactory(school=world.school, title="Cheering on", tags=["facilitation"])
    cheering.topics.add(topic)
    ResourceFactory(school=world.school, title="Poster", tags=["recruitment"])
    client = client_for("staff")

    def titles(**query):
        return [r.title for r in client.get(LIBRARY, query).context["resources"]]

    assert titles() == ["Cheering on", "Poster"]
    assert titles(tag="recruitment") == ["Poster"]
    assert titles(topic=topic.pk) == ["Cheering on"]
    assert titles(where="district") == []
    assert titles(tag="facilitation", where="school") == ["Cheering on"]


@pytest.mark.parametrize("query", [{"tag": "gossip"}, {"topic": "9" * 30}, {"topic": "one"}, {"where": "mars"}])
def test_a_forged_filter_shows_nothing_and_says_why(client_for, world, query):
    ResourceFactory(school=world.school, title="Poster")
    response = client_for("staff").get(LIBRARY, query)
    assert response.status_code == 200
    assert list(response.context["resources"]) == []
    assert response.context["filter"].errors


def test_the_author_edits_and_replaces_the_file_with_a_link(
    client_for, world, media_root, django_capture_on_commit_callbacks
):
    client = client_for("staff")
    add(client, title="Handout", file=pdf())
    resource = Resource.objects.get(title="Handout")
    old = Path(media_root) / resource.file.name
    url = reverse("orientation:resource_edit", kwargs={"pk": resource.pk})
    assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"title": "Handout online", "url": "https://example.org/handout",
                                     "tags": ["orientation"], "shared_with_district": "on"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Handout online" and resource.url == "https://example.org/handout"
    assert not resource.file and not old.exists()
    assert resource.shared_with_district


def test_editing_keeps_the_file_when_none_is_sent(client_for, world, media_root):
    client = client_for("staff")
    add(client, title="Handout", file=pdf())
    resource = Resource.objects.get(title="Handout")
    url = reverse("orientation:resource_edit", kwargs={"pk": resource.pk})
    assert client.post(url, {"title": "Handout (new title)", "tags": ["orientation"]}).status_code == 302
    fresh = Resource.objects.get(pk=resource.pk)
    assert fresh.title == "Handout (new title)" and fresh.file.name == resource.file.name


def test_removing_the_file_without_a_link_is_refused(client_for, world, media_root):
    client = client_for("staff")
    add(client, title="Handout", file=pdf())
    resource = Resource.objects.get(title="Handout")
    url = reverse("orientation:resource_edit", kwargs={"pk": resource.pk})
    response = client.post(url, {"title": "Handout", "remove_file": "on"})
    assert "Upload a file or give a link." in str(response.context["form"].errors["file"])
    assert Resource.objects.get(pk=resource.pk).file.name == resource.file.name


@pytest.mark.parametrize("role,status", [("staff", 403), ("coordinator", 200), ("school_admin", 200)])
def test_only_the_author_or_the_coordinator_or_principal_may_edit(client_for, world, role, status):
    resource = ResourceFactory(school=world.school, author=world.user("school_admin"))
    resource.author = world.user("coordinator")
    resource.save()
    assert client_for(role).get(reverse("orientation:resource_edit", kwargs={"pk": resource.pk})).status_code == status


def test_the_edit_and_delete_buttons_show_only_where_allowed(client_for, world):
    mine = ResourceFactory(school=world.school, title="Mine", author=world.user("staff"))
    theirs = ResourceFactory(school=world.school, title="Theirs", author=world.user("coordinator"))
    page = client_for("staff").get(LIBRARY).content.decode()
    assert reverse("orientation:resource_edit", kwargs={"pk": mine.pk}) in page
    assert reverse("orientation:resource_edit", kwargs={"pk": theirs.pk}) not in page
    assert reverse("orientation:resource_delete", kwargs={"pk": theirs.pk}) not in page


def test_delete(client_for, world, media_root, django_capture_on_commit_callbacks):
    client = client_for("staff")
    add(client, title="Handout", file=pdf())
    resource = Resource.objects.get(title="Handout")
    stored = Path(media_root) / resource.file.name
    other = ResourceFactory(school=world.school, author=world.user("coordinator"))

    assert client.post(reverse("orientation:resource_delete", kwargs={"pk": other.pk})).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orientation:resource_delete", kwargs={"pk": resource.pk}), follow=True)
    assert "“Handout” is no longer in the library." in response.content.decode()
    assert not Resource.objects.filter(pk=resource.pk).exists() and not stored.exists()
    assert Resource.objects.filter(pk=other.pk).exists()


def test_a_resource_handed_out_at_an_orientation_is_not_deleted(client_for, world):
    resource = ResourceFactory(school=world.school, title="Etiquette", author=world.user("coordinator"))
    orientation = LibraryOrientationFactory(program__school=world.school, title="Spring orientation")
    OrientationMaterialFactory(orientation=orientation, resource=resource, title="", url="")
    response = client_for("coordinator").post(
        reverse("orientation:resource_delete", kwargs={"pk": resource.pk}), follow=True
    )
    assert "is among the materials of 1 orientation (Spring orientation)" in response.content.decode()
    assert Resource.objects.filter(pk=resource.pk).exists()


def test_another_schools_resource_is_not_found(client_for, world):
    resource = ResourceFactory(school=world.other_school, author=world.user("other_coordinator"))
    client = client_for("coordinator")
    for name in ("orientation:resource_edit", "orientation:resource_file"):
        assert client.get(reverse(name, kwargs={"pk": resource.pk})).status_code == 404
    assert client.post(reverse("orientation:resource_delete", kwargs={"pk": resource.pk})).status_code == 404
    assert client.get(reverse("orientation:resource_file", kwargs={"pk": 2**70})).status_code == 404


def test_a_new_file_replaces_the_old_one(client_for, world, media_root, django_capture_on_commit_callbacks):
    client = client_for("staff")
    add(client, title="Handout", file=pdf())
    resource = Resource.objects.get(title="Handout")
    old = Path(media_root) / resource.file.name
    url = reverse("orientation:resource_edit", kwargs={"pk": resource.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"title": "Handout", "tags": ["orientation"], "file": pdf("new.pdf")})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file.name != old.name and (Path(media_root) / resource.file.name).exists()
    assert not old.exists()
