"""Peer journal pages: thin views over ``selectors`` and ``services``.

- ``my_journal``: the signed-in peer's own journal (their own student record; a program with journals they take part
  in, chosen with ``?program=`` when they have two). Nothing of another peer is reachable from it.
- ``journals`` / ``journal_entry``: staff with ``read_peer_journals`` read a program's entries, reply and record the
  follow-up of a flagged worry; programs and entries are resolved among the active school's rows (another school's
  is a 404; a program without journals too).
- ``journal_prompts`` and its buttons: the coordinator's prompts (``manage_journal_prompts``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.selectors import own_student_record

from ..models import JournalPrompt
from . import selectors, services
from .forms import FollowUpForm, JournalEntryForm, JournalFilterForm, PromptForm, ReplyForm

# --- The peer's own journal ----------------------------------------------------------------------------------


class MyJournalView(SchoolPermissionMixin, TemplateView):
    permission = "write_peer_journal"
    template_name = "activities/journals/my_journal.html"

    @cached_property
    def peer(self):
        return own_student_record(access=self.request.access)

    @cached_property
    def programs(self) -> list:
        return selectors.peer_journal_programs(peer=self.peer)

    @cached_property
    def program(self):
        """The program chosen with ``?program=`` (one the peer does not write in is a 404), else their first."""
        chosen = self.request.GET.get("program", "")
        if not chosen:
            return self.programs[0] if self.programs else None
        program = next((p for p in self.programs if str(p.pk) == chosen), None)
        if program is None:
            raise Http404
        return program

    @cached_property
    def week(self):
        return selectors.this_week(self.program.school)

    @cached_property
    def entry(self):
        return selectors.own_entry(peer=self.peer, program=self.program, week=self.week)

    def get_form(self, data=None):
        entry = self.entry
        initial = {}
        if entry is not None:
            initial = {"prompt": entry.prompt_id, "text": entry.text, "worry_flagged": entry.worry_flagged}
        return JournalEntryForm(
            data,
            initial=initial,
            prompts=selectors.offered_prompts(program=self.program),
            week=self.week,
            already_flagged=bool(entry and entry.worry_flagged),
        )

    def journal_url(self) -> str:
        url = reverse("activities:my_journal")
        return f"{url}?program={self.program.pk}" if len(self.programs) > 1 else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(programs=self.programs, program=self.program)
        if self.program is None:
            return context
        services.journal_prompts_ensure(program=self.program)
        entry = self.entry
        locked = entry is not None and any(True for _reply in entry.replies.all())
        context.update(
            week=self.week,
            entry=entry,
            locked=locked,
            form=kwargs.get("form") or (None if locked else self.get_form()),
            past=[e for e in selectors.own_entries(peer=self.peer, program=self.program) if e.week != self.week],
            journal_url=self.journal_url(),
            text_max=services.ENTRY_MAX,
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.program is None:
            raise Http404
        if self.entry is not None and self.entry.replies.exists():
            messages.error(request, _("A staff member has already answered this entry, so it can't be changed."))
            return HttpResponseRedirect(self.journal_url())
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            _entry, flagged = services.journal_entry_save(
                program=self.program,
                peer=self.peer,
                week=form.cleaned_data["week"],
                prompt=form.cleaned_data["prompt"],
                text=form.cleaned_data["text"],
                worry_flagged=form.cleaned_data["worry_flagged"],
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("Your journal is saved."))
        if flagged:
            messages.info(request, _("We told a staff member. Someone will check in with you soon."))
        return HttpResponseRedirect(self.journal_url())


# --- Staff: reading and replying ------------------------------------------------------------------------------


class JournalIndexView(SchoolPermissionMixin, TemplateView):
    """The active school's programs with journals (the menu's "Journals")."""

    permission = "read_peer_journals"
    template_name = "activities/journals/index.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "programs": selectors.journal_index(access=self.request.access)}


class JournalProgramMixin(SchoolObjectMixin):
    def get_queryset(self):
        return selectors.journal_program_queryset(access=self.request.access)

    @property
    def program(self):
        return self.object


class JournalsView(JournalProgramMixin, TemplateView):
    permission = "read_peer_journals"
    template_name = "activities/journals/journals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.program
        peers = list(selectors.program_journal_peers(program=program))
        form = JournalFilterForm(self.request.GET or None, peers=peers)
        peer_id, needs_reply = None, False
        if form.is_bound and form.is_valid():
            peer_id, needs_reply = form.cleaned_data["peer"], form.cleaned_data["needs_reply"]
        entries = selectors.program_entries(program=program, peer_id=peer_id, needs_reply=needs_reply)
        context.update(
            program=program, form=form, weeks=selectors.by_week(entries), filtered=bool(peer_id or needs_reply)
        )
        return context


class JournalEntryView(SchoolObjectMixin, TemplateView):
    """One entry, its replies, the reply form and (a flagged worry) the follow-up form; both post here, named by
    their submit button's ``form`` value."""

    permission = "read_peer_journals"
    template_name = "activities/journals/entry.html"

    def get_queryset(self):
        return selectors.entry_queryset(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.object
        context.update(
            entry=entry,
            program=entry.program,
            replies=list(selectors.entry_replies(entry=entry)),
            reply_form=kwargs.get("reply_form") or ReplyForm(),
            follow_up_form=kwargs.get("follow_up_form") or FollowUpForm(),
        )
        return context

    def entry_url(self) -> str:
        return reverse("activities:journal_entry", kwargs={"pk": self.object.pk})

    def post(self, request, *args, **kwargs):
        entry = self.object
        if request.POST.get("form") == "follow_up":
            form = FollowUpForm(request.POST)
            if form.is_valid():
                try:
                    services.journal_follow_up(entry=entry, by=request.user, note=form.cleaned_data["note"])
                except ValidationError as error:
                    # Nothing to follow up (no worry, or already recorded): the form is no longer on the page.
                    messages.error(request, " ".join(error.messages))
                    return HttpResponseRedirect(self.entry_url())
                else:
                    messages.success(request, _("The check-in is recorded; it is off the dashboard."))
                    return HttpResponseRedirect(self.entry_url())
            return self.render_to_response(self.get_context_data(follow_up_form=form))
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                services.journal_reply(entry=entry, author=request.user, text=form.cleaned_data["text"])
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Reply saved. The peer sees it on their journal page."))
                return HttpResponseRedirect(self.entry_url())
        return self.render_to_response(self.get_context_data(reply_form=form))


# --- The coordinator's prompts --------------------------------------------------------------------------------


class JournalPromptsView(JournalProgramMixin, TemplateView):
    """The program's prompts in order (a program with none gets the guide's starter set the first time), and a form
    to add one."""

    permission = "manage_journal_prompts"
    template_name = "activities/journals/prompts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        services.journal_prompts_ensure(program=self.program)
        prompts = list(JournalPrompt.objects.filter(program=self.program).order_by("position", "pk"))
        context.update(
            program=self.program,
            prompts=prompts,
            form=kwargs.get("form") or PromptForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = PromptForm(request.POST)
        if form.is_valid():
            try:
                services.journal_prompt_add(program=self.program, text=form.cleaned_data["text"])
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Prompt added."))
                return HttpResponseRedirect(reverse("activities:journal_prompts", kwargs={"pk": self.program.pk}))
        return self.render_to_response(self.get_context_data(form=form))


class PromptMixin(SchoolObjectMixin):
    permission = "manage_journal_prompts"

    def get_queryset(self):
        return JournalPrompt.objects.visible_to(self.request.access).select_related("program")

    def prompts_url(self) -> str:
        return reverse("activities:journal_prompts", kwargs={"pk": self.object.program_id})


class JournalPromptEditView(PromptMixin, TemplateView):
    template_name = "activities/journals/prompt_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            prompt=self.object,
            program=self.object.program,
            form=kwargs.get("form") or PromptForm(instance=self.object),
            cancel_url=self.prompts_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = PromptForm(request.POST)
        if form.is_valid():
            try:
                services.journal_prompt_edit(prompt=self.object, text=form.cleaned_data["text"])
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Prompt saved. Entries already written keep the words they answered."))
                return HttpResponseRedirect(self.prompts_url())
        return self.render_to_response(self.get_context_data(form=form))


class JournalPromptMoveView(PromptMixin, SchoolActionView):
    def perform_action(self) -> str | None:
        services.journal_prompt_move(prompt=self.object, up=self.request.POST.get("direction") != "down")
        return None

    def get_success_url(self) -> str:
        return self.prompts_url()


class JournalPromptRetireView(PromptMixin, SchoolActionView):
    def perform_action(self) -> str:
        offered = self.request.POST.get("offer") == "1"
        services.journal_prompt_retire(prompt=self.object, offered=offered)
        return _("Offered to peers again.") if offered else _("Retired: peers no longer see it.")

    def get_success_url(self) -> str:
        return self.prompts_url()


class MyJournalEntryView(SchoolPermissionMixin, TemplateView):
    """One of the peer's own entries with its replies (linked from their journal). Another peer's entry id, or any id
    not the peer's own, is a 404: the lookup starts from the peer's own record."""

    permission = "write_peer_journal"
    template_name = "activities/journals/my_entry.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        peer = own_student_record(access=self.request.access)
        entry = selectors.own_entry_by_id(peer=peer, pk=self.kwargs["pk"])
        if entry is None:
            raise Http404
        context.update(entry=entry, program=entry.program)
        return context
