"""The respondent's pages (helper "responding" replaces this module)."""

from django.http import Http404
from django.views import View


class PendingView(View):
    """Names the URLs other areas link to before their pages exist; replaced by the real views."""

    def get(self, request, *args, **kwargs):
        raise Http404
