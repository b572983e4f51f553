"""Browser fixtures: one Debian Chromium per session, a fresh context per test, and an axe-core check.

Playwright never downloads a browser here: it drives /usr/bin/chromium. When that browser is missing or does
not start, the tests skip (or fail under REQUIRE_SERVICES=1, as in CI).
"""

import functools
import importlib.resources
import re
from pathlib import Path

import pytest

from tests.conftest import service_missing

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Runs before any script of every page (Playwright injects it outside the page's CSP) and reports each violation of
# the Content-Security-Policy header: a blocked inline script or style, a file from another host.
CSP_VIOLATION_PREFIX = "CSP violation:"
REPORT_CSP_VIOLATIONS = f"""
document.addEventListener("securitypolicyviolation", (event) => {{
  console.error("{CSP_VIOLATION_PREFIX} " + event.effectiveDirective + " blocked " + (event.blockedURI || "inline")
                + " in " + event.documentURI + (event.sample ? " (" + event.sample + ")" : ""));
}});
"""
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    """Browser tests run last.

    Playwright's sync API keeps its event loop marked as running in the main thread until the session ends,
    and Django refuses ORM calls while a loop runs (SynchronousOnlyOperation). Running the browser tests last
    keeps that, and the DJANGO_ALLOW_ASYNC_UNSAFE switch the ``browser`` fixture needs for it, away from the
    other tests.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        service_missing(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import Error, sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # The test's own ORM calls (fixtures, flushing the database) run beside Playwright's loop; see above.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            try:
                chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            except Error as exc:
                service_missing(f"Chromium at {CHROMIUM} did not start: {exc}")
            yield chromium
            chromium.close()
        finally:
            playwright.stop()


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """``new_page(viewport=PHONE)``: a page in a fresh context, pointed at the live server.

    Any response of 400 or more (a missing stylesheet, a 500), any script error and any violation of the
    Content-Security-Policy (an inline script, handler or style attribute; a file from another host) fails the test
    at teardown.
    """
    contexts, problems = [], []

    def note_failed_response(response):
        if response.status >= 400:
            problems.append(f"{response.status} {response.url}")

    def note_csp_violation(message):
        if message.text.startswith(CSP_VIOLATION_PREFIX):
            problems.append(message.text)

    def open_page(viewport=DESKTOP):
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        context.set_default_timeout(10_000)
        contexts.append(context)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        page = context.new_page()
        page.on("console", note_csp_violation)
        page.on("response", note_failed_response)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        return page

    # The harness's own test reads (and empties) this list to prove a violation is caught.
    open_page.problems = problems
    yield open_page
    for context in contexts:
        context.close()
    assert not problems, "The browser saw:\n" + "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()


@functools.cache
def axe_script() -> str:
    # The axe-core build that axe-playwright-python ships; read in place, never copied into the repository.
    script = importlib.resources.files("axe_playwright_python") / "axe.min.js"
    return script.read_text(encoding="utf-8")


def assert_no_axe_violations(page):
    """Run axe-core's default rules (WCAG A/AA and best practices) on the whole document.

    Fails listing each violation: id, impact, help and the nodes it found.
    """
    page.evaluate(axe_script())
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    violations = results["violations"]
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"    {', '.join(map(str, node['target']))}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def pass_second_step(page, username, check=None):
    """After the password: set up the authenticator (the first time) or type its code, as a person would.

    The code comes from the person's device in the database (django-otp's TOTP); ``check(page, name)`` is called on
    the setup and recovery-code pages when given.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.two_factor import current_code

    page.wait_for_url(re.compile(r"/(dashboard|accounts/two-factor/(setup|verify))/"))
    if "/accounts/two-factor/setup/" in page.url:
        if check:
            check(page, "two-factor-setup")
        device = TOTPDevice.objects.get(user__username=username, confirmed=False)
        page.get_by_label("Code from the app").fill(current_code(device))
        page.get_by_role("button", name="Turn on the second step").click()
        page.wait_for_url("**/accounts/two-factor/recovery-codes/**")
        if check:
            check(page, "two-factor-recovery-codes")
        page.get_by_role("link", name="I have saved them").click()
    elif "/accounts/two-factor/verify/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()
