"""The respondent's pages: thin views over ``selectors`` and ``services``.

- ``my_surveys``: the signed-in person's own responses in open windows (and exit surveys), not finished first.
- ``answer``: the standard one-page form, for the response's own person only (anyone else: 404); a focus student's
  response goes to ``student_survey``.
- ``student_survey``: the accessible form, one question per screen, for the focus student themself or a staff member
  allowed to support them (who first records how the student is answering today).
- ``family_survey``: a family's form behind its signed link (no sign-in; POSTs rate-limited); it never shows an
  answer already given.
- ``symbols``: the answer symbols and their credit (OpenMoji, CC BY-SA 4.0).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_ratelimit.decorators import ratelimit

from schools.forms import show_service_error
from schools.mixins import SchoolPermissionMixin
from schools.permissions import has_permission

from ..models import AnsweredHow, AnswerType, Audience
from ..starters import FIGURE_2_CREDIT
from ..surveys.family_links import family_response_from_token
from ..symbols import ALL_SYMBOLS, OPENMOJI_CREDIT
from . import selectors, services
from .forms import FinishForm, HowAnsweredForm, OneAnswerForm, StandardSurveyForm

CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"


def _contacts_url(response) -> str:
    """ "One more: who do you spend time with?" after a student's survey in a window that asks it."""
    if response.window is None or not response.window.asks_contacts:
        return ""
    if response.respondent not in selectors.STUDENT_AUDIENCES:
        return ""
    return reverse("evaluation:contacts", kwargs={"pk": response.pk})


class MySurveysView(SchoolPermissionMixin, TemplateView):
    permission = "answer_own_surveys"
    template_name = "evaluation/responding/my_surveys.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "responses": selectors.own_responses(access=self.request.access)}


# --- The standard form ----------------------------------------------------------------------------------------------


class StandardFormMixin:
    """The one-page form of a response (a peer's, a staff member's or a family's)."""

    template_name = "evaluation/responding/answer.html"
    respondent_kind = "own"

    def survey_response(self):
        raise NotImplementedError

    def asks_consent(self) -> bool:
        return self.survey_response().respondent != Audience.STAFF

    def get_form(self, data=None):
        response = self.survey_response()
        # A family's link never shows the answers already given (whoever holds the link would see them).
        answers = {} if response.respondent == Audience.FAMILY else selectors.answers_by_question(response)
        return StandardSurveyForm(
            data,
            questions=selectors.standard_questions(response),
            names=selectors.names_for(response),
            answers=answers,
            asks_consent=self.asks_consent(),
        )

    def page_context(self, form=None):
        response = self.survey_response()
        return {
            "survey_response": response,
            "survey": response.survey,
            "form": form or self.get_form(),
            "is_family": response.respondent == Audience.FAMILY,
            "introduction": selectors.names_for(response).fill(response.survey.introduction),
            "figure_2_credit": FIGURE_2_CREDIT if response.survey.starter.startswith("reflection") else "",
            "contacts_url": _contacts_url(response),
        }

    def closed_or_sent(self):
        response = self.survey_response()
        if response.is_submitted:
            return render(self.request, "evaluation/responding/thanks.html", self.page_context_done())
        if not selectors.is_open(response):
            return render(self.request, "evaluation/responding/closed.html", self.page_context_done())
        return None

    def page_context_done(self):
        response = self.survey_response()
        return {
            "survey": response.survey,
            "is_family": response.respondent == Audience.FAMILY,
            "contacts_url": "" if response.respondent == Audience.FAMILY else _contacts_url(response),
        }

    def get(self, request, *args, **kwargs):
        return self.closed_or_sent() or render(request, self.template_name, self.page_context())

    def post(self, request, *args, **kwargs):
        done = self.closed_or_sent()
        if done is not None:
            return done
        response = self.survey_response()
        form = self.get_form(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.page_context(form), status=200)
        sending = request.POST.get("action") == "send" or response.respondent == Audience.FAMILY
        try:
            services.answers_save(response=response, answers=form.answers())
            if sending:
                services.response_finish(response=response, quote_consent=form.cleaned_data.get("quote_consent", False))
        except ValidationError as error:
            show_service_error(form, error)
            return render(request, self.template_name, self.page_context(form))
        if sending:
            return HttpResponseRedirect(request.path)
        messages.success(request, _("Your answers are saved. You can finish later."))
        return HttpResponseRedirect(reverse("evaluation:my_surveys"))


class AnswerView(StandardFormMixin, SchoolPermissionMixin, TemplateView):
    permission = "answer_own_surveys"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and has_permission(request.access, self.permission):
            response = selectors.own_response(access=request.access, pk=kwargs["pk"])
            if response is None and selectors.student_response(access=request.access, pk=kwargs["pk"]) is None:
                raise Http404
            if response is None or response.respondent == Audience.FOCUS_STUDENT:
                return HttpResponseRedirect(reverse("evaluation:student_survey", kwargs={"pk": kwargs["pk"]}))
            self._response = response
        return super().dispatch(request, *args, **kwargs)

    def survey_response(self):
        return self._response


def family_rate(group, request) -> str:
    return settings.APPLY_RATE


@method_decorator(ratelimit(key="ip", rate=family_rate, method="POST", block=False), name="dispatch")
class FamilySurveyView(StandardFormMixin, TemplateView):
    """No sign-in: the signed token names one family response (a forged or altered one is a 404)."""

    def dispatch(self, request, *args, **kwargs):
        self._response = family_response_from_token(kwargs["token"])
        if self._response is None or self._response.student is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def survey_response(self):
        return self._response

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            return render(request, "evaluation/responding/rate_limited.html", status=429)
        return super().post(request, *args, **kwargs)


# --- The accessible form --------------------------------------------------------------------------------------------


class StudentSurveyView(SchoolPermissionMixin, TemplateView):
    """One question per screen (the practice question first). Every answer is its own POST, saved at once; a stopped
    survey resumes at the first unanswered question. ``?q=<n>`` shows question n (Back and Next)."""

    permission = "answer_own_surveys"
    template_name = "evaluation/responding/student_survey.html"

    @cached_property
    def found(self):
        found = selectors.student_response(access=self.request.access, pk=self.kwargs["pk"])
        if found is None:
            raise Http404
        return found

    @property
    def survey_response(self):
        return self.found[0]

    @property
    def as_supporter(self) -> bool:
        return self.found[1]

    @cached_property
    def questions(self) -> list:
        return selectors.accessible_questions(self.survey_response)

    @cached_property
    def answers(self) -> dict:
        return selectors.answers_by_question(self.survey_response)

    def needs_how(self) -> bool:
        """A staff member records how the student is answering before any answer; the student may say that someone
        is helping them (``?how=1``)."""
        if self.as_supporter:
            return self.survey_response.supported_by_id != self.request.user.pk
        return self.request.GET.get("how") == "1"

    def index(self) -> int:
        """The screen asked for with ``?q=`` (anything else: where the survey resumes)."""
        asked = self.request.GET.get("q", "")
        if asked.isdigit() and int(asked) <= len(self.questions):
            return int(asked)
        return selectors.first_unanswered(self.questions, self.answers)

    def url(self, index: int | None = None) -> str:
        url = reverse("evaluation:student_survey", kwargs={"pk": self.survey_response.pk})
        return url if index is None else f"{url}?q={index}"

    def stop_url(self) -> str:
        if self.as_supporter:
            return reverse("student_detail", kwargs={"pk": self.survey_response.student_id})
        return reverse("evaluation:my_surveys")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self.survey_response
        context.update(
            survey_response=response,
            survey=response.survey,
            as_supporter=self.as_supporter,
            student_name=response.student.short_name,
            figure_2_credit=FIGURE_2_CREDIT if response.survey.starter.startswith("reflection") else "",
            stop_url=self.stop_url(),
        )
        if response.is_submitted:
            context.update(screen="thanks", contacts_url=_contacts_url(response))
            if self.as_supporter:
                context.update(agreement=self.agreement(), answers=sorted(self.answers.values(), key=self._order))
            return context
        if not selectors.is_open(response):
            context.update(screen="closed")
            return context
        if self.needs_how():
            context.update(
                screen="how",
                how_form=kwargs.get("how_form")
                or HowAnsweredForm(as_supporter=self.as_supporter, name=response.student.short_name),
            )
            return context
        index = self.index()
        total = len(self.questions)
        if index >= total:
            context.update(
                screen="finish",
                back_url=self.url(max(total - 1, 0)),
                asks_consent=response.answered_how != AnsweredHow.PROXY,
                finish_symbols=selectors.answer_symbols_for(("yes", "no")),
                agreement=self.agreement() if self.as_supporter else [],
            )
            return context
        question = self.questions[index]
        names = selectors.names_for(response)
        context.update(
            screen="question",
            index=index,
            number=index + 1,
            total=total,
            question=question,
            question_text=names.fill(question.text),
            answer=self.answers.get(question.pk),
            symbols=selectors.answer_symbols(question),
            is_text=question.answer_type == AnswerType.TEXT,
            back_url=self.url(index - 1) if index > 0 else "",
            form=OneAnswerForm(initial={"question": question.pk}),
        )
        return context

    def _order(self, answer):
        order = {question.pk: index for index, question in enumerate(self.questions)}
        return order.get(answer.question_id, len(order))

    def agreement(self) -> list:
        response = self.survey_response
        return [
            {"key": key, "agrees": agrees, "yes_both_ways": agrees is False and selectors.yes_both_ways(response, key)}
            for key, agrees in selectors.agreement_of(response)
        ]

    def post(self, request, *args, **kwargs):
        response = self.survey_response
        if response.is_submitted or not selectors.is_open(response):
            messages.error(request, _("This survey takes no more answers."))
            return HttpResponseRedirect(self.url())
        kind = request.POST.get("form", "")
        if kind == "how":
            return self.post_how()
        if self.needs_how():
            messages.error(request, _("First say how the questions are being answered today."))
            return HttpResponseRedirect(self.url())
        if kind == "finish":
            return self.post_finish()
        return self.post_answer()

    def post_how(self):
        response = self.survey_response
        form = HowAnsweredForm(self.request.POST, as_supporter=self.as_supporter, name=response.student.short_name)
        if form.is_valid():
            try:
                services.response_how_answered(
                    response=response,
                    by=self.request.user if self.as_supporter else None,
                    answered_how=form.cleaned_data["answered_how"],
                    support_modes=form.cleaned_data["support_modes"],
                    supported_by_other=form.cleaned_data["supported_by_other"],
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                return HttpResponseRedirect(self.url())
        return self.render_to_response(self.get_context_data(how_form=form))

    def post_finish(self):
        form = FinishForm(self.request.POST)
        consent = form.is_valid() and form.cleaned_data["quote_consent"] == "yes"
        if self.survey_response.answered_how == AnsweredHow.PROXY:
            consent = False  # a proxy does not agree for the student
        try:
            services.response_finish(response=self.survey_response, quote_consent=consent)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        return HttpResponseRedirect(self.url())

    def post_answer(self):
        request = self.request
        form = OneAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("That answer could not be saved. Please choose one of the answers shown."))
            return HttpResponseRedirect(self.url())
        data = form.cleaned_data
        positions = {question.pk: index for index, question in enumerate(self.questions)}
        index = positions.get(data["question"])
        if index is None:
            messages.error(request, _("That question is not in this survey."))
            return HttpResponseRedirect(self.url())
        question = self.questions[index]
        try:
            services.answer_save(
                response=self.survey_response,
                answer=services.Answer(question_id=question.pk, value=data["value"], text=data["text"]),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self.url(index))
        action = data["action"] or "answer"
        if action == "stop":
            messages.success(request, _("Saved. Next time you start where you stopped."))
            return HttpResponseRedirect(self.stop_url())
        if action == "back":
            return HttpResponseRedirect(self.url(max(index - 1, 0)))
        if action == "answer" and data["value"] and question.asks_why:
            # Stay on the question: the answer is marked and the "Why?" box is there before Next.
            return HttpResponseRedirect(self.url(index))
        return HttpResponseRedirect(self.url(index + 1))


class SymbolsView(TemplateView):
    """Public: the answer symbols with their words, and OpenMoji's credit."""

    template_name = "evaluation/responding/symbols.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "symbols": ALL_SYMBOLS,
            "credit": OPENMOJI_CREDIT,
            "licence_url": CC_BY_SA,
        }
