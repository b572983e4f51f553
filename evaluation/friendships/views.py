"""Social contacts and friendships: thin views over ``selectors`` and ``services``.

- ``contacts``: in a survey window that asks, a student names who they spent time with (in school, out of school) and
  who is a friend. Opened by the response's own student, or for a focus student by the staff who support their
  answers (the object rule is ``selectors.may_name_contacts``); anyone else gets a 404.
- ``friendships`` / ``friendship_map``: the program's leads (``view_friendships``) pick a program, then a window, and
  read its friendship map (a picture and a table saying the same), every figure split by how it was answered.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import TemplateView

from schools.dates import school_today
from schools.forms import show_service_error
from schools.mixins import SchoolObjectMixin, SchoolPermissionMixin

from . import selectors, services
from .forms import CONTACT_FIELDS, ContactsForm, WindowChoiceForm

# The three questions asked about each person: (field, words, id prefix).
CHOICES = (
    ("in_school", _lazy("We spent time together in school"), "in-school"),
    ("out_of_school", _lazy("We spent time together out of school"), "out-of-school"),
    ("friend", _lazy("This person is my friend"), "friend"),
)


class ContactsView(SchoolPermissionMixin, TemplateView):
    # Everyone who answers surveys passes this; the object rule (own response, or supporting a focus student) is in
    # ``selectors.contacts_response``.
    permission = "answer_own_surveys"
    template_name = "evaluation/friendships/contacts.html"

    @cached_property
    def response(self):
        return selectors.contacts_response(access=self.request.access, pk=self.kwargs["pk"])

    @cached_property
    def candidates(self):
        return selectors.contact_candidates(response=self.response)

    @property
    def is_open(self) -> bool:
        return self.response.window.is_open(school_today(self.response.program.school))

    def get_form(self, data=None):
        initial = {}
        if data is None:
            saved = selectors.own_nominations(response=self.response).values()
            initial = {name: [n.nominee_id for n in saved if getattr(n, name)] for name in CONTACT_FIELDS}
        return ContactsForm(data, initial=initial, candidates=self.candidates, nominator=self.response.student)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self.response
        form = kwargs.get("form") or self.get_form()
        values = {name: {str(v) for v in (form[name].value() or [])} for name in CONTACT_FIELDS}
        rows = [
            {
                "candidate": candidate,
                "ticked": [name for name in CONTACT_FIELDS if str(candidate.student.pk) in values[name]],
            }
            for candidate in self.candidates
        ]
        own = response.student.user_id == self.request.user.pk
        context.update(
            response=response,
            window=response.window,
            own=own,
            student_name=response.student.short_name,
            form=form,
            rows=rows,
            choices=CHOICES,
            is_open=self.is_open,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not self.is_open:
            form.is_valid()
            form.add_error(None, _("This survey window is closed, so nothing more can be saved."))
            return self.render_to_response(self.get_context_data(form=form))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            count = services.contacts_save(response=self.response, **form.selected())
        except ValidationError as error:
            show_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        if count:
            messages.success(request, _("Saved. Thank you!"))
        else:
            messages.success(request, _("Saved: nobody named this time."))
        return HttpResponseRedirect(reverse("evaluation:contacts", kwargs={"pk": self.response.pk}))


class FriendshipIndexView(SchoolPermissionMixin, TemplateView):
    """The active school's programs, each with its windows that asked about contacts."""

    permission = "view_friendships"
    template_name = "evaluation/friendships/index.html"

    def get_context_data(self, **kwargs):
        programs = selectors.friendship_programs(access=self.request.access)
        return {**super().get_context_data(**kwargs), "programs": programs}


class FriendshipMapView(SchoolObjectMixin, TemplateView):
    permission = "view_friendships"
    template_name = "evaluation/friendships/map.html"

    def get_queryset(self):
        return selectors.map_program_queryset(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        windows = selectors.contact_windows(program=program)
        window = selectors.default_window(windows, school_today(program.school))
        form = WindowChoiceForm(self.request.GET if "window" in self.request.GET else None, windows=windows)
        if form.is_bound and form.is_valid():
            window = next(w for w in windows if w.pk == form.cleaned_data["window"])
        if window is not None and not form.is_bound:
            form = WindowChoiceForm(initial={"window": window.pk}, windows=windows)
        friendship_map = selectors.friendship_map(program=program, window=window, windows=windows) if window else None
        context.update(program=program, windows=windows, form=form, map=friendship_map)
        return context
