"""The headers every answer carries: Content-Security-Policy, nosniff, Referrer-Policy, X-Frame-Options; and, with
production settings, HSTS and secure HttpOnly cookies."""

import json

import pytest
from django.urls import reverse

from .test_deploy_settings import manage, production_environment

POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}


def parse_policy(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives


@pytest.mark.parametrize(
    "role,url_name,kwargs",
    [
        ("anonymous", "login", {}),
        ("anonymous", "recruitment:join", {}),
        ("coordinator", "dashboard", {}),
        ("coordinator", "student_detail", "focus"),
        ("coordinator", "rostering:export", {"file_format": "csv"}),
        ("peer", "dashboard", {}),
    ],
)
def test_every_answer_carries_the_policy_and_the_other_headers(client_for, world, role, url_name, kwargs):
    if kwargs == "focus":
        kwargs = {"pk": world.focus_student.pk}
    response = client_for(role).get(reverse(url_name, kwargs=kwargs))

    assert response.status_code == 200
    assert parse_policy(response["Content-Security-Policy"]) == POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_errors_and_the_admin_carry_the_policy_too(client_for, world):
    client = client_for("coordinator")
    for response in (
        client.get("/no-such-page/"),
        client.get(reverse("student_detail", kwargs={"pk": 999_999})),
        client.get(reverse("admin:login")),
    ):
        assert parse_policy(response["Content-Security-Policy"]) == POLICY


def test_the_policy_names_no_other_host():
    from django.conf import settings

    sources = {source for values in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].values() for source in values}
    assert sources <= {"'self'", "'none'", "data:"}
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources


# A real deployment's settings (DEBUG off, nothing relaxed for the test client), in a process of their own: an
# in-memory database, a sign-in over HTTPS, and the headers and cookies the browser gets.
PRODUCTION_PROBE = """
import json
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
from schools.models import User
User.objects.create_user("probe", password="a long passphrase for the probe")
client = Client(HTTP_HOST="peerpartners.example.org")
page = client.get("/accounts/login/", secure=True)
signed_in = client.post(
    "/accounts/login/", {"username": "probe", "password": "a long passphrase for the probe"}, secure=True
)
plain = Client(HTTP_HOST="peerpartners.example.org").get("/accounts/login/")
cookies = {**page.cookies, **signed_in.cookies}
print(json.dumps({
    "status": [page.status_code, signed_in.status_code, plain.status_code],
    "headers": dict(page.headers),
    "redirect": plain.headers.get("Location"),
    "cookies": {name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"])} for name, m in cookies.items()},
}))
"""


@pytest.fixture(scope="module")
def production_answer():
    # Static files are not collected in the test checkout; the manifest is not what this test is about.
    env = production_environment(DATABASE_URL="sqlite://:memory:", STATIC_MANIFEST="0")
    result = manage("shell", "-c", PRODUCTION_PROBE, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_and_the_policy_over_https(production_answer):
    assert production_answer["status"] == [200, 302, 301]
    headers = production_answer["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert parse_policy(headers["Content-Security-Policy"]) == POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_production_sends_plain_http_to_https(production_answer):
    assert production_answer["redirect"] == "https://peerpartners.example.org/accounts/login/"


def test_production_cookies_are_secure_and_hidden_from_scripts(production_answer):
    cookies = production_answer["cookies"]
    assert set(cookies) == {"csrftoken", "sessionid"}
    assert cookies["sessionid"] == {"secure": True, "httponly": True}
    assert cookies["csrftoken"] == {"secure": True, "httponly": True}
