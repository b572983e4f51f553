"""Every page of the role matrix fits a 390 px phone, and every action in a table can be reached there.

The pages come from tests/role_matrix.py: each GET row with an OK outcome, opened as the most privileged role that
gets it (the coordinator for most), and also as the peer and the focus student where they get it (their own
dashboard and pages differ from staff's). A new URL with a row in the matrix is covered without touching this file.
"""

import pytest
from django.urls import reverse

from recruitment.models import Match
from tests.programs.factories import ProgramParticipantFactory
from tests.recruitment.factories import east_matching, east_materials
from tests.role_matrix import MATRIX, NAMESPACE_EXCEPTIONS, OK
from tests.schools.factories import PASSWORD, StudentFactory

from .conftest import DESKTOP, PHONE, assert_no_axe_violations, pass_second_step, save_screenshot

pytestmark = pytest.mark.browser

# Most privileged first: a page is opened as the first of these that gets it.
BY_PRIVILEGE = (
    "coordinator",
    "school_admin",
    "district_admin",
    "staff",
    "other_coordinator",
    "peer",
    "focus_student",
    "anonymous",
)
# Their own view of a page (the dashboard, a partner's profile) is not the staff's: opened as them too.
OWN_VIEW = ("peer", "focus_student")

# What in a table cannot be reached on the phone. A button (or a link drawn as one) or a field must be in sight as
# the page opens: not past the screen's edge, nor past the edge of a region that scrolls sideways (the Edit and
# Remove buttons at the end of a wide row). A plain link may sit in such a region, to be scrolled to. Elements of one
# pixel or less are the screen-reader-only texts.
ACTIONS_OUT_OF_REACH = """(limit) => {
    const scrollingRegion = (element) => {
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
            const overflow = getComputedStyle(box).overflowX;
            if (overflow === 'auto' || overflow === 'scroll') return box;
        }
        return null;
    };
    const selector = 'table a, table button, table input:not([type=hidden]), table select, table textarea';
    return [...document.querySelectorAll(selector)]
        .filter((element) => {
            const box = element.getBoundingClientRect();
            if (box.width <= 1 || box.height <= 1) return false;
            const region = scrollingRegion(element);
            if (element.matches('button, .btn, input, select, textarea')) {
                const edge = region ? Math.min(limit, region.getBoundingClientRect().right) : limit;
                return box.right > edge + 0.5;
            }
            return box.right > limit + 0.5 && !region;
        })
        .map((element) => `${element.tagName.toLowerCase()} "${element.textContent.trim().replace(/\\s+/g, ' ')}"`
             + ` ends at ${Math.round(element.getBoundingClientRect().right)} px`);
}"""

# The pages the issue found too wide: their screenshots at both sizes land in test-artifacts/ (phone-width-*).
SCREENSHOTS = (
    "programs:team",
    "programs:expansion",
    "programs:budget",
    "programs:approvals",
    "recruitment:campaign_detail",
)

PAGE_WIDTH = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"

# For the failure message: the outermost elements that stick out past the phone's width (their parent fits).
STICKING_OUT = """(limit) => {
    const name = (element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
        + [...element.classList].map((c) => '.' + c).join('');
    return [...document.body.querySelectorAll('*')]
        .filter((element) => element.getBoundingClientRect().right > limit + 0.5
                && element.parentElement.getBoundingClientRect().right <= limit + 0.5)
        .slice(0, 5)
        .map((element) => `${name(element.parentElement)} > ${name(element)}`
             + ` (${Math.round(element.getBoundingClientRect().right)} px)`);
}"""


def phone_pages(world) -> dict[str, list[tuple[str, str]]]:
    """{role: [(URL name, path), ...]} for every GET page of the matrix that answers 200."""
    rows = {**MATRIX, **NAMESPACE_EXCEPTIONS}
    # The materials' objects always start the program's campaign, the campaigns' objects share one already there:
    # built first, both meet on the same campaign (the role matrix builds them in separate tests).
    east_materials(world)
    visits = {role: [] for role in BY_PRIVILEGE}
    for name, route in rows.items():
        if route.method != "get":
            continue
        allowed = [role for role in BY_PRIVILEGE if route.expected[role] == OK]
        if not allowed:
            continue
        path = reverse(name, kwargs=route.kwargs(world) or None)
        for role in {allowed[0], *(role for role in OWN_VIEW if role in allowed)}:
            visits[role].append((name, path))
    return {role: pages for role, pages in visits.items() if pages}


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    pass_second_step(page, username)
    page.wait_for_url("**/dashboard/")


def test_every_page_fits_a_phone(new_page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    visits = phone_pages(world)
    limit = PHONE["width"]
    too_wide, measured = [], set()
    for role, pages in visits.items():
        page = new_page(viewport=PHONE)
        if role != "anonymous":
            sign_in(page, world.user(role).username)
        for name, path in pages:
            # Files (a CSV, a PDF, a progress answer in JSON) have no layout; only HTML pages are measured.
            answer = page.request.get(path)
            assert answer.status == 200, f"{name} ({path}) as {role}: {answer.status}"
            if not answer.headers.get("content-type", "").startswith("text/html"):
                continue
            page.goto(path)
            measured.add(name)
            width = page.evaluate(PAGE_WIDTH)
            out_of_reach = page.evaluate(ACTIONS_OUT_OF_REACH, limit)
            if name in SCREENSHOTS:
                shot = name.replace(":", "-")
                save_screenshot(page, f"phone-width-{shot}")
                page.set_viewport_size(DESKTOP)
                save_screenshot(page, f"desktop-width-{shot}")
                page.set_viewport_size(PHONE)
            if width > limit or out_of_reach:
                sticking_out = page.evaluate(STICKING_OUT, limit)
                too_wide.append(
                    f"{name} ({path}) as {role}: {width} px wide; sticking out: {', '.join(sticking_out)}; "
                    f"actions out of reach: {', '.join(out_of_reach) or 'none'}"
                )
    # The walk reached the pages the issue found too wide (a matrix row whose data broke would skip nothing silently).
    assert set(SCREENSHOTS) <= measured, f"not measured: {set(SCREENSHOTS) - measured}"
    assert not too_wide, f"{len(too_wide)} page(s) do not fit a {limit} px phone:\n" + "\n".join(too_wide)


def matching_page_with_every_kind_of_pairing(world) -> str:
    """East's matching page with a proposed pairing (the matrix's), a confirmed one and one made by hand with a
    warning: every badge and button the page can show."""
    matching = east_matching(world)
    for first_name, status, by_hand in (("Harper", "confirmed", False), ("Jordan", "proposed", True)):
        peer = StudentFactory(school=world.school, first_name=first_name, last_name="Alexandria-Whitfield")
        ProgramParticipantFactory(program=matching.program, student=peer)
        Match.objects.create(
            program=matching.program,
            term=world.term,
            focus_student=world.focus_student,
            peer=peer,
            status=status,
            by_hand=by_hand,
            explanation="Both free Lunch (Mon).",
            warnings="Their orientation is not recorded yet." if by_hand else "",
        )
    return reverse("recruitment:matching", kwargs={"pk": matching.program.pk})


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_matching_page_has_no_axe_violations(new_page, world, viewport):
    path = matching_page_with_every_kind_of_pairing(world)
    page = new_page(viewport=viewport)
    sign_in(page, world.user("coordinator").username)
    page.goto(path)
    name = "phone" if viewport is PHONE else "desktop"
    save_screenshot(page, f"{name}-matching")
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]
    assert_no_axe_violations(page)
