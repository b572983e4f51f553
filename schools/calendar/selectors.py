"""Read side of the school calendar's pages (scoped to the active school). Tasks and the scheduling service read
days through ``schools.selectors.non_school_days``, which takes a school."""

from ..dates import school_today
from ..models import NonSchoolDay
from ..selectors import terms as school_terms


def calendar_terms(*, school):
    """The school's terms newest first, and the one the page opens on: the shortest term holding today, else the
    newest."""
    terms = list(school_terms(school=school, newest_first=True))
    today = school_today(school)
    holding = [t for t in terms if t.start_date <= today <= t.end_date]
    current = min(holding, key=lambda t: t.end_date - t.start_date) if holding else (terms[0] if terms else None)
    return terms, current


def term_non_school_days(*, access, term):
    """The active school's non-school days inside ``term``'s dates (a day of a semester shows in its school year
    too), one query."""
    return NonSchoolDay.objects.visible_to(access).filter(date__range=(term.start_date, term.end_date)).order_by("date")
