"""The demo's pairs."""


def seed(*, password: str) -> None:
    pass
