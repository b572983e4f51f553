"""The demo's goals."""


def seed(*, password: str) -> None:
    pass
