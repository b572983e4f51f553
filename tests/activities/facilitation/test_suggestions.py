"""Suggestions for a student: the strategies logged with the best interaction quality (at least 2 rated logs), ties
by how often, in plain words."""

from types import SimpleNamespace

import pytest

from activities.facilitation import selectors, services
from activities.facilitation.selectors import rank_strategies
from activities.models import AdultSupport
from tests.activities.facilitation.factories import past_lunch


def log(quality, *keys):
    return SimpleNamespace(interaction_quality=quality, strategies=list(keys))


def test_ranked_by_average_quality_then_count_with_a_minimum_of_two():
    logs = [
        log(4, "highlight-similarities", "check-in"),
        log(3, "highlight-similarities", "check-in", "prompt-interactions"),
        log(3, "highlight-similarities", "prompt-interactions"),
        log(4, "highlight-similarities"),
        log(4, "demonstrate-aac"),  # once only: not suggested
        log(None, "prompt-interactions", "check-in"),  # unrated: not counted
        log(2, "check-in"),
    ]
    ranked = rank_strategies(logs)
    # highlight: (4+3+3+4)/4 = 3.5 ×4; check-in: (4+3+2)/3 = 3.0 ×3; prompt: (3+3)/2 = 3.0 ×2
    assert [(s.key, s.average, s.count) for s in ranked] == [
        ("highlight-similarities", 3.5, 4),
        ("check-in", 3.0, 3),
        ("prompt-interactions", 3.0, 2),
    ]
    assert ranked[0].sentence == (
        "When adults pointed out what they have in common, interactions were rated 3.5 of 4 on average (4 times)."
    )


def test_equal_average_and_count_follow_the_guides_order_and_the_limit():
    logs = [log(3, "ask-peers-to-help", "arrange-seating", "check-in", "show-conversations")] * 2
    ranked = rank_strategies(logs)
    assert [s.key for s in ranked] == ["show-conversations", "arrange-seating", "check-in"]


@pytest.mark.django_db
def test_the_selector_reads_the_students_logs_of_the_term(world):
    by = [world.user("coordinator"), world.user("staff")]
    for days, quality in ((5, 4), (4, 2)):
        occurrence = past_lunch(world, days, present=[world.focus_student])
        for adult in by:
            services.facilitation_log_save(
                occurrence=occurrence,
                student=world.focus_student,
                by=adult,
                strategies=["praise-interactions"],
                adult_support=AdultSupport.NEARBY,
                interaction_quality=quality,
            )
    (suggestion,) = selectors.strategy_suggestions(student=world.focus_student, term=world.term)
    assert (suggestion.key, suggestion.average, suggestion.count) == ("praise-interactions", 3.0, 4)
    assert selectors.strategy_suggestions(student=world.peer_student, term=world.term) == []
