"""The reminder preference page (/activities/reminders/): staff, peers and focus students choose an email the day
before each activity or one weekly digest; only their own; bad input is said, never saved."""

import pytest

from activities.models import ReminderPreference

URL = "/activities/reminders/"


@pytest.mark.parametrize("role", ["peer", "focus_student", "staff", "coordinator"])
def test_everyone_with_activities_chooses_the_weekly_digest(client_for, world, role):
    client = client_for(role)
    page = client.get(URL)
    assert page.status_code == 200
    assert "An email the day before each activity" in page.content.decode()

    answer = client.post(URL, {"delivery": "weekly"}, follow=True)
    assert "Saved: One weekly digest, on Sunday afternoon." in answer.content.decode()
    assert ReminderPreference.objects.get(user=world.user(role)).delivery == "weekly"

    # Back to single emails: the same row changes.
    client.post(URL, {"delivery": "each"})
    assert ReminderPreference.objects.get(user=world.user(role)).delivery == "each"
    assert ReminderPreference.objects.count() == 1


@pytest.mark.parametrize(
    "data", [{}, {"delivery": ""}, {"delivery": "daily"}, {"delivery": "1e400"}, {"delivery": ["weekly", "x"]}]
)
def test_bad_input_is_said_and_nothing_is_saved(client_for, world, data):
    answer = client_for("peer").post(URL, data)
    assert answer.status_code == 200
    assert "Choose one of the two ways." in answer.content.decode()
    assert not ReminderPreference.objects.exists()


def test_the_page_shows_the_saved_choice(client_for, world):
    ReminderPreference.objects.create(user=world.user("staff"), delivery="weekly")
    page = client_for("staff").get(URL).content.decode()
    assert 'value="weekly"' in page
    weekly_input = page[page.index('value="weekly"') - 200 : page.index('value="weekly"') + 200]
    assert "checked" in weekly_input
