"""What student_form adds to core pages (dashboard panels, student page sections), registered from
``EvaluationConfig.ready()``."""


def register() -> None:
    pass
