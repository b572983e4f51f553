"""Read side of shared activities: the public surface the evaluation app and dashboards read. Selectors that take a
program or a school (not a request's ``access``) may be called from tasks and demo seeders too."""

from .models import Activity, Occurrence


def program_activities(*, program):
    """A program's activities, not cancelled, soonest first."""
    return Activity.objects.filter(program=program).not_cancelled().select_related("term", "period")


def activity_occurrences(*, activity):
    return Occurrence.objects.filter(activity=activity).order_by("date", "starts_at")
