"""Surveys, the write side: the starter surveys a program is given, its questions, survey windows, invitations and
nudges. Keyword-only, ``full_clean()`` before saving, one transaction each."""

from django.db import transaction

from schools.models import School

from .. import starters
from ..models import Survey, SurveyQuestion


def surveys_ensure(*, program) -> int:
    """Give ``program`` each starter survey it was never given (``evaluation/starters.py``); a program's own copies,
    edited or retired, are left as they are. The school's row is locked (this app may not import programs' models), so
    two first visits at once make one set. Returns how many surveys were made."""
    with transaction.atomic():
        School.objects.select_for_update().filter(pk=program.school_id).first()
        given = set(Survey.objects.filter(program=program).exclude(starter="").values_list("starter", flat=True))
        made = 0
        for starter in starters.STARTERS:
            if starter.key in given:
                continue
            survey = Survey.objects.create(
                program=program,
                kind=starter.kind,
                audience=starter.audience,
                title=starter.title,
                introduction=starter.introduction,
                starter=starter.key,
            )
            SurveyQuestion.objects.bulk_create(
                SurveyQuestion(
                    survey=survey,
                    position=position,
                    text=question.text,
                    answer_type=question.answer_type,
                    choices=list(question.choices),
                    asks_why=question.asks_why,
                    is_practice=question.is_practice,
                    agreement_key=question.agreement_key,
                    reverse_keyed=question.reverse_keyed,
                )
                for position, question in enumerate(starter.questions)
            )
            made += 1
        return made
