"""Write-side workflows for programs: planning, the core planning team, meetings and action items, the expansion
plan, the budget and district approvals.

Every function is keyword-only, validates (``full_clean()`` plus the rules that need other rows) before it writes,
runs in one transaction and returns the object. A ``ValidationError`` means nothing was written.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.dates import school_today
from schools.documents import check_document, save_with_document
from schools.models import Membership, Student, Term
from schools.services import email_queue

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
from .selectors import team_users

# The fields a coordinator edits on the planning form; status changes only through ``program_change_status``.
PROGRAM_FIELDS = frozenset(Program.PLANNING_FIELDS)


def is_staff_of(user, school) -> bool:
    return (
        user is not None
        and user.is_active
        and Membership.objects.filter(user=user, school=school, is_active=True).exists()
    )


def _check_grades_within_school(program: Program) -> None:
    school = program.school
    for field in ("lowest_grade", "highest_grade"):
        grade = getattr(program, field)
        if not school.lowest_grade <= grade <= school.highest_grade:
            raise ValidationError(
                {field: _("%(school)s does not have this grade.") % {"school": school.name}}, code="grade"
            )


def _terms_of(school, terms: Iterable[Term]) -> list[Term]:
    terms = list(terms)
    if any(term.school_id != school.pk for term in terms):
        raise ValidationError({"terms": _("Choose terms of %(school)s.") % {"school": school.name}})
    return terms


def _lock(program: Program) -> Program:
    """Lock the program row: team and status changes of one program happen one at a time."""
    return Program.objects.select_for_update().get(pk=program.pk)


# --- Programs ---------------------------------------------------------------------------------------------------


@transaction.atomic
def program_create(
    *, school, coordinator, coordinator_role: str = PlanningTeamMember.Role.SPECIAL_EDUCATOR, terms=(), **fields
) -> Program:
    """Plan a new program at ``school``, in status "planning", with ``coordinator`` as its designated coordinator on
    the core planning team. Either all of it is saved or nothing."""
    unknown = set(fields) - PROGRAM_FIELDS
    if unknown:
        raise TypeError(f"program_create() got unexpected fields {sorted(unknown)}")
    program = Program(school=school, status=Program.Status.PLANNING, **fields)
    program.full_clean()
    _check_grades_within_school(program)
    terms = _terms_of(school, terms)
    program.save()
    program.terms.set(terms)
    team_member_add(program=program, user=coordinator, role=coordinator_role, is_coordinator=True)
    return program


@transaction.atomic
def program_update(*, program: Program, terms=None, **fields) -> Program:
    """Change what is planned. The status is left alone (see ``program_change_status``)."""
    unknown = set(fields) - PROGRAM_FIELDS
    if unknown:
        raise TypeError(f"program_update() got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(program, name, value)
    program.full_clean()
    _check_grades_within_school(program)
    if terms is not None:
        terms = _terms_of(program.school, terms)
    program.save()
    if terms is not None:
        program.terms.set(terms)
    return program


@transaction.atomic
def program_change_status(*, program: Program, status: str) -> Program:
    """Move the program along ``Program.TRANSITIONS`` (planning → approved → active → paused/ended).

    Refuses, with a ValidationError, a status that does not follow from the current one; the row is locked so two
    people pressing buttons at once cannot skip a step."""
    if status not in Program.Status.values:
        raise ValidationError(_("Choose a status from the list."), code="unknown_status")
    locked = _lock(program)
    if not locked.can_become(status):
        raise ValidationError(
            _("A program that is “%(current)s” cannot become “%(new)s”.")
            % {"current": locked.get_status_display(), "new": Program.Status(status).label},
            code="transition",
        )
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    program.status = locked.status
    return locked


# --- Core planning team ---------------------------------------------------------------------------------------


def _validate_member(member: PlanningTeamMember) -> None:
    program = member.program
    if member.user_id and member.name:
        raise ValidationError({"name": _("Choose a staff member or type a name, not both.")})
    if member.user_id:
        if not is_staff_of(member.user, program.school):
            raise ValidationError({"user": _("Choose a staff member of %(school)s.") % {"school": program.school}})
        already = PlanningTeamMember.objects.filter(program=program, user=member.user)
        if member.pk:
            already = already.exclude(pk=member.pk)
        if already.exists():
            raise ValidationError(
                {"user": _("%(name)s is already on the planning team.") % {"name": member.user.display_name}}
            )
    if member.is_coordinator and not member.user_id:
        raise ValidationError(
            {"is_coordinator": _("The coordinator runs the program day to day: choose a staff member.")}
        )
    # The constraints are checked above in words a coordinator understands, and by the database on save.
    member.full_clean(validate_constraints=False)


def _designate(member: PlanningTeamMember) -> None:
    """Make ``member`` the one designated coordinator: whoever held it before keeps their seat on the team."""
    PlanningTeamMember.objects.filter(program=member.program, is_coordinator=True).exclude(pk=member.pk).update(
        is_coordinator=False
    )


@transaction.atomic
def team_member_add(
    *,
    program: Program,
    user=None,
    name: str = "",
    role: str,
    is_coordinator: bool = False,
    is_core: bool = True,
    advice_wanted: str = "",
) -> PlanningTeamMember:
    """Add someone to the planning team. Designating them coordinator hands the role over: a program has exactly one.

    The guide's 3–5 core members is advice, never a rule: see ``selectors.team_size_advice``."""
    _lock(program)
    member = PlanningTeamMember(
        program=program,
        user=user,
        name=name.strip(),
        role=role,
        is_coordinator=is_coordinator,
        # The coordinator is always part of the core planning team.
        is_core=is_core or is_coordinator,
        advice_wanted=advice_wanted,
    )
    _validate_member(member)
    if member.is_coordinator:
        _designate(member)
    member.save()
    return member


@transaction.atomic
def team_member_update(
    *,
    member: PlanningTeamMember,
    user=None,
    name: str = "",
    role: str,
    is_coordinator: bool,
    is_core: bool,
    advice_wanted: str = "",
) -> PlanningTeamMember:
    """Change a member's details. The designated coordinator cannot simply stop being one: designate another member
    instead, so the program always has exactly one."""
    _lock(member.program)
    was_coordinator = PlanningTeamMember.objects.filter(pk=member.pk, is_coordinator=True).exists()
    if was_coordinator and not is_coordinator:
        raise ValidationError(
            {
                "is_coordinator": _(
                    "A program has exactly one designated coordinator. To hand the role over, edit the new "
                    "coordinator's row and tick “program coordinator” there."
                )
            }
        )
    member.user = user
    member.name = name.strip()
    member.role = role
    member.is_coordinator = is_coordinator
    member.is_core = is_core or is_coordinator
    member.advice_wanted = advice_wanted
    _validate_member(member)
    if member.is_coordinator:
        _designate(member)
    member.save()
    return member


@transaction.atomic
def team_member_remove(*, member: PlanningTeamMember) -> None:
    """Take someone off the team; never the designated coordinator (hand the role over first)."""
    _lock(member.program)
    if PlanningTeamMember.objects.filter(pk=member.pk, is_coordinator=True).exists():
        raise ValidationError(
            _("%(name)s is the designated coordinator. Designate another member first, then remove them.")
            % {"name": member.display_name},
            code="coordinator",
        )
    member.delete()


# --- Planning meetings and action items --------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionItemChange:
    """One row of a meeting's action items: a new one (``item`` None), a change, or a deletion."""

    description: str = ""
    owner: object = None
    due_on: datetime.date | None = None
    item: ActionItem | None = None
    delete: bool = False


def _validate_action_item(item: ActionItem, meeting: PlanningMeeting | None) -> None:
    school = item.program.school
    if not is_staff_of(item.owner, school):
        raise ValidationError({"owner": _("Choose a staff member of %(school)s as the owner.") % {"school": school}})
    if meeting is not None and item.due_on and item.due_on < meeting.held_on:
        raise ValidationError({"due_on": _("An action item cannot be due before the meeting that decided it.")})
    item.full_clean()


def _apply_action_items(meeting: PlanningMeeting, changes: Sequence[ActionItemChange]) -> None:
    for change in changes:
        item = change.item
        if item is not None and (item.program_id != meeting.program_id or item.meeting_id != meeting.pk):
            raise ValidationError(_("That action item belongs to another meeting."), code="foreign_item")
        if change.delete:
            if item is not None:
                item.delete()
            continue
        if item is None:
            item = ActionItem(program=meeting.program, meeting=meeting)
        elif item.owner_id != getattr(change.owner, "pk", None) or item.due_on != change.due_on:
            # A new owner or a new date deserves its own reminder.
            item.reminder_sent_at = None
        item.description = change.description.strip()
        item.owner = change.owner
        item.due_on = change.due_on
        _validate_action_item(item, meeting)
        item.save()


def _validate_meeting(meeting: PlanningMeeting) -> None:
    meeting.full_clean()


@transaction.atomic
def planning_meeting_create(
    *,
    program: Program,
    held_on: datetime.date,
    agenda: str = "",
    notes: str = "",
    decisions: str = "",
    action_items: Sequence[ActionItemChange] = (),
) -> PlanningMeeting:
    """Record a planning meeting with its decisions and the action items it produced (owner and due date each)."""
    meeting = PlanningMeeting(program=program, held_on=held_on, agenda=agenda, notes=notes, decisions=decisions)
    _validate_meeting(meeting)
    meeting.save()
    _apply_action_items(meeting, [change for change in action_items if change.item is None])
    return meeting


@transaction.atomic
def planning_meeting_update(
    *,
    meeting: PlanningMeeting,
    held_on: datetime.date,
    agenda: str = "",
    notes: str = "",
    decisions: str = "",
    action_items: Sequence[ActionItemChange] = (),
) -> PlanningMeeting:
    meeting.held_on = held_on
    meeting.agenda = agenda
    meeting.notes = notes
    meeting.decisions = decisions
    _validate_meeting(meeting)
    meeting.save()
    _apply_action_items(meeting, action_items)
    # Items kept from before must still not be due before the (possibly moved) meeting.
    if meeting.action_items.filter(due_on__lt=meeting.held_on).exists():
        raise ValidationError(
            {"held_on": _("Some action items of this meeting would then be due before it. Change their dates too.")}
        )
    return meeting


def can_complete(*, access, item: ActionItem, can_manage: bool) -> bool:
    """The owner marks their own item done; the coordinator and principal may mark anyone's."""
    return can_manage or item.owner_id == getattr(access.user, "pk", None)


@transaction.atomic
def action_item_complete(*, item: ActionItem) -> ActionItem:
    """Mark the item done today (the school's day). Done twice is still done once."""
    if item.completed_on is None:
        item.completed_on = school_today(item.program.school)
        item.save(update_fields=["completed_on"])
    return item


@transaction.atomic
def action_item_reopen(*, item: ActionItem) -> ActionItem:
    item.completed_on = None
    item.save(update_fields=["completed_on"])
    return item


# --- Reminders ----------------------------------------------------------------------------------------------------


def action_item_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Email each owner, once, about their open action items due tomorrow (tomorrow at the item's school).

    Each item is claimed with a conditional ``UPDATE … WHERE reminder_sent_at IS NULL`` before its email is queued,
    so a retried task or a second worker finds nothing left to send. The emails leave after the claim commits.
    Returns the number of emails queued.
    """
    now = now or timezone.now()
    candidates = (
        ActionItem.objects.open()
        .filter(reminder_sent_at=None, owner__is_active=True)
        .exclude(owner__email="")
        .filter(due_on__gte=now.date() - datetime.timedelta(days=1), due_on__lte=now.date() + datetime.timedelta(2))
        .select_related("program__school", "owner", "meeting")
        .order_by("due_on", "pk")
    )
    claimed_by_owner: dict[int, list[ActionItem]] = defaultdict(list)
    with transaction.atomic():
        for item in candidates:
            if item.due_on != school_today(item.program.school, now=now) + datetime.timedelta(days=1):
                continue
            claimed = ActionItem.objects.filter(pk=item.pk, reminder_sent_at=None, completed_on=None).update(
                reminder_sent_at=now
            )
            if claimed:
                claimed_by_owner[item.owner_id].append(item)
        for items in claimed_by_owner.values():
            owner = items[0].owner
            context = {"owner": owner, "items": items, "due_on": items[0].due_on}
            email_queue(
                template="programs/emails/action_item_reminder", context=context, to=owner.email,
                school=items[0].program.school,
            )
    return len(claimed_by_owner)


# --- Start small, expand on purpose ---------------------------------------------------------------------------


def _validate_stage(stage: ExpansionStage) -> None:
    if stage.reached_on and stage.reached_on > school_today(stage.program.school):
        raise ValidationError({"reached_on": _("A stage cannot be reached in the future.")})
    taken = ExpansionStage.objects.filter(program=stage.program, order=stage.order)
    if stage.pk:
        taken = taken.exclude(pk=stage.pk)
    if taken.exists():
        raise ValidationError({"order": _("Step %(step)s is already in the plan.") % {"step": stage.order}})
    stage.full_clean(validate_constraints=False)


@transaction.atomic
def expansion_stage_add(
    *,
    program: Program,
    description: str,
    order: int | None = None,
    target: str = "",
    target_date: datetime.date | None = None,
    reached_on: datetime.date | None = None,
) -> ExpansionStage:
    """Add a step to the plan; without ``order`` it becomes the last step."""
    _lock(program)
    if order is None:
        last = ExpansionStage.objects.filter(program=program).order_by("-order").values_list("order", flat=True)
        order = (last.first() or 0) + 1
    stage = ExpansionStage(
        program=program, order=order, description=description, target=target, target_date=target_date,
        reached_on=reached_on,
    )
    _validate_stage(stage)
    stage.save()
    return stage


@transaction.atomic
def expansion_stage_update(
    *,
    stage: ExpansionStage,
    order: int,
    description: str,
    target: str = "",
    target_date: datetime.date | None = None,
    reached_on: datetime.date | None = None,
) -> ExpansionStage:
    _lock(stage.program)
    stage.order = order
    stage.description = description
    stage.target = target
    stage.target_date = target_date
    stage.reached_on = reached_on
    _validate_stage(stage)
    stage.save()
    return stage


@transaction.atomic
def expansion_stage_mark_reached(*, stage: ExpansionStage) -> ExpansionStage:
    """The stage was reached today; a stage already reached keeps its date."""
    if stage.reached_on is None:
        stage.reached_on = school_today(stage.program.school)
        stage.save(update_fields=["reached_on"])
    return stage


# --- Budget ---------------------------------------------------------------------------------------------------


def _validate_budget_item(item: BudgetItem) -> None:
    if item.amount is not None and Decimal(item.amount) < 0:
        raise ValidationError({"amount": _("Enter an amount of zero or more.")})
    if item.term_id and item.term.school_id != item.program.school_id:
        raise ValidationError({"term": _("Choose a term of %(school)s.") % {"school": item.program.school}})
    item.full_clean(validate_constraints=False)


@transaction.atomic
def budget_item_add(
    *,
    program: Program,
    description: str,
    category: str,
    amount: Decimal,
    term: Term | None = None,
    funding_source: str = "",
) -> BudgetItem:
    item = BudgetItem(
        program=program, description=description, category=category, amount=amount, term=term,
        funding_source=funding_source,
    )
    _validate_budget_item(item)
    item.save()
    return item


@transaction.atomic
def budget_item_update(
    *,
    item: BudgetItem,
    description: str,
    category: str,
    amount: Decimal,
    term: Term | None = None,
    funding_source: str = "",
) -> BudgetItem:
    item.description = description
    item.category = category
    item.amount = amount
    item.term = term
    item.funding_source = funding_source
    _validate_budget_item(item)
    item.save()
    return item


@transaction.atomic
def budget_item_remove(*, item: BudgetItem) -> None:
    item.delete()


# --- District approvals -----------------------------------------------------------------------------------------


def _validate_approval(approval: DistrictApproval) -> None:
    if approval.decided_on and approval.decided_on > school_today(approval.program.school):
        raise ValidationError({"decided_on": _("The district cannot have decided in the future.")})
    approval.full_clean(exclude=["document"])


@transaction.atomic
def district_approval_add(
    *,
    program: Program,
    name: str,
    status: str = DistrictApproval.Status.NEEDED,
    due_on: datetime.date | None = None,
    decided_on: datetime.date | None = None,
    notes: str = "",
    document=None,
) -> DistrictApproval:
    """Record an approval the district needs (a program plan, a course), with its document if there is one.

    The document is checked by content (PDF, DOCX, PNG, JPEG only; at most 10 MB) before anything is written."""
    approval = DistrictApproval(
        program=program, name=name, status=status, due_on=due_on, decided_on=decided_on, notes=notes
    )
    _validate_approval(approval)
    if document is not None:
        check_document(document)
    return save_with_document(approval, field="document", document=document)


@transaction.atomic
def district_approval_update(
    *,
    approval: DistrictApproval,
    name: str,
    status: str,
    due_on: datetime.date | None = None,
    decided_on: datetime.date | None = None,
    notes: str = "",
    document=None,
    remove_document: bool = False,
) -> DistrictApproval:
    """Change an approval; a new document replaces the old one, whose file is deleted once the change commits."""
    approval.name = name
    approval.status = status
    approval.due_on = due_on
    approval.decided_on = decided_on
    approval.notes = notes
    _validate_approval(approval)
    if document is not None:
        check_document(document)
    return save_with_document(approval, field="document", document=document, remove=remove_document)


# --- Participants: focus students and peers taking part -----------------------------------------------------------


@dataclass(frozen=True)
class ParticipantsAdded:
    """What ``participants_add`` did: who now takes part, who already did (left as they were), and advice."""

    added: list[ProgramParticipant]
    already: list[Student]
    warnings: list[str]


def _check_can_take_part(program: Program, student: Student) -> None:
    if student.school_id != program.school_id:
        raise ValidationError(
            _("%(name)s is not a student of %(school)s.") % {"name": student.full_name, "school": program.school},
            code="other_school",
        )
    if not student.is_active or student.anonymised_at is not None:
        raise ValidationError(
            _("%(name)s is no longer enrolled, so they cannot take part.") % {"name": student.full_name},
            code="not_enrolled",
        )


def _check_period(participant: ProgramParticipant) -> None:
    """One row is one period of taking part: its dates make sense and do not overlap another period of the same
    student in the same program."""
    today = school_today(participant.program.school)
    if participant.left_on is not None and participant.left_on > today:
        raise ValidationError({"left_on": _("The end date cannot be in the future.")})
    participant.full_clean(exclude=["program", "student"], validate_constraints=False)
    others = ProgramParticipant.objects.filter(program=participant.program, student=participant.student)
    if participant.pk:
        others = others.exclude(pk=participant.pk)
    end = participant.left_on or datetime.date.max
    overlapping = others.filter(joined_on__lte=end).filter(
        models.Q(left_on__isnull=True) | models.Q(left_on__gte=participant.joined_on)
    )
    if overlapping.exists():
        raise ValidationError(
            {"joined_on": _("%(name)s already took part in this program at that time. Choose dates after their "
                            "earlier period.") % {"name": participant.student.full_name}}
        )


@transaction.atomic
def participant_join(*, program: Program, student: Student, joined_on: datetime.date | None = None):
    """Put one student into the program from ``joined_on`` (the school's today by default).

    Returns ``(participant, created)``. Someone already taking part is left as they are (``created`` False);
    someone who left before starts a new period, so the earlier one stays in the record. A student of another
    school, or no longer enrolled, is refused with a ValidationError and nothing is written.
    """
    _check_can_take_part(program, student)
    # Joins of one program happen one at a time, so two requests cannot both start a period for one student.
    _lock(program)
    current = ProgramParticipant.objects.filter(
        program=program, student=student, status=ProgramParticipant.Status.ACTIVE
    ).first()
    if current is not None:
        return current, False
    participant = ProgramParticipant(
        program=program, student=student, joined_on=joined_on or school_today(program.school),
        status=ProgramParticipant.Status.ACTIVE,
    )
    _check_period(participant)
    participant.save()
    return participant, True


def _grade_advice(program: Program, students: Sequence[Student]) -> list[str]:
    outside = [s for s in students if not program.lowest_grade <= s.grade <= program.highest_grade]
    if not outside:
        return []
    return [
        _("%(names)s: not in the program's grades (%(low)s to %(high)s). They take part all the same; change the "
          "program's grades if it now welcomes them.")
        % {
            "names": ", ".join(f"{s.full_name} ({s.get_grade_display()})" for s in outside),
            "low": program.get_lowest_grade_display(),
            "high": program.get_highest_grade_display(),
        }
    ]


@transaction.atomic
def participants_add(
    *, program: Program, students: Iterable[Student], joined_on: datetime.date | None = None
) -> ParticipantsAdded:
    """Put several focus students and peers into the program at once, from ``joined_on``.

    All or nothing: one student of another school (or no longer enrolled) refuses the whole batch. Someone already
    taking part is left as they are and reported in ``already``; nobody is added twice. Students outside the
    program's grades are added with a warning (the guide leaves who may join to the planning team).
    """
    students = list(dict.fromkeys(students))
    if not students:
        raise ValidationError({"students": _("Choose at least one student to add.")})
    for student in students:
        _check_can_take_part(program, student)
    added, already = [], []
    for student in students:
        participant, created = participant_join(program=program, student=student, joined_on=joined_on)
        (added if created else already).append(participant if created else student)
    return ParticipantsAdded(
        added=added, already=already, warnings=_grade_advice(program, [p.student for p in added])
    )


@transaction.atomic
def participant_remove(*, participant: ProgramParticipant, left_on: datetime.date | None = None) -> ProgramParticipant:
    """End the student's period in the program on ``left_on`` (the school's today by default).

    The row stays (status "left", with its end date): who took part, and when, is kept. Removing someone who has
    already left is refused."""
    _lock(participant.program)
    participant = ProgramParticipant.objects.select_for_update().select_related("program__school", "student").get(
        pk=participant.pk
    )
    if not participant.is_active:
        raise ValidationError(
            _("%(name)s has already left this program.") % {"name": participant.student.full_name}, code="left"
        )
    participant.status = ProgramParticipant.Status.LEFT
    participant.left_on = left_on or school_today(participant.program.school)
    _check_period(participant)
    participant.save(update_fields=["status", "left_on"])
    return participant


@transaction.atomic
def participant_update_dates(
    *, participant: ProgramParticipant, joined_on: datetime.date, left_on: datetime.date | None = None
) -> ProgramParticipant:
    """Correct the start date, and for someone who has left the end date. Someone taking part has no end date
    (remove them to end their period); someone who has left keeps one."""
    _lock(participant.program)
    if participant.is_active and left_on is not None:
        raise ValidationError({"left_on": _("Someone still taking part has no end date. Remove them instead.")})
    if not participant.is_active and left_on is None:
        raise ValidationError({"left_on": _("Give the date they left the program.")})
    participant.joined_on = joined_on
    participant.left_on = left_on
    _check_period(participant)
    participant.save(update_fields=["joined_on", "left_on"])
    return participant


# --- Action items decided outside a planning meeting, and the meeting-agenda builder -------------------------------


@transaction.atomic
def action_item_add(*, program: Program, description: str, owner, due_on: datetime.date) -> ActionItem:
    """An action item of the program decided elsewhere than at a planning meeting (a follow-up meeting with peers):
    the same row as a planning meeting's, listed, reminded and completed with the program's other items."""
    item = ActionItem(program=program, description=description.strip(), owner=owner, due_on=due_on)
    _validate_action_item(item, None)
    item.save()
    return item


def agenda_compose(*, steps=(), action_items=(), questions=(), other: str = "") -> str:
    """The agenda as text, in the order the team goes through it: the playbook's steps, open action items, the
    guide's questions, then anything else. ``questions`` are the questions' words; empty parts are left out."""
    parts = []
    if steps:
        lines = [_("From the year playbook")]
        for step in steps:
            lines.append(_("- %(step)s (due %(date)s)") % {"step": step.title, "date": step.due_on.isoformat()})
        parts.append("\n".join(lines))
    if action_items:
        lines = [_("Open action items")]
        for item in action_items:
            lines.append(_("- %(item)s (%(owner)s, due %(date)s)") % {
                "item": item.description, "owner": item.owner.display_name, "date": item.due_on.isoformat()})
        parts.append("\n".join(lines))
    if questions:
        parts.append("\n".join([_("Questions for the team"), *(f"- {question}" for question in questions)]))
    if other.strip():
        parts.append("\n".join([_("Also"), other.strip()]))
    return "\n\n".join(parts)


@transaction.atomic
def planning_meeting_agenda_save(*, meeting: PlanningMeeting, agenda: str) -> PlanningMeeting:
    meeting.agenda = agenda.strip()
    meeting.full_clean()
    meeting.save(update_fields=["agenda"])
    return meeting


@transaction.atomic
def agenda_email_team(
    *, program: Program, meeting_title: str, held_on: datetime.date | None, agenda: str
) -> int:
    """Email the agenda to every member of the planning team with an account and an address (through the outbox,
    in this transaction). Refused when there is no agenda yet or nobody to send it to. Returns how many."""
    if not agenda.strip():
        raise ValidationError(_("Build and save the agenda first."), code="no_agenda")
    recipients = sorted({user.email for user in team_users(program=program) if user.is_active and user.email})
    if not recipients:
        raise ValidationError(_("No one on the planning team has an email address."), code="no_recipients")
    context = {"program": program, "meeting_title": meeting_title, "held_on": held_on, "agenda": agenda}
    for address in recipients:
        email_queue(template="programs/emails/meeting_agenda", context=context, to=address, school=program.school)
    return len(recipients)
