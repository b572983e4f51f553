"""Production settings as a deployment reads them from the environment, without the test suite's relaxations."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]

# pytest-env relaxes these for the test client (pyproject.toml); a deployment never sets them.
TEST_ONLY_VARIABLES = (
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "STATIC_MANIFEST",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "EMAIL_URL",
    "DJANGO_SETTINGS_MODULE",
)


def production_environment(**overrides):
    env = {name: value for name, value in os.environ.items() if name not in TEST_ONLY_VARIABLES}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="peerpartners.example.org",
    )
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_environment())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize("secret_key", [None, ""], ids=["unset", "empty"])
def test_settings_refuse_to_load_without_a_secret_key(secret_key):
    result = manage("check", env=production_environment(SECRET_KEY=secret_key))

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_debug_runs_without_a_secret_key():
    # `make run` needs no configuration at all.
    result = manage("check", env=production_environment(SECRET_KEY=None, DEBUG="1"))

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bare_checkout_runs_manage_py_in_development_mode():
    # Neither SECRET_KEY nor DEBUG: a developer's shell, so `manage.py makemigrations` just works.
    result = manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)",
                    env=production_environment(SECRET_KEY=None, DEBUG=None))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("True")


def test_a_deployment_with_a_secret_key_keeps_debug_off_without_saying_so():
    result = manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)",
                    env=production_environment(DEBUG=None))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False")
