"""Follow-up meetings' pages: notes, action items (the program's own) and the agenda. Thin views over this area's
selectors and services and the agenda functions of ``programs.selectors`` / ``programs.services``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView

from programs import selectors as program_selectors
from programs import services as program_services
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin

from . import selectors, services
from .forms import FollowupActionItemForm, FollowupAgendaForm, FollowupNotesForm


class FollowupMixin(SchoolObjectMixin):
    """Pages of one follow-up meeting of the active school; anything else is a 404."""

    permission = "manage_orientations"

    def get_queryset(self):
        return selectors.followup_queryset(access=self.request.access)

    @property
    def followup(self):
        return self.object

    def get_success_url(self):
        return reverse("orientation:followup", kwargs={"pk": self.followup.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["followup"] = self.followup
        context["back_url"] = reverse("orientation:followup", kwargs={"pk": self.followup.pk})
        return context


class FollowupView(FollowupMixin, TemplateView):
    """The follow-up meeting's notes, agenda and action items."""

    permission = "view_orientations"
    template_name = "orientation/followups/followup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panel"] = selectors.orientation_panel(orientation=self.followup, access=self.request.access)
        return context


class FollowupFormView(FollowupMixin, FormView):
    template_name = "orientation/followups/form.html"
    heading = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.heading
        return context

    def form_valid(self, form):
        try:
            message = self.save(form)
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())


class FollowupNotesView(FollowupFormView):
    form_class = FollowupNotesForm
    heading = gettext_lazy("Notes of the follow-up meeting")

    def get_initial(self):
        return {"notes": self.followup.notes}

    def save(self, form):
        services.followup_notes_save(orientation=self.followup, notes=form.cleaned_data["notes"])
        return _("The notes are saved.")


class FollowupActionItemAddView(FollowupFormView):
    form_class = FollowupActionItemForm
    heading = gettext_lazy("Add an action item")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.request.access}

    def save(self, form):
        item = services.followup_action_item_add(orientation=self.followup, **form.cleaned_data)
        return _("“%(item)s” is added to the program's action items, owned by %(owner)s.") % {
            "item": item.description, "owner": item.owner.display_name}


class FollowupAgendaView(FollowupFormView):
    """Build the follow-up's agenda from the program's agenda choices."""

    template_name = "orientation/followups/agenda.html"
    form_class = FollowupAgendaForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "choices": program_selectors.agenda_choices(program=self.followup.program)}

    def get_success_url(self):
        return reverse("orientation:followup_agenda", kwargs={"pk": self.followup.pk})

    def save(self, form):
        agenda = program_services.agenda_compose(**form.choices.picked(**form.cleaned_data))
        if not agenda:
            raise ValidationError(_("Tick at least one item, or write what else to discuss."))
        services.followup_agenda_save(orientation=self.followup, agenda=agenda)
        return _("The agenda is saved. Print it or email it to the planning team.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            agenda=self.followup.agenda,
            print_url=reverse("orientation:followup_agenda_print", kwargs={"pk": self.followup.pk}),
            email_url=reverse("orientation:followup_agenda_email", kwargs={"pk": self.followup.pk}),
        )
        return context


class FollowupAgendaPrintView(FollowupMixin, TemplateView):
    permission = "view_orientations"
    template_name = "includes/agenda_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            program=self.followup.program, agenda=self.followup.agenda, heading=self.followup.title,
            held_on=selectors.first_meeting_date(orientation=self.followup),
            back_url=reverse("orientation:followup_agenda", kwargs={"pk": self.followup.pk}),
        )
        return context


class FollowupAgendaEmailView(FollowupMixin, SchoolActionView):
    def get_success_url(self):
        return reverse("orientation:followup_agenda", kwargs={"pk": self.followup.pk})

    def perform_action(self):
        sent = services.followup_agenda_email(orientation=self.followup)
        return ngettext(
            "The agenda is on its way to %(count)d member of the planning team.",
            "The agenda is on its way to %(count)d members of the planning team.",
            sent,
        ) % {"count": sent}
