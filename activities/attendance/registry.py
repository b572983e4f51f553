"""What the attendance area adds to core pages (registered from ``ActivitiesConfig.ready()``): the supervisor's
"Attendance to take" dashboard panel and a focus student's inclusive minutes on their page."""

from schools.dashboard import DashboardPanel, register_panel
from schools.dates import school_today
from schools.student_sections import StudentPageSection, register_student_section

from . import selectors


def inclusive_minutes_section(access, student) -> dict | None:
    if not student.is_focus_student:
        return None
    minutes = selectors.student_inclusive_minutes(student=student, today=school_today(student.school))
    return {"inclusive_minutes": minutes}


def register() -> None:
    register_panel(
        DashboardPanel(
            template="activities/attendance/panels/attendance_due.html",
            permission="take_activity_attendance",
            context=selectors.attendance_due_panel,
            order=7,
        )
    )
    register_student_section(
        StudentPageSection(
            template="activities/attendance/student_sections/inclusive_minutes.html",
            permission="view_activities",
            context=inclusive_minutes_section,
            order=40,
        )
    )
