"""The view side of scoping: every school page says which named permission it needs, nothing more."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property

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
        from .models import Student

        queryset = Student.objects.visible_to(self.request.access).select_related("school", "user")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def may_open(self, access, student) -> bool:
        return True

    def student_url(self, name: str = "student_detail") -> str:
        return reverse(name, kwargs={"pk": self.student.pk})

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "student": self.student, "cancel_url": self.student_url()}
