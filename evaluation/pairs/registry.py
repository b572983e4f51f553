"""What pairs adds to core pages (registered from ``EvaluationConfig.ready()``): the coordinator's dashboard panel
"Pairs needing a follow-up", the peer's and student's "My partner" (this month's check-in, milestones), and the
student page's "Pair health" section (flag a match problem; check in with a focus student)."""

from schools.dashboard import DashboardPanel, register_panel
from schools.student_sections import StudentPageSection, register_student_section

from . import selectors


def register() -> None:
    register_panel(
        DashboardPanel(
            template="evaluation/pairs/panels/follow_up.html",
            permission="view_pair_health",
            context=selectors.follow_up_panel,
            order=7,
        )
    )
    register_panel(
        DashboardPanel(
            template="evaluation/pairs/panels/my_partner.html",
            permission="check_in_own_pairs",
            context=selectors.my_partner_panel,
            order=7,
        )
    )
    register_student_section(
        StudentPageSection(
            template="evaluation/pairs/student_section.html",
            permission="flag_match_problem",
            context=selectors.student_pairs_section,
            order=60,
        )
    )
