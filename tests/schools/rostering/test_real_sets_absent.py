"""A clone of the repository has no ../shared/testdata: the tests that read the real OneRoster sets skip with the
reason there, and fail when REQUIRE_SERVICES is set (CI must never pass them by skipping)."""

import pytest

from . import testdata


def test_an_absent_set_skips_with_the_reason(monkeypatch, tmp_path):
    monkeypatch.delenv("REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="real OneRoster set absent-set is not at"):
        testdata.real_files(tmp_path / "absent-set")


def test_an_absent_set_fails_when_services_are_required(monkeypatch, tmp_path):
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_SERVICES is set but the real OneRoster set"):
        testdata.zipped(tmp_path / "absent-set")


def test_the_zip_of_the_catalyst_set_is_checked_too(monkeypatch, tmp_path):
    monkeypatch.setattr(testdata, "CATALYST", tmp_path / "catalyst-moodle-full-v1p1")
    monkeypatch.delenv("REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception):
        testdata.catalyst_zip()


def test_a_present_set_is_read(tmp_path):
    (tmp_path / "orgs.csv").write_text("sourcedId\n")
    assert [upload.name for upload in testdata.real_files(tmp_path)] == ["orgs.csv"]
