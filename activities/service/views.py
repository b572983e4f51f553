"""Thin views of service-learning projects and service hours: resolve (scoped), call a selector or a service,
render. Files (photos, proofs) leave the server only through the views here, after the permission and school
checks; the verifier's page is public behind its signed link and shows only the entry it names."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from programs import selectors as program_selectors
from schools.dates import school_today
from schools.documents import document_download, kind_of_stored
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.models import Student, Term
from schools.pdf import render_pdf
from schools.permissions import has_permission
from schools.selectors import own_student_record
from schools.spreadsheet import csv_text

from ..models import ServiceHours, ServicePhoto, ServiceTask
from . import selectors, services
from .forms import (
    ApproveForm,
    ClaimForm,
    DeclineForm,
    HoursFilterForm,
    PhotoForm,
    ProjectForm,
    SettingsForm,
    StaffHoursForm,
    TaskForm,
    VerifyForm,
)
from .tokens import entry_pk


def _image(field_file) -> HttpResponse:
    """A stored photo, shown in the page (an image only; anything else is a 404)."""
    kind = kind_of_stored(field_file.name) if field_file else None
    if kind is None or not kind.content_type.startswith("image/"):
        raise Http404
    try:
        with field_file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type=kind.content_type)
    response["Content-Disposition"] = content_disposition_header(False, f"photo{kind.extension}")
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Service-learning projects (staff) ----------------------------------------------------------------------------


class ProjectsView(SchoolPermissionMixin, TemplateView):
    """The school's community / service-learning activities and their projects."""

    permission = "view_service_projects"
    template_name = "activities/service/projects.html"

    def get_context_data(self, **kwargs):
        activities = selectors.service_activities(access=self.request.access).select_related("service_project")
        return {**super().get_context_data(**kwargs), "activities": activities.order_by("-first_date", "title")}


class ServiceActivityMixin(SchoolObjectMixin):
    permission = "view_service_projects"

    def get_queryset(self):
        return selectors.service_activities(access=self.request.access)

    @property
    def activity(self):
        return self.object

    @cached_property
    def project(self):
        return selectors.project_of(activity=self.activity)

    def project_or_404(self):
        if self.project is None:
            raise Http404
        return self.project

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "activity": self.activity, "project": self.project}


class ProjectView(ServiceActivityMixin, TemplateView):
    template_name = "activities/service/project.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.project is not None:
            context.update(selectors.plan(project=self.project, peer_safe=False))
            context["photos"] = [
                (photo, list(photo.students.all()), any(s.directory_opt_out for s in photo.students.all()))
                for photo in self.project.photos.all()
            ]
        context["may_manage"] = has_permission(self.request.access, "manage_service_projects")
        return context


class ProjectEditView(ServiceActivityMixin, TemplateView):
    permission = "manage_service_projects"
    template_name = "activities/service/form_page.html"

    def form(self, data=None):
        return ProjectForm(data, instance=self.project)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        context.update(
            title=_("Project plan"),
            submit_label=_("Save the project"),
            cancel_url=reverse("activities:project", kwargs={"pk": self.activity.pk}),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.project_save(activity=self.activity, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("The project is saved."))
                return redirect("activities:project", pk=self.activity.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TaskAddView(ServiceActivityMixin, TemplateView):
    permission = "manage_service_projects"
    template_name = "activities/service/form_page.html"

    def task(self):
        return None

    def form(self, data=None):
        task = self.task()
        initial = {}
        if task is not None:
            initial = {"task": task.task, "role": task.role, "students": task.students.all(), "done_on": task.done_on}
        return TaskForm(
            data,
            initial=initial,
            placed=selectors.placed_students(activity=self.activity),
            school=self.activity.program.school,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.project_or_404()
        context.setdefault("form", self.form())
        context.update(
            title=_("A task of the plan"),
            submit_label=_("Save the task"),
            cancel_url=reverse("activities:project", kwargs={"pk": self.activity.pk}),
        )
        return context

    def post(self, request, *args, **kwargs):
        project = self.project_or_404()
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.task_save(
                    project=project,
                    task=self.task(),
                    name=data["task"],
                    role=data["role"],
                    students=data["students"],
                    done_on=data["done_on"],
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("The task is saved."))
                return redirect("activities:project", pk=self.activity.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TaskEditView(TaskAddView):
    @cached_property
    def _task(self):
        project = self.project_or_404()
        return get_object_or_404(
            ServiceTask.objects.visible_to(self.request.access), project=project, pk=self.kwargs["task_pk"]
        )

    def task(self):
        return self._task


class TaskRemoveView(SchoolActionView):
    permission = "manage_service_projects"
    pk_url_kwarg = "task_pk"

    def get_queryset(self):
        return ServiceTask.objects.visible_to(self.request.access).filter(project__activity_id=self.kwargs["pk"])

    def perform_action(self):
        services.task_remove(task=self.object)
        return _("The task is removed from the plan.")

    def get_success_url(self):
        return reverse("activities:project", kwargs={"pk": self.kwargs["pk"]})


class PhotoAddView(ServiceActivityMixin, TemplateView):
    permission = "manage_service_projects"
    template_name = "activities/service/form_page.html"

    def form(self, data=None, files=None):
        return PhotoForm(data, files, placed=selectors.placed_students(activity=self.activity))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.project_or_404()
        context.setdefault("form", self.form())
        context.update(
            title=_("Add a photo"),
            lead=_(
                "Tag the students shown. A student whose family opted out of the directory cannot be tagged; "
                "do not upload a photo that shows them."
            ),
            submit_label=_("Upload the photo"),
            multipart=True,
            cancel_url=reverse("activities:project", kwargs={"pk": self.activity.pk}),
        )
        return context

    def post(self, request, *args, **kwargs):
        project = self.project_or_404()
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.photo_add(
                    project=project,
                    image=data["image"],
                    caption=data["caption"],
                    students=data["students"],
                    uploaded_by=request.user,
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("The photo is added."))
                return redirect("activities:project", pk=self.activity.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PhotoView(SchoolObjectMixin, View):
    """A project's photo for the school's staff."""

    permission = "view_service_projects"
    pk_url_kwarg = "photo_pk"

    def get_queryset(self):
        return ServicePhoto.objects.visible_to(self.request.access).filter(project__activity_id=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        return _image(self.object.image)


class PhotoRemoveView(SchoolActionView):
    permission = "manage_service_projects"
    pk_url_kwarg = "photo_pk"

    def get_queryset(self):
        return ServicePhoto.objects.visible_to(self.request.access).filter(project__activity_id=self.kwargs["pk"])

    def perform_action(self):
        services.photo_remove(photo=self.object)
        return _("The photo is removed.")

    def get_success_url(self):
        return reverse("activities:project", kwargs={"pk": self.kwargs["pk"]})


# --- Service-learning projects (peers and students taking part) ---------------------------------------------------


class OwnStudentMixin(SchoolPermissionMixin):
    permission = "view_own_activities"

    @cached_property
    def me(self):
        return own_student_record(access=self.request.access)


class SharedProjectView(OwnStudentMixin, TemplateView):
    """The project's plan and photos for the peers and students placed in it: first names only, no photo showing
    a student whose family opted out of the directory. Anyone else: 404."""

    template_name = "activities/service/project_shared.html"

    @cached_property
    def activity(self):
        activity = selectors.shared_project_activity(access=self.request.access, pk=self.kwargs["pk"], student=self.me)
        if activity is None:
            raise Http404
        return activity

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = selectors.project_of(activity=self.activity)
        if project is None:
            raise Http404
        context.update(activity=self.activity, project=project, photos=selectors.peer_photos(project=project))
        context.update(selectors.plan(project=project, peer_safe=True))
        return context


class SharedPhotoView(OwnStudentMixin, View):
    def get(self, request, *args, **kwargs):
        photo = selectors.peer_visible_photo(access=request.access, student=self.me, pk=self.kwargs["photo_pk"])
        if photo is None or photo.project.activity_id != self.kwargs["pk"]:
            raise Http404
        return _image(photo.image)


# --- Service hours: a peer's or student's own ---------------------------------------------------------------------


class MyHoursView(SchoolPermissionMixin, TemplateView):
    """A peer's or focus student's own hours, totals per term, certificates, and the claim form."""

    permission = "claim_service_hours"
    template_name = "activities/service/my_hours.html"

    @cached_property
    def me(self):
        return own_student_record(access=self.request.access)

    def programs(self):
        if self.me is None:
            return program_selectors.school_programs(school=self.request.access.school).none()
        return selectors.student_programs(student=self.me)

    def form(self, data=None, files=None):
        return ClaimForm(data, files, programs=self.programs(), school=self.request.access.school)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.me is not None:
            context.update(selectors.own_hours(student=self.me))
            context["projects"] = selectors.own_projects(access=self.request.access, student=self.me)
        context["me"] = self.me
        context["may_claim"] = self.me is not None and self.programs().exists()
        context.setdefault("form", self.form())
        return context

    def post(self, request, *args, **kwargs):
        if self.me is None:
            raise PermissionDenied
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.hours_claim(student=self.me, claimed_by=request.user, **data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your hours are saved. %(name)s gets an email to confirm them.")
                    % {"name": data["verifier_name"]},
                )
                return redirect("activities:my_hours")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MyCertificateView(SchoolPermissionMixin, View):
    """The peer's or student's own certificate of approved hours for one term (one page per program)."""

    permission = "claim_service_hours"

    def get(self, request, *args, **kwargs):
        me = own_student_record(access=request.access)
        if me is None:
            raise Http404
        term = get_object_or_404(Term.objects.visible_to(request.access), pk=self.kwargs["term_pk"])
        pages = []
        for program in selectors.programs_with_approved_hours(student=me, term=term):
            pages.extend(selectors.certificates(program=program, term=term, students=[me]))
        if not pages:
            raise Http404
        return _certificate_pdf(pages, filename=f"service-hours-{slugify(me.short_name)}-{slugify(term.name)}.pdf")


def _certificate_pdf(pages, *, filename: str) -> HttpResponse:
    today = school_today(pages[0].program.school)
    context = {
        "pages": pages,
        "today": today,
        "coordinators": {c.program.pk: selectors.coordinator_name(program=c.program) for c in pages},
    }
    for page in pages:
        page.coordinator = context["coordinators"][page.program.pk]
    pdf = render_pdf(template_name="activities/service/certificate_pdf.html", context=context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- Service hours: staff -----------------------------------------------------------------------------------------


class HoursReviewView(SchoolPermissionMixin, TemplateView):
    """The coordinator's list: filters, approve in bulk, decline with a reason. Staff and the district read it."""

    permission = "view_service_hours"
    template_name = "activities/service/review.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.request.access
        programs = program_selectors.program_queryset(access=access).order_by("name")
        terms = Term.objects.visible_to(access).order_by("-start_date")
        may_approve = has_permission(access, "approve_service_hours")
        data = self.request.GET or None
        if data is None and may_approve:
            # The coordinator comes here to approve: the list opens on what waits for them.
            data = {"status": ServiceHours.Approval.PENDING}
        filters = HoursFilterForm(data, programs=programs, terms=terms)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        entries = selectors.review_entries(
            access=access, program=chosen.get("program"), term=chosen.get("term"), status=chosen.get("status", "")
        )
        page = Paginator(entries, self.paginate_by).get_page(self.request.GET.get("page"))
        context.update(
            filters=filters,
            page_obj=page,
            entries=page.object_list,
            program=chosen.get("program"),
            term=chosen.get("term"),
            may_approve=may_approve,
            waiting_here=any(entry.approval == ServiceHours.Approval.PENDING for entry in page.object_list),
            may_add=has_permission(access, "add_service_hours"),
            here=self.request.get_full_path(),
        )
        return context


class HoursApproveView(SchoolPermissionMixin, View):
    permission = "approve_service_hours"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ApproveForm(request.POST, entries=selectors.hours_queryset(access=request.access))
        if form.is_valid():
            count = services.hours_approve(entries=form.cleaned_data["entries"], decided_by=request.user)
            if count:
                messages.success(
                    request,
                    ngettext("%(count)d entry is approved.", "%(count)d entries are approved.", count)
                    % {"count": count},
                )
            else:
                messages.warning(request, _("None of the hours you ticked was waiting for approval."))
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        next_url = request.POST.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            return HttpResponseRedirect(next_url)
        return redirect("activities:hours_review")


class HoursDeclineView(SchoolObjectMixin, TemplateView):
    permission = "approve_service_hours"
    template_name = "activities/service/decline.html"

    def get_queryset(self):
        return selectors.hours_queryset(access=self.request.access).select_related("student", "program", "term")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", DeclineForm())
        context["entry"] = self.object
        return context

    def post(self, request, *args, **kwargs):
        form = DeclineForm(request.POST)
        if form.is_valid():
            try:
                services.hours_decline(entry=self.object, reason=form.cleaned_data["reason"], decided_by=request.user)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("The hours are declined; the student reads your reason."))
                return redirect("activities:hours_review")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class HoursAddView(SchoolPermissionMixin, TemplateView):
    permission = "add_service_hours"
    template_name = "activities/service/form_page.html"

    def form(self, data=None):
        access = self.request.access
        students = Student.objects.visible_to(access).filter(
            pk__in=program_selectors.students_taking_part(), is_active=True
        )
        return StaffHoursForm(
            data,
            programs=program_selectors.program_queryset(access=access).order_by("name"),
            students=students.order_by("last_name", "first_name"),
            school=access.school,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        context.update(
            title=_("Add hours for a student"),
            lead=_("Work the student did with you. You are their verifier; the coordinator approves the hours."),
            submit_label=_("Add the hours"),
            cancel_url=reverse("activities:hours_review"),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.hours_add(added_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("The hours are added."))
                return redirect("activities:hours_review")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ProofView(SchoolPermissionMixin, View):
    """An entry's proof file: for the school's staff who read hours, and for the student who claimed it."""

    permission = "view_dashboard"

    def get(self, request, *args, **kwargs):
        entry = get_object_or_404(selectors.hours_queryset(access=request.access), pk=self.kwargs["pk"])
        if not has_permission(request.access, "view_service_hours"):
            me = (
                own_student_record(access=request.access)
                if has_permission(request.access, "claim_service_hours")
                else None
            )
            if me is None:
                raise PermissionDenied
            if entry.student_id != me.pk:
                raise Http404
        return document_download(entry.proof, title=f"proof-{entry.date.isoformat()}")


class ProgramTermMixin(SchoolPermissionMixin):
    """A program of the active school and one of its terms, from the URL (another school's: 404)."""

    permission = "approve_service_hours"

    @cached_property
    def program(self):
        return get_object_or_404(program_selectors.program_queryset(access=self.request.access), pk=self.kwargs["pk"])

    @cached_property
    def term(self):
        terms = program_selectors.program_terms(program=self.program)
        return get_object_or_404(terms, pk=self.kwargs["term_pk"])


class CertificatesView(ProgramTermMixin, View):
    """Every student's certificate of the program and term: one PDF, a page per student."""

    def get(self, request, *args, **kwargs):
        pages = selectors.certificates(program=self.program, term=self.term)
        if not pages:
            messages.warning(request, _("No approved hours in this program and term yet: there is nothing to print."))
            return redirect(f"{reverse('activities:hours_review')}?program={self.program.pk}&term={self.term.pk}")
        return _certificate_pdf(
            pages, filename=f"service-hours-{slugify(self.program.name)}-{slugify(self.term.name)}.pdf"
        )


class HoursExportView(ProgramTermMixin, View):
    """The approved hours of the program and term as CSV, one row per entry, in the shape of an SIS import."""

    def get(self, request, *args, **kwargs):
        entries = selectors.hours_queryset(access=request.access).filter(program=self.program, term=self.term)
        text = csv_text(selectors.SIS_HEADER, selectors.sis_rows(entries=entries))
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        name = f"service-hours-{slugify(self.program.name)}-{slugify(self.term.name)}.csv"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


class HoursSettingsView(SchoolObjectMixin, TemplateView):
    permission = "approve_service_hours"
    template_name = "activities/service/form_page.html"

    def get_queryset(self):
        return program_selectors.program_queryset(access=self.request.access)

    def form(self, data=None):
        current = selectors.program_settings(program=self.object)
        initial = {
            "auto_approve_hours": current.auto_approve_hours,
            "auto_approve_proofs": current.auto_approve_proofs,
        }
        return SettingsForm(data, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        context.update(
            title=_("Approving service hours: %(program)s") % {"program": self.object.name},
            lead=_(
                "The program may approve hours by itself when an entry has every proof you choose. It applies when "
                "an entry gets its last proof (for example when the verifier confirms)."
            ),
            submit_label=_("Save"),
            cancel_url=reverse("activities:hours_review"),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.activity_settings_save(program=self.object, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("The rule for approving hours is saved."))
                return redirect("activities:hours_review")
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- The verifier's signed link -----------------------------------------------------------------------------------


class VerifyView(View):
    """Public, behind the signed link emailed to the verifier: the student's first name, the date, the hours and
    what they did, and the answer. A link already answered says so and changes nothing; a changed, made-up or
    expired link is a 404 page that says what to do."""

    template_name = "activities/service/verify.html"

    def entry(self):
        pk = entry_pk(self.kwargs["token"])
        return selectors.verification_entry(pk=pk) if pk is not None else None

    def render(self, entry, *, form=None, status=200):
        if entry is None:
            return render(self.request, "activities/service/verify_invalid.html", status=404)
        context = {
            "entry": entry,
            "first_name": entry.student.short_name,
            "school": entry.program.school,
            "answered": entry.verification != ServiceHours.Verification.PENDING,
            "form": form or VerifyForm(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(self.entry())

    def post(self, request, *args, **kwargs):
        entry = self.entry()
        if entry is None:
            return self.render(None)
        form = VerifyForm(request.POST)
        if not form.is_valid():
            return self.render(entry, form=form, status=400)
        data = form.cleaned_data
        try:
            services.hours_verify(entry_pk=entry.pk, answer=data["answer"], hours=data["hours"], note=data["note"])
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                show_service_error(form, error)
                return self.render(entry, form=form, status=400)
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you, your answer is saved."))
        return redirect(request.path)
