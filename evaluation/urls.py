"""Evaluation URLs, one module per area: surveys (questions, survey windows, invitations, results, the standard form
for peers, staff and families), student_form (the accessible one-question-per-screen version and the symbols'
credits), goals (goal attainment scaling), friendships (social contacts and the friendship map) and pairs (monthly
check-ins, match problems, milestones). Staff pages are scoped as everywhere; a family's form carries its own signed
token."""

from .friendships import urls as friendship_urls
from .goals import urls as goal_urls
from .pairs import urls as pair_urls
from .student_form import urls as student_form_urls
from .surveys import urls as survey_urls

app_name = "evaluation"

urlpatterns = [
    *survey_urls.urlpatterns,
    *student_form_urls.urlpatterns,
    *goal_urls.urlpatterns,
    *friendship_urls.urlpatterns,
    *pair_urls.urlpatterns,
]
