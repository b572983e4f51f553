"""The Kiresuk–Sherman T-score against examples worked by hand (ρ = 0.3), to 2 decimals, with the worked numbers
the pages show."""

import math

from evaluation.goals.tscore import RHO, t_score


def test_three_equal_weights_two_goals_met_one_better():
    # Σwx = 2, Σw² = 3, (Σw)² = 9: T = 50 + 10·2 / √(0.7·3 + 0.3·9) = 50 + 20 / √4.8 = 59.13
    score = t_score([(1, 1), (1, 1), (1, 0)])
    assert (score.sum_wx, score.sum_w_squared, score.sum_w_all_squared) == (2, 3, 9)
    assert round(score.denominator, 4) == 2.1909
    assert score.rounded == 59.13
    assert score.goals == 3


def test_every_goal_at_the_expected_outcome_is_fifty():
    assert t_score([(1, 0), (3, 0), (5, 0)]).rounded == 50.0


def test_three_goals_at_the_present_level_with_equal_weights():
    # Σwx = −6: T = 50 − 60 / √4.8 = 22.61
    score = t_score([(2, -2), (2, -2), (2, -2)])
    assert score.sum_wx == -12 and score.sum_w_squared == 12 and score.sum_w_all_squared == 36
    # Equal weights give the same T whatever the weight: √(0.7·12 + 0.3·36) = 2·√4.8.
    assert score.rounded == 22.61
    assert t_score([(1, -2), (1, -2), (1, -2)]).rounded == 22.61


def test_unequal_weights():
    # w = (3, 2, 1), x = (+1, 0, −1): Σwx = 2, Σw² = 14, (Σw)² = 36, √(9.8 + 10.8) = √20.6 = 4.5387: T = 54.41
    score = t_score([(3, 1), (2, 0), (1, -1)])
    assert (score.sum_wx, score.sum_w_squared, score.sum_w_all_squared) == (2, 14, 36)
    assert round(score.denominator, 4) == round(math.sqrt(20.6), 4)
    assert score.rounded == 54.41


def test_one_goal_much_more_than_expected():
    # w = 2, x = +2: 50 + 10·4 / √(0.7·4 + 0.3·4) = 50 + 40 / 2 = 70
    assert t_score([(2, 2)]).rounded == 70.0


def test_nothing_rated_is_none():
    assert t_score([]) is None


def test_rho_is_kiresuk_and_shermans():
    assert RHO == 0.3
