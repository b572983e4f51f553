"""Saving a student's social contacts for one survey window."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from schools.dates import school_today

from ..models import ContactNomination, SurveyResponse
from . import selectors


def contacts_save(*, response, in_school, out_of_school, friend) -> int:
    """Replace the window's nominations of the response's student with these (sets of student ids), in one
    transaction, each carrying how the response was answered. A closed window, the student themself or anyone not on
    their list (another program's or school's student, a forged id) is refused with nothing saved. Returns how many
    students were named."""
    window, nominator = response.window, response.student
    if not window.is_open(school_today(response.program.school)):
        raise ValidationError(_("This survey window is closed, so nothing more can be saved."))
    named = set(in_school) | set(out_of_school) | set(friend)
    if nominator.pk in named:
        raise ValidationError(_("You can't name yourself."))
    allowed = {candidate.student.pk for candidate in selectors.contact_candidates(response=response)}
    if named - allowed:
        raise ValidationError(_("One of the names is not on your list. Nothing was saved; please try again."))
    with transaction.atomic():
        # Locking the response makes two saves of one student's list (two tabs, a double tap) one after the other.
        SurveyResponse.objects.select_for_update().filter(pk=response.pk).first()
        return nominations_replace(
            window=window,
            nominator=nominator,
            in_school=in_school,
            out_of_school=out_of_school,
            friend=friend,
            answered_how=response.answered_how,
        )


def nominations_replace(*, window, nominator, in_school, out_of_school, friend, answered_how) -> int:
    """The write itself, for ``contacts_save`` (which checks the window and the names first) and for the demo, which
    records answers given in windows that have closed since. A student named with nothing ticked is not saved."""
    named = set(in_school) | set(out_of_school) | set(friend)
    with transaction.atomic():
        ContactNomination.objects.filter(window=window, nominator=nominator).delete()
        nominations = []
        for pk in sorted(named):
            nomination = ContactNomination(
                window=window,
                nominator=nominator,
                nominee_id=pk,
                in_school=pk in in_school,
                out_of_school=pk in out_of_school,
                friend=pk in friend,
                answered_how=answered_how,
            )
            # The nominees were checked by the caller; not fetching each one keeps the save to a few queries.
            nomination.full_clean(exclude=["nominee"], validate_unique=False, validate_constraints=False)
            nominations.append(nomination)
        ContactNomination.objects.bulk_create(nominations)
    return len(nominations)
