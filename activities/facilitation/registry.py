"""What the facilitation area adds to core pages (registered from ``ActivitiesConfig.ready()``): a link to a focus
student's timeline on their page, for staff who read facilitation."""

from django.urls import reverse

from schools.student_sections import StudentPageSection, register_student_section


def timeline_section(access, student) -> dict | None:
    if not student.is_focus_student:
        return None
    return {"timeline_url": reverse("activities:student_timeline", kwargs={"pk": student.pk})}


def register() -> None:
    register_student_section(
        StudentPageSection(
            template="activities/facilitation/student_sections/timeline_link.html",
            permission="view_facilitation",
            context=timeline_section,
            order=41,
        )
    )
