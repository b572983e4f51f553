"""The demo files two open records requests at East Elementary (one overdue) and two disclosures; running it again
changes nothing."""

import pytest

import programs.demo
import schools.demo
from schools.dates import school_today
from schools.privacy import demo
from schools.privacy.models import Disclosure, InspectionRequest


@pytest.fixture
def seeded(db):
    schools.demo.seed(password="demo-password")
    programs.demo.seed(password="demo-password")
    demo.seed(password="demo-password")


def test_east_has_an_overdue_and_an_open_request_and_two_disclosures(seeded):
    requests = list(InspectionRequest.objects.filter(school__slug="east-elementary").open())
    today = school_today(requests[0].school)
    assert len(requests) == 2
    assert [item.is_overdue(today) for item in requests] == [True, False]  # ordered by due date
    assert Disclosure.objects.filter(school__slug="east-elementary").count() == 2


def test_running_the_demo_again_changes_nothing(seeded):
    before = (InspectionRequest.objects.count(), Disclosure.objects.count())
    demo.seed(password="demo-password")
    assert (InspectionRequest.objects.count(), Disclosure.objects.count()) == before
