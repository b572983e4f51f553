"""The program's budget: costs such as field trips and service projects, with totals per category and per term."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programs.models import BudgetItem
from tests.programs.factories import BudgetItemFactory
from tests.schools.factories import TermFactory


def add(client, program, **data):
    fields = {"description": "Bus to the adapted sports day", "category": "field_trip", "amount": "400.00",
              "term": "", "funding_source": ""}
    fields.update(data)
    return client.post(reverse("programs:budget_add", kwargs={"pk": program.pk}), fields)


def test_a_budget_line_is_added(client_for, world, east):
    response = add(client_for("coordinator"), east.program, term=world.term.pk, funding_source="PTA grant")
    assert response.status_code == 302
    line = BudgetItem.objects.get(description="Bus to the adapted sports day")
    assert line.amount == Decimal("400.00") and line.term == world.term and line.funding_source == "PTA grant"


def test_totals_per_category_and_term(client_for, world, east):
    spring = TermFactory(school=world.school, name="Spring")
    BudgetItemFactory(program=east.program, category="materials", amount=Decimal("20.50"), term=world.term)
    BudgetItemFactory(program=east.program, category="field_trip", amount=Decimal("300"), term=spring)
    response = client_for("staff").get(reverse("programs:budget", kwargs={"pk": east.program.pk}))
    budget = response.context["budget"]
    # East's program already has a $100 field trip without a term.
    assert budget["total"] == Decimal("420.50")
    assert dict(budget["by_category"]) == {"Field trip": Decimal("400"), "Materials": Decimal("20.50")}
    assert dict(budget["by_term"]) == {"Fall": Decimal("20.50"), "Spring": Decimal("300"), "No term": Decimal("100")}
    assert "$420.50" in response.content.decode()


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"amount": "-5"}, "amount", "Enter an amount of zero or more."),
        ({"amount": ""}, "amount", "This field is required."),
        ({"amount": "twelve dollars"}, "amount", "Enter an amount in dollars and cents"),
        ({"amount": "12.345"}, "amount", "at most two decimal places"),
        ({"amount": "12345678901"}, "amount", "too large"),
        ({"amount": "NaN"}, "amount", "Enter an amount in dollars and cents"),
        ({"description": ""}, "description", "This field is required."),
        ({"description": "x" * 201}, "description", "at most 200 characters"),
        ({"category": "yacht"}, "category", "Choose a category from the list."),
        ({"term": "999999"}, "term", "Choose terms of your school from the list."),
    ],
)
def test_bad_budget_input_is_refused(client_for, east, data, field, message):
    before = BudgetItem.objects.count()
    response = add(client_for("coordinator"), east.program, **data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field]), response.context["form"].errors
    assert BudgetItem.objects.count() == before


def test_another_schools_term_is_refused(client_for, world, east):
    putnam_term = TermFactory(school=world.other_school)
    response = add(client_for("coordinator"), east.program, term=putnam_term.pk)
    assert "Choose terms of your school from the list." in response.context["form"].errors["term"]


def test_editing_and_removing_a_line(client_for, east):
    client = client_for("school_admin")
    url = reverse("programs:budget_edit", kwargs={"pk": east.program.pk, "item_pk": east.budget_item.pk})
    data = {"description": "Zoo trip", "category": "field_trip", "amount": "250", "term": "", "funding_source": ""}
    assert client.post(url, data).status_code == 302
    east.budget_item.refresh_from_db()
    assert east.budget_item.amount == Decimal("250")
    remove = reverse("programs:budget_remove", kwargs={"pk": east.program.pk, "item_pk": east.budget_item.pk})
    assert client.post(remove).status_code == 302
    assert not BudgetItem.objects.filter(pk=east.budget_item.pk).exists()


def test_a_negative_edit_changes_nothing(client_for, east):
    url = reverse("programs:budget_edit", kwargs={"pk": east.program.pk, "item_pk": east.budget_item.pk})
    data = {"description": "Zoo trip", "category": "field_trip", "amount": "-1", "term": "", "funding_source": ""}
    assert client_for("coordinator").post(url, data).status_code == 200
    east.budget_item.refresh_from_db()
    assert east.budget_item.amount == Decimal("100") and east.budget_item.description != "Zoo trip"
