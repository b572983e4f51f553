"""The facilitation log's strategies are Figure 1 of the guide, in its order and its own words."""

from pathlib import Path

from django.conf import settings

from activities.guide_strategies import GUIDE_STRATEGIES, STRATEGY_KEYS
from tests.conftest import service_missing

RELATIVE = Path("shared") / "domain" / "peer-partner-programs-guide.txt"


def find_guide() -> Path:
    """``../shared/domain/`` from the repository root; a git worktree lives one level deeper (``wt/<name>``), so the
    nearest ancestor that holds it. When none does, the expected path (and the test fails on it)."""
    base = Path(settings.BASE_DIR).resolve()
    for folder in base.parents:
        if (folder / RELATIVE).is_file():
            return folder / RELATIVE
    return base.parent / RELATIVE


GUIDE = find_guide()


def figure_1() -> list[str]:
    """The bullet lines after "Figure 1." in the guide. The guide comes with the development workspace
    (../shared/domain), not with a clone: without it the test is skipped, and fails under ``REQUIRE_SERVICES`` (CI),
    as the real OneRoster sets do."""
    if not GUIDE.is_file():
        service_missing(f"the guide is not at {GUIDE}: it comes with the development workspace, not with a clone")
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Figure 1."))
    bullets = []
    for line in lines[start + 1 :]:
        text = line.strip()
        if not text and not bullets:
            continue
        if not text.startswith("•"):
            break
        bullets.append(text.lstrip("•").strip().rstrip(";.").strip())
    return bullets


def test_the_strategies_are_figure_1_word_for_word_in_order():
    bullets = figure_1()
    assert len(bullets) == 14
    assert [wording for _key, wording, _plain in GUIDE_STRATEGIES] == bullets


def test_every_strategy_has_a_unique_key_and_a_plain_label():
    assert len(set(STRATEGY_KEYS)) == 14
    assert all(plain and plain[0].isupper() for _key, _wording, plain in GUIDE_STRATEGIES)
