"""Campaign and review pages: thin views that resolve the campaign or application through the scoped queryset,
then call a selector or a service. Another school's campaign is a 404; a role without the permission gets a 403."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from programs import selectors as program_selectors
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.models import AccessLogEntry
from schools.permissions import has_permission
from schools.services import record_access

from ..matching import selectors as matching_selectors
from ..models import CampaignChannel, Interest, RecruitmentCampaign
from . import selectors, services
from .forms import ApplicationFilter, CampaignForm, ChannelForm, DecisionForm, GradeReasonForm, ScoreForm


def public_page_path(campaign) -> str:
    # The public page belongs to recruitment.applying; its path is agreed as /join/<campaign id>/.
    return f"/join/{campaign.pk}/"


class RecruitmentMixin(SchoolPermissionMixin):
    permission = "view_recruitment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.request.access
        context["can_manage"] = has_permission(access, "manage_recruitment")
        context["can_review"] = has_permission(access, "review_applications")
        return context


class CampaignMixin(RecruitmentMixin):
    @cached_property
    def campaign(self):
        return get_object_or_404(selectors.campaign_queryset(access=self.request.access), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.campaign
        context["public_path"] = public_page_path(self.campaign)
        return context


class CampaignListView(RecruitmentMixin, ListView):
    template_name = "recruitment/campaigns/campaign_list.html"
    context_object_name = "campaigns"

    @cached_property
    def program(self):
        program_pk = self.request.GET.get("program", "")
        if not program_pk.isdigit():
            return None
        return get_object_or_404(program_selectors.program_queryset(access=self.request.access), pk=program_pk)

    def get_queryset(self):
        return selectors.campaign_list(access=self.request.access, program=self.program)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["program"] = self.program
        context["programs"] = program_selectors.program_queryset(access=self.request.access).order_by("name")
        return context


class CampaignFormView(RecruitmentMixin, FormView):
    permission = "manage_recruitment"
    template_name = "recruitment/campaigns/form.html"
    form_class = CampaignForm
    title = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.request.access}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, cancel_url=self.cancel_url())
        return context

    def form_valid(self, form):
        try:
            campaign = self.save(form)
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The campaign for %(name)s is saved.") % {"name": campaign.program.name})
        warning = selectors.program_status_warning(
            program=campaign.program, open_for_applications=campaign.accepting_applications
        )
        if warning and campaign.accepting_applications:
            messages.warning(self.request, warning)
        return redirect("recruitment:campaign_detail", pk=campaign.pk)


class CampaignCreateView(CampaignFormView):
    title = gettext_lazy("Start a recruitment campaign")

    @cached_property
    def program(self):
        programs = program_selectors.program_queryset(access=self.request.access)
        return get_object_or_404(programs, pk=self.kwargs["program_pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": RecruitmentCampaign(program=self.program)}

    def get_context_data(self, **kwargs):
        warning = selectors.program_status_warning(program=self.program, open_for_applications=False)
        return {**super().get_context_data(**kwargs), "program": self.program, "program_warning": warning}

    def cancel_url(self):
        return f"{reverse('recruitment:campaign_list')}?program={self.program.pk}"

    def save(self, form):
        return services.campaign_create(program=self.program, **form.campaign_fields())


class CampaignUpdateView(CampaignMixin, CampaignFormView):
    title = gettext_lazy("Change the campaign")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.campaign}

    def cancel_url(self):
        return reverse("recruitment:campaign_detail", kwargs={"pk": self.campaign.pk})

    def get_context_data(self, **kwargs):
        warning = selectors.program_status_warning(program=self.campaign.program, open_for_applications=False)
        return {**super().get_context_data(**kwargs), "program_warning": warning}

    def save(self, form):
        return services.campaign_update(campaign=self.campaign, **form.campaign_fields())

    def form_invalid(self, form):
        # The form changed the instance in memory; the page shows what is saved.
        self.campaign.refresh_from_db()
        return super().form_invalid(form)


class CampaignDetailView(CampaignMixin, TemplateView):
    """The checklist of channels, the target against applications so far, and where applicants heard of it."""

    template_name = "recruitment/campaigns/campaign_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_channel = selectors.counts_by_channel(campaign=self.campaign)
        statuses = selectors.status_counts(campaign=self.campaign)
        context.update(
            channels=selectors.channels(access=self.request.access, campaign=self.campaign),
            by_channel=by_channel,
            application_count=sum(row["count"] for row in by_channel),
            status_counts=statuses,
            accepted_count=statuses.get("accepted", 0),
            waitlisted_count=statuses.get("waitlisted", 0),
            program_warning=selectors.program_status_warning(
                program=self.campaign.program, open_for_applications=self.campaign.is_open()
            ),
        )
        return context


class ChannelFormView(CampaignMixin, FormView):
    permission = "manage_recruitment"
    template_name = "recruitment/campaigns/form.html"
    form_class = ChannelForm
    title = ""

    @cached_property
    def channel(self):
        return None

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "access": self.request.access}
        kwargs["instance"] = self.channel or CampaignChannel(campaign=self.campaign)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, cancel_url=self.get_success_url())
        return context

    def get_success_url(self):
        return reverse("recruitment:campaign_detail", kwargs={"pk": self.campaign.pk})

    def form_valid(self, form):
        try:
            channel = self.save(form)
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("“%(channel)s” is saved.") % {"channel": channel.get_channel_display()})
        return HttpResponseRedirect(self.get_success_url())


class ChannelAddView(ChannelFormView):
    title = gettext_lazy("Add a way of spreading the word")

    def save(self, form):
        return services.channel_add(campaign=self.campaign, **form.channel_fields())


class ChannelEditView(ChannelFormView):
    title = gettext_lazy("Change a way of spreading the word")

    @cached_property
    def channel(self):
        return get_object_or_404(
            selectors.channels(access=self.request.access, campaign=self.campaign), pk=self.kwargs["channel_pk"]
        )

    def save(self, form):
        return services.channel_update(campaign_channel=self.channel, **form.channel_fields())


class ReviewQueueView(CampaignMixin, TemplateView):
    template_name = "recruitment/campaigns/review_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = selectors.review_queue(access=self.request.access, campaign=self.campaign)
        filterset = ApplicationFilter(self.request.GET or None, queryset=queryset)
        context.update(filter=filterset, applications=filterset.qs)
        return context


class ApplicationMixin(RecruitmentMixin, SchoolObjectMixin):
    def get_queryset(self):
        return selectors.application_queryset(access=self.request.access)

    @property
    def application(self):
        return self.object

    def detail_context(self, score_form=None) -> dict:
        access, application = self.request.access, self.application
        preferences = selectors.focus_student_preferences(access=access, application=application)
        for student, _preferences in preferences["students"]:
            record_access(user=access.user, school=student.school, student=student, request=self.request,
                          action=AccessLogEntry.Action.VIEW, what="peer preferences (application review)")
        return {
            "application": application,
            "campaign": application.campaign,
            "score_form": score_form or ScoreForm.for_application(application),
            "preferences": preferences,
            "consent_problem": services.consent_problem(application),
            "grade_problem": services.grade_problem(application),
            "can_decide": application.status in services.ALLOWED_FROM[services.Status.DECLINED],
            "interests": [str(label) for value, label in Interest.choices if value in application.interests],
            "periods": application.available_periods.all(),
            "pairings": self.pairings(),
            "can_match": has_permission(access, "manage_matching"),
            "later_duplicates": selectors.later_duplicates(access=access, application=application),
        }

    def pairings(self) -> list:
        """An accepted peer's pairings in this program, for the "matching" box that leads on to matching."""
        application = self.application
        if application.status != application.Status.ACCEPTED or application.student is None:
            return []
        pairings = matching_selectors.student_pairings(access=self.request.access, student=application.student)
        return [match for match in pairings if match.program_id == application.campaign.program_id]

    def back(self):
        return HttpResponseRedirect(reverse("recruitment:application_detail", kwargs={"pk": self.application.pk}))


class ApplicationDetailView(ApplicationMixin, TemplateView):
    template_name = "recruitment/campaigns/application_detail.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.detail_context()}


class ApplicationScoreView(ApplicationMixin, TemplateView):
    permission = "review_applications"
    template_name = "recruitment/campaigns/application_detail.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ScoreForm.for_application(self.application, data=request.POST)
        if form.is_valid():
            try:
                services.application_score(
                    application=self.application, scores=form.scores(),
                    review_notes=form.cleaned_data["review_notes"], interview_at=form.cleaned_data["interview_at"],
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("The review of %(name)s is saved.") % {"name": self.application})
                return self.back()
        self.application.refresh_from_db()
        return self.render_to_response({**self.get_context_data(), **self.detail_context(score_form=form)})


class DecisionView(ApplicationMixin, SchoolActionView):
    permission = "review_applications"
    form_class = DecisionForm
    DECISIONS = {
        "accept": (services.application_accept, gettext_lazy("%(name)s is accepted and on the program's roster.")),
        "waitlist": (services.application_waitlist, gettext_lazy("%(name)s is on the waiting list.")),
        "decline": (services.application_decline, gettext_lazy("%(name)s's application is declined.")),
    }

    def decision(self, form):
        """The service to call, its extra arguments and the message on success."""
        service, message = self.DECISIONS[form.cleaned_data["decision"]]
        extra = {"grade_reason": form.cleaned_data["grade_reason"]} if service is services.application_accept else {}
        return service, extra, message

    def perform_action(self):
        form = self.form_class(self.request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        service, extra, message = self.decision(form)
        application = service(application=self.application, decided_by=self.request.user, **extra)
        messages.success(self.request, message % {"name": application})
        if application.email:
            # After the decision's own message, so the two read in order.
            messages.info(self.request, _("An email telling them is on its way."))

    def get_success_url(self):
        return reverse("recruitment:application_detail", kwargs={"pk": self.application.pk})


class PromoteView(DecisionView):
    form_class = GradeReasonForm

    def decision(self, form):
        return (
            services.application_promote,
            {"grade_reason": form.cleaned_data["grade_reason"]},
            gettext_lazy("%(name)s is promoted from the waiting list and accepted."),
        )
