"""The roster's filters offer what the school has: its own grades only, and a name search box labelled as a search,
not as a required field of a form."""

from django.urls import reverse

from tests.schools.factories import StudentFactory


def grade_options(response) -> list[str]:
    return [str(label) for value, label in response.context["filter"].form.fields["grade"].choices if value != ""]


def test_the_grade_filter_offers_the_schools_grades_only(client_for, world):
    """East Elementary teaches K-5: no grade 6 to 12 to pick."""
    response = client_for("coordinator").get(reverse("student_list"))
    assert grade_options(response) == ["Kindergarten", "Grade 1", "Grade 2", "Grade 3", "Grade 4", "Grade 5"]
    assert "Grade 12" not in response.content.decode()


def test_the_grade_filter_follows_the_active_school(client_for, world):
    """Putnam Middle School (grades 6-8) sees its grades."""
    response = client_for("other_coordinator").get(reverse("student_list"))
    assert grade_options(response) == ["Grade 6", "Grade 7", "Grade 8"]


def test_a_grade_the_school_does_not_teach_is_refused_in_words(client_for, world):
    StudentFactory(school=world.school, grade=5, kind="peer")
    response = client_for("coordinator").get(reverse("student_list"), {"grade": "9"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_name_search_box_is_labelled_and_not_marked_required(client_for, world):
    html = client_for("coordinator").get(reverse("student_list")).content.decode()
    label = html.split('for="id_name"', 1)[1].split("</label>", 1)[0]
    assert "Student&#x27;s name" in label or "Student's name" in label
    assert "*" not in label and "asteriskField" not in label
    field = html.split('id="id_name"', 1)[0].rsplit("<input", 1)[1] + html.split('id="id_name"', 1)[1].split(">", 1)[0]
    assert "required" not in field


def test_the_profile_form_offers_the_schools_grades_only(client_for, world):
    form = client_for("coordinator").get(reverse("student_edit", kwargs={"pk": world.peer_student.pk})).context["form"]
    assert [value for value, label in form.fields["grade"].widget.choices] == [0, 1, 2, 3, 4, 5]
    assert "Grade 9" not in str(form["grade"])
