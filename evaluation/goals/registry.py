"""What goals adds to core pages (registered from ``EvaluationConfig.ready()``): on a focus student's page, their
latest goal scales and T-score, for staff who may read the student's confidential record (scales come from IEP
goals; the look is written to the access log)."""

from django.urls import reverse

from schools.student_sections import StudentPageSection, register_student_section

from . import selectors


def goals_section(access, student) -> dict | None:
    if not student.is_focus_student or not selectors.may_view_scales(access, student):
        return None
    scales, score, point = selectors.latest_scales(student=student)
    if not scales:
        return None
    selectors.log_scale_views(access=access, students=[student])
    first = scales[0]
    return {
        "program": first.program,
        "term": first.term,
        "scales": scales,
        "score": score,
        "point": point,
        "url": reverse("evaluation:goal_student", kwargs={"pk": first.program_id, "student": student.pk}),
    }


def register() -> None:
    register_student_section(
        StudentPageSection(
            template="evaluation/goals/student_sections/goals.html",
            permission="view_goal_scales",
            context=goals_section,
            order=45,
        )
    )
