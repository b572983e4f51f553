"""What friendships adds to core pages, registered from ``EvaluationConfig.ready()``: a section of the student page
for the program's leads (``view_friendships``): the friends the student named and was named by in each survey
window, mutual friendships marked."""

from schools.student_sections import StudentPageSection, register_student_section

from . import selectors


def register() -> None:
    register_student_section(
        StudentPageSection(
            template="evaluation/friendships/student_section.html",
            permission="view_friendships",
            context=selectors.student_friendships,
            order=60,
        )
    )
