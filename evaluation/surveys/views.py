"""Survey pages, the coordinator's side: thin views over ``selectors`` and ``services``.

- ``surveys`` / ``survey`` and the question buttons: the program's surveys, and one survey's questions with a preview
  (``manage_surveys``: the coordinator and principal).
- ``survey_windows``, ``survey_window`` (who has answered), ``survey_results`` and ``survey_quotes``: the program's
  leads (``view_survey_results``); adding, changing and inviting: ``manage_surveys``.
- ``survey_response``: one response's answers, for the coordinator and principal or the student's support team (an
  object rule, 403 otherwise); ``survey_response_quotes``: the coordinator chooses quotes (``select_quotes``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from schools.dates import school_today
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin
from schools.models import AccessLogEntry
from schools.permissions import has_permission
from schools.services import record_access

from ..models import AnsweredHow, Audience, QuoteConsent, ResponseStatus, Survey
from ..starters import FIGURE_2_CREDIT
from . import selectors, services
from .forms import ConsentForm, QuestionForm, QuotesForm, SurveyEditForm, SurveyForm, WindowForm


class ProgramMixin(SchoolObjectMixin):
    def get_queryset(self):
        return selectors.survey_program_queryset(access=self.request.access)

    @property
    def program(self):
        return self.object


# --- Surveys and questions ----------------------------------------------------------------------------------------


class SurveysView(ProgramMixin, TemplateView):
    """The program's surveys (the starters from Figure 2 given on the first visit) and a form to add one."""

    permission = "manage_surveys"
    template_name = "evaluation/surveys/surveys.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        services.surveys_ensure(program=self.program)
        context.update(
            program=self.program,
            surveys=selectors.program_surveys(program=self.program),
            form=kwargs.get("form") or SurveyForm(),
            credit=FIGURE_2_CREDIT,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SurveyForm(request.POST)
        if form.is_valid():
            try:
                survey = services.survey_add(program=self.program, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Survey added: now add its questions."))
                return HttpResponseRedirect(reverse("evaluation:survey", kwargs={"pk": survey.pk}))
        return self.render_to_response(self.get_context_data(form=form))


class SurveyView(SchoolObjectMixin, TemplateView):
    """One survey's questions in order, with the buttons to edit, move and retire each, a form to add one, and a
    preview with the placeholders filled for an example respondent."""

    permission = "manage_surveys"
    template_name = "evaluation/surveys/survey.html"

    def get_queryset(self):
        return selectors.survey_queryset(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.object
        questions = selectors.survey_questions(survey=survey)
        example, names = selectors.example_names(survey=survey)
        context.update(
            survey=survey,
            program=survey.program,
            questions=questions,
            preview=[(q, names.fill(q.text)) for q in questions if q.is_active],
            example=example,
            form=kwargs.get("form") or QuestionForm(),
            survey_form=kwargs.get("survey_form") or SurveyEditForm(instance=survey),
            credit=FIGURE_2_CREDIT if survey.starter.startswith("reflection") else "",
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("form") == "survey":
            return self.post_survey(request)
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                services.question_add(survey=self.object, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Question added at the end."))
                return HttpResponseRedirect(reverse("evaluation:survey", kwargs={"pk": self.object.pk}))
        return self.render_to_response(self.get_context_data(form=form))

    def post_survey(self, request):
        # A copy: a refused save must not leave the page showing the half-changed survey.
        form = SurveyEditForm(request.POST, instance=Survey.objects.get(pk=self.object.pk))
        if form.is_valid():
            try:
                services.survey_edit(survey=self.object, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Survey saved."))
                return HttpResponseRedirect(reverse("evaluation:survey", kwargs={"pk": self.object.pk}))
        return self.render_to_response(self.get_context_data(survey_form=form))


class QuestionMixin(SchoolObjectMixin):
    permission = "manage_surveys"

    def get_queryset(self):
        return selectors.question_queryset(access=self.request.access)

    def get_success_url(self) -> str:
        return reverse("evaluation:survey", kwargs={"pk": self.object.survey_id})


class QuestionEditView(QuestionMixin, TemplateView):
    template_name = "evaluation/surveys/question_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = self.object
        context.update(
            question=question,
            survey=question.survey,
            program=question.survey.program,
            form=kwargs.get("form") or QuestionForm(initial=QuestionForm.initial_of(question)),
            cancel_url=self.get_success_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                services.question_edit(question=self.object, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Question saved. Answers already given keep the words they answered."))
                return HttpResponseRedirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form))


class QuestionMoveView(QuestionMixin, SchoolActionView):
    def perform_action(self) -> None:
        services.question_move(question=self.object, up=self.request.POST.get("direction") != "down")


class QuestionRetireView(QuestionMixin, SchoolActionView):
    def perform_action(self) -> str:
        asked = self.request.POST.get("ask") == "1"
        services.question_retire(question=self.object, asked=asked)
        return _("The question is asked again.") if asked else _("Retired: it is no longer asked.")


# --- Survey windows -----------------------------------------------------------------------------------------------


class WindowsView(ProgramMixin, TemplateView):
    permission = "view_survey_results"
    template_name = "evaluation/surveys/windows.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            program=self.program,
            windows=selectors.program_windows(program=self.program),
            today=school_today(self.program.school),
            may_manage=has_permission(self.request.access, "manage_surveys"),
        )
        return context


class WindowFormMixin:
    """Adding and changing a window share the form and the service."""

    template_name = "evaluation/surveys/window_form.html"
    permission = "manage_surveys"
    window = None

    def make_form(self, data=None):
        initial = {}
        if self.window is not None:
            initial = {"surveys": list(self.window.surveys.values_list("pk", flat=True))}
        return WindowForm(
            data,
            instance=self.window,
            initial=initial,
            program=self.program,
            terms=selectors.window_terms(program=self.program),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.window is None:
            services.surveys_ensure(program=self.program)
        context.update(
            program=self.program,
            window=self.window,
            form=kwargs.get("form") or self.make_form(),
            cancel_url=reverse("evaluation:survey_windows", kwargs={"pk": self.program.pk}),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                window = services.window_save(
                    program=self.program,
                    window=self.window,
                    name=data["name"],
                    kind=data["kind"],
                    term=data["term"],
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                    surveys=data["surveys"],
                    asks_contacts=data["asks_contacts"],
                    by=request.user,
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Survey window saved."))
                return HttpResponseRedirect(reverse("evaluation:survey_window", kwargs={"pk": window.pk}))
        return self.render_to_response(self.get_context_data(form=form))


class WindowAddView(WindowFormMixin, ProgramMixin, TemplateView):
    pass


class WindowMixin(SchoolObjectMixin):
    def get_queryset(self):
        return selectors.window_queryset(access=self.request.access)

    @property
    def program(self):
        return self.object.program

    def window_url(self) -> str:
        return reverse("evaluation:survey_window", kwargs={"pk": self.object.pk})


class WindowEditView(WindowFormMixin, WindowMixin, TemplateView):
    @property
    def window(self):
        return self.object


class WindowView(WindowMixin, TemplateView):
    """Who has answered each survey of the window, and the invitations button."""

    permission = "view_survey_results"
    template_name = "evaluation/surveys/window.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        window = self.object
        today = school_today(window.program.school)
        context.update(
            window=window,
            program=window.program,
            progress=selectors.window_progress(window=window),
            is_open=window.is_open(today),
            is_closed=today > window.closes_on,
            may_manage=has_permission(self.request.access, "manage_surveys"),
            # Whose answers the reader may open one by one (None: everyone's); the others have no "Answers" link.
            readable=selectors.readable_student_ids(access=self.request.access),
            statuses=ResponseStatus,
            audiences=Audience,
        )
        return context


class WindowInviteView(WindowMixin, SchoolActionView):
    permission = "manage_surveys"

    def perform_action(self) -> str:
        invited = services.survey_invitations_send(window=self.object)
        if not invited:
            return _("Everyone was already invited.")
        return _(
            "%(n)s invited. Staff and families were emailed a link; peers and students find the survey on their page."
        ) % {"n": invited}

    def get_success_url(self) -> str:
        return self.window_url()


class ResultsView(WindowMixin, TemplateView):
    permission = "view_survey_results"
    template_name = "evaluation/surveys/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        window = self.object
        readable = selectors.readable_student_ids(access=self.request.access)
        checks = selectors.agreement_checks(window=window)
        context.update(
            window=window,
            program=window.program,
            results=selectors.window_results(window=window),
            hows=[(how, AnsweredHow(how).label) for how in selectors.HOW],
            checks=[c for c in checks if readable is None or c.response.student_id in readable],
            checks_total=len(checks),
            disagree=sum(1 for c in checks if not c.agree),
            yes_saying=sum(1 for c in checks if c.yes_saying),
        )
        return context


# --- One response, and quotes -------------------------------------------------------------------------------------


class ResponseMixin(SchoolObjectMixin):
    def get_queryset(self):
        return selectors.response_queryset(access=self.request.access)

    def response_url(self) -> str:
        return reverse("evaluation:survey_response", kwargs={"pk": self.object.pk})


class ResponseView(ResponseMixin, TemplateView):
    permission = "view_survey_results"
    template_name = "evaluation/surveys/response.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self.object
        if not selectors.may_read_response(access=self.request.access, response=response):
            raise PermissionDenied
        if response.student_id is not None:
            record_access(
                user=self.request.user,
                school=response.student.school,
                student=response.student,
                request=self.request,
                action=AccessLogEntry.Action.VIEW,
                what="survey answers",
            )
        answers = selectors.response_answers(response=response)
        quotable = response.quote_consent in services.QUOTABLE
        context.update(
            response=response,
            program=response.program,
            answers=answers,
            may_quote=has_permission(self.request.access, "select_quotes") and response.student_id is not None,
            quotable=quotable,
            quotes_form=kwargs.get("quotes_form")
            or QuotesForm(answers=answers, initial={"answers": [a.pk for a in answers if a.quote_selected]}),
            consent_form=ConsentForm(initial={"family_consented": response.quote_consent == QuoteConsent.FAMILY}),
        )
        return context


class ResponseQuotesView(ResponseMixin, SchoolActionView):
    """The coordinator's two forms on a response page: the family's consent given on paper, and which answers to
    quote."""

    permission = "select_quotes"

    def perform_action(self) -> str:
        response = self.object
        if self.request.POST.get("form") == "consent":
            form = ConsentForm(self.request.POST)
            form.is_valid()
            consented = form.cleaned_data.get("family_consented", False)
            if response.quote_consent == QuoteConsent.STUDENT and not consented:
                return _("The student agreed to quotes on their survey; that stays as it is.")
            services.quote_consent_record(
                response=response, consent=QuoteConsent.FAMILY if consented else QuoteConsent.NONE
            )
            return _("The family's consent is recorded.") if consented else _("No consent: its quotes were removed.")
        form = QuotesForm(self.request.POST, answers=selectors.response_answers(response=response))
        if not form.is_valid():
            raise ValidationError(_("Choose answers from the list."))
        chosen = services.quotes_select(response=response, answer_ids=form.cleaned_data["answers"])
        return _("%(n)s quotes chosen. They show without a name on the program's quotes.") % {"n": chosen}

    def get_success_url(self) -> str:
        return self.response_url()


class QuotesView(ProgramMixin, TemplateView):
    permission = "view_survey_results"
    template_name = "evaluation/surveys/quotes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(program=self.program, quotes=selectors.program_quotes(program=self.program))
        return context
