"""East's campaign with a ready poster (US Letter), for the role matrix and the materials tests.

Built once per ``world`` (kept on it), so every row of the role matrix reaches the same objects. The poster's hash
is the current one, so the matrix's "prepare" POST answers from the cache and renders nothing.
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from recruitment.materials import selectors, services
from recruitment.models import RecruitmentMaterial

from ...programs.objects import PDF_BYTES, east_program
from ...recruitment_factories import CampaignFactory

# A fixed name: the role matrix runs with the project's MEDIA_ROOT, so the file is written once and reused.
MATRIX_POSTER = "recruitment/materials/role-matrix/poster-letter.pdf"


@dataclass
class MaterialObjects:
    campaign: object
    poster: object


def east_materials(world) -> MaterialObjects:
    cached = getattr(world, "_east_materials", None)
    if cached is not None:
        return cached
    campaign = CampaignFactory(program=east_program(world).program, term=world.term)
    if not default_storage.exists(MATRIX_POSTER):
        default_storage.save(MATRIX_POSTER, ContentFile(PDF_BYTES))
    content = selectors.material_content(campaign=campaign)
    poster = RecruitmentMaterial.objects.create(
        campaign=campaign,
        kind="poster",
        paper="letter",
        status=RecruitmentMaterial.Status.READY,
        source_hash=services.material_source_hash(content=content, kind="poster", paper="letter"),
        file=MATRIX_POSTER,
    )
    world._east_materials = MaterialObjects(campaign=campaign, poster=poster)
    return world._east_materials
