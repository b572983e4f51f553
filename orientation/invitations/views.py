"""Thin views of meetings, invitations and answers: resolve (scoped), call a selector or a service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from schools.dates import school_today
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.selectors import own_student_record

from ..models import Invitation
from . import selectors, services
from .forms import AnswerForm, InviteForm, MeetingForm
from .tokens import invitation_pk


class OrientationPageMixin(SchoolObjectMixin):
    permission = "manage_orientations"

    def get_queryset(self):
        return selectors.orientation_queryset(access=self.request.access)

    @property
    def orientation(self):
        return self.object

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "orientation": self.orientation}


class MeetingAddView(OrientationPageMixin, TemplateView):
    template_name = "orientation/invitations/meeting_form.html"

    def form(self, data=None):
        return MeetingForm(data, school=self.orientation.program.school, instance=self.meeting_instance())

    def meeting_instance(self):
        return None

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                message = self.save(form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, message)
                return redirect("orientation:invite", pk=self.orientation.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def save(self, data) -> str:
        meeting = services.meeting_add(orientation=self.orientation, **data)
        return _("The meeting of %(date)s is added.") % {"date": meeting.date.isoformat()}


class MeetingEditView(MeetingAddView):
    """Editing a meeting: a new date, time or place sends one update to everyone concerned."""

    pk_url_kwarg = "meeting_pk"

    def get_queryset(self):
        return selectors.meeting_queryset(access=self.request.access).filter(orientation_id=self.kwargs["pk"])

    @property
    def orientation(self):
        return self.object.orientation

    def meeting_instance(self):
        return self.object

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "meeting": self.object}

    def save(self, data) -> str:
        sent = services.meeting_update(meeting=self.object, **data)[1]
        if sent:
            return ngettext(
                "The meeting is changed; %(count)d person is told.",
                "The meeting is changed; %(count)d people are told.",
                sent,
            ) % {"count": sent}
        return _("The meeting is saved.")


class MeetingCancelView(SchoolActionView):
    permission = "manage_orientations"
    pk_url_kwarg = "meeting_pk"

    def get_queryset(self):
        return selectors.meeting_queryset(access=self.request.access).filter(orientation_id=self.kwargs["pk"])

    def perform_action(self):
        sent = services.meeting_cancel(meeting=self.object)
        return ngettext(
            "The meeting is cancelled; %(count)d person is told.",
            "The meeting is cancelled; %(count)d people are told.",
            sent,
        ) % {"count": sent}

    def get_success_url(self):
        return reverse("orientation:invite", kwargs={"pk": self.kwargs["pk"]})


class OrientationCancelView(SchoolActionView):
    permission = "manage_orientations"

    def get_queryset(self):
        return selectors.orientation_queryset(access=self.request.access)

    def perform_action(self):
        sent = services.orientation_cancel(orientation=self.object)
        return ngettext(
            "The orientation is cancelled; %(count)d person is told.",
            "The orientation is cancelled; %(count)d people are told.",
            sent,
        ) % {"count": sent}

    def get_success_url(self):
        return reverse("orientation:invite", kwargs={"pk": self.object.pk})


class InviteView(OrientationPageMixin, TemplateView):
    """The orientation's meetings and who is invited, with their answers, and the form to invite more."""

    template_name = "orientation/invitations/invite.html"

    @cached_property
    def candidates(self):
        return selectors.invite_candidates(orientation=self.orientation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invited = [(i, selectors.invitation_recipient(i)) for i in self.candidates["invited"]]
        context.update(
            candidates=self.candidates,
            invited=invited,
            without_email=[i for i, r in invited if not r.email],
            meetings=selectors.orientation_meetings(orientation=self.orientation),
            answers=selectors.answer_counts(orientation=self.orientation),
        )
        context.setdefault("form", InviteForm(candidates=self.candidates))
        return context

    def get(self, request, *args, **kwargs):
        if self.candidates["left_out"]:
            messages.warning(
                request,
                ngettext(
                    "%(count)d peer of the program has no valid consent and cannot be invited (listed below).",
                    "%(count)d peers of the program have no valid consent and cannot be invited (listed below).",
                    len(self.candidates["left_out"]),
                )
                % {"count": len(self.candidates["left_out"])},
            )
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST, candidates=self.candidates)
        if form.is_valid():
            students = [*form.cleaned_data["peers"], *form.cleaned_data.get("partners", [])]
            try:
                invitations = services.invitations_send(
                    orientation=self.orientation,
                    students=students,
                    users=list(form.cleaned_data["staff"]),
                    invited_by=request.user,
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    ngettext("%(count)d person is invited.", "%(count)d people are invited.", len(invitations))
                    % {"count": len(invitations)},
                )
                return redirect("orientation:invite", pk=self.orientation.pk)
        return self.render_to_response(self.get_context_data(form=form))


class MyOrientationsView(SchoolPermissionMixin, TemplateView):
    """A peer's (or a focus student's) own invitations: the meetings to come, the place, and their answer."""

    permission = "view_own_orientations"
    template_name = "orientation/invitations/mine.html"

    def invitations(self):
        me = own_student_record(access=self.request.access)
        if me is None:
            return Invitation.objects.none()
        return selectors.own_invitations(access=self.request.access, student=me)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **selectors.own_orientation_page(access=self.request.access)}

    def post(self, request, *args, **kwargs):
        form = AnswerForm(request.POST, invitations=self.invitations())
        if form.is_valid():
            try:
                services.invitation_answer(
                    invitation=form.cleaned_data["invitation"], response=form.cleaned_data["response"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Thank you, your answer is saved."))
            return redirect("orientation:mine")
        context = self.get_context_data(answer_errors=[e for errors in form.errors.values() for e in errors])
        return self.render_to_response(context, status=400)


class RsvpView(View):
    """The signed link in the email. Public: it shows only the invitation it names (the orientation's title, its
    meetings and places, the person's first name), and an answer changes only that invitation."""

    template_name = "orientation/invitations/rsvp.html"

    def invitation(self):
        pk = invitation_pk(self.kwargs["token"])
        invitation = selectors.rsvp_invitation(pk=pk) if pk is not None else None
        if invitation is None:
            raise Http404(_("This link does not work. Ask your coordinator for a new one."))
        return invitation

    def render(self, invitation, *, form=None, status=200):
        recipient = selectors.invitation_recipient(invitation)
        today = school_today(invitation.orientation.program.school)
        context = {
            "invitation": invitation,
            "orientation": invitation.orientation,
            "first_name": recipient.first_name,
            "meetings": [m for m in invitation.orientation.open_meetings if m.date >= today],
            "form": form or AnswerForm(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(self.invitation())

    def post(self, request, *args, **kwargs):
        invitation = self.invitation()
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return self.render(invitation, form=form, status=400)
        try:
            services.invitation_answer(invitation=invitation, response=form.cleaned_data["response"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you, your answer is saved."))
        return redirect(request.path)
