"""The view side of scoping: every school page says which named permission it needs, nothing more."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

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
