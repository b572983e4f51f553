"""The respondent's pages. Other areas link to these names: my_surveys, answer (a response, the standard form),
student_survey (a response, the accessible form), family_survey (a signed token), symbols (the OpenMoji credits)."""

from django.urls import path

from . import views

urlpatterns = [
    path("surveys/mine/", views.MySurveysView.as_view(), name="my_surveys"),
    path("responses/<int:pk>/", views.AnswerView.as_view(), name="answer"),
    path("responses/<int:pk>/student/", views.StudentSurveyView.as_view(), name="student_survey"),
    path("family/<str:token>/", views.FamilySurveyView.as_view(), name="family_survey"),
    path("symbols/", views.SymbolsView.as_view(), name="symbols"),
]
