"""What peers and students see of their own pairings: a peer opens the peer-safe profile of each focus student they
are paired with (confirmed matches); a focus student sees the first names and interests of their peers.

Nothing here reaches a confidential field: profiles go through ``schools.peer_safe.peer_safe_profile``.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from schools.dashboard import DashboardPanel, register_panel
from schools.mixins import SchoolPermissionMixin
from schools.peer_safe import peer_safe_profile, shared_name
from schools.scoping import PEER
from schools.selectors import own_student_record

from . import selectors


def partners_panel(access) -> dict:
    me = own_student_record(access=access)
    if me is None:
        return {"partners": [], "is_peer": False}
    if access.has_role(PEER):
        partners = selectors.partners_of(student=me)
        hidden_as = _("Your partner")
    else:
        partners = selectors.peers_of_focus_student(student=me)
        hidden_as = _("Your peer partner")
    # First names and interests only: the panel is read by the peer or the student themselves. A family's directory
    # opt-out hides the name.
    return {
        "is_peer": access.has_role(PEER),
        "partners": [
            {"pk": p.pk, "first_name": shared_name(p, hidden_as=hidden_as), "interests": p.interests}
            for p in partners
        ],
    }


def register() -> None:
    register_panel(
        DashboardPanel(
            template="recruitment/matching/panels/partners.html", permission="view_own_partners",
            context=partners_panel, order=10,
        )
    )


class PartnerProfileView(SchoolPermissionMixin, TemplateView):
    """A peer's view of one of their partners: the peer-safe profile, and only for a confirmed pairing."""

    permission = "view_own_partners"
    template_name = "schools/peer_safe_profile.html"

    def get_context_data(self, **kwargs):
        access = self.request.access
        me = own_student_record(access=access)
        if me is None or not access.has_role(PEER):
            raise Http404
        partner = selectors.partners_of(student=me).filter(pk=self.kwargs["pk"]).first()
        if partner is None:
            raise Http404
        return {**super().get_context_data(**kwargs), "profile": peer_safe_profile(partner), "for_peer": True}
