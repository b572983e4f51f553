"""The programs app's section of a student's page (registered from ``ProgramsConfig.ready()``): the programs the
student takes part in, each linking to its page. Shown to whoever may read programs (``view_programs``)."""

from schools.student_sections import StudentPageSection, register_student_section

from . import selectors


def programs_section(access, student) -> dict:
    return {"participations": selectors.student_participations(access=access, student=student)}


def register() -> None:
    register_student_section(
        StudentPageSection(
            template="programs/student_sections/programs.html",
            permission="view_programs",
            context=programs_section,
            order=10,
        )
    )
