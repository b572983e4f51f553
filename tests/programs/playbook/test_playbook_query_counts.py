"""The playbook page, the agenda builder and the coordinator's panel run as many queries for many steps and action
items as for a few."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.playbook import services
from schools.dates import school_today
from tests.programs.factories import ActionItemFactory, east_playbook


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(world, east, objects, n=12):
    today = school_today(world.school)
    for index in range(n):
        services.playbook_step_add(
            playbook=objects.playbook, title=f"Step {index}", owner=world.user("staff"),
            due_on=today + datetime.timedelta(days=index * 9 - 40),
        )
        ActionItemFactory(
            program=east.program, owner=world.user("staff"), due_on=today + datetime.timedelta(days=index)
        )


def test_the_playbook_page_does_not_grow_with_steps(client_for, world, east, django_assert_max_num_queries):
    objects = east_playbook(world)
    client = client_for("coordinator")
    url = reverse("programs:playbook", kwargs={"pk": east.program.pk})
    few = queries_for(client, url)
    grow(world, east, objects)
    with django_assert_max_num_queries(few):
        client.get(url)


def test_the_agenda_builder_does_not_grow(client_for, world, east, django_assert_max_num_queries):
    objects = east_playbook(world)
    client = client_for("coordinator")
    url = reverse("programs:meeting_agenda", kwargs={"pk": east.program.pk, "meeting_pk": east.meeting.pk})
    few = queries_for(client, url)
    grow(world, east, objects)
    with django_assert_max_num_queries(few):
        client.get(url)


def test_the_dashboard_panel_does_not_grow(client_for, world, east, django_assert_max_num_queries):
    objects = east_playbook(world)
    client = client_for("coordinator")
    few = queries_for(client, reverse("dashboard"))
    grow(world, east, objects)
    with django_assert_max_num_queries(few):
        client.get(reverse("dashboard"))
