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

from .models import (
    ActionItem,
    BudgetItem,
    DistrictApproval,
    ExpansionStage,
    PlanningMeeting,
    PlanningTeamMember,
    Program,
    ProgramParticipant,
    Purpose,
)

Role = PlanningTeamMember.Role

# The returning peer whose parent's paper consent ends in three weeks: the daily task asks the parent to renew it.
CONSENT_ENDING_SOON = ("Chloe", "Davis")

PROGRAMS = {
    "east-elementary": {
        "name": "Peer to Peer",
        "form": Program.Form.COURSE,
        "status": Program.Status.ACTIVE,
        "purposes": [Purpose.INCLUSIVE_SCHOOL, Purpose.EVERYDAY_INVOLVEMENT, Purpose.NEW_SKILLS],
        "purpose_notes": "Started to support three students with autism in general education classes; now planning "
        "a more inclusive model of service delivery for all students at East Elementary.",
        "core_components": "Peers spend a class period each day alongside their schoolmates with autism, offering "
        "help during instruction; lunch and recess groups; a short weekly check-in with Ms. Jonas.",
        "grades": (3, 5),
        "who_may_join": "Any 3rd–5th grader who wants to get to know their schoolmates and is available during "
        "the supported class periods.",
        "staff_support": "Ms. Jonas coordinates; general education teachers guide peers during class; the "
        "speech-language pathologist advises on supporting AAC use.",
        "anticipated_challenges": "Scheduling peers without pulling them from their own core instruction; fading "
        "adult support so friendships can form.",
        "faculty_presented_on": -200,
        "faculty_feedback": "Grade-level teams asked for a short guide on how peers help during group work.",
        "is_model_program": False,
        "visit_information": "",
        "team": [
            ("east.coordinator", "", Role.SPECIAL_EDUCATOR, True, True, ""),
            ("east.principal", "", Role.SCHOOL_ADMIN, False, True, ""),
            ("east.teacher", "", Role.GENERAL_EDUCATOR, False, True, ""),
            ("", "Maria Hernandez", Role.PARENT, False, True, ""),
            ("riverside.slp", "", Role.RELATED_SERVICE, False, False, "Supporting AAC use during group work"),
        ],
        "meetings": [
            (
                -30,
                "Review the first year; what peers and families are telling us",
                "Peers have become vocal advocates for inclusion. The three students are taking part in more "
                "classes with fewer adult prompts.",
                "Plan a more inclusive model of service delivery for all students, with grade-level teams, "
                "families and specialized instructional support personnel.",
            ),
            (
                -6,
                "Grade-level plans; district approval of the course",
                "Grade 4 team ready to start in January; grade 5 in the spring.",
                "Expand one grade level at a time. Ask the district to renew the peer support course.",
            ),
        ],
        "action_items": [
            (0, "Send the grade-level teams the plan for the inclusive model", "east.coordinator", 1),
            (1, "Update the peer support course description for the district", "east.principal", 1),
            (1, "Draft the family letter about the expansion", "east.coordinator", -3),
            (1, "Collect peers' ideas for lunch groups", "east.teacher", 9),
        ],
        "stages": [
            ("Three students with autism supported in general education classes", "3 students, 6 peers", -400, True),
            ("One grade level at a time: grade 4", "10 peers", -60, True),
            ("A more inclusive model of service delivery for all students", "Grades 3–5", 120, False),
            ("Share the model with other schools in the district", "2 visiting schools", 300, False),
        ],
        "budget": [
            ("Peer training binders and materials", BudgetItem.Category.MATERIALS, "150.00", "Fall", "PTA grant"),
            ("End-of-year celebration", BudgetItem.Category.EVENT, "220.00", "Spring", "Principal's fund"),
        ],
        "approvals": [
            ("Peer support course renewal", DistrictApproval.Status.SUBMITTED, 20, None, True),
            ("Inclusive service delivery plan", DistrictApproval.Status.NEEDED, 75, None, False),
        ],
        # The three students with autism the course started with, and Grace, who joined when grade 4 came in.
        # Mia (grade 2) and Isaiah (grade 1) are on the roster but below the program's grades.
        "focus_students": [("Noah", "Bennett"), ("Ava", "Thompson"), ("Elijah", "Carter"), ("Grace", "Liu")],
        # (first, last, the parent who signed the paper consent, relationship)
        "returning_peers": [
            ("Harper", "Kim", "Min-jun Kim", "Father"),
            ("Amelia", "Johnson", "Tanya Johnson", "Mother"),
            ("Mason", "Walker", "Brian Walker", "Father"),
            ("Chloe", "Davis", "Renee Davis", "Mother"),
            ("Ethan", "Wilson", "Carla Wilson", "Mother"),
        ],
    },
    "putnam-middle": {
        "name": "Peer Connections",
        "form": Program.Form.CLUB,
        "status": Program.Status.ACTIVE,
        "purposes": [Purpose.INCLUSIVE_SCHOOL, Purpose.FRIENDSHIPS],
        "purpose_notes": "An inclusive club, now in its second year, that anyone can join.",
        "core_components": "A monthly event planned by students with and without disabilities, accessible for "
        "schoolmates with physical disabilities — the wheelchair soccer competition was Yvonne's idea.",
        "grades": (6, 8),
        "who_may_join": "Every Putnam student; the club brings the support needed for anyone to join.",
        "staff_support": "Mr. Okafor sponsors the club; the counselor and a paraprofessional help at events.",
        "anticipated_challenges": "Enough wheelchairs for everyone who wants to play; gym time after school.",
        "faculty_presented_on": -380,
        "faculty_feedback": "Coaches offered to referee; the PE department offered equipment.",
        "is_model_program": True,
        "visit_information": "Visit a monthly event in the gym; contact Mr. Okafor a week ahead.",
        "team": [
            ("putnam.coordinator", "", Role.SPECIAL_EDUCATOR, True, True, ""),
            ("putnam.principal", "", Role.SCHOOL_ADMIN, False, True, ""),
            ("putnam.counselor", "", Role.COUNSELOR, False, True, ""),
            ("", "Marcus Lee", Role.STUDENT, False, True, ""),
            ("riverside.slp", "", Role.RELATED_SERVICE, False, False, "Communication during team games"),
        ],
        "meetings": [
            (
                -35,
                "Ideas for a monthly event everyone can enjoy",
                "Students brainstormed events that are exciting and accessible. Yvonne suggested wheelchair soccer.",
                "Host a wheelchair soccer competition: borrow donated wheelchairs from the local Arc and reserve "
                "the gym one afternoon after school.",
            ),
            (
                -8,
                "After the first competition",
                "A hit: students who use wheelchairs showed a dozen others how to play.",
                "Make it a monthly event; plan a final competition of the year with eight teams.",
            ),
        ],
        "action_items": [
            (1, "Confirm the donated wheelchairs with the local Arc", "putnam.coordinator", 1),
            (1, "Reserve the gym for next month's afternoon", "putnam.principal", 1),
            (1, "Make posters for the monthly competition", "putnam.counselor", -2),
            (0, "Ask students who use wheelchairs to lead the warm-up", "putnam.coordinator", 6),
        ],
        "stages": [
            ("Inclusive club for a small group of 6th graders", "15 members", -400, True),
            ("Open to every grade; a monthly event", "50 students at the final competition", -30, True),
            ("District model school others may visit", "Host 2 schools", 150, False),
        ],
        "budget": [
            ("Gym time and snacks for the monthly competition", BudgetItem.Category.EVENT, "90.00", "Fall", ""),
            ("Bus to the regional adapted sports day", BudgetItem.Category.FIELD_TRIP, "400.00", "Spring", ""),
        ],
        "approvals": [
            ("Club charter and after-school supervision plan", DistrictApproval.Status.APPROVED, -300, -280, True),
        ],
        # An inclusive club anyone can join: every focus student of the school takes part.
        "focus_students": [
            ("Yvonne", "Price"), ("Jordan", "Mitchell"), ("Aiden", "Foster"), ("Lily", "Nguyen"), ("Marco", "Silva"),
            ("Hannah", "Cole"),
        ],
        # Last year's members; Marcus speaks for the students on the planning team.
        "returning_peers": [
            ("Marcus", "Lee", "Grace Lee", "Mother"),
            ("Isabella", "Martinez", "Elena Martinez", "Mother"),
            ("Tyler", "Brown", "Kevin Brown", "Father"),
            ("Olivia", "Clark", "Dawn Clark", "Mother"),
            ("Diego", "Lopez", "Javier Lopez", "Father"),
            ("Emma", "Wright", "Laura Wright", "Mother"),
            ("Grace", "Anderson", "Sharon Anderson", "Grandmother"),
            ("Jayden", "Robinson", "Tasha Robinson", "Mother"),
        ],
    },
    "beaman-intermediate": {
        "name": "Peer Buddy",
        "form": Program.Form.CLUB,
        "status": Program.Status.APPROVED,
        "purposes": [Purpose.INCLUSIVE_SCHOOL, Purpose.NEW_SKILLS, Purpose.FRIENDSHIPS],
        "purpose_notes": "A service-learning club in a school with a spirit of volunteerism: meeting local needs "
        "in the community together.",
        "core_components": "Students with and without disabilities renovate the community garden a block away: "
        "plan and plant the garden, design terraces and trellises, build benches and signage.",
        "grades": (5, 6),
        "who_may_join": "5th and 6th graders who want to work on the garden with their schoolmates.",
        "staff_support": "Mr. Copeland coordinates; Ms. Schles (science) leads planting; Ms. Tuttle (woodshop) "
        "leads building.",
        "anticipated_challenges": "Walking to the garden safely; tools that every student can use.",
        "faculty_presented_on": -40,
        "faculty_feedback": "Art teacher offered to help design the signage.",
        "is_model_program": False,
        "visit_information": "",
        "team": [
            ("beaman.coordinator", "", Role.SPECIAL_EDUCATOR, True, True, ""),
            ("beaman.science", "", Role.GENERAL_EDUCATOR, False, True, ""),
            ("beaman.woodshop", "", Role.GENERAL_EDUCATOR, False, True, ""),
            ("", "Henry Young", Role.STUDENT, False, True, ""),
        ],
        "meetings": [
            (
                -28,
                "Which local need should we meet?",
                "Students suggested the languishing community garden a block from school.",
                "Renovate the community garden as our service-learning project.",
            ),
            (
                -5,
                "Garden plan and building jobs",
                "Terraces on the slope; trellises for beans; two benches and a sign.",
                "Science classes plan the planting; woodshop builds benches and signage.",
            ),
        ],
        "action_items": [
            (1, "Order seeds, soil and plants for the garden beds", "beaman.science", 1),
            (1, "Cut lumber for the trellises and benches", "beaman.woodshop", 4),
            (0, "Ask the city for permission to work in the community garden", "beaman.coordinator", -1),
            (1, "Plan the walking route to the garden", "beaman.coordinator", 1),
        ],
        "stages": [
            ("A few students plan and plant the garden", "4 students, 8 peers", 30, False),
            ("Both grades build terraces, benches and signage", "All 5th and 6th graders who volunteer", 160, False),
        ],
        "budget": [
            ("Soil, seeds and plants", BudgetItem.Category.SERVICE_PROJECT, "350.00", "Spring", "Garden club grant"),
            ("Lumber for terraces, trellises and benches", BudgetItem.Category.MATERIALS, "600.00", "Spring", ""),
            ("Paint for the signage", BudgetItem.Category.MATERIALS, "80.00", "Spring", ""),
        ],
        "approvals": [
            ("Service-learning project plan", DistrictApproval.Status.SUBMITTED, 10, None, False),
            ("Walking field trips to the community garden", DistrictApproval.Status.NEEDED, 25, None, False),
        ],
        # The first stage: four students plan and plant the garden. A new club: every peer is recruited this year.
        "focus_students": [("Caleb", "Hughes"), ("Luis", "Ortega"), ("Ella", "Brandt"), ("Sam", "Kowalski")],
        "returning_peers": [],
    },
}


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
