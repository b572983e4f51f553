"""Attendance, make-ups, readiness and handout pages: thin views. Meetings and programs come from the active school's
rows only (another school's is a 404); each page declares its one permission."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View

from programs.selectors import program_queryset
from schools.forms import show_service_error
from schools.mixins import SchoolObjectMixin, SchoolPermissionMixin
from schools.models import Student
from schools.pdf import render_pdf
from schools.permissions import has_permission

from .. import selectors as public
from . import selectors, services
from .forms import AttendanceForm, CoverageForm, MakeupForm, ReadinessSettingsForm


class ServiceFormMixin:
    """A form whose ``save()`` calls one service: its ValidationError comes back onto the form, never a 500."""

    def form_valid(self, form):
        try:
            message = self.save(form)
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())

    def save(self, form) -> str:
        raise NotImplementedError


# --- Attendance and make-ups ----------------------------------------------------------------------------------------


class MeetingMixin(SchoolObjectMixin):
    def get_queryset(self):
        return selectors.meeting_queryset(access=self.request.access)

    @property
    def meeting(self):
        return self.object

    @property
    def school(self):
        return self.request.access.school

    def attendance_url(self, meeting=None) -> str:
        return reverse("orientation:attendance", kwargs={"pk": (meeting or self.meeting).pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        orientation = self.meeting.orientation
        context.update(
            meeting=self.meeting,
            orientation=orientation,
            program=orientation.program,
            cancelled=self.meeting.is_cancelled or orientation.is_cancelled,
        )
        return context


class AttendanceView(MeetingMixin, ServiceFormMixin, FormView):
    """The phone page: everyone expected is present; tap the exceptions, save the whole list."""

    permission = "take_orientation_attendance"
    template_name = "orientation/readiness/attendance.html"
    form_class = AttendanceForm

    @cached_property
    def sheet(self):
        return selectors.attendance_sheet(meeting=self.meeting)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["sheet"] = Student.objects.filter(pk__in=[s.pk for s in self.sheet])
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        ticked = {str(pk) for pk in (form["absent"].value() or [])} if form.is_bound else {
            str(s.pk) for s in self.sheet if s.recorded == "absent"
        }
        context.update(
            rows=[{"student": s, "absent": str(s.pk) in ticked} for s in self.sheet],
            recorded=any(s.recorded for s in self.sheet),
            can_plan_makeup=has_permission(self.request.access, "manage_orientations"),
        )
        return context

    def save(self, form) -> str:
        counts = services.attendance_save(
            meeting=self.meeting, absent={s.pk for s in form.cleaned_data["absent"]}, by=self.request.user
        )
        return _("Attendance saved: %(present)s present, %(absent)s absent.") % counts

    def get_success_url(self):
        return self.attendance_url()


class MakeupAddView(MeetingMixin, ServiceFormMixin, FormView):
    permission = "manage_orientations"
    template_name = "orientation/readiness/makeup_form.html"
    form_class = MakeupForm

    @cached_property
    def candidates(self):
        return selectors.makeup_candidates(meeting=self.meeting)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "candidates": self.candidates, "school": self.school}

    def get_initial(self):
        meeting = self.meeting
        return {
            "students": list(self.candidates), "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
            "slot": meeting.slot, "place": meeting.place,
        }

    def save(self, form) -> str:
        data = form.cleaned_data
        makeup, not_emailed = services.makeup_create(
            meeting=self.meeting, date=data["date"], starts_at=data["starts_at"], ends_at=data["ends_at"],
            slot=data["slot"], place=data["place"], students=list(data["students"]), by=self.request.user,
        )
        self.makeup = makeup
        message = ngettext(
            "Make-up meeting planned for %(count)s student on %(date)s.",
            "Make-up meeting planned for %(count)s students on %(date)s.",
            len(data["students"]),
        ) % {"count": len(data["students"]), "date": makeup.date.isoformat()}
        if not_emailed:
            message += " " + _("No email address for %(names)s: tell them in person.") % {
                "names": ", ".join(s.full_name for s in not_emailed)
            }
        return message

    def get_success_url(self):
        return self.attendance_url(self.makeup)


# --- Readiness ------------------------------------------------------------------------------------------------------


class ProgramPageMixin(SchoolObjectMixin):
    def get_queryset(self):
        return program_queryset(access=self.request.access)

    @property
    def program(self):
        return self.object

    def readiness_url(self) -> str:
        return reverse("orientation:readiness", kwargs={"pk": self.program.pk})

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "program": self.program}


class ReadinessView(ProgramPageMixin, TemplateView):
    """The program's peers × the required topics: who is ready, who is not and what they still have to cover."""

    permission = "view_orientations"
    template_name = "orientation/readiness/readiness.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            grid=selectors.readiness_grid(program=self.program),
            can_record=has_permission(self.request.access, "record_topic_coverage"),
            can_manage=has_permission(self.request.access, "manage_orientations"),
        )
        return context


class CoverageAddView(ProgramPageMixin, ServiceFormMixin, FormView):
    """Topics covered one-to-one with a peer who missed them: which topics, when, with whom, a note."""

    permission = "record_topic_coverage"
    template_name = "orientation/readiness/form_page.html"
    form_class = CoverageForm

    @cached_property
    def peer(self):
        peer = selectors.program_peer(program=self.program, pk=self.kwargs["student_pk"])
        if peer is None:
            raise Http404
        return peer

    def get(self, request, *args, **kwargs):
        _ = self.peer  # a student who is not a peer of this program is a 404
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "school": self.program.school}

    def get_initial(self):
        # The required topics this peer still has to cover are ticked to start with.
        topics = public.required_topics(school_id=self.program.school_id)
        missing = public.school_readiness(school_id=self.program.school_id, peers=[self.peer], topics=topics)
        titles = set(missing[self.peer.pk].missing)
        return {"covered_with": self.request.user.pk, "topics": [t.pk for t in topics if t.title in titles]}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Topics covered one-to-one"),
            "heading": _("Topics covered one-to-one with %(name)s") % {"name": self.peer.full_name},
            "lead": _("For a peer who missed a meeting: the topics you went through together, when, and with whom. "
                      "The required topics still to cover are ticked."),
            "submit_label": _("Mark covered"),
            "cancel_url": self.readiness_url(),
        }

    def save(self, form) -> str:
        data = form.cleaned_data
        rows = services.coverage_record(
            student=self.peer, topics=list(data["topics"]), covered_on=data["covered_on"],
            covered_with=data["covered_with"], note=data["note"], by=self.request.user,
        )
        return ngettext(
            "%(count)s topic marked covered with %(name)s.", "%(count)s topics marked covered with %(name)s.", len(rows)
        ) % {"count": len(rows), "name": self.peer.full_name}

    def get_success_url(self):
        return self.readiness_url()


class ReadinessSettingsView(ProgramPageMixin, ServiceFormMixin, FormView):
    permission = "manage_orientations"
    template_name = "orientation/readiness/form_page.html"
    form_class = ReadinessSettingsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": selectors.program_settings(program=self.program)}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Orientation settings"),
            "submit_label": _("Save"),
            "cancel_url": self.readiness_url(),
        }

    def save(self, form) -> str:
        services.orientation_settings_save(
            program=self.program, not_ready=form.cleaned_data["not_ready"],
            younger_peers_below_grade=form.cleaned_data["younger_peers_below_grade"],
        )
        return _("Orientation settings of %(name)s saved.") % {"name": self.program.name}

    def get_success_url(self):
        return self.readiness_url()


# --- Peer handouts --------------------------------------------------------------------------------------------------


class HandoutsView(ProgramPageMixin, TemplateView):
    """A program's handouts, one per focus student, for staff to print or hand to the peers."""

    permission = "view_orientations"
    template_name = "orientation/readiness/handouts.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "handouts": selectors.program_handouts(program=self.program)}


class HandoutMixin(SchoolPermissionMixin):
    """One focus student's handout: staff of the school, or a peer paired with them (anyone else: 404)."""

    permission = "view_peer_handouts"

    @cached_property
    def student(self):
        student = selectors.handout_student(access=self.request.access, pk=self.kwargs["pk"])
        if student is None:
            raise Http404
        return student


class HandoutView(HandoutMixin, TemplateView):
    template_name = "orientation/readiness/handout.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "handout": selectors.handout(student=self.student)}


class HandoutPdfView(HandoutMixin, View):
    def get(self, request, *args, **kwargs):
        handout = selectors.handout(student=self.student)
        pdf = render_pdf(template_name="orientation/readiness/handout_pdf.html", context={"handout": handout})
        response = HttpResponse(pdf, content_type="application/pdf")
        # The file name carries the shared name only (never a last name, nor a name the family kept out of the
        # directory).
        name = slugify(handout.first_name) or "partner"
        response["Content-Disposition"] = content_disposition_header(False, f"about-{name}.pdf")
        return response
