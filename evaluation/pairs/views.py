"""Pair health pages: thin views over ``selectors`` and ``services``.

- ``pair_check_in``: the signed-in peer's or focus student's own check-in, one card per confirmed pair. The pair is
  chosen by a posted id looked up among their own pairs only: any other id is a message, nothing saved.
- ``student_pair_check_in``: staff enter a focus student's check-in with them (the coordinator, or staff who may read
  the student's confidential record), with how it was answered.
- ``pair_health`` / ``pair_check_in_detail`` / ``pair_exit_surveys``: the program's leads read the pairs, record
  follow-ups and offer exit surveys. ``pair_flag``: any staff member flags a match problem.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from recruitment import selectors as recruitment_selectors
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.selectors import own_student_record

from ..models import AnsweredHow
from ..symbols import GOING_SYMBOLS
from . import selectors, services
from .forms import CheckInForm, FlagForm, FollowUpForm, SupportedCheckInForm


class CheckInPageMixin:
    """One check-in form per pair of ``self.student`` (prefixed by the pair's id); a POST names its pair."""

    template_name = "evaluation/pairs/check_in.html"
    form_class = CheckInForm

    @cached_property
    def month(self):
        return selectors.this_month(self.student.school)

    @cached_property
    def cards(self):
        return selectors.pair_cards(student=self.student, month=self.month, side=selectors.side_of(self.student))

    def make_form(self, card, data=None):
        check_in = card.check_in
        initial = {}
        if check_in is not None:
            initial = {
                "meetings": check_in.meetings,
                "going": check_in.going,
                "note_to_staff": check_in.note_to_staff,
                "match_problem": check_in.match_problem,
                "answered_how": check_in.answered_how,
                "support_modes": check_in.support_modes,
            }
        return self.form_class(
            data,
            initial=initial,
            prefix=f"pair{card.pair.pk}",
            month=self.month,
            already_raised=bool(check_in and check_in.match_problem),
        )

    def page_url(self) -> str:
        raise NotImplementedError

    def save_kwargs(self, form) -> dict:
        return {"answered_how": "", "support_modes": []}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bound = kwargs.get("bound")  # (card's pair id, bound form) after a refused POST
        for card in self.cards:
            if bound and bound[0] == card.pair.pk:
                card.form = bound[1]
            else:
                card.form = None if card.locked else self.make_form(card)
        context.update(
            student=self.student,
            cards=self.cards,
            month=self.month,
            page_url=self.page_url(),
            going_symbols=GOING_SYMBOLS,
            is_focus_side=selectors.side_of(self.student) == selectors.Side.FOCUS_STUDENT,
        )
        return context

    def post(self, request, *args, **kwargs):
        chosen = request.POST.get("pair", "")
        card = next((c for c in self.cards if str(c.pair.pk) == chosen), None)
        if card is None:
            messages.error(request, _("Choose one of your partners on this page."))
            return HttpResponseRedirect(self.page_url())
        if card.locked:
            messages.error(request, _("A staff member has already followed up this check-in, so it can't be changed."))
            return HttpResponseRedirect(self.page_url())
        form = self.make_form(card, request.POST)
        if form.is_valid():
            try:
                _check_in, raised = services.check_in_save(
                    pair=card.pair,
                    student=self.student,
                    side=selectors.side_of(self.student),
                    month=form.cleaned_data["month"],
                    meetings=form.cleaned_data["meetings"],
                    going=form.cleaned_data["going"],
                    note_to_staff=form.cleaned_data["note_to_staff"],
                    match_problem=form.cleaned_data["match_problem"],
                    entered_by=request.user,
                    **self.save_kwargs(form),
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request, _("Thank you! Your check-in about %(name)s is saved.") % {"name": card.partner_name}
                )
                if raised:
                    messages.info(request, _("We told a staff member. Someone will talk with you soon."))
                return HttpResponseRedirect(self.page_url())
        return self.render_to_response(self.get_context_data(bound=(card.pair.pk, form)))


class MyCheckInView(CheckInPageMixin, SchoolPermissionMixin, TemplateView):
    """The peer's or the focus student's own "Check in about my partner"."""

    permission = "check_in_own_pairs"

    @cached_property
    def student(self):
        student = own_student_record(access=self.request.access)
        if student is None:
            raise Http404
        return student

    def page_url(self) -> str:
        return reverse("evaluation:pair_check_in")

    def save_kwargs(self, form) -> dict:
        # The focus student signed in and answered on their own.
        if selectors.side_of(self.student) == selectors.Side.FOCUS_STUDENT:
            return {"answered_how": AnsweredHow.ALONE, "support_modes": []}
        return super().save_kwargs(form)


class StudentCheckInView(CheckInPageMixin, SchoolPermissionMixin, TemplateView):
    """Staff enter a focus student's check-in with them."""

    permission = "support_student_answers"
    form_class = SupportedCheckInForm

    @cached_property
    def student(self):
        student = selectors.supported_student_queryset(access=self.request.access).filter(pk=self.kwargs["pk"]).first()
        if student is None:
            raise Http404
        if not selectors.may_check_in_with(self.request.access, student):
            raise PermissionDenied
        return student

    def page_url(self) -> str:
        return reverse("evaluation:student_pair_check_in", kwargs={"pk": self.student.pk})

    def save_kwargs(self, form) -> dict:
        return {
            "answered_how": form.cleaned_data["answered_how"],
            "support_modes": form.cleaned_data["support_modes"],
        }


# --- Staff ------------------------------------------------------------------------------------------------------


class PairHealthView(SchoolObjectMixin, TemplateView):
    permission = "view_pair_health"
    template_name = "evaluation/pairs/pair_health.html"

    def get_queryset(self):
        return selectors.pair_health_program_queryset(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        term = selectors.pair_health_term(program=program)
        month = selectors.this_month(program.school)
        rows = selectors.pair_health(program=program, term=term, month=month)
        context.update(
            program=program,
            term=term,
            month=month,
            months=[pm.month for pm in rows[0].months] if rows else [],
            rows=rows,
            going_symbols=GOING_SYMBOLS,
        )
        return context


class PairMixin(SchoolObjectMixin):
    def get_queryset(self):
        return recruitment_selectors.pair_queryset(access=self.request.access)

    def health_url(self) -> str:
        return reverse("evaluation:pair_health", kwargs={"pk": self.object.program_id})


class PairFlagView(PairMixin, TemplateView):
    """Any staff member flags a match problem on a confirmed pair, with a short note."""

    permission = "flag_match_problem"
    template_name = "evaluation/pairs/flag.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pair=self.object, program=self.object.program, form=kwargs.get("form") or FlagForm())
        return context

    def post(self, request, *args, **kwargs):
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                services.match_problem_flag(pair=self.object, by=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("The match problem is flagged. The coordinator was told."))
                return HttpResponseRedirect(reverse("student_detail", kwargs={"pk": self.object.focus_student_id}))
        return self.render_to_response(self.get_context_data(form=form))


class PairExitSurveysView(PairMixin, SchoolActionView):
    permission = "view_pair_health"

    def perform_action(self) -> str:
        pair = self.object
        made = services.exit_surveys_make(program=pair.program, peer=pair.peer, focus_student=pair.focus_student)
        if made:
            return _('Exit surveys offered: they show on each one\'s "My surveys".')
        return _("The exit surveys were already offered.")

    def get_success_url(self) -> str:
        return self.health_url()


class CheckInDetailView(SchoolObjectMixin, TemplateView):
    """One check-in (the coordinator's email links here) and, for a match problem, the follow-up form."""

    permission = "view_pair_health"
    template_name = "evaluation/pairs/check_in_detail.html"

    def get_queryset(self):
        return selectors.check_in_queryset(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        check_in = self.object
        context.update(
            check_in=check_in,
            program=check_in.program,
            symbol=GOING_SYMBOLS.get(check_in.going),
            form=kwargs.get("form") or FollowUpForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.follow_up_record(check_in=self.object, by=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The follow-up is recorded; the pair is off the dashboard."))
            return HttpResponseRedirect(reverse("evaluation:pair_check_in_detail", kwargs={"pk": self.object.pk}))
        return self.render_to_response(self.get_context_data(form=form))
