"""Survey pages, the coordinator's side: surveys and their questions, survey windows and invitations, results, one
response's answers and the quotes."""

from django.urls import path

from . import views

urlpatterns = [
    path("programs/<int:pk>/surveys/", views.SurveysView.as_view(), name="surveys"),
    path("surveys/<int:pk>/", views.SurveyView.as_view(), name="survey"),
    path("survey-questions/<int:pk>/edit/", views.QuestionEditView.as_view(), name="survey_question_edit"),
    path("survey-questions/<int:pk>/move/", views.QuestionMoveView.as_view(), name="survey_question_move"),
    path("survey-questions/<int:pk>/retire/", views.QuestionRetireView.as_view(), name="survey_question_retire"),
    path("programs/<int:pk>/survey-windows/", views.WindowsView.as_view(), name="survey_windows"),
    path("programs/<int:pk>/survey-windows/add/", views.WindowAddView.as_view(), name="survey_window_add"),
    path("survey-windows/<int:pk>/", views.WindowView.as_view(), name="survey_window"),
    path("survey-windows/<int:pk>/edit/", views.WindowEditView.as_view(), name="survey_window_edit"),
    path("survey-windows/<int:pk>/invite/", views.WindowInviteView.as_view(), name="survey_window_invite"),
    path("survey-windows/<int:pk>/results/", views.ResultsView.as_view(), name="survey_results"),
    path("survey-responses/<int:pk>/", views.ResponseView.as_view(), name="survey_response"),
    path("survey-responses/<int:pk>/quotes/", views.ResponseQuotesView.as_view(), name="survey_response_quotes"),
    path("programs/<int:pk>/survey-quotes/", views.QuotesView.as_view(), name="survey_quotes"),
]
