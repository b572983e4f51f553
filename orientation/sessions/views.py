"""Pages of orientation sessions: thin views over ``selectors`` and ``services``. Every page names one permission;
another school's program, orientation, topic or agenda item is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from programs import selectors as program_selectors
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.permissions import has_permission

from ..followups import selectors as followup_selectors
from ..invitations import selectors as invitation_selectors
from ..models import AgendaItem
from ..readiness import selectors as readiness_selectors
from ..resources import selectors as resource_selectors
from ..services import topic_library_ensure
from . import selectors, services
from .forms import (
    AgendaAddForm,
    AgendaItemForm,
    AgendaMoveForm,
    OrientationFilterForm,
    OrientationForm,
    ProposalAcceptForm,
    TopicForm,
)

PANELS = (
    ("invitations", invitation_selectors),
    ("readiness", readiness_selectors),
    ("resources", resource_selectors),
    ("followups", followup_selectors),
)


class GuideTopicsMixin:
    """Pages that list or propose topics: the guide's topics are copied into the school's library on first use (once;
    the service does nothing when they are there)."""

    def get(self, request, *args, **kwargs):
        topic_library_ensure(school=request.access.school)
        return super().get(request, *args, **kwargs)


class CanManageMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = has_permission(self.request.access, "manage_orientations")
        return context


class ServiceFormView(FormView):
    """A form whose ``save()`` calls one service; the service's ValidationError comes back onto the form."""

    template_name = "orientation/sessions/item_form.html"
    title = ""
    submit_label = gettext_lazy("Save")

    def form_valid(self, form):
        try:
            message = self.save(form)
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": self.title,
            "submit_label": self.submit_label,
            "cancel_url": self.get_success_url(),
        }

    def save(self, form) -> str:
        raise NotImplementedError


# --- The topic library ------------------------------------------------------------------------------------------


class TopicListView(CanManageMixin, SchoolPermissionMixin, GuideTopicsMixin, TemplateView):
    permission = "view_orientations"
    template_name = "orientation/sessions/topic_list.html"

    def get_context_data(self, **kwargs):
        topics = list(selectors.topic_library(access=self.request.access))
        return super().get_context_data(
            in_use=[topic for topic in topics if not topic.is_retired],
            retired=[topic for topic in topics if topic.is_retired],
            **kwargs,
        )


class TopicAddView(SchoolPermissionMixin, ServiceFormView):
    permission = "manage_orientations"
    form_class = TopicForm
    title = gettext_lazy("Add a topic")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.request.access}

    def get_success_url(self):
        return reverse("orientation:topics")

    def save(self, form):
        topic = services.topic_create(
            school=self.request.access.school, created_by=self.request.user, **form.cleaned_data
        )
        return _("“%(topic)s” is in your topic library.") % {"topic": topic}


class TopicEditView(SchoolObjectMixin, ServiceFormView):
    permission = "manage_orientations"
    form_class = TopicForm

    def get_queryset(self):
        return selectors.topic_queryset(access=self.request.access)

    @property
    def title(self):
        return _("Edit “%(topic)s”") % {"topic": self.object}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.request.access, "instance": self.object}

    def get_success_url(self):
        return reverse("orientation:topics")

    def save(self, form):
        topic = services.topic_update(topic=self.object, **form.cleaned_data)
        return _("“%(topic)s” is saved.") % {"topic": topic}


class TopicActionView(SchoolActionView):
    permission = "manage_orientations"

    def get_queryset(self):
        return selectors.topic_queryset(access=self.request.access)

    def get_success_url(self):
        return reverse("orientation:topics")


class TopicRetireView(TopicActionView):
    def perform_action(self):
        services.topic_retire(topic=self.object)
        return _("“%(topic)s” is retired: new agendas no longer offer it, and it no longer counts as required.") % {
            "topic": self.object
        }


class TopicRestoreView(TopicActionView):
    def perform_action(self):
        services.topic_restore(topic=self.object)
        return _("“%(topic)s” is back in use.") % {"topic": self.object}


# --- Orientations -----------------------------------------------------------------------------------------------


class OrientationIndexView(SchoolPermissionMixin, CanManageMixin, TemplateView):
    permission = "view_orientations"
    template_name = "orientation/sessions/index.html"

    def get_context_data(self, **kwargs):
        form = OrientationFilterForm(self.request.GET or None, access=self.request.access)
        filters = form.cleaned_data if form.is_valid() else {}
        orientations = selectors.orientation_index(
            access=self.request.access, program=filters.get("program"), term=filters.get("term")
        )
        return super().get_context_data(filter_form=form, orientations=orientations, **kwargs)


class ProgramMixin(SchoolObjectMixin):
    """Pages of one program's orientations: the program comes from the active school's programs only."""

    def get_queryset(self):
        return program_selectors.program_queryset(access=self.request.access)

    @property
    def program(self):
        return self.object


class ProgramOrientationsView(ProgramMixin, CanManageMixin, TemplateView):
    permission = "view_orientations"
    template_name = "orientation/sessions/program_list.html"

    def get_context_data(self, **kwargs):
        orientations = selectors.program_orientation_list(program=self.program)
        return super().get_context_data(program=self.program, orientations=orientations, **kwargs)


class OrientationCreateView(ProgramMixin, ServiceFormView):
    permission = "manage_orientations"
    form_class = OrientationForm
    template_name = "orientation/sessions/orientation_form.html"
    title = gettext_lazy("Plan an orientation")
    created = None  # the new orientation, once saved: where the page goes next

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.request.access, "program": self.program}

    def get_initial(self):
        return {"facilitators": [self.request.user.pk]}

    def get_success_url(self):
        if self.created is not None:
            return reverse("orientation:detail", kwargs={"pk": self.created.pk})
        return reverse("orientation:list", kwargs={"pk": self.program.pk})

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.program, **kwargs)

    def save(self, form):
        self.created = services.orientation_create(
            program=self.program,
            created_by=self.request.user,
            facilitators=form.cleaned_data["facilitators"],
            **form.orientation_fields(),
        )
        return _("“%(title)s” is planned. Next, add its meetings and build its agenda.") % {
            "title": self.created.title
        }


class OrientationMixin(SchoolObjectMixin):
    def get_queryset(self):
        return selectors.orientation_queryset(access=self.request.access)

    @property
    def orientation(self):
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(orientation=self.orientation, program=self.orientation.program, **kwargs)


class OrientationDetailView(OrientationMixin, CanManageMixin, TemplateView):
    permission = "view_orientations"
    template_name = "orientation/sessions/detail.html"

    def get_context_data(self, **kwargs):
        access = self.request.access
        panels = {
            f"{name}_panel": module.orientation_panel(orientation=self.orientation, access=access)
            for name, module in PANELS
        }
        return super().get_context_data(
            items=selectors.agenda_items(orientation=self.orientation),
            meetings=selectors.orientation_meetings(orientation=self.orientation),
            facilitators=self.orientation.facilitators.order_by("last_name", "first_name", "username"),
            younger_below_grade=selectors.younger_below_grade(program=self.orientation.program),
            **panels,
            **kwargs,
        )


class OrientationUpdateView(OrientationMixin, ServiceFormView):
    permission = "manage_orientations"
    form_class = OrientationForm
    template_name = "orientation/sessions/orientation_form.html"
    title = gettext_lazy("Edit the orientation")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "access": self.request.access,
            "program": self.orientation.program,
            "instance": self.orientation,
        }

    def get_success_url(self):
        return reverse("orientation:detail", kwargs={"pk": self.orientation.pk})

    def save(self, form):
        services.orientation_update(
            orientation=self.orientation, facilitators=form.cleaned_data["facilitators"], **form.orientation_fields()
        )
        return _("“%(title)s” is saved.") % {"title": self.orientation.title}

    def form_invalid(self, form):
        # The form changed the object in memory before the refusal; show what is saved.
        self.orientation.refresh_from_db()
        return super().form_invalid(form)


# --- The agenda -------------------------------------------------------------------------------------------------


class AgendaView(OrientationMixin, GuideTopicsMixin, TemplateView):
    permission = "manage_orientations"
    template_name = "orientation/sessions/agenda.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            items=selectors.agenda_items(orientation=self.orientation),
            proposals=selectors.tailoring_proposals(orientation=self.orientation, access=self.request.access),
            add_form=AgendaAddForm(orientation=self.orientation),
            **kwargs,
        )


class AgendaActionView(OrientationMixin, SchoolActionView):
    permission = "manage_orientations"

    def get_success_url(self):
        return reverse("orientation:agenda", kwargs={"pk": self.orientation.pk})


def _form_refusal(form) -> ValidationError:
    return ValidationError([message for errors in form.errors.values() for message in errors])


class AgendaAddView(AgendaActionView):
    def perform_action(self):
        form = AgendaAddForm(self.request.POST, orientation=self.orientation)
        if not form.is_valid():
            raise _form_refusal(form)
        item = services.agenda_add(orientation=self.orientation, topic=form.cleaned_data["topic"])
        return _("“%(topic)s” is on the agenda.") % {"topic": item.topic}


class AgendaAcceptView(AgendaActionView):
    def perform_action(self):
        form = ProposalAcceptForm(self.request.POST, orientation=self.orientation)
        if not form.is_valid():
            raise _form_refusal(form)
        items = services.agenda_accept_proposals(
            orientation=self.orientation, access=self.request.access, topic=form.cleaned_data["topic"]
        )
        if not items:
            return _("Nothing is proposed right now.")
        return _("Added to the agenda: %(topics)s.") % {"topics": ", ".join(str(item.topic) for item in items)}


class AgendaItemMixin(SchoolObjectMixin):
    def get_queryset(self):
        return AgendaItem.objects.visible_to(self.request.access).select_related(
            "topic", "orientation", "orientation__program"
        )

    @property
    def item(self):
        return self.object

    def get_success_url(self):
        return reverse("orientation:agenda", kwargs={"pk": self.item.orientation_id})


class AgendaItemEditView(AgendaItemMixin, ServiceFormView):
    permission = "manage_orientations"
    form_class = AgendaItemForm

    @property
    def title(self):
        return _("“%(topic)s” on the agenda") % {"topic": self.item.topic}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.item}

    def get_context_data(self, **kwargs):
        return super().get_context_data(orientation=self.item.orientation, **kwargs)

    def save(self, form):
        data = form.cleaned_data
        services.agenda_item_update(
            item=self.item, notes=data["notes"], meeting=data["meeting"], use_plain_wording=data["use_plain_wording"]
        )
        return _("“%(topic)s” is saved.") % {"topic": self.item.topic}


class AgendaItemMoveView(AgendaItemMixin, SchoolActionView):
    permission = "manage_orientations"

    def perform_action(self):
        form = AgendaMoveForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Move a topic up or down."))
        services.agenda_item_move(item=self.item, up=form.cleaned_data["direction"] == "up")
        return None


class AgendaItemRemoveView(AgendaItemMixin, SchoolActionView):
    permission = "manage_orientations"

    def perform_action(self):
        services.agenda_item_remove(item=self.item)
        return _("“%(topic)s” is off the agenda.") % {"topic": self.item.topic}
