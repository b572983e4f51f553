"""Matching pages: thin views. The program comes from the active school's programs only (another school's is a 404);
reading needs "view_recruitment", changing "manage_matching"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from programs.selectors import program_queryset
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.models import AccessLogEntry, Student
from schools.permissions import can_view_sensitive, has_permission
from schools.services import record_access

from ..models import Match
from . import selectors, services
from .forms import HandPairingForm, MatchingSettingsForm


class MatchingMixin(SchoolObjectMixin):
    """Pages of one program's matching: the program is the URL's object (another school's is a 404)."""

    permission = "view_recruitment"

    def get_queryset(self):
        return program_queryset(access=self.request.access)

    @property
    def program(self):
        return self.object

    @cached_property
    def term(self):
        return selectors.current_term(program=self.program)

    def page_url(self) -> str:
        return reverse("recruitment:matching", kwargs={"pk": self.program.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            program=self.program, term=self.term, can_manage=has_permission(self.request.access, "manage_matching")
        )
        return context


class MatchingProgramsView(SchoolPermissionMixin, TemplateView):
    permission = "view_recruitment"
    template_name = "recruitment/matching/programs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programs"] = selectors.program_summaries(access=self.request.access)
        return context


class MatchingView(MatchingMixin, TemplateView):
    """Proposals and confirmed matches per focus student, with their reasons and warnings."""

    template_name = "recruitment/matching/matching.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.term is not None:
            rows = selectors.matching_rows(access=self.request.access, program=self.program, term=self.term)
            context["rows"] = rows
            context["left_out"] = selectors.peers_left_out(program=self.program)
            context["not_ready"] = selectors.peers_not_ready(program=self.program)
            context["proposed_count"] = sum(len(row.proposed) for row in rows)
            context["limits"] = selectors.matching_settings(program=self.program)
            context["settings_form"] = MatchingSettingsForm(instance=context["limits"])
        return context


class MatchingActionView(MatchingMixin, SchoolActionView):
    """A button on the matches page: back to the page with messages saying what happened."""

    permission = "manage_matching"

    def post(self, request, *args, **kwargs):
        if self.term is None:
            messages.error(request, _("There is no current term for this program, so there is nothing to match."))
            return HttpResponseRedirect(self.page_url())
        return super().post(request, *args, **kwargs)

    def get_success_url(self):
        return self.page_url()


class ProposeView(MatchingActionView):
    def perform_action(self):
        form = MatchingSettingsForm(self.request.POST, instance=selectors.matching_settings(program=self.program))
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.matching_settings_save(
            program=self.program,
            peer_capacity=form.cleaned_data["peer_capacity"],
            min_peers=form.cleaned_data["min_peers_per_student"],
            max_peers=form.cleaned_data["max_peers_per_student"],
        )
        result = services.matches_propose(program=self.program, term=self.term, by=self.request.user)
        count = len(result.suggestions)
        proposed = ngettext("%(count)d pairing proposed.", "%(count)d pairings proposed.", count) % {"count": count}
        left_out = len(selectors.peers_left_out(program=self.program))
        if count:
            messages.success(self.request, proposed)
        else:
            # Nothing new: say why, so the coordinator knows what to fix (people, free periods, consent, limits).
            why = list(result.why_none)
            if left_out:
                why.append(ngettext(
                    "%(count)d peer is left out because their guardian's consent is missing or has expired.",
                    "%(count)d peers are left out because their guardian's consent is missing or has expired.",
                    left_out,
                ) % {"count": left_out})
            messages.warning(self.request, " ".join([proposed, *why]))
        # After any run: who is still short of the minimum, and who was not placed, each with the reason.
        for heading, reasons in (
            (_("Below their minimum:"), list(result.short.values())),
            (_("Peers not placed:"), list(result.unplaced.values())),
        ):
            if reasons:
                messages.warning(self.request, " ".join([str(heading), *self.first(reasons)]))

    @staticmethod
    def first(reasons: list[str], most: int = 10) -> list[str]:
        """At most ``most`` reasons in one message; the rest counted, so a big school's page stays readable."""
        rest = len(reasons) - most
        return reasons[:most] + ([_("And %(count)d more.") % {"count": rest}] if rest > 0 else [])


class ConfirmView(MatchingActionView):
    def perform_action(self):
        match = None
        if self.request.POST.get("match"):
            match = get_object_or_404(
                Match.objects.visible_to(self.request.access).filter(program=self.program, term=self.term),
                pk=self.request.POST["match"] if self.request.POST["match"].isdigit() else 0,
            )
        result = services.matches_confirm(program=self.program, term=self.term, by=self.request.user, match=match)
        messages.success(
            self.request,
            ngettext("%(count)d match confirmed.", "%(count)d matches confirmed.", result.count)
            % {"count": result.count},
        )
        for text in result.refused:
            messages.error(self.request, text)


class RemoveView(MatchingActionView):
    def perform_action(self):
        match = get_object_or_404(
            Match.objects.visible_to(self.request.access).filter(program=self.program), pk=self.kwargs["match_pk"]
        )
        was_confirmed = match.status == Match.Status.CONFIRMED
        services.match_remove(match=match)
        messages.success(
            self.request,
            (_("The match of %(peer)s with %(student)s has ended.") if was_confirmed
             else _("The proposal of %(peer)s for %(student)s is removed."))
            % {"peer": match.peer.short_name, "student": match.focus_student.short_name},
        )


class HandPairingView(MatchingMixin, FormView):
    """Pair a peer with a student by hand; a pair that breaks a hard constraint is refused with the reason."""

    permission = "manage_matching"
    template_name = "recruitment/matching/hand_pairing.html"
    form_class = HandPairingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["program"] = self.program
        return kwargs

    def get_initial(self):
        # An accepted application links here with ?peer=<id>: that peer is chosen already (an id that is not one of
        # the program's peers simply selects nothing).
        peer = self.request.GET.get("peer", "")
        return {"peer": int(peer)} if peer.isdecimal() and len(peer) < 12 else {}

    def form_valid(self, form):
        if self.term is None:
            form.add_error(None, _("There is no current term for this program, so there is nothing to match."))
            return self.form_invalid(form)
        student, peer = form.cleaned_data["focus_student"], form.cleaned_data["peer"]
        try:
            services.match_add(
                access=self.request.access,
                request=self.request,
                program=self.program,
                term=self.term,
                focus_student=student,
                peer=peer,
                reveal_avoid=can_view_sensitive(self.request.access, student),
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(peer)s is proposed for %(student)s.") % {"peer": peer.short_name, "student": student.short_name},
        )
        return HttpResponseRedirect(self.page_url())


class PreferencesView(MatchingMixin, TemplateView):
    """A focus student's "get to know" and "avoid" lists: confidential, for those who may see them; each look logged."""

    template_name = "recruitment/matching/preferences.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        student = get_object_or_404(
            selectors.participants(program=self.program, kind=Student.Kind.FOCUS), pk=self.kwargs["student_pk"]
        )
        if not can_view_sensitive(self.request.access, student):
            raise PermissionDenied
        record_access(user=self.request.access.user, school=student.school, student=student, request=self.request,
                      action=AccessLogEntry.Action.VIEW, what="peer preferences (matching)")
        context.update(student=student, preferences=selectors.preferences_of(student=student))
        return context
