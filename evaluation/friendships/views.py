"""Social contacts and friendships (helper "friends" replaces this module)."""

from django.http import Http404
from django.views import View


class PendingView(View):
    """Names the URL the survey forms link to before its page exists; replaced by the real view."""

    def get(self, request, *args, **kwargs):
        raise Http404
