"""What an import would change: records from a reader, compared with the school's roster, as a plan.

The same plan is built for the preview and again, inside the import's transaction, right before it is carried
out, so the preview and the result agree and a roster changed in between is taken into account. Reads only: the
writes are ``services.roster_import_apply``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Guardian, School, SchoolClass, Student, Term
from .records import REPORT_LIST_LIMIT, ClassRecord, ParsedRoster, Report, Session, Source

CREATE, UPDATE, DEACTIVATE, UNCHANGED = "create", "update", "deactivate", "unchanged"
ACTIONS = (CREATE, UPDATE, DEACTIVATE, UNCHANGED)
# Shown in the preview as "changed", never with their values.
PRIVATE_FIELDS = {"date_of_birth", "email", "phone"}
# Validated by planning itself (in-file duplicates, lookups by id) and by the database constraints; checking them
# row by row here would cost a query per row. Foreign keys are excluded for the same reason.
_CLEAN_OPTIONS = {"validate_unique": False, "validate_constraints": False}


@dataclass
class Change:
    action: str
    what: str  # "student", "guardian" or "class"
    label: str
    source_id: str
    instance: object
    details: list[str] = field(default_factory=list)
    student_source_id: str = ""  # guardians: whose
    student_ids: set[str] | None = None  # classes: the students it will have (source ids), when they change
    fields: list[str] = field(default_factory=list)  # updates: the model fields that change (saved in bulk)

    def as_json(self) -> dict:
        return {
            "action": self.action,
            "what": self.what,
            "label": self.label,
            "source_id": self.source_id,
            "details": "; ".join(self.details),
        }


@dataclass
class Removals:
    """What a file takes away, against what the school has: a truncated export must not pass for a roster.

    A bulk file replaces each class's students and may deactivate students. When it would take away more than half
    of the school's class enrolments or of its students from the student information system, or takes any away
    while it holds no enrolments (or no students) at all, the coordinator confirms the numbers before it is applied.
    """

    enrolments_removed: int = 0
    enrolments_total: int = 0
    file_enrolments: int = 0
    students_deactivated: int = 0
    students_total: int = 0
    file_students: int = 0

    @property
    def too_many_enrolments(self) -> bool:
        removed = self.enrolments_removed
        return removed > 0 and (removed * 2 > self.enrolments_total or self.file_enrolments == 0)

    @property
    def too_many_students(self) -> bool:
        removed = self.students_deactivated
        return removed > 0 and (removed * 2 > self.students_total or self.file_students == 0)

    @property
    def needs_confirmation(self) -> bool:
        return self.too_many_enrolments or self.too_many_students

    @property
    def token(self) -> str:
        """What the confirmation names: the coordinator agrees to these numbers, not to whatever the file does."""
        return f"{self.enrolments_removed}-{self.students_deactivated}"

    def as_json(self) -> dict:
        return {
            "enrolments_removed": self.enrolments_removed,
            "enrolments_total": self.enrolments_total,
            "file_enrolments": self.file_enrolments,
            "students_deactivated": self.students_deactivated,
            "students_total": self.students_total,
            "file_students": self.file_students,
            "too_many_enrolments": self.too_many_enrolments,
            "too_many_students": self.too_many_students,
            "needs_confirmation": self.needs_confirmation,
            "token": self.token,
        }


@dataclass
class Plan:
    school: School
    students: list[Change] = field(default_factory=list)
    guardians: list[Change] = field(default_factory=list)
    classes: list[Change] = field(default_factory=list)
    students_by_source_id: dict[str, Student] = field(default_factory=dict)
    link_org: str = ""  # the org to remember as the school's, on its first OneRoster import
    removals: Removals = field(default_factory=Removals)
    # Students of the school the file does not name, and what becomes of them (label, SIS id, outcome), by name.
    absent: list[dict] = field(default_factory=list)
    absent_total: int = 0

    @property
    def changes(self) -> list[Change]:
        return [c for c in (*self.students, *self.guardians, *self.classes) if c.action != UNCHANGED]

    def counts(self) -> dict:
        counts = {}
        for what, changes in (("students", self.students), ("guardians", self.guardians), ("classes", self.classes)):
            counts[what] = {action: sum(1 for c in changes if c.action == action) for action in ACTIONS}
        return counts


def build_plan(*, school: School, parsed: ParsedRoster, new_student_kind: str, report: Report) -> Plan:
    plan = Plan(school=school)
    if parsed.org is not None and not school.source_id:
        taken = School.objects.filter(district=school.district_id, source_id=parsed.org.source_id).exclude(pk=school.pk)
        other = taken.first()
        if other is not None:
            report.error(
                Source("orgs.csv", None, "sourcedId"),
                _("%(other)s is already linked to the org “%(org)s”. Choose this school's own org.")
                % {"other": other.name, "org": parsed.org.name},
            )
            return plan
        plan.link_org = parsed.org.source_id
    _plan_students(plan, parsed, new_student_kind, report)
    _plan_guardians(plan, parsed, report)
    removed_from = _plan_classes(plan, parsed, report)
    _plan_removals(plan, parsed, removed_from)
    return plan


def _plan_removals(plan: Plan, parsed: ParsedRoster, removed_from: dict[str, list[str]]) -> None:
    removals = plan.removals
    removals.enrolments_total = SchoolClass.students.through.objects.filter(schoolclass__school=plan.school).count()
    removals.file_enrolments = sum(len(record.student_ids) for record in parsed.classes)
    removals.students_deactivated = sum(1 for change in plan.students if change.action == DEACTIVATE)
    removals.file_students = sum(1 for record in parsed.students if record.active)
    in_file = {record.source_id for record in parsed.students}
    absent = []
    for student in Student.objects.filter(school=plan.school, is_active=True).order_by("last_name", "first_name"):
        if student.source_id:
            removals.students_total += 1
        if student.source_id and student.source_id in in_file:
            continue
        classes = removed_from.get(student.source_id) if student.source_id else None
        if classes:
            outcome = _("Stays on the roster; taken out of %(classes)s") % {"classes": ", ".join(sorted(classes))}
        elif student.source_id:
            outcome = _("Stays on the roster; nothing changes")
        else:
            outcome = _("Added by hand here: stays on the roster; nothing changes")
        plan.absent_total += 1
        if len(absent) < REPORT_LIST_LIMIT:
            absent.append({"label": student.full_name, "source_id": student.source_id, "outcome": outcome})
    plan.absent = absent


def _validate(instance, record, exclude, report: Report) -> bool:
    try:
        instance.full_clean(exclude=exclude, **_CLEAN_OPTIONS)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            source = record.sources.get(name, record.row)
            if not report.has_error_at(source):
                report.error(source, " ".join(messages))
        return False
    return True


def _shown(instance, name: str, value) -> str:
    model_field = instance._meta.get_field(name)
    if model_field.choices:
        value = dict(model_field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value) if value not in (None, "") else "—"


def _apply_fields(instance, values: dict) -> tuple[list[str], list[str]]:
    """Set the values that differ; describe each change in words (private values are not repeated). Returns the
    words and the names of the fields changed (the apply step updates only those, in bulk)."""
    details, changed = [], []
    for name, value in values.items():
        old = getattr(instance, name)
        if old == value:
            continue
        label = instance._meta.get_field(name).verbose_name
        if name in PRIVATE_FIELDS:
            details.append(_("%(field)s changed") % {"field": label})
        else:
            details.append(_("%(field)s: %(old)s → %(new)s")
                           % {"field": label, "old": _shown(instance, name, old), "new": _shown(instance, name, value)})
        setattr(instance, name, value)
        changed.append(name)
    return details, changed


def _plan_students(plan: Plan, parsed: ParsedRoster, new_student_kind: str, report: Report) -> None:
    existing = {s.source_id: s for s in Student.objects.filter(school=plan.school).exclude(source_id="")}
    for student in existing.values():
        student.school = plan.school  # validation reads the school's grades: one object, not a query per student
    plan.students_by_source_id.update(existing)
    for record in parsed.students:
        student = existing.get(record.source_id)
        if not record.active:
            if student is None:
                report.skip(record.row, record=record.label,
                            reason=_("Marked to be deleted, and not on this school's roster"))
            elif student.is_active:
                student.is_active = False
                plan.students.append(Change(DEACTIVATE, "student", record.label, record.source_id, student,
                                            [_("no longer enrolled")], fields=["is_active"]))
            else:
                plan.students.append(Change(UNCHANGED, "student", record.label, record.source_id, student))
            continue
        if student is None:
            missing = [name for name in ("first_name", "last_name", "grade") if name not in record.fields]
            for name in missing:
                source = record.sources.get(name, record.row)
                if not report.has_error_at(source):  # a grade that could not be read is already reported
                    report.error(source, _("A new student needs a %(field)s; this row has none.")
                                 % {"field": Student._meta.get_field(name).verbose_name})
            if missing:
                continue
            student = Student(school=plan.school, source_id=record.source_id,
                              kind=record.kind or new_student_kind, **record.fields)
            change = Change(CREATE, "student", record.label, record.source_id, student)
        else:
            values = dict(record.fields)
            if record.kind:
                values["kind"] = record.kind
            values["is_active"] = True
            details, changed = _apply_fields(student, values)
            change = Change(UPDATE if details else UNCHANGED, "student", record.label, record.source_id, student,
                            details, fields=changed)
        if change.action != UNCHANGED and not _validate(student, record, ["school", "user"], report):
            continue
        plan.students_by_source_id[record.source_id] = student
        plan.students.append(change)


def _plan_guardians(plan: Plan, parsed: ParsedRoster, report: Report) -> None:
    if not parsed.guardians:
        return
    by_student: dict[int, list[Guardian]] = {}
    for guardian in Guardian.objects.filter(student__school=plan.school).order_by("-is_primary", "pk"):
        by_student.setdefault(guardian.student_id, []).append(guardian)
    deactivated = {c.source_id for c in plan.students if c.action == DEACTIVATE}
    planned: dict[str, list[Guardian]] = {}
    for record in parsed.guardians:
        student = plan.students_by_source_id.get(record.student_source_id)
        if student is None:
            # A student row with an error is not planned; its error already explains the guardian.
            if not report.has_errors:
                report.skip(record.row, record=record.label, reason=_("The student is not on this school's roster"))
            continue
        if record.student_source_id in deactivated or not student.is_active:
            report.skip(record.row, record=record.label, reason=_("The student is no longer enrolled"))
            continue
        known = by_student.get(student.pk, []) if student.pk else []
        guardian = _match_guardian(known, record)
        if guardian is None:
            siblings = planned.setdefault(record.student_source_id, [])
            guardian = Guardian(student=student, source_id=record.source_id, **record.fields)
            guardian.is_primary = not known and not siblings
            siblings.append(guardian)
            change = Change(CREATE, "guardian", record.label, record.source_id, guardian)
        else:
            values = dict(record.fields)
            if record.source_id and not guardian.source_id:
                values["source_id"] = record.source_id
            details, changed = _apply_fields(guardian, values)
            change = Change(UPDATE if details else UNCHANGED, "guardian", record.label, record.source_id, guardian,
                            details, fields=changed)
        change.student_source_id = record.student_source_id
        if change.action != UNCHANGED and not _validate(guardian, record, ["student"], report):
            continue
        plan.guardians.append(change)


def _match_guardian(known: list[Guardian], record) -> Guardian | None:
    """By the SIS id when there is one; otherwise (or for a guardian typed in by hand) by name or email."""
    if record.source_id:
        for guardian in known:
            if guardian.source_id == record.source_id:
                return guardian
    name = record.fields.get("name", "").casefold()
    email = record.fields.get("email", "").casefold()
    for guardian in known:
        if record.source_id and guardian.source_id:
            continue
        if guardian.name.casefold() == name or (email and guardian.email.casefold() == email):
            return guardian
    return None


def _plan_classes(plan: Plan, parsed: ParsedRoster, report: Report) -> dict[str, list[str]]:
    """Plan the classes; the titles of the classes each student (by SIS id) is taken out of."""
    removed_from: dict[str, list[str]] = {}
    if not parsed.classes:
        return removed_from
    existing = {
        c.source_id: c
        for c in SchoolClass.objects.filter(school=plan.school)
        .exclude(source_id="")
        .select_related("term")  # validation compares the term's school: not a query per class
        .prefetch_related(Prefetch("students", queryset=Student.objects.only("pk", "source_id")))
    }
    terms = list(Term.objects.filter(school=plan.school))
    deactivated = {c.source_id for c in plan.students if c.action == DEACTIVATE}
    for record in parsed.classes:
        klass = existing.get(record.source_id)
        values = dict(record.fields)
        term = _match_term(record.sessions, terms)
        if term is not None:
            values["term"] = term
        elif record.sessions:
            report.note(record.sources.get("title", record.row),
                        _("No term of this school matches the sessions of class %(class)s (%(sessions)s); it is "
                          "imported without a term.")
                        % {"class": record.label, "sessions": ", ".join(s.title for s in record.sessions)})
        if klass is None:
            klass = SchoolClass(school=plan.school, source_id=record.source_id, **values)
            action, details, changed, current = CREATE, [], [], set()
        else:
            details, changed = _apply_fields(klass, values)
            action = UPDATE if details else UNCHANGED
            current = {s.source_id for s in klass.students.all() if s.source_id}
        wanted = _class_students(record, current, deactivated)
        change = Change(action, "class", record.label, record.source_id, klass, details, fields=changed)
        if wanted != current:
            added, removed = len(wanted - current), len(current - wanted)
            change.student_ids = wanted
            if klass.pk:
                change.details.append(_("students: %(added)s added, %(removed)s removed")
                                      % {"added": added, "removed": removed})
                change.action = UPDATE
                for source_id in current - wanted:
                    removed_from.setdefault(source_id, []).append(klass.title)
                if record.replace_students:  # a delta file's removals are each asked for by name
                    plan.removals.enrolments_removed += removed
        if change.action != UNCHANGED and not _validate(klass, record, ["school", "term", "period"], report):
            continue
        plan.classes.append(change)
    return removed_from


def _class_students(record: ClassRecord, current: set[str], deactivated: set[str]) -> set[str]:
    if record.replace_students:
        wanted = set(record.student_ids)
    else:
        wanted = (current | record.student_ids) - record.removed_student_ids
    return wanted - deactivated


def _match_term(sessions: list[Session], terms: list[Term]) -> Term | None:
    """A term with the session's title, or its exact dates; the current one first when several match."""
    matches = []
    for session in sessions:
        for term in terms:
            same_name = term.name.strip().casefold() == session.title.strip().casefold()
            same_dates = session.start is not None and (session.start, session.end) == (term.start_date, term.end_date)
            if same_name or same_dates:
                matches.append(term)
                break
    today = timezone.localdate()
    current = [term for term in matches if term.start_date <= today <= term.end_date]
    return (current or matches or [None])[0]
