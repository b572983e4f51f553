"""Pages and files about students must not stay in a browser's or a proxy's cache (issue 11).

One rule, so no new view can forget it: every answer Django produces is sent with ``Cache-Control: no-store``,
whoever asks. Signed-in pages, exports, PDFs and uploaded files hold student data, and the public pages that do
(an application's confirmation, a guardian's consent page) cannot be told apart from the others by a rule that
would not need updating. Static files are served by WhiteNoise before this middleware runs and stay cacheable.
"""

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Replaces whatever a view set: no view may make its answer cacheable.
        if "Cache-Control" in response:
            del response["Cache-Control"]
        add_never_cache_headers(response)
        return response
