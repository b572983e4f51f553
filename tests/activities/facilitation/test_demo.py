"""The facilitation demo over the scheduling and attendance demos: two focus students whose weekly adult support
falls over the term while their interactions rise, a peer-support start and a change for each, group logs, goals
practised that are the student's own; idempotent."""

import io

import pytest
from django.core.management import call_command

from activities.facilitation import demo, selectors
from activities.models import FacilitationLog, SupportChange

pytestmark = pytest.mark.django_db


def test_an_empty_demo_does_nothing(world):
    assert demo.seed(password="x") == ""


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())


def test_two_students_fade_and_every_goal_is_their_own(seeded):
    students = {log.student for log in FacilitationLog.objects.exclude(student=None).select_related("student")}
    assert len(students) == 2
    for student in students:
        term = selectors.current_term(selectors.student_terms(student=student), selectors.today_for(student))
        weeks = [w for w in selectors.student_timeline(student=student, term=term).weeks if w.logs]
        assert len(weeks) >= 2, student
        support = [w.support for w in weeks]
        assert support == sorted(support, reverse=True) and support[0] > support[-1], (student, support)
        assert support[0] >= 1.5 and support[-1] <= 0.5, support
        assert weeks[-1].interactions / weeks[-1].logs > weeks[0].interactions / weeks[0].logs
        kinds = set(SupportChange.objects.filter(student=student).values_list("kind", "what"))
        assert ("peer_support_started", demo.PEER_SUPPORT) in kinds and ("change", demo.MOVED_BACK) in kinds
        assert selectors.strategy_suggestions(student=student, term=term)
    assert FacilitationLog.objects.filter(student=None).exists()
    practised = FacilitationLog.goals_practised.through.objects.select_related("facilitationlog", "iepgoal")
    assert practised.exists()
    for row in practised:
        assert row.iepgoal.student_id == row.facilitationlog.student_id


def test_seeding_twice_changes_nothing(seeded):
    before = list(FacilitationLog.objects.order_by("pk").values_list("pk", "updated_at"))
    changes = SupportChange.objects.count()
    assert demo.seed(password="x") == ""
    assert list(FacilitationLog.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert SupportChange.objects.count() == changes
