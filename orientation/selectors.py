"""The public read surface of orientation, for the apps after it (evaluation), the demo and the registries it
answers (``schools.peer_readiness``). Each function takes the program (or the school), not a request's ``access``,
so tasks can call it too.
"""

from collections.abc import Iterable

from schools.peer_readiness import WARN, PeerReadiness

from .models import OrientationSettings, OrientationTopic, TopicCoverage
from .sessions import selectors as session_selectors

__all__ = [
    "PeerReadiness",
    "peer_readiness",
    "program_orientations",
    "readiness_rule",
    "required_topics",
    "school_readiness",
]

# --- Orientations (sessions) ------------------------------------------------------------------------------------


def program_orientations(*, program):
    """The program's orientations and follow-up meetings, upcoming first, with ``next_meeting_on``,
    ``first_meeting_on`` and ``meeting_count`` (one query)."""
    return session_selectors.program_orientation_list(program=program)


# --- Readiness (required topics covered) ------------------------------------------------------------------------


def readiness_rule(*, program) -> str:
    """The program's rule for peers not yet ready: "warn" (the default, with no settings saved) or "block"."""
    rule = OrientationSettings.objects.filter(program=program).values_list("not_ready", flat=True).first()
    return rule or WARN


def required_topics(*, school_id: int) -> list[OrientationTopic]:
    """The school's required topics in use, in the library's order: what every peer must cover to be ready."""
    return list(OrientationTopic.objects.required().filter(school_id=school_id))


def school_readiness(*, school_id: int, peers: Iterable, rule: str = WARN,
                     topics: list[OrientationTopic] | None = None) -> dict[int, PeerReadiness]:
    """Readiness of ``peers`` (students or ids) against the school's required topics: two queries (one when
    ``topics`` are given). Covered = attended a meeting that covered the topic, or covered one-to-one with staff."""
    peer_ids = [getattr(peer, "pk", peer) for peer in peers]
    topics = required_topics(school_id=school_id) if topics is None else topics
    covered: set[tuple[int, int]] = set()
    if topics and peer_ids:
        rows = TopicCoverage.objects.filter(student_id__in=peer_ids, topic__in=topics)
        covered = set(rows.values_list("student_id", "topic_id"))
    answers = {}
    for peer_id in peer_ids:
        missing = tuple(topic.title for topic in topics if (peer_id, topic.pk) not in covered)
        answers[peer_id] = PeerReadiness(ready=not missing, missing=missing, rule=rule)
    return answers


def peer_readiness(*, program, peers: Iterable) -> dict[int, PeerReadiness]:
    """Each peer's readiness in ``program``: every required topic in use of the school covered, and the program's
    rule (warn or block). Three queries whatever the number of peers. Registered with ``schools.peer_readiness``."""
    return school_readiness(school_id=program.school_id, peers=peers, rule=readiness_rule(program=program))
