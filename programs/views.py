"""Program pages: thin views that resolve the program through the scoped queryset, then call a selector or a
service. Another school's program (or anything inside it) is a 404; a role without the permission gets a 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, ListView, TemplateView, View

from schools import selectors as school_selectors
from schools.documents import document_download
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.permissions import has_permission

from . import selectors, services
from .forms import (
    BudgetItemForm,
    DistrictApprovalForm,
    ExpansionStageForm,
    ParticipantAddForm,
    ParticipantDatesForm,
    ParticipantSearchForm,
    PlanningMeetingForm,
    ProgramCreateForm,
    ProgramForm,
    StatusForm,
    TeamMemberForm,
    action_item_formset,
)
from .models import ActionItem, BudgetItem, DistrictApproval, ExpansionStage, PlanningMeeting, PlanningTeamMember


class ProgramPermissionMixin(SchoolPermissionMixin):
    permission = "view_programs"

    @property
    def can_manage(self) -> bool:
        return has_permission(self.request.access, "manage_program")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.can_manage
        return context


class ProgramMixin(ProgramPermissionMixin, SchoolObjectMixin):
    """Pages of one program: ``self.program`` comes from the active school's programs only."""

    section = "overview"

    def get_queryset(self):
        return selectors.program_queryset(access=self.request.access)

    @property
    def program(self):
        return self.object

    def child(self, model, kwarg: str):
        return get_object_or_404(model.objects.visible_to(self.request.access).filter(program=self.program),
                                 pk=self.kwargs[kwarg])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["program"] = self.program
        context["section"] = self.section
        return context


class ProgramFormView(ProgramMixin, FormView):
    """Add or edit one thing of a program; the service writes, its ValidationError comes back onto the form."""

    permission = "manage_program"
    template_name = "programs/item_form.html"
    title = ""
    submit_label = gettext_lazy("Save")
    multipart = False

    def get_instance(self):
        return None

    @cached_property
    def instance(self):
        return self.get_instance()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["access"] = self.request.access
        if self.instance is not None:
            kwargs["instance"] = self.instance
        return kwargs

    def get_success_url(self):
        return reverse(f"programs:{self.section}", kwargs={"pk": self.program.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title, submit_label=self.submit_label, multipart=self.multipart,
            cancel_url=self.get_success_url(),
        )
        return context

    def form_valid(self, form):
        try:
            message = self.save(form)
        except ValidationError as error:
            show_service_error(form, error)
            if self.instance is not None:
                # The service may have changed the object in memory before refusing; show what is saved.
                self.instance.refresh_from_db()
            return self.form_invalid(form)
        messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())

    def save(self, form) -> str:
        raise NotImplementedError


class ProgramActionView(ProgramMixin, SchoolActionView):
    """A button on a program's page: back to that page (or to ``next``) with a message saying what happened."""

    permission = "manage_program"
    follow_next = True

    def get_success_url(self):
        return reverse(f"programs:{self.section}", kwargs={"pk": self.program.pk})


# --- Programs ---------------------------------------------------------------------------------------------------


class ProgramListView(ProgramPermissionMixin, ListView):
    """The school's programs: what the school administrator reviews, and where a coordinator starts."""

    template_name = "programs/program_list.html"
    context_object_name = "programs"

    def get_queryset(self):
        return selectors.program_list(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_view_district"] = has_permission(self.request.access, "view_district_programs")
        return context


class DistrictProgramsView(ProgramPermissionMixin, ListView):
    permission = "view_district_programs"
    template_name = "programs/district_programs.html"
    context_object_name = "programs"

    def get_queryset(self):
        return selectors.district_programs(access=self.request.access)


class ProgramCreateView(SchoolPermissionMixin, FormView):
    permission = "manage_program"
    template_name = "programs/program_form.html"
    form_class = ProgramCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.request.access}

    def get_initial(self):
        staff = school_selectors.staff_members(school=self.request.access.school)
        initial = {"lowest_grade": self.request.access.school.lowest_grade,
                   "highest_grade": self.request.access.school.highest_grade}
        if staff.filter(pk=self.request.user.pk).exists():
            initial["coordinator"] = self.request.user.pk
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            program = services.program_create(
                school=self.request.access.school,
                coordinator=data["coordinator"],
                coordinator_role=data["coordinator_role"],
                terms=data["terms"],
                **form.program_fields(),
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is planned. Next, gather the core planning team and present the plan to the entire school "
              "faculty.") % {"name": program.name},
        )
        return redirect("programs:team", pk=program.pk)


class ProgramDetailView(ProgramMixin, TemplateView):
    """The coordinator's overview: what is planned, who is on the team, what is due."""

    template_name = "programs/program_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.program_overview(access=self.request.access, program=self.program))
        context["next_statuses"] = [
            (value, label) for value, label in self.program.Status.choices if self.program.can_become(value)
        ]
        return context


class ProgramUpdateView(ProgramFormView):
    template_name = "programs/program_form.html"
    form_class = ProgramForm

    def get_instance(self):
        return self.program

    def get_success_url(self):
        return reverse("programs:detail", kwargs={"pk": self.program.pk})

    def save(self, form):
        services.program_update(program=self.program, terms=form.cleaned_data["terms"], **form.program_fields())
        return _("The plan for %(name)s is saved.") % {"name": self.program.name}


class ProgramStatusView(ProgramActionView):
    def perform_action(self):
        form = StatusForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        program = services.program_change_status(program=self.program, status=form.cleaned_data["status"])
        return _("%(name)s is now “%(status)s”.") % {"name": program.name, "status": program.get_status_display()}

    def get_success_url(self):
        return reverse("programs:detail", kwargs={"pk": self.program.pk})


# --- Core planning team -----------------------------------------------------------------------------------------


class TeamView(ProgramMixin, TemplateView):
    template_name = "programs/team.html"
    section = "team"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team = list(selectors.team(access=self.request.access, program=self.program))
        context["team"] = team
        context["team_advice"] = selectors.team_size_advice(core_size=sum(1 for m in team if m.is_core))
        return context


class TeamMemberFormView(ProgramFormView):
    section = "team"
    form_class = TeamMemberForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302:
            advice = selectors.team_size_advice_for(program=self.program)
            if advice:
                messages.warning(self.request, advice)
        return response

    def member_fields(self, form):
        data = form.cleaned_data
        return {
            "user": data["user"], "name": data["name"], "role": data["role"],
            "is_coordinator": data["is_coordinator"], "is_core": data["is_core"],
            "advice_wanted": data["advice_wanted"],
        }


class TeamMemberAddView(TeamMemberFormView):
    title = gettext_lazy("Add to the planning team")

    def save(self, form):
        member = services.team_member_add(program=self.program, **self.member_fields(form))
        return _("%(name)s is on the planning team.") % {"name": member.display_name}


class TeamMemberEditView(TeamMemberFormView):
    title = gettext_lazy("Change a team member")

    def get_instance(self):
        return self.child(PlanningTeamMember, "member_pk")

    def save(self, form):
        member = services.team_member_update(member=self.instance, **self.member_fields(form))
        return _("The details of %(name)s are saved.") % {"name": member.display_name}


class TeamMemberRemoveView(ProgramActionView):
    section = "team"

    def perform_action(self):
        member = self.child(PlanningTeamMember, "member_pk")
        name = member.display_name
        services.team_member_remove(member=member)
        return _("%(name)s is no longer on the planning team.") % {"name": name}

    def warnings(self):
        advice = selectors.team_size_advice_for(program=self.program)
        return [advice] if advice else []


# --- Participants: focus students and peers taking part ---------------------------------------------------------


class ParticipantListView(ProgramMixin, TemplateView):
    """Who takes part, since when, and who left (kept as a record)."""

    template_name = "programs/participants.html"
    section = "participants"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.participants(access=self.request.access, program=self.program))
        return context


class ParticipantAddView(ProgramMixin, TemplateView):
    """Find students on the roster and add several at once. The search is a POST (names stay out of URLs); the
    same form carries the ticked students, so "Add" after a search keeps what was found."""

    permission = "manage_program"
    template_name = "programs/participants_add.html"
    section = "participants"

    def forms(self, data=None):
        access = self.request.access
        search = ParticipantSearchForm(data, access=access, initial={"kind": "focus"})
        add = ParticipantAddForm(data, access=access, program=self.program)
        return search, add

    def get(self, request, *args, **kwargs):
        search, add = self.forms()
        return self.render_to_response(self.get_context_data(search=search, add=add))

    def post(self, request, *args, **kwargs):
        search, add = self.forms(request.POST)
        if request.POST.get("action") == "add" and add.is_valid():
            try:
                result = services.participants_add(
                    program=self.program, students=add.cleaned_data["students"],
                    joined_on=add.cleaned_data["joined_on"],
                )
            except ValidationError as error:
                show_service_error(add, error)
            else:
                self.report(result)
                return redirect("programs:participants", pk=self.program.pk)
        elif request.POST.get("action") != "add":
            # A search: the ticks and the date are not checked yet.
            add = ParticipantAddForm(
                initial={"students": request.POST.getlist("students")}, access=request.access, program=self.program
            )
        return self.render_to_response(self.get_context_data(search=search, add=add))

    def report(self, result):
        if result.added:
            messages.success(
                self.request,
                ngettext("%(count)d student now takes part in %(program)s: %(names)s.",
                         "%(count)d students now take part in %(program)s: %(names)s.", len(result.added))
                % {"count": len(result.added), "program": self.program.name,
                   "names": ", ".join(p.student.full_name for p in result.added)},
            )
        if result.already:
            messages.info(
                self.request,
                _("Already taking part, nothing changed: %(names)s.")
                % {"names": ", ".join(student.full_name for student in result.already)},
            )
        for warning in result.warnings:
            messages.warning(self.request, warning)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = kwargs["search"]
        candidates = selectors.participant_candidates(access=self.request.access, program=self.program)
        if search.is_bound:
            found = search.filter(candidates) if search.is_valid() else candidates.none()
        else:
            found = candidates.focus_students()
        found = list(found[: selectors.CANDIDATE_LIMIT + 1])
        add = kwargs["add"]
        ticked = add["students"].value() or []
        context.update(
            found=found[: selectors.CANDIDATE_LIMIT],
            too_many=len(found) > selectors.CANDIDATE_LIMIT,
            limit=selectors.CANDIDATE_LIMIT,
            ticked={str(pk) for pk in ticked},
        )
        return context


class ParticipantEditView(ProgramFormView):
    section = "participants"
    form_class = ParticipantDatesForm
    title = gettext_lazy("Change the dates")

    def get_instance(self):
        return get_object_or_404(
            selectors.participant_queryset(access=self.request.access, program=self.program),
            pk=self.kwargs["participant_pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Dates of %(name)s in %(program)s") % {
            "name": self.instance.student.full_name, "program": self.program.name
        }
        return context

    def save(self, form):
        participant = services.participant_update_dates(
            participant=self.instance, joined_on=form.cleaned_data["joined_on"],
            left_on=form.cleaned_data.get("left_on"),
        )
        return _("The dates of %(name)s are saved.") % {"name": participant.student.full_name}


class ParticipantRemoveView(ProgramActionView):
    """End a student's period in the program today; the row stays, with its end date."""

    section = "participants"

    def perform_action(self):
        participant = get_object_or_404(
            selectors.participant_queryset(access=self.request.access, program=self.program),
            pk=self.kwargs["participant_pk"],
        )
        participant = services.participant_remove(participant=participant)
        return _("%(name)s no longer takes part in %(program)s (end date %(date)s). Their earlier dates are kept.") % {
            "name": participant.student.full_name, "program": self.program.name,
            "date": participant.left_on.isoformat(),
        }


# --- Planning meetings and action items -------------------------------------------------------------------------


class MeetingListView(ProgramMixin, TemplateView):
    template_name = "programs/meeting_list.html"
    section = "meetings"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"] = selectors.meetings(access=self.request.access, program=self.program)
        return context


class MeetingDetailView(ProgramMixin, TemplateView):
    template_name = "programs/meeting_detail.html"
    section = "meetings"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.child(PlanningMeeting, "meeting_pk")
        context["meeting"] = meeting
        context["action_items"] = selectors.meeting_action_items(access=self.request.access, meeting=meeting)
        return context


class MeetingFormView(ProgramMixin, TemplateView):
    """A meeting and its action items on one form; saved together or not at all."""

    permission = "manage_program"
    template_name = "programs/meeting_form.html"
    section = "meetings"
    meeting = None

    def forms(self, data=None):
        form = PlanningMeetingForm(data, instance=self.meeting, access=self.request.access)
        formset = action_item_formset(access=self.request.access, meeting=self.meeting, data=data)
        return form, formset

    def get(self, request, *args, **kwargs):
        form, formset = self.forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        form, formset = self.forms(request.POST)
        if form.is_valid():
            formset.held_on = form.cleaned_data["held_on"]
        if form.is_valid() and formset.is_valid():
            try:
                meeting = self.save(form, formset)
            except ValidationError as error:
                show_service_error(form, error)
                if self.meeting is not None:
                    self.meeting.refresh_from_db()
            else:
                messages.success(request, _("The meeting of %(date)s is saved.") % {"date": meeting.held_on})
                return redirect("programs:meeting_detail", pk=self.program.pk, meeting_pk=meeting.pk)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        return context


class MeetingCreateView(MeetingFormView):
    def save(self, form, formset):
        return services.planning_meeting_create(
            program=self.program, action_items=formset.changes(), **form.cleaned_data
        )


class MeetingUpdateView(MeetingFormView):
    @cached_property
    def meeting(self):
        return self.child(PlanningMeeting, "meeting_pk")

    def save(self, form, formset):
        return services.planning_meeting_update(
            meeting=self.meeting, action_items=formset.changes(), **form.cleaned_data
        )


class ActionItemView(SchoolActionView):
    """Mark an action item done or open again: its owner may, and so may whoever manages programs."""

    permission = "view_programs"
    queryset = ActionItem.objects.select_related("program__school", "meeting")
    pk_url_kwarg = "item_pk"
    follow_next = True

    def get_object(self, queryset=None):
        item = super().get_object(queryset)
        can_manage = has_permission(self.request.access, "manage_program")
        if not services.can_complete(access=self.request.access, item=item, can_manage=can_manage):
            raise PermissionDenied
        return item

    def get_success_url(self):
        item = self.object
        if item.meeting_id:
            return reverse("programs:meeting_detail", kwargs={"pk": item.program_id, "meeting_pk": item.meeting_id})
        return reverse("programs:detail", kwargs={"pk": item.program_id})


class ActionItemCompleteView(ActionItemView):
    def perform_action(self):
        services.action_item_complete(item=self.object)
        return _("Done: “%(item)s”. Thank you!") % {"item": self.object.description}


class ActionItemReopenView(ActionItemView):
    def perform_action(self):
        services.action_item_reopen(item=self.object)
        return _("“%(item)s” is open again.") % {"item": self.object.description}


# --- Start small, expand on purpose -------------------------------------------------------------------------


class ExpansionPlanView(ProgramMixin, TemplateView):
    template_name = "programs/expansion.html"
    section = "expansion"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stages"] = selectors.expansion_stages(access=self.request.access, program=self.program)
        return context


class StageFormView(ProgramFormView):
    section = "expansion"
    form_class = ExpansionStageForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}


class StageAddView(StageFormView):
    title = gettext_lazy("Add a stage to the expansion plan")

    def save(self, form):
        stage = services.expansion_stage_add(program=self.program, **form.cleaned_data)
        return _("Step %(step)s is in the plan.") % {"step": stage.order}


class StageEditView(StageFormView):
    title = gettext_lazy("Change a stage")

    def get_instance(self):
        return self.child(ExpansionStage, "stage_pk")

    def save(self, form):
        data = dict(form.cleaned_data)
        if data["order"] is None:
            data["order"] = self.instance.order
        stage = services.expansion_stage_update(stage=self.instance, **data)
        return _("Step %(step)s is saved.") % {"step": stage.order}


class StageReachedView(ProgramActionView):
    section = "expansion"

    def perform_action(self):
        stage = services.expansion_stage_mark_reached(stage=self.child(ExpansionStage, "stage_pk"))
        return _("Step %(step)s reached on %(date)s. Well done!") % {"step": stage.order, "date": stage.reached_on}


# --- Budget -------------------------------------------------------------------------------------------------


class BudgetView(ProgramMixin, TemplateView):
    template_name = "programs/budget.html"
    section = "budget"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["budget"] = selectors.budget(access=self.request.access, program=self.program)
        return context


class BudgetItemAddView(ProgramFormView):
    section = "budget"
    form_class = BudgetItemForm
    title = gettext_lazy("Add a budget line")

    def save(self, form):
        item = services.budget_item_add(program=self.program, **form.cleaned_data)
        return _("“%(item)s” is in the budget.") % {"item": item.description}


class BudgetItemEditView(BudgetItemAddView):
    title = gettext_lazy("Change a budget line")

    def get_instance(self):
        return self.child(BudgetItem, "item_pk")

    def save(self, form):
        item = services.budget_item_update(item=self.instance, **form.cleaned_data)
        return _("“%(item)s” is saved.") % {"item": item.description}


class BudgetItemRemoveView(ProgramActionView):
    section = "budget"

    def perform_action(self):
        item = self.child(BudgetItem, "item_pk")
        description = item.description
        services.budget_item_remove(item=item)
        return _("“%(item)s” is no longer in the budget.") % {"item": description}


# --- District approvals -------------------------------------------------------------------------------------


class ApprovalListView(ProgramMixin, TemplateView):
    template_name = "programs/approvals.html"
    section = "approvals"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["approvals"] = selectors.approvals(access=self.request.access, program=self.program)
        return context


class ApprovalAddView(ProgramFormView):
    section = "approvals"
    form_class = DistrictApprovalForm
    title = gettext_lazy("Add a district approval")
    multipart = True

    def save(self, form):
        data = form.cleaned_data
        approval = services.district_approval_add(
            program=self.program, name=data["name"], status=data["status"], due_on=data["due_on"],
            decided_on=data["decided_on"], notes=data["notes"], document=data["document"],
        )
        return _("“%(name)s” is on the list of district approvals.") % {"name": approval.name}


class ApprovalEditView(ApprovalAddView):
    title = gettext_lazy("Change a district approval")

    def get_instance(self):
        return self.child(DistrictApproval, "approval_pk")

    def save(self, form):
        data = form.cleaned_data
        approval = services.district_approval_update(
            approval=self.instance, name=data["name"], status=data["status"], due_on=data["due_on"],
            decided_on=data["decided_on"], notes=data["notes"], document=data["document"],
            remove_document=data.get("remove_document", False),
        )
        return _("“%(name)s” is saved.") % {"name": approval.name}


class ApprovalDocumentView(ProgramMixin, View):
    """The only way to an approval document: permission and school checked, never cached, always a download."""

    def get(self, request, *args, **kwargs):
        approval = self.child(DistrictApproval, "approval_pk")
        return document_download(approval.document, title=approval.name)
