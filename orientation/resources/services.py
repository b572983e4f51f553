"""The write side of the resource library and of an orientation's materials. Files are checked by content and size
and stored under a random name (``schools.documents``); links are http(s) only; a resource or material is a file
or a link, never both."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from schools.documents import delete_after_commit, save_with_document

from ..models import Orientation, OrientationMaterial, Resource

# Its own code: a form field's message for "invalid" would replace the message that says what to do.
HTTP_ONLY = URLValidator(
    schemes=["http", "https"],
    message=gettext_lazy("Enter a web address starting with http:// or https://."),
    code="not_http",
)


def _check_file_or_link(*, has_file: bool, url: str) -> None:
    if has_file and url:
        raise ValidationError({"url": _("Upload a file or give a link, not both.")})
    if not has_file and not url:
        raise ValidationError({"file": _("Upload a file or give a link.")})
    if url:
        try:
            HTTP_ONLY(url)
        except ValidationError as error:
            raise ValidationError({"url": error.messages}) from None


def _check_tags(tags) -> list[str]:
    unknown = set(tags) - set(Resource.Tag.values)
    if unknown:
        raise ValidationError({"tags": _("Choose what the resource is about from the list.")})
    # Kept in the order of the choices, once each.
    return [value for value in Resource.Tag.values if value in set(tags)]


def _check_topics(resource: Resource, topics) -> list:
    topics = list(topics)
    if any(topic.school_id != resource.school_id or topic.is_retired for topic in topics):
        raise ValidationError({"topics": _("Choose topics of your school's library from the list.")})
    return topics


def _save_resource(resource: Resource, *, file, remove_file: bool, topics) -> Resource:
    keeps_file = bool(resource.file) and not remove_file and not resource.url
    _check_file_or_link(has_file=file is not None or keeps_file, url=resource.url)
    if resource.url and resource.file:
        # A link replaces the current file: the row keeps one of the two.
        remove_file = True
    # The author is left out: a resource stays when its author's account is deleted.
    save_with_document(
        resource,
        field="file",
        document=file,
        remove=remove_file,
        validate=lambda: resource.full_clean(exclude=["author"]),
    )
    resource.topics.set(topics)
    return resource


@transaction.atomic
def resource_add(
    *,
    school,
    author,
    title: str,
    description: str = "",
    file=None,
    url: str = "",
    tags=(),
    topics=(),
    shared_with_district: bool = False,
) -> Resource:
    """Add a file or a link to the school's library."""
    resource = Resource(
        school=school,
        author=author,
        title=title,
        description=description,
        url=url,
        tags=_check_tags(tags),
        shared_with_district=shared_with_district,
    )
    topics = _check_topics(resource, topics)
    return _save_resource(resource, file=file, remove_file=False, topics=topics)


@transaction.atomic
def resource_update(
    *,
    resource: Resource,
    title: str,
    description: str = "",
    file=None,
    remove_file: bool = False,
    url: str = "",
    tags=(),
    topics=(),
    shared_with_district: bool = False,
) -> Resource:
    """Change a resource; a new file (or a link) replaces the old file, which is deleted once the change commits."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    resource.title = title
    resource.description = description
    resource.url = url
    resource.tags = _check_tags(tags)
    resource.shared_with_district = shared_with_district
    topics = _check_topics(resource, topics)
    return _save_resource(resource, file=file, remove_file=remove_file, topics=topics)


@transaction.atomic
def resource_delete(*, resource: Resource) -> None:
    """Delete a resource and its file, unless an orientation hands it out (remove it there first)."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    used = OrientationMaterial.objects.filter(resource=resource).select_related("orientation__program")
    if used:
        own = [m.orientation.title for m in used if m.orientation.program.school_id == resource.school_id]
        raise ValidationError(
            ngettext(
                "“%(title)s” is among the materials of %(count)s orientation%(names)s. Remove it from its materials "
                "first.",
                "“%(title)s” is among the materials of %(count)s orientations%(names)s. Remove it from their "
                "materials first.",
                len(used),
            )
            % {
                "title": resource.title,
                "count": len(used),
                # Another school's orientations are not named: they are that school's business.
                "names": (" (" + ", ".join(own) + ")") if own else "",
            }
        )
    delete_after_commit(resource.file)
    resource.delete()


# --- An orientation's materials ------------------------------------------------------------------------------------


def _locked(orientation: Orientation) -> Orientation:
    # Two coordinators adding the same resource at once: the second waits and finds it already added.
    return Orientation.objects.select_for_update().get(pk=orientation.pk)


@transaction.atomic
def material_add_resource(*, orientation: Orientation, resource: Resource) -> OrientationMaterial:
    """Hand out a library resource at an orientation (the library's file or link, not a copy)."""
    orientation = _locked(orientation)
    if OrientationMaterial.objects.filter(orientation=orientation, resource=resource).exists():
        raise ValidationError(
            {"resource": _("“%(title)s” is already among this orientation's materials.") % {"title": resource.title}}
        )
    material = OrientationMaterial(orientation=orientation, resource=resource)
    material.full_clean()
    material.save()
    return material


@transaction.atomic
def material_add(*, orientation: Orientation, title: str, file=None, url: str = "") -> OrientationMaterial:
    """A file or a link of this orientation's own."""
    orientation = _locked(orientation)
    if not title.strip():
        raise ValidationError({"title": _("Give the material a title peers will recognise.")})
    _check_file_or_link(has_file=file is not None, url=url)
    material = OrientationMaterial(orientation=orientation, title=title, url=url)
    return save_with_document(material, field="file", document=file, validate=material.full_clean)


@transaction.atomic
def material_remove(*, material: OrientationMaterial) -> None:
    """Take a material off the orientation; its own file is deleted, a library resource stays in the library."""
    delete_after_commit(material.file)
    material.delete()
