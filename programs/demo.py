"""Demo programs for seed_demo (filled in by the programs issue)."""


def seed(*, password: str) -> str:
    return "no programs yet"
