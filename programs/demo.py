"""Demo programs for seed_demo: one per demo school, from the guide's case applications.

East Elementary's "Peer to Peer" (Ms. Jonas): a peer support course for three students with autism that grew into a
plan for a more inclusive model. Putnam Middle School's "Peer Connections": an inclusive club whose students came up
with a monthly wheelchair soccer event. Beaman Intermediate's "Peer Buddy" service-learning club: Mr. Copeland,
Ms. Schles (science) and Ms. Tuttle (woodshop) renovating the community garden a block from the school.

Who takes part tells one story with the recruitment demo: each program has the focus students it was planned for
(within its grades) and, for the programs that ran last year, the peers who came back ("returning peers": added by the
coordinator outside this year's recruitment, on a paper consent their parent signed). The peers recruited this year
join through ``recruitment``'s demo, which accepts their applications the way a coordinator does.

Idempotent: rows are found by their natural key (program name, member, description, step) and updated; dates are
relative to today, so the dashboard always shows something due tomorrow and something overdue.
"""

import datetime
import textwrap
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils.text import slugify

from schools.dates import school_today
from schools.models import ConsentRecord, Guardian, School, Student, Term, User, calendar_school_year_start

from .demo_data import CONSENT_ENDING_SOON, PROGRAMS
from .models import (
    ActionItem,
    BudgetItem,
    DistrictApproval,
    ExpansionStage,
    PlanningMeeting,
    PlanningTeamMember,
    Program,
    ProgramParticipant,
)


def seed(*, password: str) -> str:
    programs = [_program(School.objects.get(slug=slug), spec) for slug, spec in PROGRAMS.items()]
    return (
        f"{len(programs)} programs, {PlanningTeamMember.objects.filter(program__in=programs).count()} team members, "
        f"{ActionItem.objects.filter(program__in=programs).count()} action items"
    )


def _program(school: School, spec: dict) -> Program:
    today = school_today(school)
    low, high = spec["grades"]
    program, _ = Program.objects.update_or_create(
        school=school,
        name=spec["name"],
        defaults={
            "form": spec["form"],
            "status": spec["status"],
            "purposes": [str(p) for p in spec["purposes"]],
            "purpose_notes": spec["purpose_notes"],
            "core_components": spec["core_components"],
            "lowest_grade": low,
            "highest_grade": high,
            "who_may_join": spec["who_may_join"],
            "staff_support": spec["staff_support"],
            "anticipated_challenges": spec["anticipated_challenges"],
            "faculty_presented_on": today + datetime.timedelta(days=spec["faculty_presented_on"]),
            "faculty_feedback": spec["faculty_feedback"],
            "is_model_program": spec["is_model_program"],
            "visit_information": spec["visit_information"],
        },
    )
    program.terms.set(Term.objects.filter(school=school))
    _team(program, spec["team"])
    meetings = _meetings(program, spec["meetings"], today)
    _action_items(program, meetings, spec["action_items"], today)
    _stages(program, spec["stages"], today)
    _budget(program, spec["budget"])
    _approvals(program, spec, today)
    _participants(program, spec, today)
    return program


def _participants(program, spec, today):
    """The focus students the program was planned for, and last year's peers on their parents' paper consent."""
    school = program.school
    year_start = datetime.date(calendar_school_year_start(today), 8, 20)
    for first, last in spec["focus_students"]:
        student = Student.objects.get(school=school, kind=Student.Kind.FOCUS, first_name=first, last_name=last)
        ProgramParticipant.objects.get_or_create(program=program, student=student, defaults={"joined_on": year_start})
    for first, last, parent, relationship in spec["returning_peers"]:
        peer = Student.objects.get(school=school, kind=Student.Kind.PEER, first_name=first, last_name=last)
        ProgramParticipant.objects.get_or_create(
            program=program, student=peer, defaults={"joined_on": year_start - datetime.timedelta(days=365)}
        )
        email = f"{parent.split()[0].lower()}.{last.lower()}@family.example.org"
        Guardian.objects.update_or_create(
            student=peer,
            name=parent,
            defaults={"relationship": relationship, "email": email, "language": "English", "is_primary": True},
        )
        if (first, last) == CONSENT_ENDING_SOON:
            given_on, expires_on = today - datetime.timedelta(days=200), today + datetime.timedelta(days=21)
        else:
            given_on, expires_on = year_start, None  # until the end of this school year (ConsentRecord.save)
        ConsentRecord.objects.update_or_create(
            school=school,
            student=peer,
            scope=ConsentRecord.Scope.PARTICIPATION,
            defaults={
                "given_by": parent,
                "relationship": relationship,
                "given_on": given_on,
                "method": ConsentRecord.Method.PAPER,
                "expires_on": expires_on,
                "renewal_requested_at": None,
            },
        )


def _team(program, team):
    # The coordinator flag moves last, so the one-coordinator constraint holds at every step.
    for username, name, role, is_coordinator, is_core, advice in sorted(team, key=lambda row: row[3]):
        defaults = {"role": role, "is_core": is_core, "advice_wanted": advice}
        if username:
            member, _ = PlanningTeamMember.objects.update_or_create(
                program=program, user=User.objects.get(username=username), defaults={**defaults, "name": ""}
            )
        else:
            member, _ = PlanningTeamMember.objects.update_or_create(
                program=program, user=None, name=name, defaults=defaults
            )
        if is_coordinator and not member.is_coordinator:
            PlanningTeamMember.objects.filter(program=program, is_coordinator=True).update(is_coordinator=False)
            member.is_coordinator = True
            member.save(update_fields=["is_coordinator"])


def _meetings(program, meetings, today) -> list[PlanningMeeting]:
    # Meetings have no name of their own: the n-th meeting of the demo is the program's n-th oldest row.
    existing = list(PlanningMeeting.objects.filter(program=program).order_by("pk"))
    result = []
    for index, (days, agenda, notes, decisions) in enumerate(meetings):
        meeting = existing[index] if index < len(existing) else PlanningMeeting(program=program)
        meeting.held_on = today + datetime.timedelta(days=days)
        meeting.agenda, meeting.notes, meeting.decisions = agenda, notes, decisions
        meeting.save()
        result.append(meeting)
    return result


def _action_items(program, meetings, items, today):
    for meeting_index, description, username, due_in in items:
        meeting = meetings[meeting_index]
        due_on = today + datetime.timedelta(days=due_in)
        ActionItem.objects.update_or_create(
            program=program,
            description=description,
            defaults={
                "meeting": meeting,
                "owner": User.objects.get(username=username),
                "due_on": due_on,
                "completed_on": None,
                "reminder_sent_at": None,
            },
        )


def _stages(program, stages, today):
    for order, (description, target, days, reached) in enumerate(stages, start=1):
        date = today + datetime.timedelta(days=days)
        ExpansionStage.objects.update_or_create(
            program=program,
            order=order,
            defaults={
                "description": description,
                "target": target,
                "target_date": date,
                "reached_on": min(date, today) if reached else None,
            },
        )


def _budget(program, lines):
    for description, category, amount, term_prefix, funding in lines:
        term = Term.objects.filter(school=program.school, name__startswith=term_prefix).first()
        BudgetItem.objects.update_or_create(
            program=program,
            description=description,
            defaults={"category": category, "amount": Decimal(amount), "term": term, "funding_source": funding},
        )


def _approvals(program, spec, today):
    for name, status, due_in, decided_in, with_document in spec["approvals"]:
        approval, _ = DistrictApproval.objects.update_or_create(
            program=program,
            name=name,
            defaults={
                "status": status,
                "due_on": today + datetime.timedelta(days=due_in),
                "decided_on": today + datetime.timedelta(days=decided_in) if decided_in is not None else None,
            },
        )
        if with_document:
            # One fixed file per demo approval, rewritten only when its text changed: re-seeding (and the test
            # suite) never piles up copies, and an older demo's file is replaced.
            stored = f"programs/demo/{program.school.slug}-{slugify(name)}.pdf"
            content = approval_request_pdf(program=program, spec=spec, approval=approval)
            storage = approval.document.storage
            if storage.exists(stored):
                with storage.open(stored, "rb") as existing:
                    unchanged = existing.read() == content
                if not unchanged:
                    storage.delete(stored)
            if not storage.exists(stored):
                stored = storage.save(stored, ContentFile(content))
            if approval.document.name != stored:
                approval.document.name = stored
                approval.save(update_fields=["document"])


def approval_request_pdf(*, program, spec, approval) -> bytes:
    """The one-page request the coordinator sent the district, as a real PDF (built here, so seeding needs no
    Pango): what the program is, who it serves, who supports it, and what the district is asked to approve."""
    coordinator = program.team.filter(is_coordinator=True).select_related("user").first()
    signed = coordinator.user.get_full_name() if coordinator and coordinator.user else ""
    low, high = spec["grades"]
    paragraphs = [
        f"{program.school.district.name}: request for district approval",
        "",
        f"Approval: {approval.name}",
        f"School: {program.school.name}",
        f"Program: {program.name} ({program.get_form_display().lower()}, grades {low} to {high})",
        f"Due: {approval.due_on:%B %d, %Y}",
        "",
        f"Why: {spec['purpose_notes']}",
        f"What students do together: {spec['core_components']}",
        f"Who may join: {spec['who_may_join']}",
        f"Staff support: {spec['staff_support']}",
        "",
        f"Submitted by {signed}, {program.name} coordinator." if signed else "",
    ]
    lines = [line for text in paragraphs for line in (textwrap.wrap(text, 88) or [""])]
    return _one_page_pdf(title=f"{program.name}: {approval.name}", lines=lines)


def _pdf_text(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _one_page_pdf(*, title: str, lines: list[str]) -> bytes:
    """A US Letter page of Helvetica text: catalog, pages, page, font, content stream and info, with a correct
    cross-reference table (byte offsets), so every PDF reader opens it."""
    text = b"BT /F1 11 Tf 14 TL 72 720 Td " + b" T* ".join(_pdf_text(line) + b" Tj" for line in lines) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Title " + _pdf_text(title) + b" /Producer (Peer Partners demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
