"""The student list links to import and export for the roles that may use them, and only for them."""

from django.urls import reverse


def test_coordinators_see_import_and_export_buttons(client_for, world):
    html = client_for("coordinator").get(reverse("student_list")).content.decode()
    assert 'href="/roster/"' in html
    assert 'href="/roster/export/xlsx/"' in html


def test_other_staff_do_not_see_them(client_for, world):
    for role in ("staff", "district_admin"):
        html = client_for(role).get(reverse("student_list")).content.decode()
        assert "/roster/" not in html, role
