from django.utils.functional import SimpleLazyObject

from .scoping import resolve_access

ACTIVE_SCHOOL_SESSION_KEY = "active_school_id"


class SchoolAccessMiddleware:
    """Attach ``request.access``: resolved lazily, once per request, from the user and the chosen school."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = SimpleLazyObject(
            lambda: resolve_access(request.user, request.session.get(ACTIVE_SCHOOL_SESSION_KEY))
        )
        return self.get_response(request)
