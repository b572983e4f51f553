"""What the readiness area adds to the core's pages, registered from ``OrientationConfig.ready()``: each peer's
readiness for matching and scheduling (``schools.peer_readiness``), a peer's readiness on their page (staff), and a
peer's links to their partners' handouts on their dashboard."""

from schools.dashboard import DashboardPanel, register_panel
from schools.peer_readiness import register_peer_readiness
from schools.student_sections import StudentPageSection, register_student_section

from .. import selectors as public
from . import selectors


def register() -> None:
    register_peer_readiness(public.peer_readiness)
    register_student_section(
        StudentPageSection(
            template="orientation/readiness/student_sections/readiness.html",
            permission="view_orientations",
            context=selectors.student_readiness_section,
            order=30,
        )
    )
    register_panel(
        DashboardPanel(
            template="orientation/readiness/panels/partner_handouts.html",
            permission="view_peer_handouts",
            context=selectors.my_partner_handouts,
            order=12,
        )
    )
