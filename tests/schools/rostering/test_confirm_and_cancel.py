"""Nothing changes before the coordinator confirms; a confirmed import runs once; a cancelled one never."""

from django.urls import reverse

from schools.models import AccessLogEntry, Student
from schools.rostering.models import RosterImport

from .testdata import template_csv

ROW = "s1,Ana,Diaz,,2,,,,,,,,"


def test_the_preview_changes_nothing_until_confirmed(world, client, upload, latest_import, confirm):
    upload([template_csv(ROW)], source="template")
    roster_import = latest_import()
    page = client.get(reverse("rostering:import_detail", kwargs={"pk": roster_import.pk})).content.decode()
    assert "This is a preview: nothing has changed yet." in page
    assert "Import these changes" in page
    assert not Student.objects.filter(source_id="s1").exists()

    response = confirm(roster_import)
    assert response.status_code == 302
    assert roster_import.status == RosterImport.Status.DONE
    assert roster_import.confirmed_by == world.user("coordinator")
    assert Student.objects.get(source_id="s1").first_name == "Ana"
    log = AccessLogEntry.objects.get(action="change")
    assert (log.user, log.school) == (world.user("coordinator"), world.school)
    done = client.get(reverse("rostering:import_detail", kwargs={"pk": roster_import.pk})).content.decode()
    assert "The roster was imported." in done


def test_a_cancelled_import_cannot_be_confirmed(world, client, upload, latest_import, confirm):
    upload([template_csv(ROW)], source="template")
    roster_import = latest_import()
    client.post(reverse("rostering:cancel", kwargs={"pk": roster_import.pk}))
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.CANCELLED
    confirm(roster_import)
    assert roster_import.status == RosterImport.Status.CANCELLED
    assert not Student.objects.filter(source_id="s1").exists()


def test_the_roster_changed_between_preview_and_confirm_is_checked_again(world, upload, latest_import, confirm):
    upload([template_csv(ROW)], source="template")
    roster_import = latest_import()
    world.school.highest_grade = 1  # grade 2 is no longer taught here
    world.school.save(update_fields=["highest_grade"])
    confirm(roster_import)
    assert roster_import.status == RosterImport.Status.FAILED
    assert "does not have this grade" in roster_import.report["errors"][0]["message"]
    assert not Student.objects.filter(source_id="s1").exists()


def test_action_urls_take_only_post(client_for, world, upload, latest_import):
    upload([template_csv(ROW)], source="template")
    url = reverse("rostering:confirm", kwargs={"pk": latest_import().pk})
    assert client_for("coordinator").get(url).status_code == 405


def test_confirming_while_another_import_of_the_school_runs_says_so(world, client, upload, latest_import, confirm):
    upload([template_csv(ROW)], source="template")
    running = latest_import()
    upload([template_csv(ROW)], source="template")
    waiting = latest_import()
    RosterImport.objects.filter(pk=running.pk).update(status=RosterImport.Status.APPLYING)

    response = confirm(waiting)

    assert response.status_code == 302
    assert waiting.status == RosterImport.Status.READY
    page = client.get(response.url).content.decode()
    assert ("Another roster import of this school (roster.csv) is being imported right now. Wait until it has "
            "finished, then upload this file again so that it is checked against the new roster.") in page
    assert not Student.objects.filter(source_id="s1").exists()
