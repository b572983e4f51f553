"""Read side of shared activities: the public surface the evaluation app and dashboards read. Selectors that take a
program or a school (not a request's ``access``) may be called from tasks and demo seeders too."""

from .models import Activity, Occurrence


def program_activities(*, program):
    """A program's activities, not cancelled, soonest first."""
    return Activity.objects.filter(program=program).not_cancelled().select_related("term", "period")


def activity_occurrences(*, activity):
    return Occurrence.objects.filter(activity=activity).order_by("date", "starts_at")


# The guide's first outcomes, computed from attendance (the evaluation app reads them here).
from .attendance.selectors import (  # noqa: E402
    distinct_peers_by_focus_student,
    inclusive_minutes_by_week,
    peer_participation,
    student_inclusive_minutes,
)

__all__ = [
    "activity_occurrences",
    "distinct_peers_by_focus_student",
    "inclusive_minutes_by_week",
    "peer_participation",
    "program_activities",
    "student_inclusive_minutes",
]

# Observation by interval recording (issue 21): observations with their measures (the studies' measures), for the
# evaluation app.
from .observation.selectors import observation_list, observation_results  # noqa: E402

__all__ += ["observation_list", "observation_results"]
