"""What the respondent's side adds to core pages (registered from ``EvaluationConfig.ready()``): the dashboard panel
"Surveys to answer" for peers, students and staff with open, unfinished surveys."""

from schools.dashboard import DashboardPanel, register_panel

from . import selectors


def register() -> None:
    register_panel(
        DashboardPanel(
            template="evaluation/responding/panels/to_answer.html",
            permission="answer_own_surveys",
            context=selectors.to_answer_panel,
            order=5,
        )
    )
