"""What a peer and a focus student reach of the surveys: crawling every role-matrix page they may open (and the pages
linked from those, tests/test_peer_outputs.py's crawl), their own survey is reached, and another peer's answers
(``OTHER_PEER_MARKER`` in Liam's words) appear on none."""

import pytest
from django.urls import reverse

from tests.evaluation.factories import OTHER_PEER_MARKER
from tests.test_peer_outputs import everything_a_role_opens

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["peer", "focus_student"])
def test_no_page_shows_another_peers_answers(client_for, world, responding, role):
    pages = everything_a_role_opens(client_for(role), world, role)
    assert not [url for url, text in pages.items() if OTHER_PEER_MARKER in text]
    own = responding.peer_response if role == "peer" else responding.student_response
    name = "evaluation:answer" if role == "peer" else "evaluation:student_survey"
    assert reverse(name, kwargs={"pk": own.pk}) in pages
    assert reverse("evaluation:my_surveys") in pages
