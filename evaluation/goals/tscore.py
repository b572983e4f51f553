"""The GAS T-score (Kiresuk & Sherman, 1968), pure arithmetic so the page can show its worked numbers:

    T = 50 + 10 · Σ(wᵢxᵢ) / √((1 − ρ) · Σwᵢ² + ρ · (Σwᵢ)²),   ρ = 0.3

where xᵢ is the level a goal reached (−2 … +2) and wᵢ its weight. 50 means the goals were met as expected on
average; every 10 points is one standard deviation above or below.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

# The correlation between goals Kiresuk and Sherman assumed, and GAS reports keep using.
RHO = 0.3


@dataclass(frozen=True)
class TScore:
    value: float
    goals: int
    sum_wx: int  # Σ(wᵢxᵢ)
    sum_w_squared: int  # Σwᵢ²
    sum_w_all_squared: int  # (Σwᵢ)²
    denominator: float  # √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²)
    rho: float = RHO

    @property
    def rounded(self) -> float:
        return round(self.value, 2)


def t_score(rated: Iterable[tuple[int, int]]) -> TScore | None:
    """The T-score of ``(weight, level)`` pairs, with its worked numbers; None when nothing is rated."""
    pairs = [(int(weight), int(level)) for weight, level in rated]
    if not pairs:
        return None
    sum_wx = sum(w * x for w, x in pairs)
    sum_w_squared = sum(w * w for w, _x in pairs)
    sum_w_all_squared = sum(w for w, _x in pairs) ** 2
    denominator = math.sqrt((1 - RHO) * sum_w_squared + RHO * sum_w_all_squared)
    return TScore(
        value=50 + 10 * sum_wx / denominator,
        goals=len(pairs),
        sum_wx=sum_wx,
        sum_w_squared=sum_w_squared,
        sum_w_all_squared=sum_w_all_squared,
        denominator=denominator,
    )
