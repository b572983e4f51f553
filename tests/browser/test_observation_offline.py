"""Observation by interval recording on a phone (390 px): the observer starts an observation from the occurrence,
taps the answers of the first intervals as the cues come, loses the connection, finishes, sees the observation
waiting to send, and when the connection returns it is sent: the server stores each interval exactly once, the
waiting list empties, and a reload sends nothing again. Every page axe-clean.

Short intervals (3 s to observe, 2 s to record: the form's smallest for partial-interval recording) keep it quick.
Screenshots land in test-artifacts/ (phone-observation-*)."""

import time

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from activities.models import Observation, ObservationInterval
from tests.activities.factories import east_attendance

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def _wait_for(condition, timeout=10.0):
    """Poll the database (shared with the live server: SQLite may say a table is locked while it writes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OperationalError:
            pass
        time.sleep(0.2)
    return False


def _stored(observation):
    return [
        (i.number, i.skipped, i.interaction, i.engaged, i.adult_near, [p.first_name for p in i.peers.all()])
        for i in ObservationInterval.objects.filter(observation=observation).prefetch_related("peers")
    ]


def test_an_observation_recorded_offline_is_sent_once_when_the_connection_returns(new_page, world):
    lunch = east_attendance(world)
    page = new_page(viewport=PHONE)
    context = page.context
    sign_in(page, world.user("staff").username)
    sync_posts = []
    page.on("request", lambda r: sync_posts.append(r.url) if r.method == "POST" and "/intervals/" in r.url else None)

    page.goto(f"/activities/occurrences/{lunch.today.pk}/observe/")
    assert_no_axe_violations(page)
    page.get_by_label("Focus student").select_option(label="Noah Bennett")
    page.get_by_label("Observe for (seconds)").fill("3")
    page.get_by_label("Record for (seconds)").fill("2")
    page.get_by_label("Number of intervals").fill("3")
    page.get_by_role("button", name="Open the recording page").click()
    page.wait_for_url("**/record/")
    observation = Observation.objects.get()
    assert (observation.observe_seconds, observation.record_seconds, observation.interval_count) == (3, 2, 3)
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-observation-ready")

    cue = page.locator("#observation-cue")
    page.get_by_role("button", name="Start").click()
    expect(cue).to_contain_text("Interval 1 of 3")
    expect(cue).to_contain_text("Observe…")
    # The first observer's start reaches the server at once (a second observer joins on this clock).
    assert _wait_for(lambda: Observation.objects.get().started_at is not None)
    assert page.locator("label[for=interaction-peer]").bounding_box()["height"] >= 48

    # Interval 1: a peer starts an interaction with Sofia; engaged; an adult near.
    page.locator("label[for=interaction-peer]").click()
    page.locator("label[for=engaged-yes]").click()
    page.locator("label[for=adult-yes]").click()
    page.get_by_text("Sofia Ramirez", exact=True).click()
    expect(page.locator("#observation-sync-state")).to_have_text("Saved on this phone.")
    expect(cue).to_contain_text("Record now")
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-observation-record-now")

    # Interval 2: the student starts one; not engaged.
    expect(cue).to_contain_text("Interval 2 of 3", timeout=8000)
    page.locator("label[for=interaction-student]").click()
    page.locator("label[for=engaged-no]").click()

    # The connection goes; interval 3 is skipped, then the observer finishes.
    context.set_offline(True)
    expect(cue).to_contain_text("Interval 3 of 3", timeout=8000)
    page.locator("label[for=observation-skip]").click()
    page.get_by_role("button", name="Finish and send").click()
    expect(page.locator("#observation-sync-state")).to_contain_text("No connection")
    waiting = page.locator("#observation-outbox")
    expect(waiting).to_be_visible()
    expect(waiting).to_contain_text("Noah Bennett")
    expect(waiting).to_contain_text("3 intervals · finished")
    assert Observation.objects.get().finished_at is None
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-observation-waiting")

    posts_before = len(sync_posts)
    context.set_offline(False)
    expect(waiting).to_be_hidden()
    assert _wait_for(lambda: Observation.objects.get().finished_at is not None)
    assert _stored(observation) == [
        (1, False, "peer", "yes", True, ["Sofia"]),
        (2, False, "student", "no", False, []),
        (3, True, "none", "na", False, []),
    ]
    assert len(sync_posts) == posts_before + 1  # one send when the connection returned
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('pp-observation:')).length") == 0

    # Another observation page sends nothing again, lists nothing waiting, and the results show the measures.
    page.goto(f"/activities/observations/{observation.pk}/")
    expect(page.locator("#observation-outbox")).to_be_hidden()
    expect(page.get_by_role("row", name="Intervals counted")).to_contain_text("2")
    assert len(sync_posts) == posts_before + 1
    assert ObservationInterval.objects.filter(observation=observation).count() == 3
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-observation-results")


def test_a_second_observer_joins_on_the_first_observers_clock(new_page, world):
    import datetime

    from django.utils import timezone

    from activities.observation import services

    lunch = east_attendance(world)
    primary = services.observation_start(
        occurrence=lunch.today,
        student=world.focus_student,
        observer=world.user("staff"),
        method=Observation.Method.MOMENTARY,
        observe_seconds=3,
        record_seconds=2,
        interval_count=60,
    )
    started = timezone.now() - datetime.timedelta(seconds=11)  # interval 3 runs now (5 s each)
    Observation.objects.filter(pk=primary.pk).update(started_at=started)

    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)
    page.goto(f"/activities/occurrences/{lunch.today.pk}/observe/")
    page.get_by_role("button", name="Join as second observer").click()
    page.wait_for_url("**/record/")
    second = Observation.objects.get(primary=primary)
    assert second.started_at == started and second.interval_count == 60
    expect(page.locator("#observation-phase")).to_have_text("Tap Start to follow the first observer’s clock.")
    page.get_by_role("button", name="Start").click()

    # The interval shown is the one of the first observer's clock: now - start, not the moment of the tap.
    cue = page.locator("#observation-cue")
    expect(cue).to_contain_text("Look now")  # momentary time sampling: look at the cue
    expect(cue).to_contain_text("Record now", timeout=8000)
    shown = int(page.locator("#observation-number").inner_text().split()[1])
    expected = int((timezone.now() - started).total_seconds() // 5) + 1
    assert abs(shown - expected) <= 1
    page.locator("label[for=interaction-student]").click()
    page.get_by_role("button", name="Finish and send").click()
    expect(page.locator("#observation-sync-state")).to_have_text("Sent: the results are saved.")
    assert _wait_for(lambda: Observation.objects.get(pk=second.pk).finished_at is not None)
    second.refresh_from_db()
    assert second.started_at == started
    numbers = sorted(second.intervals.values_list("number", flat=True))
    # Nothing before the interval that ran when the second observer tapped Start (the 3rd or later).
    assert numbers[0] >= 3 and numbers == list(range(numbers[0], numbers[-1] + 1))
    tapped = second.intervals.get(interaction="student").number
    assert tapped in (shown, shown + 1)
    assert_no_axe_violations(page)
