"""The year playbook and the planning meeting's agenda builder: thin views over ``programs.playbook`` services and
selectors and the agenda functions of ``programs.selectors`` / ``programs.services``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from schools.dates import school_today
from schools.forms import show_service_error

from .. import selectors as program_selectors
from .. import services as program_services
from ..models import PlanningMeeting, Playbook, PlaybookStep
from ..views import ProgramActionView, ProgramFormView, ProgramMixin
from . import selectors, services
from .forms import AgendaForm, PlaybookStepAddForm, PlaybookStepForm


class PlaybookMixin(ProgramMixin):
    section = "playbook"

    def playbook(self):
        return get_object_or_404(
            Playbook.objects.visible_to(self.request.access).filter(program=self.program).select_related("school_year"),
            pk=self.kwargs["playbook_pk"],
        )

    def step(self):
        return get_object_or_404(
            PlaybookStep.objects.visible_to(self.request.access)
            .filter(playbook__program=self.program)
            .select_related("playbook__school_year", "playbook__program__school"),
            pk=self.kwargs["step_pk"],
        )

    def get_success_url(self):
        return reverse("programs:playbook", kwargs={"pk": self.program.pk})


class PlaybookView(PlaybookMixin, TemplateView):
    template_name = "programs/playbook/playbook.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.request.GET.get("year", "")
        # A forged year (words, a number past any id) shows the year to plan, as an empty choice would.
        year = int(year) if year.isdigit() and len(year) < 12 else None
        context.update(selectors.playbook_page(access=self.request.access, program=self.program, year=year))
        return context


class PlaybookGenerateView(PlaybookMixin, ProgramActionView):
    def perform_action(self):
        year = selectors.school_year_to_plan(school=self.program.school, today=school_today(self.program.school))
        playbook = services.playbook_generate(program=self.program, school_year=year)
        return _("The playbook for %(year)s is ready: the guide's steps, each owned by the coordinator. Shift, add "
                 "or skip steps to fit your school.") % {"year": playbook.school_year.name}


class PlaybookCopyView(PlaybookMixin, ProgramActionView):
    def perform_action(self):
        copy = services.playbook_copy_to_next_year(playbook=self.playbook())
        self.copy = copy
        return _("Next year's playbook (%(year)s) is ready, copied from this year's.") % {"year": copy.school_year.name}

    def get_success_url(self):
        copy = getattr(self, "copy", None)
        url = super().get_success_url()
        return f"{url}?year={copy.school_year_id}" if copy is not None else url


class StepEditView(PlaybookMixin, ProgramFormView):
    form_class = PlaybookStepForm
    title = gettext_lazy("Change a step")

    @cached_property
    def the_step(self):
        return self.step()

    def get_initial(self):
        step = self.the_step
        return {
            "title": step.title, "description": step.description, "owner": step.owner_id, "anchor": step.anchor,
            "offset_days": step.offset_days, "due_on": step.due_on if step.date_set_by_hand else None,
        }

    def save(self, form):
        step = services.playbook_step_update(step=self.the_step, **form.cleaned_data)
        return _("“%(step)s” is now due %(date)s.") % {"step": step.title, "date": step.due_on.isoformat()}

    def get_success_url(self):
        return f"{super().get_success_url()}?year={self.the_step.playbook.school_year_id}"


class StepAddView(PlaybookMixin, ProgramFormView):
    form_class = PlaybookStepAddForm
    title = gettext_lazy("Add a step of your own")

    @cached_property
    def the_playbook(self):
        return self.playbook()

    def save(self, form):
        step = services.playbook_step_add(playbook=self.the_playbook, **form.cleaned_data)
        return _("“%(step)s” is added, due %(date)s.") % {"step": step.title, "date": step.due_on.isoformat()}

    def get_success_url(self):
        return f"{super().get_success_url()}?year={self.the_playbook.school_year_id}"


class StepActionView(PlaybookMixin, ProgramActionView):
    def perform_action(self):
        step = self.step()
        self.year = step.playbook.school_year_id
        return self.act(step)

    def get_success_url(self):
        year = getattr(self, "year", None)
        url = super().get_success_url()
        return f"{url}?year={year}" if year else url


class StepDoneView(StepActionView):
    def act(self, step):
        services.playbook_step_mark_done(step=step)
        return _("Done: “%(step)s”.") % {"step": step.title}


class StepSkipView(StepActionView):
    def act(self, step):
        services.playbook_step_skip(step=step)
        return _("“%(step)s” is skipped this year. It stays in the playbook for next year.") % {"step": step.title}


class StepReopenView(StepActionView):
    def act(self, step):
        services.playbook_step_reopen(step=step)
        return _("“%(step)s” is open again.") % {"step": step.title}


# --- The planning meeting's agenda --------------------------------------------------------------------------------


class MeetingAgendaMixin(ProgramMixin):
    section = "meetings"

    @cached_property
    def meeting(self):
        return self.child(PlanningMeeting, "meeting_pk")

    def get_success_url(self):
        return reverse("programs:meeting_agenda", kwargs={"pk": self.program.pk, "meeting_pk": self.meeting.pk})


class MeetingAgendaView(MeetingAgendaMixin, TemplateView):
    """Build the agenda from the playbook's due steps, the open action items and the guide's questions."""

    permission = "manage_program"
    template_name = "programs/playbook/meeting_agenda.html"

    def form(self, data=None):
        return AgendaForm(data, choices=program_selectors.agenda_choices(program=self.program))

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            agenda = program_services.agenda_compose(**form.compose_kwargs())
            if not agenda:
                form.add_error(None, _("Tick at least one item, or write what else to discuss."))
            else:
                try:
                    program_services.planning_meeting_agenda_save(meeting=self.meeting, agenda=agenda)
                except ValidationError as error:
                    show_service_error(form, error)
                else:
                    messages.success(request, _("The agenda is saved. Print it or email it to the planning team."))
                    return redirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            meeting=self.meeting, agenda=self.meeting.agenda, meeting_title=_("the planning meeting"),
            print_url=reverse("programs:meeting_agenda_print", kwargs={"pk": self.program.pk,
                                                                       "meeting_pk": self.meeting.pk}),
            email_url=reverse("programs:meeting_agenda_email", kwargs={"pk": self.program.pk,
                                                                       "meeting_pk": self.meeting.pk}),
            back_url=reverse("programs:meeting_detail", kwargs={"pk": self.program.pk, "meeting_pk": self.meeting.pk}),
        )
        return context


class MeetingAgendaPrintView(MeetingAgendaMixin, TemplateView):
    """The saved agenda on a page of its own, laid out to print."""

    template_name = "includes/agenda_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            agenda=self.meeting.agenda, held_on=self.meeting.held_on, heading=_("Planning meeting agenda"),
            back_url=self.get_success_url(),
        )
        return context


class MeetingAgendaEmailView(MeetingAgendaMixin, ProgramActionView):
    def perform_action(self):
        sent = program_services.agenda_email_team(
            program=self.program, meeting_title=_("the planning meeting"), held_on=self.meeting.held_on,
            agenda=self.meeting.agenda,
        )
        return ngettext(
            "The agenda is on its way to %(count)d member of the planning team.",
            "The agenda is on its way to %(count)d members of the planning team.",
            sent,
        ) % {"count": sent}
