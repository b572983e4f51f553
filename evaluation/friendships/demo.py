"""The demo's friendships."""


def seed(*, password: str) -> None:
    pass
