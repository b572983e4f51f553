"""Read side for programs: every function takes the request's ``access`` and is already scoped.

List selectors run one query however many rows they return: counts, the coordinator's name and the expansion stage
come from subqueries, not from a query per row.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schools import selectors as school_selectors
from schools.dates import school_today
from schools.models import GRADE_CHOICES, Student, Term

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
from .playbook import selectors as playbook_selectors
from .playbook_template import TEAM_QUESTIONS

CORE_TEAM_ADVICE = (3, 5)


def _count(queryset, field: str = "program"):
    """A correlated ``COUNT(*)`` of ``queryset`` grouped by ``field``, 0 when there is none."""
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _member_display_name():
    """The team member's name as shown: the account's full name, else its username, else the typed name."""
    full_name = Trim(Concat("user__first_name", Value(" "), "user__last_name"))
    return Coalesce(NullIf(full_name, Value("")), NullIf("user__username", Value("")), "name")


def _with_stage_and_coordinator(programs):
    coordinator = PlanningTeamMember.objects.filter(program=OuterRef("pk"), is_coordinator=True).annotate(
        display=_member_display_name()
    )
    reached = ExpansionStage.objects.filter(program=OuterRef("pk"), reached_on__isnull=False).order_by("-order")
    upcoming = ExpansionStage.objects.filter(program=OuterRef("pk"), reached_on=None).order_by("order")
    return programs.annotate(
        coordinator_name=Subquery(coordinator.values("display")[:1]),
        current_stage=Subquery(reached.values("description")[:1]),
        next_stage=Subquery(upcoming.values("description")[:1]),
        next_stage_target=Subquery(upcoming.values("target")[:1]),
        next_stage_date=Subquery(upcoming.values("target_date")[:1]),
        participant_count=_count(
            ProgramParticipant.objects.filter(program=OuterRef("pk"), status=ProgramParticipant.Status.ACTIVE)
        ),
    )


def program_list(*, access):
    """The active school's programs, with their coordinator, stage, team size and open action items (one query)."""
    programs = Program.objects.visible_to(access).select_related("school")
    return _with_stage_and_coordinator(programs).annotate(
        core_team_size=_count(PlanningTeamMember.objects.filter(program=OuterRef("pk"), is_core=True)),
        open_action_items=_count(ActionItem.objects.open().filter(program=OuterRef("pk"))),
    ).order_by("name")


def district_programs(*, access):
    """Every program of every school of the districts the person administers, with its status and its current
    expansion stage (the last one reached) and the next one (one query)."""
    programs = Program.objects.in_district_of(access).select_related("school", "school__district")
    return _with_stage_and_coordinator(programs).order_by("school__district__name", "school__name", "name")


def program_queryset(*, access):
    """Programs a view may open: the active school's only, so another school's program is a 404."""
    return Program.objects.visible_to(access).select_related("school")


def program_grade_choices(program: Program) -> list[tuple[int, str]]:
    """The grades the program is for ("from grade" to "to grade"), as form choices; not the whole school's."""
    return [(value, label) for value, label in GRADE_CHOICES if program_has_grade(program, value)]


def program_has_grade(program: Program, grade: int | None) -> bool:
    return grade is not None and program.lowest_grade <= grade <= program.highest_grade


def program_grades_text(program: Program) -> str:
    """The program's grades in words: "Grade 3 to Grade 5", or one grade alone."""
    labels = dict(GRADE_CHOICES)
    if program.lowest_grade == program.highest_grade:
        return str(labels[program.lowest_grade])
    return _("%(first)s to %(last)s") % {
        "first": labels[program.lowest_grade], "last": labels[program.highest_grade]
    }


def program_overview(*, access, program: Program) -> dict:
    """What is planned, who is on the team, what is due (open action items, upcoming expansion targets, approvals
    still needed) and the budget total — a fixed number of queries."""
    today = school_today(program.school)
    team = list(PlanningTeamMember.objects.visible_to(access).filter(program=program).select_related("user"))
    open_items = list(
        ActionItem.objects.visible_to(access).open().filter(program=program).select_related("owner", "meeting")
    )
    for item in open_items:
        item.overdue = item.due_on < today
    participants = ProgramParticipant.objects.visible_to(access).filter(
        program=program, status=ProgramParticipant.Status.ACTIVE
    )
    return {
        "today": today,
        "team": team,
        "coordinator": next((member for member in team if member.is_coordinator), None),
        "team_advice": team_size_advice(core_size=sum(1 for member in team if member.is_core)),
        "open_action_items": open_items,
        "upcoming_stages": list(
            ExpansionStage.objects.visible_to(access).filter(program=program, reached_on=None).order_by("order")
        ),
        "approvals_needed": list(
            DistrictApproval.objects.visible_to(access).filter(
                program=program, status__in=[DistrictApproval.Status.NEEDED, DistrictApproval.Status.SUBMITTED]
            )
        ),
        "budget_total": BudgetItem.objects.visible_to(access)
        .filter(program=program)
        .aggregate(total=Sum("amount"))["total"]
        or Decimal("0"),
        "participant_counts": participants.aggregate(
            focus_students=Count("pk", filter=Q(student__kind=Student.Kind.FOCUS)),
            peers=Count("pk", filter=Q(student__kind=Student.Kind.PEER)),
        ),
        "recent_meetings": list(
            PlanningMeeting.objects.visible_to(access).filter(program=program).order_by("-held_on")[:3]
        ),
        "terms": list(program.terms.all()),
    }


def team_size_advice(*, core_size: int) -> str | None:
    """The guide's advice as a warning: most schools form a core planning team of 3–5 members. Never a rule."""
    low, high = CORE_TEAM_ADVICE
    if core_size < low:
        return ngettext(
            "Your core planning team has %(count)s member. The guide suggests 3–5 people, for example special "
            "educators, general educators, a school counselor and a building administrator.",
            "Your core planning team has %(count)s members. The guide suggests 3–5 people, for example special "
            "educators, general educators, a school counselor and a building administrator.",
            core_size,
        ) % {"count": core_size}
    if core_size > high:
        return _(
            "Your core planning team has %(count)s members. The guide suggests a small group of 3–5; others can "
            "still advise as specialists."
        ) % {"count": core_size}
    return None


def team_size_advice_for(*, program: Program) -> str | None:
    return team_size_advice(core_size=PlanningTeamMember.objects.filter(program=program, is_core=True).count())


def team(*, access, program: Program):
    return PlanningTeamMember.objects.visible_to(access).filter(program=program).select_related("user")


def meetings(*, access, program: Program):
    return (
        PlanningMeeting.objects.visible_to(access)
        .filter(program=program)
        .annotate(
            action_item_count=_count(ActionItem.objects.filter(meeting=OuterRef("pk")), field="meeting"),
            open_action_item_count=_count(ActionItem.objects.open().filter(meeting=OuterRef("pk")), field="meeting"),
        )
        .order_by("-held_on", "-pk")
    )


def meeting_action_items(*, access, meeting: PlanningMeeting):
    today = school_today(meeting.program.school)
    items = list(ActionItem.objects.visible_to(access).filter(meeting=meeting).select_related("owner"))
    for item in items:
        item.overdue = item.completed_on is None and item.due_on < today
    return items


def expansion_stages(*, access, program: Program):
    return ExpansionStage.objects.visible_to(access).filter(program=program).order_by("order")


def budget(*, access, program: Program) -> dict:
    """The budget lines with totals per category and per term (three queries)."""
    items = BudgetItem.objects.visible_to(access).filter(program=program).select_related("term")
    by_category = {
        row["category"]: row["total"]
        for row in items.order_by().values("category").annotate(total=Sum("amount"))
    }
    by_term = list(
        items.order_by()
        .values("term__name", "term__start_date")
        .annotate(total=Sum("amount"))
        .order_by(F("term__start_date").asc(nulls_last=True))
    )
    lines = list(items.order_by("category", "pk"))
    return {
        "lines": lines,
        "by_category": [
            (label, by_category[value]) for value, label in BudgetItem.Category.choices if value in by_category
        ],
        "by_term": [(row["term__name"] or _("No term"), row["total"]) for row in by_term],
        "total": sum((line.amount for line in lines), Decimal("0")),
    }


def approvals(*, access, program: Program):
    return DistrictApproval.objects.visible_to(access).filter(program=program).order_by("due_on", "pk")


def my_open_action_items(*, access) -> list[ActionItem]:
    """Open action items the signed-in person owns at any of their schools (for the dashboard), overdue flagged."""
    if not access.is_authenticated:
        return []
    items = list(
        ActionItem.objects.open()
        .filter(owner=access.user, program__school__in=access.school_ids)
        .select_related("program__school", "meeting")
        .order_by("due_on", "pk")
    )
    for item in items:
        item.overdue = item.due_on < school_today(item.program.school)
        item.at_active_school = access.school is not None and item.program.school_id == access.school.pk
    return items


def student_participations(*, access, student) -> list[ProgramParticipant]:
    """The programs one student of the active school takes part in (and those they left), current first: one query."""
    return list(
        ProgramParticipant.objects.visible_to(access)
        .filter(student=student)
        .select_related("program")
        .order_by("status", "-joined_on", "program__name")
    )


# --- Participants -------------------------------------------------------------------------------------------------

# A search that finds more than this many students asks for a narrower one instead of a long page.
CANDIDATE_LIMIT = 100


def participants(*, access, program: Program) -> dict:
    """The program's participants, those taking part first (focus students, then peers, by name), then everyone who
    left, most recent first: one query whatever their number."""
    rows = list(
        ProgramParticipant.objects.visible_to(access)
        .filter(program=program)
        .select_related("student")
        .order_by("student__kind", "student__last_name", "student__first_name", "-joined_on", "pk")
    )
    taking_part = [row for row in rows if row.is_active]
    left = sorted((row for row in rows if not row.is_active), key=lambda row: row.left_on or row.joined_on,
                  reverse=True)
    return {
        "taking_part": taking_part,
        "left": left,
        "focus_count": sum(1 for row in taking_part if row.student.kind == Student.Kind.FOCUS),
        "peer_count": sum(1 for row in taking_part if row.student.kind == Student.Kind.PEER),
    }


def participant_queryset(*, access, program: Program):
    """Rows a participants page may change: the active school's, of this program."""
    return ProgramParticipant.objects.visible_to(access).filter(program=program).select_related(
        "student", "program__school"
    )


def participant_candidates(*, access, program: Program):
    """Enrolled students of the active school (the roster, scoped) not taking part in the program now."""
    taking_part = ProgramParticipant.objects.filter(program=program, status=ProgramParticipant.Status.ACTIVE)
    return (
        school_selectors.student_list(access=access)
        .filter(anonymised_at=None)
        .exclude(pk__in=taking_part.values("student"))
        .order_by("kind", "last_name", "first_name", "pk")
    )


def homerooms(*, access) -> list[str]:
    """The homerooms of the active school's enrolled students (for a homeroom filter), in order."""
    return list(
        school_selectors.student_list(access=access)
        .exclude(homeroom="")
        .order_by("homeroom")
        .values_list("homeroom", flat=True)
        .distinct()
    )


# --- Public read surface for later apps (recruitment, orientation, activities, evaluation) --------------------------
# These take the program or the school, not a request's ``access``, so tasks and demo seeders can call them too.


def active_participants(*, program: Program, kind: str | None = None):
    """The students taking part in the program now (an open participation period), of one kind or both, by name."""
    students = Student.objects.filter(
        school_id=program.school_id,
        program_participations__program=program,
        program_participations__status=ProgramParticipant.Status.ACTIVE,
    )
    if kind is not None:
        students = students.filter(kind=kind)
    return students.order_by("last_name", "first_name", "pk").distinct()


def students_taking_part():
    """The ids of students with an open participation period in any program, as a subquery
    (``student_id__in=…``): who "takes part in a program now" for another app's filters."""
    return ProgramParticipant.objects.filter(status=ProgramParticipant.Status.ACTIVE).values("student_id")


def program_terms(*, program: Program):
    """The terms the program runs in."""
    return Term.objects.filter(programs=program)


def school_programs(*, school):
    """Every program of one school, oldest first."""
    return Program.objects.filter(school=school).select_related("school").order_by("pk")


def program_purposes(program: Program) -> list[str]:
    """The program's purposes (``Purpose`` values) in the order the team chose them; unknown values are left out."""
    return [value for value in program.purposes or [] if value in Purpose.values]


def team_users(*, program: Program) -> list:
    """The accounts of the program's planning team (members without an account are left out), coordinator first."""
    members = PlanningTeamMember.objects.filter(program=program, user__isnull=False).select_related("user")
    return [member.user for member in members.order_by("-is_coordinator", "pk")]


def model_school_ids(*, district):
    """The district's model schools (a school with a district model program that has not ended), as a subquery of
    school ids (``school_id__in=…``): what those schools share with the district reaches its other schools."""
    return (
        Program.objects.filter(school__district=district, is_model_program=True)
        .exclude(status=Program.Status.ENDED)
        .values_list("school_id", flat=True)
    )


# --- The meeting-agenda builder (planning meetings here, follow-up meetings in orientation) --------------------------


@dataclass(frozen=True)
class AgendaChoices:
    """What an agenda is picked from: the playbook's steps late or due within six weeks, the program's open action
    items, and the guide's questions for the team (key, question). An agenda form offers ``*_choices()`` and hands
    what was ticked to ``picked()``, whose answer ``programs.services.agenda_compose`` takes."""

    steps: list
    action_items: list
    questions: tuple

    def step_choices(self) -> list[tuple[int, str]]:
        return [
            (step.pk, (_("%(step)s (due %(date)s, late)") if step.late else _("%(step)s (due %(date)s)"))
             % {"step": step.title, "date": step.due_on.isoformat()})
            for step in self.steps
        ]

    def action_item_choices(self) -> list[tuple[int, str]]:
        return [
            (item.pk, _("%(item)s (%(owner)s, due %(date)s)")
             % {"item": item.description, "owner": item.owner.display_name, "date": item.due_on.isoformat()})
            for item in self.action_items
        ]

    def picked(self, *, steps=(), action_items=(), questions=(), other: str = "") -> dict:
        """The rows and words of the ticked ids and keys (each one of the choices: the form checked it)."""
        step_rows = {step.pk: step for step in self.steps}
        item_rows = {item.pk: item for item in self.action_items}
        words = dict(self.questions)
        return {
            "steps": [step_rows[pk] for pk in steps],
            "action_items": [item_rows[pk] for pk in action_items],
            "questions": [words[key] for key in questions],
            "other": other,
        }


def agenda_choices(*, program: Program) -> AgendaChoices:
    """The choices for one program's meeting agenda (two queries, whatever their number)."""
    today = school_today(program.school)
    items = list(ActionItem.objects.open().filter(program=program).select_related("owner").order_by("due_on", "pk"))
    for item in items:
        item.overdue = item.due_on < today
    return AgendaChoices(
        steps=playbook_selectors.due_steps(program=program, today=today), action_items=items, questions=TEAM_QUESTIONS
    )
