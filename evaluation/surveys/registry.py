"""What surveys add to core pages (registered from ``EvaluationConfig.ready()``): the program leads' dashboard panel
"Surveys" (the survey windows open now or coming up, how many have finished, and a way to each program's windows)."""

from schools.dashboard import DashboardPanel, register_panel

from . import selectors


def register() -> None:
    register_panel(
        DashboardPanel(
            template="evaluation/surveys/panels/windows.html",
            permission="view_survey_results",
            context=selectors.windows_panel,
            order=7,
        )
    )
