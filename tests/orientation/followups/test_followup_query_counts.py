"""The follow-up meeting's page and its agenda builder run as many queries for many action items as for one."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orientation.followups import services
from schools.dates import school_today
from tests.orientation.factories import east_followup
from tests.programs.factories import east_playbook


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(world, followup, n=10):
    today = school_today(world.school)
    for index in range(n):
        services.followup_action_item_add(
            orientation=followup, description=f"Item {index}", owner=world.user("staff"),
            due_on=today + datetime.timedelta(days=index - 3),
        )


def test_the_followup_page_does_not_grow_with_action_items(client_for, world, east, django_assert_max_num_queries):
    followup = east_followup(world)
    grow(world, followup, n=1)
    client = client_for("coordinator")
    url = reverse("orientation:followup", kwargs={"pk": followup.pk})
    few = queries_for(client, url)
    grow(world, followup)
    with django_assert_max_num_queries(few):
        client.get(url)


def test_the_followup_agenda_does_not_grow(client_for, world, east, django_assert_max_num_queries):
    followup = east_followup(world)
    east_playbook(world)
    client = client_for("coordinator")
    url = reverse("orientation:followup_agenda", kwargs={"pk": followup.pk})
    few = queries_for(client, url)
    grow(world, followup)
    with django_assert_max_num_queries(few):
        client.get(url)
