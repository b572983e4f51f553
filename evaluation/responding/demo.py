"""The demo's student_form."""


def seed(*, password: str) -> None:
    pass
