"""The public write surface of orientation (for evaluation and the demo), and the topic library's one writer of the
guide's topics. The areas' own workflows are in ``orientation/<area>/services.py``."""

from django.db import transaction

from .guide_topics import GUIDE_TOPICS
from .models import OrientationTopic


def topic_library_ensure(*, school) -> None:
    """Copy the guide's topics into ``school``'s library once (idempotent: a topic the coordinator edited or retired
    stays as they left it, and the constraint ``guide_topic_once_per_school`` keeps two requests from copying twice).
    """
    have = set(OrientationTopic.objects.filter(school=school).exclude(guide_key="").values_list("guide_key", flat=True))
    missing = [row for row in GUIDE_TOPICS if row[0] not in have]
    if not missing:
        return
    with transaction.atomic():
        OrientationTopic.objects.bulk_create(
            [
                OrientationTopic(
                    school=school,
                    guide_key=key,
                    title=title,
                    description=description,
                    plain_title=plain_title,
                    plain_description=plain_description,
                    source=source,
                    tailoring=tailoring,
                    is_required=required,
                    is_public=True,
                    order=(index + 1) * 10,
                )
                for index, (key, title, description, plain_title, plain_description, source, tailoring, required) in (
                    (GUIDE_TOPICS.index(row), row) for row in missing
                )
            ],
            ignore_conflicts=True,
        )
