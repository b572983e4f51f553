"""No personal data in URLs or query strings: addresses carry ids, signed tokens and fixed choices, never names.

A URL ends up in browser history, server and proxy logs and Referer headers, where FERPA-protected data must not
go. A new URL argument or a new free-text filter fails here until it is shown to be harmless and listed below.
"""

import importlib
import pkgutil

import django_filters
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, UUIDConverter

# URL arguments that are not ids, and why they hold nothing personal.
NON_PERSONAL_ARGUMENTS = {
    "kind": "a fixed choice: a profile section (iep-goals, ...) or a material (brochure, poster)",
    "paper": "a fixed choice: a4 or letter",
    "file_format": "a fixed choice: csv or xlsx",
    "signed": "a signed, random token (guardian consent)",
    "uidb64": "the account id in base64 (Django's password reset)",
    "token": "a password-reset token",
}
# The Django admin's own arguments: object ids (primary keys), content type ids and app labels.
ADMIN_ARGUMENTS = {"object_id", "content_type_id", "id", "app_label", "url"}

# Free-text filters allowed in a query string, and why.
FREE_TEXT_FILTERS = {
    ("StudentFilter", "homeroom"): "a class label (a room number or a teacher's name), not a student's data",
    ("JoinFilter", "school"): "part of a school's name, typed on the public /join/ page; names no student",
}
ID_OR_CHOICE_FILTERS = (
    django_filters.ChoiceFilter,
    django_filters.ModelChoiceFilter,
    django_filters.ModelMultipleChoiceFilter,
    django_filters.MultipleChoiceFilter,
    django_filters.DateFilter,
    django_filters.NumberFilter,
    django_filters.BooleanFilter,
    django_filters.OrderingFilter,
)
PROJECT_APPS = ("schools", "programs", "recruitment", "orientation", "activities", "evaluation")


def url_arguments(resolver=None, prefix=""):
    """Yield (route, argument name, converter) for every argument of every URL pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        converters = getattr(entry.pattern, "converters", {})
        for name in entry.pattern.regex.groupindex:
            yield route, name, converters.get(name)
        if isinstance(entry, URLResolver):
            yield from url_arguments(entry, route)
        else:
            assert isinstance(entry, URLPattern)


def test_every_url_argument_is_an_id_a_token_or_a_fixed_choice():
    unexplained = []
    for route, name, converter in url_arguments():
        if isinstance(converter, IntConverter | UUIDConverter):
            continue
        if route.startswith("admin/") and name in ADMIN_ARGUMENTS:
            continue
        if name not in NON_PERSONAL_ARGUMENTS:
            unexplained.append(f"{route}: <{name}> ({type(converter).__name__})")
    assert not unexplained, "URL arguments that could carry personal data:\n" + "\n".join(unexplained)


def project_filtersets():
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if module.name.rsplit(".", 1)[-1] in ("filters", "forms"):
                importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [cls for cls in subclasses(django_filters.FilterSet) if cls.__module__.split(".")[0] in PROJECT_APPS]


def test_the_project_has_filtersets_to_check():
    names = {cls.__name__ for cls in project_filtersets()}
    assert {"StudentFilter", "AccessLogFilter", "ApplicationFilter"} <= names


@pytest.mark.parametrize("filterset", project_filtersets(), ids=lambda cls: cls.__name__)
def test_query_string_filters_take_ids_and_choices_not_names(filterset):
    for name, declared in filterset.base_filters.items():
        if (filterset.__name__, name) in FREE_TEXT_FILTERS:
            continue
        assert isinstance(declared, ID_OR_CHOICE_FILTERS), (
            f"{filterset.__name__}.{name} is a {type(declared).__name__}: free text (a name) would go into the "
            "query string. Filter by id or a fixed choice, or search by POST (see StudentNameSearchForm)."
        )
