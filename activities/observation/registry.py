"""What the observation area adds to core pages (registered from ``ActivitiesConfig.ready()``): a focus student's
latest observations on their page, with the measures, for staff who may read observations."""

from schools.student_sections import StudentPageSection, register_student_section

from . import selectors

LATEST = 3


def observations_section(access, student) -> dict | None:
    if not student.is_focus_student:
        return None
    rows = selectors.observation_list(access=access, student=student, first_observers_only=True, limit=LATEST)
    return {"rows": rows, "student": student}


def register() -> None:
    register_student_section(
        StudentPageSection(
            template="activities/observation/student_sections/observations.html",
            permission="view_observations",
            context=observations_section,
            order=45,
        )
    )
