"""The coordinator's prompts: the guide's starter set the first time (once), add, edit, reorder, retire and offer
again; entries keep the words they answered; bad input refused; another school's prompt a 404."""

import pytest
from django.urls import reverse

from activities.journals import services
from activities.models import JournalPrompt
from tests.activities.journals.factories import journal_program

pytestmark = pytest.mark.django_db


def texts(program):
    return list(JournalPrompt.objects.filter(program=program).order_by("position", "pk").values_list("text", flat=True))


def prompts_url(program):
    return reverse("activities:journal_prompts", kwargs={"pk": program.pk})


def test_a_program_with_none_gets_the_guides_starter_set_once_and_the_page_credits_it(world, client_for):
    program = journal_program(world.school)
    client = client_for("coordinator")
    page = client.get(prompts_url(program)).content.decode()
    assert texts(program) == list(services.STARTER_PROMPTS)
    assert "Figure 2" in page and "Example Reflection Questions" in page
    client.get(prompts_url(program))
    assert services.journal_prompts_ensure(program=program) == 0
    assert JournalPrompt.objects.filter(program=program).count() == len(services.STARTER_PROMPTS)

    # All retired: still no second starter set.
    JournalPrompt.objects.filter(program=program).update(is_active=False)
    assert services.journal_prompts_ensure(program=program) == 0


def test_add_edit_move_retire_and_offer_again(world, journals, client_for):
    client = client_for("coordinator")
    program = journals.program
    assert client.post(prompts_url(program), {"text": "  What made you   laugh this week?  "}).status_code == 302
    assert texts(program)[-1] == "What made you laugh this week?"
    added = JournalPrompt.objects.get(program=program, text="What made you laugh this week?")

    client.post(reverse("activities:journal_prompt_move", kwargs={"pk": added.pk}), {"direction": "up"})
    assert texts(program)[-2] == "What made you laugh this week?"
    first = JournalPrompt.objects.filter(program=program).order_by("position").first()
    client.post(reverse("activities:journal_prompt_move", kwargs={"pk": first.pk}), {"direction": "up"})
    assert texts(program)[0] == first.text  # already first: stays

    edit = reverse("activities:journal_prompt_edit", kwargs={"pk": journals.prompt.pk})
    assert client.post(edit, {"text": "How is it going so far?"}).status_code == 302
    journals.own_entry.refresh_from_db()
    assert journals.own_entry.prompt_text != "How is it going so far?"  # the entry keeps the words it answered

    retire = reverse("activities:journal_prompt_retire", kwargs={"pk": added.pk})
    client.post(retire)
    added.refresh_from_db()
    assert not added.is_active
    assert "What made you laugh" not in client_for("peer").get(reverse("activities:my_journal")).content.decode()
    client_for("coordinator").post(retire, {"offer": "1"})
    added.refresh_from_db()
    assert added.is_active


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write the prompt."), ("   ", "Write the prompt."), ("q" * 301, "at most 300 characters")],
)
def test_bad_prompts_are_refused(world, journals, client_for, text, message):
    client = client_for("coordinator")
    before = texts(journals.program)
    for url in (
        prompts_url(journals.program),
        reverse("activities:journal_prompt_edit", kwargs={"pk": journals.prompt.pk}),
    ):
        response = client.post(url, {"text": text})
        assert response.status_code == 200 and message in response.content.decode()
    assert texts(journals.program) == before


def test_another_schools_prompts_are_404(world, client_for):
    putnam = journal_program(world.other_school, name="Putnam course")
    services.journal_prompts_ensure(program=putnam)
    prompt = JournalPrompt.objects.filter(program=putnam).first()
    client = client_for("coordinator")
    assert client.get(prompts_url(putnam)).status_code == 404
    assert client.get(reverse("activities:journal_prompt_edit", kwargs={"pk": prompt.pk})).status_code == 404
    assert client.post(reverse("activities:journal_prompt_retire", kwargs={"pk": prompt.pk})).status_code == 404
    prompt.refresh_from_db()
    assert prompt.is_active
