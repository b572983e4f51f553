"""Public pages for joining a program (no sign-in, no school from the session) and the staff nomination pages.

Public pages show program-level data only. Like every page, the form and consent pages are never cached
(``schools.middleware.NoStoreMiddleware``): they carry a child's answers or a guardian's signature.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from django_ratelimit.decorators import ratelimit

from schools.forms import show_service_error
from schools.mixins import SchoolPermissionMixin

from . import duplicates, selectors, services, tokens
from . import renewal as consent_renewal
from .filters import JoinFilter
from .forms import ApplicationForm, ConsentForm, DuplicateForm, GuardianChangeForm, NominationForm

SESSION_KEY = "recruitment_applied"


def apply_rate(group, request) -> str:
    """Read at request time, so the rate follows settings (and tests can lower it)."""
    return settings.APPLY_RATE


def site_url(request) -> str:
    return request.build_absolute_uri("/")



class JoinListView(TemplateView):
    """Programs taking applications, by school; with several schools, a student finds theirs by district and name."""

    template_name = "recruitment/applying/join_list.html"

    def get_context_data(self, **kwargs):
        every_open = list(selectors.open_campaigns())
        districts = selectors.open_campaign_districts(every_open)
        filterset = JoinFilter(self.request.GET or None, queryset=selectors.open_campaigns(), districts=districts)
        by_school: dict = {}
        for campaign in filterset.qs if filterset.is_bound else every_open:
            by_school.setdefault(campaign.program.school, []).append(campaign)
        return super().get_context_data(
            schools=list(by_school.items()),
            filter=filterset,
            searching=filterset.is_bound,
            # Searching helps once there is more than one school to choose from; the district once there are two.
            show_search=len({campaign.program.school_id for campaign in every_open}) > 1,
            show_districts=len(districts) > 1,
            **kwargs,
        )


class CampaignMixin:
    """Resolves the public campaign (404 when there is none); a closed one gets the plain "closed" page."""

    def dispatch(self, request, *args, **kwargs):
        self.campaign = selectors.public_campaign(kwargs["pk"])
        if not self.campaign.is_open():
            return render(request, "recruitment/applying/closed.html", {"campaign": self.campaign})
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, program=self.campaign.program, **kwargs)


class CampaignPageView(CampaignMixin, TemplateView):
    template_name = "recruitment/applying/campaign.html"


@method_decorator(ratelimit(key="ip", rate=apply_rate, method="POST", block=False), name="dispatch")
class ApplyView(CampaignMixin, FormView):
    template_name = "recruitment/applying/apply.html"
    form_class = ApplicationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign}

    def get_initial(self):
        signed = self.request.GET.get("invite", "")
        nomination = services.nomination_from_link(signed, campaign=self.campaign) if signed else None
        if nomination is None:
            return {}
        source = nomination.student if nomination.student_id else nomination
        return {
            "first_name": source.first_name,
            "last_name": source.last_name,
            "grade": source.grade,
            "heard_via": "teacher_nomination",
            "invite": signed,
        }

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            return render(request, "recruitment/applying/rate_limited.html", {"campaign": self.campaign}, status=429)
        form = self.get_form()
        if form.is_spam:
            # Bots get the same thanks page as people; nothing is saved and nothing is sent.
            request.session[SESSION_KEY] = {"campaign": self.campaign.pk, "guardian_emailed": False}
            return redirect("recruitment:apply_thanks", pk=self.campaign.pk)
        if not form.is_valid():
            return self.form_invalid(form)
        signed = form.cleaned_data.get("invite", "")
        nomination = services.nomination_from_link(signed, campaign=self.campaign) if signed else None
        try:
            submission = services.application_submit(
                campaign=self.campaign,
                data=form.application_data(),
                periods=form.cleaned_data["available_periods"],
                nomination=nomination,
                site_url=site_url(request),
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        # Whether an earlier application exists is never stored here: the thanks page reads the same either way.
        request.session[SESSION_KEY] = {
            "campaign": self.campaign.pk,
            "guardian_emailed": submission.guardian_emailed,
        }
        return redirect("recruitment:apply_thanks", pk=self.campaign.pk)


class ApplyThanksView(TemplateView):
    template_name = "recruitment/applying/thanks.html"

    def get_context_data(self, **kwargs):
        campaign = selectors.public_campaign(self.kwargs["pk"])
        applied = self.request.session.get(SESSION_KEY) or {}
        if applied.get("campaign") != campaign.pk:
            applied = {}
        return super().get_context_data(campaign=campaign, program=campaign.program, applied=applied, **kwargs)


class ConsentView(View):
    """The guardian's page behind the emailed link. A bad or old link gets a plain message that reveals nothing."""

    template_name = "recruitment/applying/consent.html"

    renewal = False

    def dispatch(self, request, *args, **kwargs):
        try:
            self.consent = self.consent_from_link(kwargs["signed"])
        except tokens.LinkExpired:
            return self.message("expired")
        except tokens.LinkInvalid:
            return self.message("invalid")
        if self.already_answered():
            return self.message("answered")
        return super().dispatch(request, *args, **kwargs)

    def consent_from_link(self, signed):
        return services.consent_from_link(signed)

    def already_answered(self) -> bool:
        return self.consent.status != self.consent.Status.PENDING

    def message(self, kind: str, status: int = 200):
        return render(self.request, "recruitment/applying/consent_message.html", {"kind": kind}, status=status)

    def render_form(self, form):
        application = self.consent.application
        return render(self.request, self.template_name, {
            "form": form,
            "consent": self.consent,
            "child_first_name": application.first_name,
            "campaign": application.campaign,
            "program": application.campaign.program,
            "renewal": self.renewal,
        })

    def get(self, request, *args, **kwargs):
        return self.render_form(ConsentForm())

    # What answering records, and the message each answer gets; the renewal page changes only these.
    respond = staticmethod(services.consent_respond)
    answer_messages = {True: "consented", False: "declined"}

    def post(self, request, *args, **kwargs):
        form = ConsentForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        agree = form.cleaned_data["answer"] == "yes"
        recorded = self.respond(
            consent=self.consent,
            agree=agree,
            typed_name=form.cleaned_data.get("typed_name", ""),
            ip=request.META.get("REMOTE_ADDR") or None,
        )
        if not recorded:
            return self.message("answered")
        return self.message(self.answer_messages[agree])


class ConsentRenewView(ConsentView):
    """The guardian's page behind the emailed renewal link: the same form and messages as the first consent."""

    renewal = True

    def consent_from_link(self, signed):
        return consent_renewal.consent_from_renewal_link(signed)

    def already_answered(self) -> bool:
        return self.consent.renewal_answered_at is not None

    respond = staticmethod(consent_renewal.consent_renew_respond)
    answer_messages = {True: "renewed", False: "not_renewed"}


class NominateView(SchoolPermissionMixin, FormView):
    permission = "nominate_peer"
    template_name = "recruitment/applying/nominate.html"
    form_class = NominationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.request.access}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        campaign = data.pop("campaign")
        try:
            nomination = services.nomination_create(
                campaign=campaign, nominated_by=self.request.user, data=data, site_url=site_url(self.request)
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        if nomination.invitation_email:
            messages.success(self.request, _("Thank you! We emailed the personal invitation."))
        else:
            messages.success(self.request, _("Thank you! Give the student the personal link below."))
        return redirect("recruitment:nomination_detail", pk=nomination.pk)


class NominationListView(SchoolPermissionMixin, TemplateView):
    permission = "nominate_peer"
    template_name = "recruitment/applying/nomination_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(nominations=selectors.nomination_list(access=self.request.access), **kwargs)


class NominationDetailView(SchoolPermissionMixin, TemplateView):
    permission = "nominate_peer"
    template_name = "recruitment/applying/nomination_detail.html"

    def get_context_data(self, **kwargs):
        nomination = selectors.nomination_detail(access=self.request.access, pk=self.kwargs["pk"])
        return super().get_context_data(
            nomination=nomination,
            link=services.invitation_link(nomination, site_url=site_url(self.request)),
            apply_url=reverse("recruitment:apply", kwargs={"pk": nomination.campaign_id}),
            **kwargs,
        )


class DuplicateView(SchoolPermissionMixin, TemplateView):
    """A later application with the same names and grade as an earlier one: compare them, then merge (choosing answer
    by answer), discard, or say it is another child. Only an open duplicate has the form."""

    permission = "review_applications"
    template_name = "recruitment/applying/duplicate.html"
    RESULTS = {
        "merge": gettext_lazy("The applications are merged. The answers not kept stay on the merged application."),
        "discard": gettext_lazy("The later application is discarded."),
        "separate": gettext_lazy("The applications are kept apart: review this one like any other."),
    }

    @cached_property
    def duplicate(self):
        return get_object_or_404(selectors.duplicate_queryset(access=self.request.access), pk=self.kwargs["pk"])

    def detail_url(self, application):
        return reverse("recruitment:application_detail", kwargs={"pk": application.pk})

    def get_form(self, data=None):
        return DuplicateForm(data, compared=duplicates.compare(self.duplicate))

    def get_context_data(self, **kwargs):
        duplicate = self.duplicate
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(
            duplicate=duplicate,
            earlier=duplicate.possible_duplicate_of,
            campaign=duplicate.campaign,
            same=[row for row in duplicates.compare(duplicate) if row.same],
            is_open=duplicate.status == duplicate.Status.SUBMITTED,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        action = form.cleaned_data["action"]
        try:
            if action == "merge":
                result = duplicates.duplicate_merge(
                    duplicate=self.duplicate, take=form.taken(), decided_by=request.user, site_url=site_url(request)
                )
            elif action == "discard":
                result = duplicates.duplicate_discard(duplicate=self.duplicate, decided_by=request.user)
            else:
                result = duplicates.duplicate_separate(duplicate=self.duplicate, decided_by=request.user)
        except ValidationError as error:
            show_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, self.RESULTS[action])
        return redirect(self.detail_url(result))


class GuardianChangeView(SchoolPermissionMixin, FormView):
    """Staff correct or replace an application's parent or guardian; a new address gets its own consent request."""

    permission = "review_applications"
    template_name = "recruitment/applying/guardian_change.html"
    form_class = GuardianChangeForm

    @cached_property
    def application(self):
        return selectors.staff_application(access=self.request.access, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "application": self.application}

    def get_initial(self):
        return {"guardian_name": self.application.guardian_name, "guardian_email": self.application.guardian_email}

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, campaign=self.application.campaign, **kwargs)

    def form_valid(self, form):
        try:
            application, asked = services.application_guardian_change(
                application=self.application,
                guardian_name=form.cleaned_data["guardian_name"],
                guardian_email=form.cleaned_data["guardian_email"],
                changed_by=self.request.user,
                site_url=site_url(self.request),
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        if asked:
            messages.success(self.request, _(
                "The parent or guardian is changed. A consent request was emailed to %(email)s; the consent for the "
                "old address no longer counts."
            ) % {"email": application.guardian_email})
        else:
            messages.success(self.request, _("The parent or guardian is saved."))
        return redirect("recruitment:application_detail", pk=application.pk)
