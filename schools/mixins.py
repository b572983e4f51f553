"""The view side of scoping: every school page says which named permission it needs, nothing more."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import View

from .models import Student
from .permissions import has_permission


class SchoolPermissionMixin(LoginRequiredMixin):
    """Sign-in required; then the permission must hold at the active school (403 otherwise).

    Object views get their rows from ``scoped_queryset()``, so another school's object is simply not found (404).
    """

    permission: str = "view_dashboard"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_permission(request.access, self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def scoped_queryset(self, model):
        return model.objects.visible_to(self.request.access)


class SchoolObjectMixin(SchoolPermissionMixin):
    """Pages of one object of the active school: ``self.object``, found by ``pk_url_kwarg`` in the URL.

    The permission is checked first (403); the object is then looked up among the active school's rows only, so
    another school's object is a 404 whatever the person's role there. Set ``model``, or ``queryset`` to narrow it
    (``select_related``, a status), or override ``get_queryset()`` to return a selector's scoped queryset.
    """

    model = None
    queryset = None
    pk_url_kwarg = "pk"

    def get_queryset(self):
        queryset = self.queryset if self.queryset is not None else self.model._default_manager.all()
        return queryset.visible_to(self.request.access)

    def get_object(self, queryset=None):
        # The signature of Django's SingleObjectMixin, so a DetailView built on this mixin finds its object here too.
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset, pk=self.kwargs[self.pk_url_kwarg])

    @cached_property
    def object(self):
        return self.get_object()


class SchoolActionView(SchoolObjectMixin, View):
    """A button on a page: POST only; the permission (403), then the object (404), then ``perform_action()``, which
    makes one service call and returns what to tell the person. The service refusing (``ValidationError``) comes back
    as an error message, not a 500; either way the answer is a redirect to ``get_success_url()``.
    """

    http_method_names = ["post"]
    # Pages reached from several places post ``next`` to come back where they were (same site only).
    follow_next = False

    def post(self, request, *args, **kwargs):
        _ = self.object  # resolved before the action: another school's object is a 404, never a message
        try:
            message = self.perform_action()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if message:
                messages.success(request, message)
            for warning in self.warnings():
                messages.warning(request, warning)
        return HttpResponseRedirect(self.redirect_url())

    def perform_action(self) -> str | None:
        raise NotImplementedError

    def warnings(self) -> list[str]:
        """Said after a success, e.g. what the change leaves to do."""
        return []

    def get_success_url(self) -> str:
        raise NotImplementedError

    def redirect_url(self) -> str:
        next_url = self.request.POST.get("next", "") if self.follow_next else ""
        if next_url and url_has_allowed_host_and_scheme(next_url, {self.request.get_host()}, self.request.is_secure()):
            return next_url
        return self.get_success_url()


class OneStudentMixin(SchoolPermissionMixin):
    """Pages about one student of the active school, ``<int:pk>`` in the URL.

    Another school's student is a 404 whatever the person's role (a school's objects are never reachable from
    another school); then the permission must hold (403), and ``may_open`` can refuse this particular student (403),
    e.g. to someone without the right to see their confidential record.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            student = self.student  # 404 first
            if has_permission(request.access, self.permission) and not self.may_open(request.access, student):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def student(self):
        queryset = Student.objects.visible_to(self.request.access).select_related("school", "user")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def may_open(self, access, student) -> bool:
        return True

    def student_url(self, name: str = "student_detail") -> str:
        return reverse(name, kwargs={"pk": self.student.pk})

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "student": self.student, "cancel_url": self.student_url()}
