"""Factories of the ``orientation`` app, one block per area (each area's helper wrote its own block; the lead keeps
one of any factory two blocks define the same way)."""

from dataclasses import dataclass

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from orientation.models import Invitation, Orientation, OrientationMaterial, OrientationTopic, Resource
from tests.programs.factories import PDF_BYTES, ProgramFactory, east_program

# --- Resources: the resource library and an orientation's materials (helper h5) -----------------------------------


class LibraryTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrientationTopic

    school = factory.SubFactory("tests.schools.factories.SchoolFactory")
    title = factory.Sequence(lambda n: f"Topic {n}")
    plain_title = factory.LazyAttribute(lambda t: f"{t.title} (in plain words)")


class LibraryOrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    program = factory.SubFactory(ProgramFactory)
    term = factory.SubFactory("tests.schools.factories.TermFactory", school=factory.SelfAttribute("..program.school"))
    title = factory.Sequence(lambda n: f"Orientation {n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    """A link by default; ``ResourceFactory(file=stored_pdf("name.pdf"))`` for a file."""

    class Meta:
        model = Resource

    school = factory.SubFactory("tests.schools.factories.SchoolFactory")
    title = factory.Sequence(lambda n: f"Resource {n}")
    url = factory.Sequence(lambda n: f"https://example.org/resource-{n}")
    tags = factory.LazyFunction(lambda: ["orientation"])


class OrientationMaterialFactory(factory.django.DjangoModelFactory):
    """A link of the orientation's own by default."""

    class Meta:
        model = OrientationMaterial

    orientation = factory.SubFactory(LibraryOrientationFactory)
    title = factory.Sequence(lambda n: f"Handout {n}")
    url = factory.Sequence(lambda n: f"https://example.org/handout-{n}")


def stored_pdf(name: str) -> str:
    """A PDF in the storage under ``name`` (written once: the role matrix runs with the project's MEDIA_ROOT)."""
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(PDF_BYTES))
    return name


@dataclass
class ResourceObjects:
    topic: object  # shown to peers
    resource: object  # a file attached to the public topic: peers may download it
    spare_resource: object  # deleted by the matrix's delete row, put back for the next role
    orientation: object  # the world's peer is invited
    material: object  # a file of the orientation's own
    spare_material: object  # removed by the matrix's remove row, put back for the next role

    def restore(self, name: str) -> dict:
        """Put a row a previous role deleted back with the same id, so the next role meets the same URL."""
        obj = getattr(self, name)
        if not type(obj).objects.filter(pk=obj.pk).exists():
            obj.save(force_insert=True)
        return {}


def east_resources(world) -> ResourceObjects:
    """East's library (a PDF on a topic shown to peers, written by the coordinator) and an orientation of East's
    program with two materials, the world's peer invited. Made once per ``world``."""
    cached = getattr(world, "_east_resources", None)
    if cached is not None:
        return cached
    program = east_program(world).program
    topic = LibraryTopicFactory(school=world.school, title="When to seek help from staff", is_public=True)
    resource = ResourceFactory(
        school=world.school,
        title="Asking for help",
        url="",
        file=stored_pdf("resources/role-matrix/asking-for-help.pdf"),
        author=world.user("coordinator"),
    )
    resource.topics.add(topic)
    orientation = LibraryOrientationFactory(program=program, term=world.term, title="Fall orientation")
    Invitation.objects.create(orientation=orientation, student=world.peer_student)
    objects = ResourceObjects(
        topic=topic,
        resource=resource,
        spare_resource=ResourceFactory(school=world.school, title="Old poster", author=world.user("coordinator")),
        orientation=orientation,
        material=OrientationMaterialFactory(
            orientation=orientation, title="Agenda", url="", file=stored_pdf("orientation-materials/role-matrix.pdf")
        ),
        spare_material=OrientationMaterialFactory(orientation=orientation, title="Welcome video"),
    )
    world._east_resources = objects
    return objects


# --- end of resources' block ---------------------------------------------------------------------------------------
