"""The resource library and an orientation's materials: thin views over the area's selectors and services. Files
leave the server only through ``resource_file`` and ``material_file``, which check the person's permission, school
and (for peers and students) the object rule of the selector."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView, View

from programs.selectors import model_school_ids
from schools.documents import document_download
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.permissions import has_permission

from ..models import Resource
from . import selectors, services
from .filters import ResourceFilter
from .forms import MaterialForm, MaterialFromLibraryForm, ResourceForm


class ResourceListView(SchoolPermissionMixin, ListView):
    """The school's library, with what the district's model schools share, filtered by tag and topic."""

    permission = "view_resources"
    template_name = "orientation/resources/library.html"
    context_object_name = "resources"
    paginate_by = 50

    def get_queryset(self):
        access = self.request.access
        self.filterset = ResourceFilter(
            self.request.GET or None,
            queryset=selectors.library_queryset(access=access),
            topics=selectors.school_topics(access=access),
            school=access.school,
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return selectors.library(access=access, queryset=Resource.objects.none())
        # Filtering by topic joins the topics: ``distinct`` keeps a resource of two matching rows once.
        return selectors.library(access=access, queryset=self.filterset.qs.distinct())

    def get_context_data(self, **kwargs):
        access = self.request.access
        context = super().get_context_data(**kwargs)
        changeable = set(selectors.changeable_resources(access=access).values_list("pk", flat=True))
        context.update(
            filter=self.filterset,
            changeable=changeable,
            can_share=has_permission(access, "share_resources"),
        )
        return context


class ResourceFormView(SchoolPermissionMixin, FormView):
    permission = "share_resources"
    template_name = "orientation/resources/resource_form.html"
    form_class = ResourceForm
    success_url = reverse_lazy("orientation:resources")
    title = gettext_lazy("Add a resource")

    @cached_property
    def resource(self):
        return None

    def get_form_kwargs(self):
        access = self.request.access
        kwargs = super().get_form_kwargs()
        kwargs["topics"] = selectors.school_topics(access=access)
        kwargs["is_model_school"] = model_school_ids(district=access.school.district_id).filter(
            school_id=access.school.pk
        ).exists()
        if self.resource is not None:
            kwargs["instance"] = self.resource
        return kwargs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": self.title, "resource": self.resource}

    def form_valid(self, form):
        try:
            resource = self.save(form.cleaned_data)
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("“%(title)s” is in the library.") % {"title": resource.title})
        return HttpResponseRedirect(self.get_success_url())

    def save(self, data):
        return services.resource_add(
            school=self.request.access.school,
            author=self.request.user,
            title=data["title"],
            description=data["description"],
            file=data["file"],
            url=data["url"],
            tags=data["tags"],
            topics=data["topics"],
            shared_with_district=data["shared_with_district"],
        )


class ChangeableResourceMixin:
    """A resource of the active school (another school's is a 404) that this person may change (403 otherwise)."""

    @cached_property
    def resource(self):
        access = self.request.access
        resource = get_object_or_404(Resource.objects.visible_to(access), pk=self.kwargs["pk"])
        if not selectors.may_change(access=access, resource=resource):
            raise PermissionDenied
        return resource


class ResourceEditView(ChangeableResourceMixin, ResourceFormView):
    title = gettext_lazy("Change a resource")

    def save(self, data):
        return services.resource_update(
            resource=self.resource,
            title=data["title"],
            description=data["description"],
            file=data["file"],
            remove_file=data.get("remove_file", False),
            url=data["url"],
            tags=data["tags"],
            topics=data["topics"],
            shared_with_district=data["shared_with_district"],
        )


class ResourceDeleteView(SchoolActionView):
    permission = "share_resources"
    model = Resource

    def perform_action(self):
        if not selectors.may_change(access=self.request.access, resource=self.object):
            raise PermissionDenied
        services.resource_delete(resource=self.object)
        return _("“%(title)s” is no longer in the library.") % {"title": self.object.title}

    def get_success_url(self):
        return reverse("orientation:resources")


class ResourceFileView(SchoolObjectMixin, View):
    """The only way to a library file: the library for staff and the district, a topic shown to peers for a peer."""

    permission = "download_resources"

    def get_queryset(self):
        return selectors.downloadable_resources(access=self.request.access)

    def get(self, request, *args, **kwargs):
        return document_download(self.object.file, title=self.object.title)


class PeerTopicsView(SchoolPermissionMixin, TemplateView):
    """A peer's (or focus student's) topics: what their school shows peers before and after their orientation."""

    permission = "view_own_orientations"
    template_name = "orientation/resources/peer_topics.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **selectors.peer_topics(access=self.request.access)}


# --- An orientation's materials ------------------------------------------------------------------------------------


class OrientationMixin(SchoolObjectMixin):
    """Pages of one orientation of the active school (another school's is a 404)."""

    def get_queryset(self):
        return selectors.orientation_queryset(access=self.request.access)

    @property
    def orientation(self):
        return self.object

    def get_success_url(self):
        return reverse("orientation:materials", kwargs={"pk": self.orientation.pk})


class MaterialListView(OrientationMixin, TemplateView):
    permission = "view_orientations"
    template_name = "orientation/resources/materials.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panel"] = selectors.orientation_panel(orientation=self.orientation, access=self.request.access)
        return context


class MaterialFormView(OrientationMixin, FormView):
    permission = "manage_orientations"
    template_name = "orientation/resources/material_form.html"
    multipart = False
    title = ""

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "orientation": self.orientation,
            "title": self.title,
            "multipart": self.multipart,
            "cancel_url": self.get_success_url(),
        }

    def form_valid(self, form):
        try:
            message = self.save(form.cleaned_data)
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())


class MaterialFromLibraryView(MaterialFormView):
    form_class = MaterialFromLibraryForm
    title = gettext_lazy("Add a resource from the library")

    def get_form_kwargs(self):
        access = self.request.access
        return {
            **super().get_form_kwargs(),
            "resources": selectors.material_resource_choices(access=access, orientation=self.orientation),
            "school": access.school,
        }

    def save(self, data):
        material = services.material_add_resource(orientation=self.orientation, resource=data["resource"])
        return _("“%(title)s” is among the orientation's materials.") % {"title": material}


class MaterialAddView(MaterialFormView):
    form_class = MaterialForm
    title = gettext_lazy("Upload a file or add a link")
    multipart = True

    def save(self, data):
        material = services.material_add(
            orientation=self.orientation, title=data["title"], file=data["file"], url=data["url"]
        )
        return _("“%(title)s” is among the orientation's materials.") % {"title": material}


class MaterialRemoveView(SchoolActionView):
    permission = "manage_orientations"

    def get_queryset(self):
        return selectors.orientation_materials_of_school(access=self.request.access)

    def perform_action(self):
        services.material_remove(material=self.object)
        return _("“%(title)s” is no longer among the orientation's materials.") % {"title": self.object}

    def get_success_url(self):
        return reverse("orientation:materials", kwargs={"pk": self.object.orientation_id})


class MaterialFileView(SchoolObjectMixin, View):
    """The only way to a material's file: staff of the school, and the students invited to the orientation."""

    permission = "download_orientation_materials"

    def get_queryset(self):
        return selectors.downloadable_materials(access=self.request.access)

    def get(self, request, *args, **kwargs):
        return document_download(self.object.stored_file, title=str(self.object))
