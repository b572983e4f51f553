"""Walks every URL pattern of the project, for every role, against the declarative table in role_matrix.py.

One walk, three checks on each answer: the outcome the matrix expects; ``Cache-Control: no-store`` on every answer
Django gives (``schools.middleware.NoStoreMiddleware``: pages, exports, PDFs, uploaded files, redirects, errors); and no
HTML page that loads anything from another host (tests/foreign_loads.py). The answers not walked here (the admin's
pages, static files, stylesheets, email templates) are checked in tests/test_every_answer.py.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .foreign_loads import foreign_loads
from .role_matrix import (
    ADMIN_LOGIN,
    FORBIDDEN,
    LOGIN,
    MATRIX,
    NAMESPACE_EXCEPTIONS,
    NAMESPACE_RULES,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    ROLES,
    Route,
)

# Values for URL arguments of patterns that take any object (the admin's): they never reach an object anyway.
GENERIC_KWARGS = {"id": "1", "pk": "1", "object_id": "1", "app_label": "schools", "content_type_id": 1}


def all_url_patterns(resolver=None, namespace=None, kwarg_names=()):
    """Yield (qualified name, kwarg names) for every pattern, descending into included URLconfs."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        names = kwarg_names + tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = entry.namespace if entry.namespace else None
            qualified = ":".join(filter(None, [namespace, inner])) or None
            yield from all_url_patterns(entry, qualified, names)
        elif isinstance(entry, URLPattern):
            if entry.name is None:
                # Only a namespace rule can cover an unnamed pattern (the admin's redirects and catch-all).
                yield f"{namespace}:<unnamed {entry.pattern}>" if namespace else None, names
                continue
            yield f"{namespace}:{entry.name}" if namespace else entry.name, names


def route_for(name: str) -> Route | None:
    if name in MATRIX:
        return MATRIX[name]
    if name in NAMESPACE_EXCEPTIONS:
        return NAMESPACE_EXCEPTIONS[name]
    if ":" not in name:
        return None
    return NAMESPACE_RULES.get(name.split(":", 1)[0])


ALL_PATTERNS = sorted(set(all_url_patterns()), key=lambda p: p[0] or "")
# Unnamed patterns cannot be reversed; their namespace's rule (the admin's own staff check) covers them.
PATTERNS = [p for p in ALL_PATTERNS if p[0] and "<unnamed" not in p[0]]


def test_every_url_pattern_has_a_row():
    unnamed = [kwargs for name, kwargs in ALL_PATTERNS if not name]
    assert not unnamed, "every URL pattern outside the admin needs a name so the role matrix can cover it"
    missing = [name for name, _ in ALL_PATTERNS if route_for(name) is None]
    assert not missing, f"add these URL names to tests/role_matrix.py: {missing}"


def test_matrix_has_no_stale_rows():
    names = {name for name, _ in PATTERNS}
    assert not set(MATRIX) - names, f"rows without a URL pattern: {set(MATRIX) - names}"


def test_school_objects_are_never_reachable_from_another_school():
    for name, route in MATRIX.items():
        if route.school_object:
            assert route.expected["other_coordinator"] == NOT_FOUND, name


def observed(response) -> str:
    if response.status_code == 200:
        return OK
    if response.status_code in (301, 302):
        target = response.url
        if target.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        if target.startswith(reverse("login")):
            return LOGIN
        return REDIRECT
    return {403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED}.get(response.status_code, str(response.status_code))


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def answer_problems(response) -> list[str]:
    """What is wrong with one answer whatever the role: it may be cached, or its page loads from another host."""
    problems = []
    if "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"{response.status_code} without no-store (Cache-Control: {response.get('Cache-Control')})")
    if response.status_code == 200 and is_html(response):
        loads = foreign_loads(response.content.decode())
        if loads:
            problems.append(f"loads from another host: {loads}")
    return problems


@pytest.mark.parametrize("name,kwarg_names", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_url_answers_each_role_as_the_matrix_says(client_for, world, name, kwarg_names):
    route = route_for(name)
    assert route is not None, f"{name} has no row in tests/role_matrix.py"
    kwargs = route.kwargs(world) if name in MATRIX else {k: GENERIC_KWARGS[k] for k in kwarg_names}
    url = reverse(name, kwargs=kwargs or None)
    failures = {}
    for role in ROLES:
        client = client_for(role)
        response = getattr(client, route.method)(url, route.data(world))
        got = observed(response)
        wrong = [] if got == route.expected[role] else [f"expected {route.expected[role]}, got {got}"]
        wrong += answer_problems(response)
        if wrong:
            failures[role] = "; ".join(wrong)
    assert not failures, f"{name} ({url}): {failures}"
