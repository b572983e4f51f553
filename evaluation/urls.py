"""Evaluation URLs, one module per area: surveys (the coordinator's side: questions, survey windows, invitations,
nudges, results and quotes), responding (the respondent's side: "My surveys", the standard form for peers and staff,
the accessible one-question-per-screen version for students, the family's form by signed link, the symbols' credits),
goals (goal attainment scaling), friendships (social contacts and the friendship map) and pairs (monthly
check-ins, match problems, milestones). Staff pages are scoped as everywhere; a family's form carries its own signed
token."""

from django.urls import path

from . import views
from .friendships import urls as friendship_urls
from .goals import urls as goal_urls
from .pairs import urls as pair_urls
from .responding import urls as responding_urls
from .surveys import urls as survey_urls

app_name = "evaluation"

urlpatterns = [
    path("", views.OutcomesIndexView.as_view(), name="index"),
    *survey_urls.urlpatterns,
    *responding_urls.urlpatterns,
    *goal_urls.urlpatterns,
    *friendship_urls.urlpatterns,
    *pair_urls.urlpatterns,
]
