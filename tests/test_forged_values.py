"""Forged form values never give a server error: every form of the role matrix, every choice and number field.

For every page of ``tests/role_matrix.py`` that a role may open, the page is opened as that role, its forms are read
from the HTML (selects, checkboxes, radio buttons, number inputs and numeric hidden fields), and each such field is
sent again with values a browser would never offer: numbers past any database integer (2**70, -2**70, 2**63, 2**31),
words, "1e400", and a number not among the choices. The answer may be the form again with an error, a redirect, a
403 or a 404, never a server error; this holds on the database the suite runs on (SQLite, or PostgreSQL with
``DATABASE_URL``). Object ids in URLs past any integer are a 404.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.programs.factories import east_program

from .role_matrix import MATRIX, OK

# The role that opens a page: the first of these the matrix lets see it.
ROLE_ORDER = (
    "coordinator",
    "school_admin",
    "staff",
    "district_admin",
    "other_coordinator",
    "peer",
    "focus_student",
    "anonymous",
)
HUGE = 2**70
# Past any column (2**70), just past a 64-bit and a 32-bit column (PostgreSQL's bigint and integer), not a number,
# a number past any float, and a negative one.
FORGED = (str(HUGE), str(-HUGE), str(2**63), str(2**31), "abc", "1e400", "-1")
# A formset's later forms repeat the fields of its first one (``items-0-owner``, ``items-1-owner``…).
LATER_FORMSET_FORM = re.compile(r"-[1-9][0-9]*-")
# The layout's forms (school switcher, sign-out) are on every page; they are forged once, on the dashboard.
LAYOUT_PAGE = "dashboard"


@dataclass
class FormField:
    name: str
    kind: str  # "select", "checkbox", "radio", "number", "hidden", "text"
    values: list = field(default_factory=list)  # what a browser would send unchanged
    options: list = field(default_factory=list)  # what the page offers (selects, checkboxes, radio buttons)

    @property
    def forgeable(self) -> bool:
        if self.kind in ("select", "checkbox", "radio", "number"):
            return True
        return self.kind == "hidden" and any(value.lstrip("-").isdigit() for value in self.values)


@dataclass
class Form:
    action: str
    method: str
    in_main: bool
    fields: dict = field(default_factory=dict)

    def add(self, name, kind, value=None, offered=None):
        entry = self.fields.setdefault(name, FormField(name, kind))
        if value is not None:
            entry.values.append(value)
        if offered is not None:
            entry.options.append(offered)

    def baseline(self) -> dict:
        return {name: entry.values for name, entry in self.fields.items() if entry.values}


class FormReader(HTMLParser):
    """The forms of a page as a browser would submit them (action, method, every named control)."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.main_depth = 0
        self.select: tuple[str, bool] | None = None  # (name, multiple)
        self.select_chosen: list = []
        self.select_first = None
        self.textarea: str | None = None
        self.text = ""
        self.submit_seen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.main_depth += 1
        if tag == "form":
            method = "post" if (attrs.get("method") or "").lower() == "post" else "get"
            self.form = Form(attrs.get("action") or self.url, method, self.main_depth > 0)
            self.submit_seen = False
            return
        form, name = self.form, attrs.get("name")
        if tag == "option" and self.select and form is not None:
            value = attrs.get("value")
            form.fields[self.select[0]].options.append(value)
            if self.select_first is None:
                self.select_first = value
            if "selected" in attrs:
                self.select_chosen.append(value)
            return
        if form is None or not name or "disabled" in attrs:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
            if kind in ("checkbox", "radio"):
                form.add(name, kind, value if "checked" in attrs else None, offered=value)
            elif kind in ("submit", "image", "button"):
                # The first named button is the one pressing Enter would send.
                if not self.submit_seen:
                    form.add(name, "submit", value)
                    self.submit_seen = True
            elif kind != "file":
                form.add(name, kind if kind in ("number", "hidden") else "text", value)
        elif tag == "button" and (attrs.get("type") or "submit") == "submit" and not self.submit_seen:
            form.add(name, "submit", attrs.get("value", ""))
            self.submit_seen = True
        elif tag == "select":
            self.select = (name, "multiple" in attrs)
            self.select_chosen, self.select_first = [], None
            form.add(name, "select")
        elif tag == "textarea":
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "main":
            self.main_depth -= 1
        elif tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None
        elif tag == "select" and self.select and self.form is not None:
            name, multiple = self.select
            chosen = self.select_chosen or ([] if multiple or self.select_first is None else [self.select_first])
            self.form.fields[name].values.extend(v for v in chosen if v is not None)
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.form.add(self.textarea, "text", self.text.strip())
            self.textarea = None


def not_offered(entry: FormField) -> str:
    """A well-formed id the page does not offer."""
    numbers = [int(value) for value in entry.options if value and value.lstrip("-").isdigit()]
    return str(max(numbers, default=0) + 1000)


def page_role(route) -> str | None:
    if route.method != "get":
        return None
    return next((role for role in ROLE_ORDER if route.expected[role] == OK), None)


PAGES = sorted(name for name, route in MATRIX.items() if page_role(route))


def send(client, form: Form, data: dict):
    """The form's request; a server error is returned as its description instead of raised."""
    try:
        response = getattr(client, form.method)(form.action, data)
    except Exception as error:  # every server error the forged values cause is collected, not only the first
        return f"{type(error).__name__}: {error}"
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    return None


@pytest.mark.parametrize("name", PAGES)
def test_forged_choices_and_numbers_never_give_a_server_error(client_for, world, name):
    route = MATRIX[name]
    role = page_role(route)
    url = reverse(name, kwargs=route.kwargs(world) or None)
    client = client_for(role)
    page = client.get(url)
    assert page.status_code == 200, f"{name} as {role}: {page.status_code}"
    if not page.get("Content-Type", "").startswith("text/html"):
        return
    reader = FormReader(url)
    reader.feed(page.content.decode())
    forms = [form for form in reader.forms if form.in_main or name == LAYOUT_PAGE]
    errors = []
    for form in forms:
        baseline = form.baseline()
        for entry in form.fields.values():
            if not entry.forgeable or LATER_FORMSET_FORM.search(entry.name):
                continue
            for value in (*FORGED, not_offered(entry)):
                problem = send(client, form, {**baseline, entry.name: [value]})
                if problem:
                    errors.append(f"{form.method.upper()} {urlsplit(form.action).path} {entry.name}={value!r}: "
                                  f"{problem}")
    assert not errors, f"{name} as {role}:\n" + "\n".join(errors)


def object_routes():
    """Pages whose URL names an object by a number, with the role that may open them."""
    for name, route in MATRIX.items():
        role = page_role(route)
        if role and route.school_object:
            yield name, role


@pytest.mark.parametrize("name,role", sorted(object_routes()))
def test_object_ids_past_any_integer_are_not_found(client_for, world, name, role):
    route = MATRIX[name]
    kwargs = route.kwargs(world)
    numbered = [key for key, value in kwargs.items() if isinstance(value, int)]
    assert numbered, f"{name} names no object by a number"
    client = client_for(role)
    answers = {}
    for key in numbered:
        for value in (HUGE, 2**63, 2**31):
            url = reverse(name, kwargs={**kwargs, key: value})
            try:
                answers[f"{key}={value}"] = client.get(url).status_code
            except Exception as error:  # reported with the other answers
                answers[f"{key}={value}"] = f"{type(error).__name__}: {error}"
    assert all(answer == 404 for answer in answers.values()), f"{name} as {role}: {answers}"


def open_form(client, url: str) -> Form:
    reader = FormReader(url)
    reader.feed(client.get(url).content.decode())
    return next(form for form in reader.forms if form.in_main and form.method == "post")


@pytest.mark.parametrize("value", [HUGE, -HUGE, 2**63])
def test_an_id_past_any_integer_in_a_multiple_choice_is_refused_on_the_form(client_for, world, value):
    """The issue's case: the student's support team and the program's terms answer with the field's own message."""
    client = client_for("coordinator")
    student = world.focus_student
    url = reverse("student_edit", kwargs={"pk": student.pk})
    form = open_form(client, url)
    response = client.post(url, {**form.baseline(), "support_team": [str(world.user("staff").pk), str(value)]})
    assert response.status_code == 200
    assert f"Select a valid choice. {value} is not one of the available choices." in response.content.decode()
    assert not student.support_team.exists()

    program = east_program(world).program
    url = reverse("programs:update", kwargs={"pk": program.pk})
    form = open_form(client, url)
    terms = set(program.terms.values_list("pk", flat=True))
    response = client.post(url, {**form.baseline(), "terms": [str(value)]})
    assert response.status_code == 200
    assert "Choose terms of your school from the list." in response.content.decode()
    assert set(program.terms.values_list("pk", flat=True)) == terms


@pytest.mark.parametrize("value", [HUGE, -HUGE, 2**63, -(2**63) - 1])
def test_a_number_past_any_integer_column_matches_no_row(world, value):
    """Every lookup a forged id reaches, by primary key and by foreign key: no row, no database error."""
    from schools.models import Student

    student = world.focus_student
    assert list(Student.objects.filter(pk__in=[value, student.pk])) == [student]
    assert not Student.objects.filter(pk__in=[value]).exists()
    assert not Student.objects.filter(pk=value).exists()
    assert not Student.objects.filter(school_id=value).exists()
    assert not Student.objects.filter(school=value).exists()
    assert list(Student.objects.filter(school__in=[value, world.school.pk], pk=student.pk)) == [student]
    assert not Student.objects.filter(school_id__in=[value]).exists()
