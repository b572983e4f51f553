"""The evaluation app's front page, "Evaluating outcomes": the active school's programs, each with the ways the guide
asks a team to learn what the program changes (surveys, goal attainment, friendships, pair health). The areas' own
pages are in their packages."""

from django.views.generic import TemplateView

from programs.selectors import program_queryset
from schools.mixins import SchoolPermissionMixin


class OutcomesIndexView(SchoolPermissionMixin, TemplateView):
    permission = "view_survey_results"
    template_name = "evaluation/index.html"

    def get_context_data(self, **kwargs):
        programs = program_queryset(access=self.request.access).order_by("name")
        return {**super().get_context_data(**kwargs), "programs": programs}
