"""A student finds their school's program: the home page links to /join/, and with several schools /join/ narrows the
list by district and school name (plain GET, works without JavaScript, names of schools only)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory
from tests.schools.factories import DistrictFactory, SchoolFactory, TermFactory

pytestmark = pytest.mark.django_db

JOIN = "/join/"


def open_campaign(school, name):
    return CampaignFactory(program=ProgramFactory(school=school, name=name), term=TermFactory(school=school))


@pytest.fixture
def schools(world, campaign):
    """East (Riverside, "Lunch Buddies"), Putnam (Riverside) and Hillcrest (Lakeside), each with an open campaign."""
    lakeside = DistrictFactory(name="Lakeside Unified", slug="lakeside")
    hillcrest = SchoolFactory(district=lakeside, name="Hillcrest Elementary", slug="hillcrest")
    open_campaign(world.other_school, "Putnam Peers")
    open_campaign(hillcrest, "Hillcrest Friends")
    return {"riverside": world.school.district, "lakeside": lakeside}


def names(response) -> list[str]:
    return [school.name for school, _campaigns in response.context["schools"]]


def test_the_home_page_links_to_join(client):
    html = client.get("/").content.decode()
    assert f'href="{JOIN}"' in html and "Join a program at your school" in html
    assert reverse("recruitment:join") == JOIN


def test_with_one_school_there_is_nothing_to_search(client, campaign):
    response = client.get(JOIN)
    assert response.context["show_search"] is False
    assert 'role="search"' not in response.content.decode()


def test_with_several_schools_the_search_form_is_shown(client, schools):
    html = client.get(JOIN).content.decode()
    assert 'role="search"' in html and 'method="get"' in html
    assert '<label class="form-label" for="id_school">Your school&#x27;s name</label>' in html
    assert '<label class="form-label" for="id_district">School district</label>' in html
    assert ">All districts</option>" in html and ">Lakeside Unified</option>" in html


def test_search_by_part_of_the_schools_name(client, schools):
    response = client.get(JOIN, {"school": "  putnam"})
    assert names(response) == ["Putnam Middle School"]
    response = client.get(JOIN, {"school": "ELEMENTARY"})
    assert names(response) == ["East Elementary", "Hillcrest Elementary"]


def test_filter_by_district(client, schools):
    response = client.get(JOIN, {"district": schools["lakeside"].pk})
    assert names(response) == ["Hillcrest Elementary"]
    response = client.get(JOIN, {"district": schools["riverside"].pk, "school": "elementary"})
    assert names(response) == ["East Elementary"]


def test_no_match_says_so_and_offers_every_school(client, schools):
    response = client.get(JOIN, {"school": "Springfield"})
    html = response.content.decode()
    assert names(response) == []
    assert "No school with a program taking applications matches your search." in html
    assert f'href="{JOIN}"' in html


@pytest.mark.parametrize("district", ["999999", str(2**70), "abc", "-1"])
def test_a_forged_district_is_a_plain_message(client, schools, district):
    response = client.get(JOIN, {"district": district})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["district"] == ["Please pick a district from the list."]


def test_an_overlong_name_is_a_plain_message(client, schools):
    response = client.get(JOIN, {"school": "x" * 101})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["school"] == ["That is too long for a school's name."]


def test_a_district_without_open_campaigns_is_not_offered(client, schools):
    DistrictFactory(name="Quiet Valley", slug="quiet")
    assert "Quiet Valley" not in client.get(JOIN).content.decode()


def test_the_list_takes_the_same_queries_for_one_school_and_many(client, campaign, world, django_assert_num_queries):
    with CaptureQueriesContext(connection) as one:
        client.get(JOIN, {"school": "east"})
    for n in range(4):
        district = DistrictFactory(name=f"District {n}", slug=f"district-{n}")
        open_campaign(SchoolFactory(district=district, name=f"East Hill {n}", slug=f"east-hill-{n}"), f"Club {n}")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(JOIN, {"school": "east"})
    assert len(names(response)) == 5
