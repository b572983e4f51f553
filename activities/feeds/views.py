"""Calendar feeds: the page where a person makes, replaces and removes their calendar links, and the feed itself
(public, opened by its secret token alone: no session, no sign-in)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from schools.dates import school_zone
from schools.mixins import SchoolActionView, SchoolPermissionMixin

from . import ics, selectors, services
from .forms import FeedCreateForm


class FeedsView(SchoolPermissionMixin, TemplateView):
    """The person's calendar links at the active school, and the form for a new one. A new link is shown once, in
    the answer to the POST that made it (it is never stored, so it cannot be shown again)."""

    permission = "manage_own_calendar_feeds"
    template_name = "activities/feeds/feeds.html"

    def form(self, data=None):
        return FeedCreateForm(data, programs=selectors.feed_programs(access=self.request.access))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        return {**super().get_context_data(**kwargs), "feeds": selectors.own_feeds(access=self.request.access)}

    def shown_once(self, feed, token):
        context = self.get_context_data(new_feed=feed, new_link=selectors.feed_url(token))
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                feed, token = services.feed_create(
                    user=request.user,
                    school=request.access.school,
                    scope=form.cleaned_data["scope"],
                    program=form.cleaned_data.get("program"),
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                return self.shown_once(feed, token)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class FeedRotateView(FeedsView):
    """ "New link": the old address stops working and the new one is shown once."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        feed = get_object_or_404(selectors.own_feeds(access=request.access), pk=kwargs["pk"])
        try:
            feed, token = services.feed_rotate(feed=feed)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("activities:feeds")
        return self.shown_once(feed, token)


class FeedRevokeView(SchoolActionView):
    permission = "manage_own_calendar_feeds"

    def get_queryset(self):
        return selectors.own_feeds(access=self.request.access)

    def perform_action(self):
        services.feed_revoke(feed=self.object)
        return _("The calendar link is switched off. Calendars subscribed to it stop getting updates.")

    def get_success_url(self):
        return reverse("activities:feeds")


class FeedView(View):
    """The feed a calendar subscribes to. Answers only to its token: unknown, changed and switched-off tokens, and
    tokens of people who may no longer see the school's activities, are all the same 404. Sent inline (no
    attachment header: calendars subscribe to it, browsers need not download it) and, like every answer, with
    ``Cache-Control: no-store`` (``schools.middleware.NoStoreMiddleware``), which keeps proxies from holding it
    and which calendar programs ignore: they poll on their own schedule."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        open_feed = selectors.feed_by_token(kwargs["token"])
        if open_feed is None:
            raise Http404
        feed = open_feed.feed
        now = timezone.now()
        body = ics.feed_calendar(
            title=selectors.feed_title(feed),
            zone_name=str(school_zone(feed.school)),
            events=selectors.feed_events(open_feed=open_feed),
            now=now,
        )
        services.feed_used(feed=feed, now=now)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        # The address is a secret: search engines must not keep it if it ever appears on a page.
        response["X-Robots-Tag"] = "noindex"
        return response
