"""Hostile sizes: a zip inflating to the size limit (one row repeated, or blank filler lines), too many rows, too
many errors. The worker reads files as streams, so its memory stays bounded (measured with tracemalloc, not with a
clock), and the coordinator gets a clear message instead of an import that runs for minutes.
"""

import tracemalloc
import zipfile

from django.urls import reverse

from schools.rostering import oneroster
from schools.rostering.files import MAX_UNZIPPED_BYTES, read_csv, zip_csv_members
from schools.rostering.models import RosterImport
from schools.rostering.records import Report

from .test_bad_input import xlsx
from .testdata import HEADER, ORGS, USERS_HEADER, oneroster_zip, small_set, template_csv, user_row

# The old reader held the whole inflated file, its text and every row: about 20 times the file, gigabytes here.
PEAK_BYTES = 64 * 1024 * 1024
BLOCK_BYTES = 1024 * 1024


class NoProgress:
    def start(self, total):
        pass

    def advance(self, count=1):
        pass


def filler_zip(tmp_path, *, first: str, block: str, last: str = "") -> tuple[bytes, int]:
    """orgs.csv and a users.csv of ``first``, then ``block`` (one line) repeated up to just under the unzipped-size
    limit, then ``last``: written as a stream into a file of the test's temporary folder (the zip itself is under a
    megabyte). Returns the zip and the number of ``block`` lines."""
    path = tmp_path / "filler.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("orgs.csv", ORGS)
        with archive.open("users.csv", "w") as users:
            users.write(first.encode())
            per_chunk = BLOCK_BYTES // len(block)
            chunks = (MAX_UNZIPPED_BYTES - BLOCK_BYTES) // (per_chunk * len(block))
            chunk = (block * per_chunk).encode()
            for _ in range(chunks):
                users.write(chunk)
            users.write(last.encode())
    return path.read_bytes(), per_chunk * chunks


def read_measured(data: bytes) -> tuple[Report, int]:
    report = Report()
    tracemalloc.start()
    try:
        oneroster.read(zip_csv_members("roster.zip", data), org_source_id="sch-1", report=report,
                       progress=NoProgress())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return report, peak


def test_one_row_repeated_to_the_size_limit_is_refused_in_bounded_memory(tmp_path, settings):
    row = user_row("s1", "Ana", "Diaz") + "\n"
    data, _lines = filler_zip(tmp_path, first=USERS_HEADER + "\n", block=row)
    report, peak = read_measured(data)
    assert peak < PEAK_BYTES, f"peak {peak / 2**20:.0f} MB"
    limit = settings.ROSTER_MAX_ROWS
    assert [(e["file"], e["line"]) for e in report.errors] == [("users.csv", limit + 2)]  # header, then the rows
    assert f"users.csv has more than {limit:,} rows" in report.errors[0]["message"]


def test_blank_filler_lines_are_skipped_in_bounded_memory(tmp_path):
    first = "\n".join((USERS_HEADER, user_row("s1", "Ana", "Diaz"))) + "\n"
    block = ",,,,\r\n"
    last = user_row("t1", "Tom", "Baker", role="teacher") + "\n"
    data, blank_lines = filler_zip(tmp_path, first=first, block=block, last=last)
    report, peak = read_measured(data)
    assert peak < PEAK_BYTES, f"peak {peak / 2**20:.0f} MB"
    assert report.errors == []
    # The teacher's row is found, on its real line (after the header, Ana and the blank lines): each is counted.
    assert [(s["record"], s["line"]) for s in report.skipped] == [("Tom Baker", 2 + blank_lines + 1)]


def test_blank_lines_and_line_breaks_inside_quotes():
    """Blank lines between rows are skipped, but a blank line inside a quoted value belongs to the value; a stray
    quote inside an unquoted value (O"Brien) does not upset the line numbers that follow."""
    users = small_set(user_row("s1", "Ana", "Diaz"), user_row("t1", "Tom", 'O"Brien', role="teacher"), "",
                      ",,,", user_row("t2", "Eve", "Ng", role="teacher"),
                      classes=',,,,\n\n"c1",active,,"Art\n\nStudio",,,,scheduled,,sch-1,,,,\n\n \t\n',
                      enrollments="e1,active,,c1,sch-1,s1,student,,,\n,,,\n"
                      "e2,active,,c9,sch-1,s1,student,,,\n")
    members = {name.lower(): text.encode() for name, text in users.items()}
    report = Report()
    parsed = oneroster.read(members, org_source_id="sch-1", report=report, progress=NoProgress())
    assert report.errors == []
    assert [c.fields["title"] for c in parsed.classes] == ["Art Studio"]  # line breaks in names are cleaned later
    table = read_csv(b'id,title\n\n,,\n1,"Art\n\nStudio"\n \n2,Band\n', file="classes.csv", report=report)
    assert list(table.rows) == [(4, ["1", "Art\n\nStudio"]), (8, ["2", "Band"])]
    assert parsed.classes[0].row.line == 4
    assert [(s["file"], s["line"], s["record"]) for s in report.skipped] == [
        ("users.csv", 3, 'Tom O"Brien'), ("users.csv", 6, "Eve Ng"), ("enrollments.csv", 4, "Ana Diaz → c9"),
    ]


def test_a_file_over_the_row_cap_names_the_file_and_the_cap(world, upload, latest_import, settings):
    settings.ROSTER_MAX_ROWS = 5
    upload([oneroster_zip(small_set(*(user_row(f"s{n}", "Ana", f"Diaz{n}") for n in range(6))))])
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.FAILED
    assert [(e["file"], e["line"]) for e in roster_import.report["errors"]] == [("users.csv", 7)]
    assert "users.csv has more than 5 rows" in roster_import.report["errors"][0]["message"]


def test_a_template_over_the_row_cap_is_refused(world, upload, latest_import, settings):
    settings.ROSTER_MAX_ROWS = 5
    rows = [f"s{n},Ana,Diaz{n},,4,peer,,,,,,," for n in range(6)]
    upload([template_csv(*rows)], source="template")
    upload([xlsx({"Roster": [HEADER.split(","), *(row.split(",") for row in rows)]})], source="template")
    csv_import, xlsx_import = RosterImport.objects.filter(school=world.school).order_by("pk")
    assert [(e["file"], e["line"]) for e in csv_import.report["errors"]] == [("roster.csv", 7)]
    assert "roster.csv has more than 5 rows" in csv_import.report["errors"][0]["message"]
    assert [(e["file"], e["line"]) for e in xlsx_import.report["errors"]] == [("roster.xlsx, sheet Roster", 7)]
    assert "more than 5 rows" in xlsx_import.report["errors"][0]["message"]


def test_a_file_at_the_row_cap_is_read(world, upload, latest_import, settings):
    settings.ROSTER_MAX_ROWS = 5
    world.school.source_id = "sch-1"
    world.school.save(update_fields=["source_id"])
    upload([oneroster_zip(small_set(*(user_row(f"s{n}", "Ana", f"Diaz{n}", grades="3") for n in range(5))))])
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.READY, roster_import.report["errors"]
    assert roster_import.report["counts"]["students"]["create"] == 5


def test_errors_stop_at_the_cap_and_the_rest_are_counted(world, upload, latest_import, client_for, settings):
    rows = [user_row(f"s{n}", "Ana", f"Diaz{n}", status="maybe") for n in range(settings.ROSTER_MAX_ERRORS + 4512)]
    upload([oneroster_zip(small_set(*rows))])
    roster_import = latest_import()
    report = roster_import.report
    assert roster_import.status == RosterImport.Status.FAILED
    assert len(report["errors"]) == settings.ROSTER_MAX_ERRORS
    assert (report["errors_total"], report["errors_more"]) == (settings.ROSTER_MAX_ERRORS + 4512, 4512)
    page = client_for("coordinator").get(reverse("rostering:import_detail", kwargs={"pk": roster_import.pk}))
    assert "… and 4,512 more." in page.content.decode()
