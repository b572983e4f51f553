"""The read side of the resource library and of an orientation's materials, already scoped to the person.

What a school sees in its library: its own resources, and what the district's model schools shared with the
district (a model school is one with a district model program, ``programs.selectors.model_school_ids``). A peer or
focus student sees only the topics of their school shown to peers and the resources attached to them; of an
orientation's materials, only those of the orientations they are invited to.
"""

from django.db.models import Prefetch, Q

from programs.selectors import model_school_ids
from schools.models import Student
from schools.permissions import has_permission
from schools.scoping import FOCUS_STUDENT, PEER
from schools.selectors import own_student_record

from ..models import Invitation, Orientation, OrientationMaterial, OrientationSettings, OrientationTopic, Resource
from ..permissions import COORDINATING

# Peers below this grade read a topic's plainer wording (the program setting's default, the guide's "younger peers").
YOUNGER_BELOW_GRADE = OrientationSettings._meta.get_field("younger_peers_below_grade").default


def _is_student(access) -> bool:
    return access.has_role(PEER, FOCUS_STUDENT) and not has_permission(access, "view_resources")


def library_queryset(*, access):
    """Every resource the active school's library shows: its own, and its district's model schools' shared ones."""
    school = access.school
    if school is None:
        return Resource.objects.none()
    shared = Q(
        shared_with_district=True,
        school__district_id=school.district_id,
        school_id__in=model_school_ids(district=school.district_id),
    )
    return Resource.objects.filter(Q(school=school) | shared)


def library(*, access, queryset=None):
    """The library's rows with what the page shows (school, author, topics), in a fixed number of queries."""
    queryset = library_queryset(access=access) if queryset is None else queryset
    return (
        queryset.select_related("school", "author")
        .prefetch_related(Prefetch("topics", queryset=OrientationTopic.objects.order_by("order", "title")))
        .order_by("title", "pk")
    )


def school_topics(*, access):
    """The active school's topics in use, to tag a resource with or filter the library by."""
    return OrientationTopic.objects.visible_to(access).in_use()


def changeable_resources(*, access):
    """The resources this person may edit or delete: their own, or every one of the school for its coordinator or
    principal. Another school's shared resource is never changed from here."""
    resources = Resource.objects.visible_to(access)
    if access.has_role(*COORDINATING):
        return resources
    return resources.filter(author=access.user)


def may_change(*, access, resource) -> bool:
    return resource.school_id == getattr(access.school, "pk", None) and (
        access.has_role(*COORDINATING) or resource.author_id == access.user.pk
    )


def public_resources(*, school):
    """A school's resources attached to one of its topics in use shown to peers."""
    return Resource.objects.filter(
        school=school, topics__school=school, topics__is_public=True, topics__retired_at=None
    ).distinct()


def downloadable_resources(*, access):
    """Resources whose file this person may download: the library for staff and the district, the resources of
    topics shown to peers for a peer or focus student."""
    if _is_student(access):
        return public_resources(school=access.school) if access.school else Resource.objects.none()
    return library_queryset(access=access)


def peer_topics(*, access) -> dict:
    """A peer's or focus student's page of topics: their school's topics shown to peers, in the plainer wording for
    younger peers, each with its resources."""
    school = access.school
    student = own_student_record(access=access)
    younger = student is not None and student.grade < YOUNGER_BELOW_GRADE
    topics = (
        OrientationTopic.objects.visible_to(access)
        .in_use()
        .filter(is_public=True)
        .prefetch_related(Prefetch("resources", queryset=Resource.objects.filter(school=school).order_by("title")))
    )
    return {
        "younger": younger,
        "materials": invited_materials(access=access),
        "topics": [
            {
                "topic": topic,
                "title": topic.wording_for(younger=younger),
                "description": (topic.plain_description or topic.description) if younger else topic.description,
                "resources": list(topic.resources.all()),
            }
            for topic in topics
        ],
    }


# --- An orientation's materials ------------------------------------------------------------------------------------


def orientation_queryset(*, access):
    """Orientations a materials page may open: the active school's only, so another school's is a 404."""
    return Orientation.objects.visible_to(access).select_related("program", "term")


def orientation_materials_of_school(*, access):
    return OrientationMaterial.objects.visible_to(access)


def orientation_materials(*, orientation):
    return OrientationMaterial.objects.filter(orientation=orientation).select_related("resource", "resource__school")


def material_resource_choices(*, access, orientation):
    """Library resources that may be added to the orientation: what its school's library shows, not yet added."""
    added = OrientationMaterial.objects.filter(orientation=orientation, resource__isnull=False).values("resource_id")
    return library_queryset(access=access).exclude(pk__in=added).select_related("school").order_by("title", "pk")


def downloadable_materials(*, access):
    """Materials whose file this person may download: every orientation's of the school for staff, the
    orientations they are invited to for a peer or focus student."""
    materials = OrientationMaterial.objects.visible_to(access).select_related("resource")
    if has_permission(access, "view_orientations"):
        return materials
    invited = Invitation.objects.filter(student__in=Student.objects.visible_to(access).filter(user=access.user))
    return materials.filter(orientation__in=invited.values("orientation_id"))


def invited_materials(*, access) -> list:
    """A peer's or student's materials: those of the orientations (not cancelled) they are invited to."""
    if has_permission(access, "view_orientations"):
        return []
    materials = downloadable_materials(access=access).filter(orientation__cancelled_at=None)
    return list(materials.select_related("orientation", "resource").order_by("orientation__title", "orientation", "pk"))


def orientation_panel(*, orientation, access) -> dict:
    """What this area shows on an orientation's page (``templates/orientation/resources/_panel.html``)."""
    return {
        "orientation": orientation,
        # A library resource of another school (shared by a model school) is marked with that school's name.
        "school_id": orientation.program.school_id,
        "materials": list(orientation_materials(orientation=orientation)),
        "can_manage": has_permission(access, "manage_orientations"),
    }
