"""The recruitment app's section of a student's page (registered from ``RecruitmentConfig.ready()``): a focus
student's peers, or a peer's partners and applications, each linking to its page and to the program's matches.

Shown to the staff who may open recruitment and matching (``view_recruitment``): the same people see these pairings
on the matching pages. The student page is for staff only, so names are the roster's; nothing of a student's
confidential record (peer preferences, notes) is read here.
"""

from schools.student_sections import StudentPageSection, register_student_section

from .campaigns import selectors as campaign_selectors
from .matching import selectors as matching_selectors


def partners_section(access, student) -> dict:
    pairings = matching_selectors.student_pairings(access=access, student=student)
    partners = [
        {"match": match, "partner": match.peer if student.is_focus_student else match.focus_student}
        for match in pairings
    ]
    programs = list({match.program_id: match.program for match in pairings}.values())
    applications = (
        [] if student.is_focus_student
        else campaign_selectors.student_applications(access=access, student=student)
    )
    return {"partners": partners, "programs": programs, "applications": applications}


def register() -> None:
    register_student_section(
        StudentPageSection(
            template="recruitment/student_sections/partners.html",
            permission="view_recruitment",
            context=partners_section,
            order=20,
        )
    )
