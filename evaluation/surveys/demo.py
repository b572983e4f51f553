"""The demo's surveys."""


def seed(*, password: str) -> None:
    pass
