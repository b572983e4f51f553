"""The dashboard's "Inviting peers" panel: open campaigns for staff who may see recruitment, never for students."""

from django.urls import reverse


def test_staff_see_open_campaigns(client_for, east):
    html = client_for("staff").get(reverse("dashboard")).content.decode()
    assert "Inviting peers" in html and reverse("recruitment:campaign_detail", args=[east.campaign.pk]) in html


def test_students_and_other_schools_do_not(client_for, east):
    for role in ("peer", "other_coordinator"):
        html = client_for(role).get(reverse("dashboard")).content.decode()
        assert reverse("recruitment:campaign_detail", args=[east.campaign.pk]) not in html
