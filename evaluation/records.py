"""What the evaluation app holds about a student: its sections of the student record bundle ("everything held about
a student") and the anonymiser that erases it when the student is anonymised (retention, or "delete this child's
data"). Registered from ``EvaluationConfig.ready()``.

Erasing keeps the program's counts (how many answered, how a pair was going, the goal levels reached) and removes
the child's words and anything that names them: free-text answers, notes, and the people they named as friends."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schools.privacy.bundle import RecordSection, register_section
from schools.privacy.retention import register_anonymiser

from .models import ContactNomination, GoalRating, GoalScale, PairCheckIn, SurveyAnswer, SurveyResponse


def _responses(student):
    return SurveyResponse.objects.filter(Q(student=student) | Q(partner=student)).select_related(
        "program", "survey", "window"
    )


def _answers(student):
    return SurveyAnswer.objects.filter(response__student=student).select_related("response", "question")


def _goal_scales(student):
    return GoalScale.objects.filter(student=student).select_related("program", "term", "iep_goal")


def _goal_ratings(student):
    return GoalRating.objects.filter(scale__student=student).select_related("scale")


def _nominations(student):
    return ContactNomination.objects.filter(Q(nominator=student) | Q(nominee=student)).select_related(
        "window", "nominator", "nominee"
    )


def _check_ins(student):
    return PairCheckIn.objects.filter(Q(peer=student) | Q(focus_student=student)).select_related(
        "program", "peer", "focus_student"
    )


def anonymise_evaluation(student) -> None:
    """The student's own words (survey answers' text and the questions as asked with names filled in, check-in
    notes, goal scales' texts and rating notes) and every social-contact nomination by or of them. Values (yes / a
    little / no, levels, how often a pair met) stay: they are the program's counts."""
    SurveyAnswer.objects.filter(response__student=student).update(text="", question_text="", quote_selected=False)
    # A survey about them (a family's, an exit survey naming them as the partner) asked with their name filled in.
    SurveyAnswer.objects.filter(Q(response__partner=student)).update(question_text="")
    SurveyResponse.objects.filter(Q(student=student) | Q(partner=student)).update(
        supported_by_other="", quote_consent=""
    )
    PairCheckIn.objects.filter(Q(peer=student) | Q(focus_student=student)).update(note_to_staff="", follow_up_note="")
    GoalScale.objects.filter(student=student).update(
        title=_("Former student's goal"),
        level_minus_2="",
        level_minus_1="",
        level_0="",
        level_plus_1="",
        level_plus_2="",
        late_lock_reason="",
    )
    GoalRating.objects.filter(scale__student=student).update(note="")
    ContactNomination.objects.filter(Q(nominator=student) | Q(nominee=student)).delete()


def register() -> None:
    for section in (
        RecordSection("survey_responses", _("Surveys answered"), _responses, order=60),
        RecordSection("survey_answers", _("Survey answers"), _answers, order=61),
        RecordSection("goal_scales", _("Goal attainment scales"), _goal_scales, order=62),
        RecordSection("goal_ratings", _("Goal attainment ratings"), _goal_ratings, order=63),
        RecordSection("contact_nominations", _("Social contacts and friends named"), _nominations, order=64),
        RecordSection("pair_check_ins", _("Pair check-ins"), _check_ins, order=65),
    ):
        register_section(section)
    register_anonymiser(anonymise_evaluation)
