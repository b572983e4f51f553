"""OneRoster 1.1 and 1.2 CSV → records for one org (the school's).

Files used: orgs, users (and in 1.2 roles), classes, enrollments, academicSessions, demographics (birth dates) and
manifest (version, bulk or delta). Others (courses, userProfiles, …) are tolerated and not read. Real files are
untidy: rows of other orgs, ``tobedeleted`` rows, references to rows that are not there, quoted lists, CRLF and
mixed date formats. None of those stops an import; each is skipped or noted in the report with its reason. What
would import wrong data (a bad date, an unknown grade, a duplicate id, a missing column) is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .files import Member, Table, read_csv
from .records import (
    ClassRecord,
    GuardianRecord,
    Org,
    ParsedRoster,
    Report,
    Session,
    Source,
    StudentRecord,
    birth_date_problem,
    clean_text,
    date_problem,
    grade_problem,
    parse_date,
    parse_grade,
    split_list,
)

# Spelling of each file name as the specification writes it; uploads are matched without regard to case.
FILE_NAMES = {
    name.lower(): name
    for name in (
        "manifest.csv",
        "orgs.csv",
        "users.csv",
        "roles.csv",
        "classes.csv",
        "enrollments.csv",
        "academicSessions.csv",
        "demographics.csv",
        "courses.csv",
        "userProfiles.csv",
        "categories.csv",
        "classResources.csv",
        "courseResources.csv",
        "lineItems.csv",
        "resources.csv",
        "results.csv",
        "scoreScales.csv",
        "lineItemLearningObjectiveIds.csv",
        "resultLearningObjectiveIds.csv",
        "lineItemScoreScales.csv",
        "resultScoreScales.csv",
    )
}
REQUIRED_FILES = ("orgs.csv", "users.csv")
SUPPORTED_VERSIONS = ("1.1", "1.2")
GUARDIAN_ROLES = ("parent", "guardian", "relative")

# (required, optional) columns of the files we read, as the specification spells them.
COLUMNS = {
    "manifest.csv": (("propertyName", "value"), ()),
    "orgs.csv": (("sourcedId", "name"), ("status", "type", "parentSourcedId")),
    "users.csv": (
        ("sourcedId", "givenName", "familyName"),
        ("status", "role", "orgSourcedIds", "primaryOrgSourcedId", "grades", "agentSourcedIds", "email", "phone",
         "sms", "preferredGivenName"),
    ),
    "roles.csv": (("userSourcedId", "role", "orgSourcedId"), ("status", "roleType")),
    "classes.csv": (
        ("sourcedId", "title", "schoolSourcedId"),
        ("status", "classCode", "classType", "location", "termSourcedIds", "periods"),
    ),
    "enrollments.csv": (("sourcedId", "classSourcedId", "userSourcedId", "role"), ("status", "primary")),
    "academicsessions.csv": (("sourcedId", "title", "startDate", "endDate"), ("status", "parentSourcedId")),
    "demographics.csv": (("sourcedId",), ("status", "birthDate")),
}


def is_oneroster_name(name: str) -> bool:
    return name.lower() in FILE_NAMES


@dataclass
class _Rows:
    """One file's rows as dicts keyed by the specification's column names."""

    file: str
    columns: set[str]
    rows: list[tuple[int, dict[str, str]]]


@dataclass
class _User:
    source_id: str
    row: Source
    active: bool
    given: str
    family: str
    preferred: str
    grades: str
    agents: list[str]
    email: str
    phone: str
    roles: set[tuple[str, str]] = field(default_factory=set)  # (role, org sourcedId)

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}".strip() or self.source_id

    @property
    def role_names(self) -> list[str]:
        return sorted({role for role, _org in self.roles})

    def is_student_at(self, org: str) -> bool:
        return ("student", org) in self.roles

    @property
    def is_guardian(self) -> bool:
        return any(role in GUARDIAN_ROLES for role, _org in self.roles)

    @property
    def orgs(self) -> list[str]:
        return sorted({org for _role, org in self.roles})


def _columns_of(table: Table, key: str, report: Report) -> _Rows | None:
    required, optional = COLUMNS[key]
    by_lower = {name.lower(): index for index, name in enumerate(table.header)}
    missing = [name for name in required if name.lower() not in by_lower]
    for name in missing:
        report.error(
            Source(table.file, 1, name),
            _("The column “%(column)s” is missing. Check that this is the OneRoster export and that its first line "
              "(the header) is intact.") % {"column": name},
        )
    if missing:
        return None
    present = {name: by_lower[name.lower()] for name in (*required, *optional) if name.lower() in by_lower}
    rows = [(line, {name: values[index].strip() for name, index in present.items()}) for line, values in table.rows]
    return _Rows(file=table.file, columns=set(present), rows=rows)


def _is_deleted(value: str, source: Source, report: Report) -> bool | None:
    """Blank and ``active`` are active; ``tobedeleted`` (and 1.0's ``inactive``) are not; anything else is an error."""
    status = value.strip().lower()
    if status in ("", "active"):
        return False
    if status in ("tobedeleted", "inactive"):
        return True
    report.error(source.at("status"), _("“%(value)s” is not a status: use active or tobedeleted.") % {"value": value})
    return None


def _unique(rows: _Rows, column: str, report: Report) -> list[tuple[int, dict[str, str]]]:
    """Rows whose id is present and seen once; a repeated id is an error naming both lines."""
    seen: dict[str, int] = {}
    kept = []
    for line, row in rows.rows:
        value = row[column]
        if not value:
            report.error(Source(rows.file, line, column), _("The id is empty; every row needs one."))
            continue
        if value in seen:
            report.error(
                Source(rows.file, line, column),
                _("The id “%(id)s” is also on line %(first)s. Each id may appear once in a file.")
                % {"id": value, "first": seen[value]},
            )
            continue
        seen[value] = line
        kept.append((line, row))
    return kept


class _Reader:
    def __init__(self, members: dict[str, bytes | Member], *, org_source_id: str, report: Report, progress):
        self.members = members
        self.org_source_id = org_source_id
        self.report = report
        self.progress = progress
        self.rows: dict[str, _Rows] = {}
        self.version = ""
        self.enrollments_delta = False

    # -- files --

    def load(self) -> bool:
        report = self.report
        for key, display in FILE_NAMES.items():
            if key in COLUMNS and key in self.members:
                table = read_csv(self.members[key], file=display, report=report)
                if table is not None:
                    rows = _columns_of(table, key, report)
                    if rows is not None:
                        self.rows[key] = rows
        for name in sorted(self.members):
            if name not in FILE_NAMES:
                report.note(Source(name), _("This is not a OneRoster file; it was not read."))
        for key in REQUIRED_FILES:
            if key not in self.members:
                report.error(Source(FILE_NAMES[key]), _("This file is missing: every OneRoster import needs it."))
        # A file that could not be read is left out and its errors stand; the others are still checked, so that
        # every problem is listed at once. Without orgs.csv and users.csv there is nothing to check them against.
        if any(key not in self.rows for key in REQUIRED_FILES):
            return False
        return self._read_manifest() and self._check_user_roles()

    def _read_manifest(self) -> bool:
        properties = {row["propertyName"]: (line, row["value"]) for line, row in self.rows_of("manifest.csv")}
        line, version = properties.get("oneroster.version", (None, ""))
        if version and version not in SUPPORTED_VERSIONS:
            self.report.error(
                Source("manifest.csv", line, "value"),
                _("This is OneRoster version %(version)s; we import versions 1.1 and 1.2.") % {"version": version},
            )
            return False
        users = self.rows["users.csv"]
        self.version = version or ("1.1" if "role" in users.columns else "1.2")
        self.enrollments_delta = properties.get("file.enrollments", (None, ""))[1].lower() == "delta"
        return True

    def _check_user_roles(self) -> bool:
        users = self.rows["users.csv"]
        if {"role", "orgSourcedIds"} <= users.columns or "roles.csv" in self.rows:
            return True
        self.report.error(
            Source("users.csv", 1, "role"),
            _("users.csv has no role and orgSourcedIds columns, and there is no roles.csv (where OneRoster 1.2 "
              "keeps them), so we cannot tell students from staff or which school they belong to."),
        )
        return False

    def rows_of(self, key: str) -> list[tuple[int, dict[str, str]]]:
        return self.rows[key].rows if key in self.rows else []

    @property
    def total_rows(self) -> int:
        return sum(len(rows.rows) for rows in self.rows.values())

    # -- orgs and the org choice --

    def orgs(self) -> dict[str, tuple[Source, dict]]:
        orgs = {}
        for line, row in _unique(self.rows["orgs.csv"], "sourcedId", self.report):
            orgs[row["sourcedId"]] = (Source("orgs.csv", line), row)
            self.progress.advance()
        for source, row in orgs.values():
            parent = row.get("parentSourcedId", "")
            if parent and parent not in orgs:
                self.report.note(
                    source.at("parentSourcedId"),
                    _("The parent org “%(id)s” of %(name)s is not in orgs.csv; it is not needed for the import.")
                    % {"id": parent, "name": row["name"]},
                )
        return orgs

    def users(self) -> dict[str, _User]:
        roles_by_user: dict[str, set[tuple[str, str]]] = {}
        if "roles.csv" in self.rows:
            for line, row in self.rows_of("roles.csv"):
                self.progress.advance()
                deleted = _is_deleted(row.get("status", ""), Source("roles.csv", line), self.report)
                if deleted is False:
                    roles_by_user.setdefault(row["userSourcedId"], set()).add(
                        (row["role"].lower(), row["orgSourcedId"])
                    )
        users = {}
        for line, row in _unique(self.rows["users.csv"], "sourcedId", self.report):
            self.progress.advance()
            source = Source("users.csv", line)
            # A status that is not one is an error; the row is still checked as an active one.
            deleted = _is_deleted(row.get("status", ""), source, self.report)
            user = _User(
                source_id=row["sourcedId"],
                row=source,
                active=not deleted,
                given=clean_text(row["givenName"]),
                family=clean_text(row["familyName"]),
                preferred=clean_text(row.get("preferredGivenName", "")),
                grades=row.get("grades", ""),
                agents=split_list(row.get("agentSourcedIds", "")),
                email=row.get("email", ""),
                phone=row.get("phone", "") or row.get("sms", ""),
            )
            if row.get("role"):
                orgs = split_list(row.get("orgSourcedIds", "")) or split_list(row.get("primaryOrgSourcedId", ""))
                user.roles = {(row["role"].lower(), org) for org in orgs}
            user.roles |= roles_by_user.get(user.source_id, set())
            users[user.source_id] = user
        return users


def read(members: dict[str, bytes | Member], *, org_source_id: str, report: Report, progress) -> ParsedRoster:
    """Read a OneRoster upload (CSV files by lower-case name) for the org ``org_source_id``.

    With no org id yet, only the org choices are filled (``ParsedRoster.needs_org``).
    """
    reader = _Reader(members, org_source_id=org_source_id, report=report, progress=progress)
    parsed = ParsedRoster(format_label="OneRoster")
    if not reader.load():
        return parsed
    parsed.format_label = f"OneRoster {reader.version}"
    parsed.rows_read = reader.total_rows
    progress.start(reader.total_rows)

    orgs = reader.orgs()
    users = reader.users()
    if not org_source_id:
        parsed.org_choices = _org_choices(orgs, users)
        if not parsed.org_choices:
            report.error(Source("orgs.csv"), _("orgs.csv lists no org, so there is no school to import."))
        return parsed
    if org_source_id not in orgs:
        report.error(
            Source("orgs.csv", None, "sourcedId"),
            _("The file has no org with the id “%(id)s”, the one this school is linked to. Orgs in the file: "
              "%(orgs)s. Export the roster of this school, or ask support to change the school's link.")
            % {"id": org_source_id, "orgs": ", ".join(f"{row['name']} ({key})" for key, (_s, row) in orgs.items())},
        )
        return parsed
    org_row = orgs[org_source_id][1]
    parsed.org = Org(org_source_id, org_row["name"], org_row.get("type", ""), 0)
    _Interpreter(reader, parsed, orgs, users).run()
    return parsed


def _org_choices(orgs, users) -> list[Org]:
    students = {}
    for user in users.values():
        for role, org in user.roles:
            if role == "student" and user.active:
                students[org] = students.get(org, 0) + 1
    choices = [
        Org(key, row["name"], row.get("type", ""), students.get(key, 0))
        for key, (_source, row) in orgs.items()
        if not _is_deleted_quietly(row.get("status", ""))
    ]
    return sorted(choices, key=lambda org: (-org.students, org.name))


def _is_deleted_quietly(value: str) -> bool:
    return value.strip().lower() in ("tobedeleted", "inactive")


class _Interpreter:
    """Turns the rows of one org into records, skipping and noting the rest."""

    def __init__(self, reader: _Reader, parsed: ParsedRoster, orgs, users: dict[str, _User]):
        self.reader = reader
        self.report = reader.report
        self.progress = reader.progress
        self.parsed = parsed
        self.org = reader.org_source_id
        self.orgs = orgs
        self.users = users
        self.students: dict[str, StudentRecord] = {}
        self.classes: dict[str, ClassRecord] = {}

    def org_names(self, ids) -> str:
        names = [f"{self.orgs[org][1]['name']} ({org})" if org in self.orgs else org for org in ids]
        return ", ".join(names) or _("none")

    def run(self) -> None:
        self.read_students()
        self.read_birth_dates()
        sessions = self.read_sessions()
        self.read_classes(sessions)
        self.read_enrollments()
        self.set_homerooms()
        self.read_guardians()
        self.parsed.students = list(self.students.values())
        self.parsed.classes = list(self.classes.values())

    def read_students(self) -> None:
        report = self.report
        for user in self.users.values():
            if user.is_student_at(self.org):
                self.students[user.source_id] = self.student_record(user)
            elif user.is_guardian:
                continue  # read_guardians links or explains them
            elif any(org == self.org for _role, org in user.roles):
                report.skip(
                    user.row,
                    record=user.name,
                    reason=_("Not a student: staff and other roles are not imported"),
                    detail=_("Role: %(roles)s") % {"roles": ", ".join(user.role_names)},
                )
            elif not user.roles:
                report.skip(user.row, record=user.name, reason=_("No role at any school or org"))
            else:
                report.skip(
                    user.row,
                    record=user.name,
                    reason=_("Belongs to another school or org"),
                    detail=_("%(roles)s at %(orgs)s") % {
                        "roles": ", ".join(user.role_names), "orgs": self.org_names(user.orgs)
                    },
                )

    def student_record(self, user: _User) -> StudentRecord:
        record = StudentRecord(source_id=user.source_id, row=user.row, label=user.name, active=user.active)
        record.sources["source_id"] = user.row.at("sourcedId")
        if not user.active:
            return record
        source = user.row
        if user.given:
            record.set("first_name", user.given, source.at("givenName"))
        if user.family:
            record.set("last_name", user.family, source.at("familyName"))
        if user.preferred:
            record.set("preferred_name", user.preferred, source.at("preferredGivenName"))
        grades = split_list(user.grades)
        if grades:
            try:
                record.set("grade", parse_grade(grades[0]), source.at("grades"))
            except ValueError:
                self.report.error(source.at("grades"), grade_problem(grades[0]))
            if len(grades) > 1:
                self.report.note(
                    source.at("grades"),
                    _("%(name)s has several grades (%(grades)s); the first is used.")
                    % {"name": user.name, "grades": ", ".join(grades)},
                )
        record.sources.setdefault("grade", source.at("grades"))
        record.sources.setdefault("first_name", source.at("givenName"))
        record.sources.setdefault("last_name", source.at("familyName"))
        return record

    def read_birth_dates(self) -> None:
        if "demographics.csv" not in self.reader.rows:
            return
        for line, row in _unique(self.reader.rows["demographics.csv"], "sourcedId", self.report):
            self.progress.advance()
            source = Source("demographics.csv", line)
            record = self.students.get(row["sourcedId"])
            if record is None or not record.active or _is_deleted(row.get("status", ""), source, self.report):
                continue
            value = row.get("birthDate", "")
            try:
                birth_date = parse_date(value)
            except ValueError:
                self.report.error(source.at("birthDate"), date_problem(value))
                continue
            if birth_date is None:
                continue
            problem = birth_date_problem(birth_date)
            if problem:
                self.report.error(source.at("birthDate"), problem)
            else:
                record.set("date_of_birth", birth_date, source.at("birthDate"))

    def read_sessions(self) -> dict[str, Session | None]:
        """Sessions by id; a session marked to be deleted maps to None (classes then do not use it)."""
        rows = self.reader.rows.get("academicsessions.csv")
        if rows is None:
            return {}
        sessions: dict[str, Session | None] = {}
        for line, row in _unique(rows, "sourcedId", self.report):
            self.progress.advance()
            source = Source(rows.file, line)
            deleted = _is_deleted(row.get("status", ""), source, self.report)
            if deleted:
                sessions[row["sourcedId"]] = None
                self.report.skip(source, record=row["title"] or row["sourcedId"],
                                 reason=_("Marked to be deleted (or inactive) in the student information system"))
                continue
            dates = []
            for column in ("startDate", "endDate"):
                try:
                    dates.append(parse_date(row[column]))
                except ValueError:
                    self.report.error(source.at(column), date_problem(row[column]))
                    dates.append(None)
            sessions[row["sourcedId"]] = Session(row["sourcedId"], row["title"], *dates)
        for line, row in rows.rows:
            parent = row.get("parentSourcedId", "")
            if parent and parent not in sessions:
                self.report.note(
                    Source(rows.file, line, "parentSourcedId"),
                    _("The parent session “%(id)s” is not in the file; it is not needed for the import.")
                    % {"id": parent},
                )
        return sessions

    def read_classes(self, sessions) -> None:
        rows = self.reader.rows.get("classes.csv")
        if rows is None:
            return
        for line, row in _unique(rows, "sourcedId", self.report):
            self.progress.advance()
            source = Source(rows.file, line)
            label = row["title"] or row["sourcedId"]
            deleted = _is_deleted(row.get("status", ""), source, self.report)  # None: an error, checked as active
            if row["schoolSourcedId"] != self.org:
                self.report.skip(source, record=label, reason=_("Class of another school or org"),
                                 detail=self.org_names([row["schoolSourcedId"]]))
                continue
            if deleted:
                self.report.skip(
                    source, record=label,
                    reason=_("Marked to be deleted (or inactive) in the student information system"),
                    detail=_("A class imported earlier is left as it is."),
                )
                continue
            record = ClassRecord(source_id=row["sourcedId"], row=source, label=label,
                                 replace_students=not self.reader.enrollments_delta)
            record.sources["source_id"] = source.at("sourcedId")
            if not row["title"]:
                self.report.error(source.at("title"), _("The class has no title."))
            record.set("title", row["title"], source.at("title"))
            record.set("course_code", row.get("classCode", ""), source.at("classCode"))
            record.set("location", row.get("location", ""), source.at("location"))
            record.set("periods_text", ", ".join(split_list(row.get("periods", ""))), source.at("periods"))
            record.set("is_homeroom", row.get("classType", "").lower() == "homeroom", source.at("classType"))
            for session_id in split_list(row.get("termSourcedIds", "")):
                if session_id not in sessions:
                    self.report.note(
                        source.at("termSourcedIds"),
                        _("The term “%(id)s” of class %(class)s is not in academicSessions.csv.")
                        % {"id": session_id, "class": label},
                    )
                elif sessions[session_id] is not None:
                    record.sessions.append(sessions[session_id])
            self.classes[record.source_id] = record

    def read_enrollments(self) -> None:
        rows = self.reader.rows.get("enrollments.csv")
        if rows is None:
            return
        teachers: dict[str, list[tuple[bool, str]]] = {}
        class_rows = {row["sourcedId"]: row for _line, row in self.reader.rows_of("classes.csv")}
        for line, row in _unique(rows, "sourcedId", self.report):
            self.progress.advance()
            source = Source(rows.file, line)
            deleted = _is_deleted(row.get("status", ""), source, self.report)  # None: an error, checked as active
            class_id, user_id, role = row["classSourcedId"], row["userSourcedId"], row["role"].lower()
            user = self.users.get(user_id)
            record_label = f"{user.name if user else user_id} → {class_id}"
            record = self.classes.get(class_id)
            if record is None:
                if class_id in class_rows:
                    reason = _("The class is not imported (see classes.csv above)")
                else:
                    reason = _("Refers to a class that is not in classes.csv")
                self.report.skip(source, record=record_label, reason=reason, detail=class_id)
                continue
            record_label = f"{user.name if user else user_id} → {record.label}"
            if user is None:
                self.report.skip(source, record=record_label, reason=_("Refers to a person who is not in users.csv"),
                                 detail=user_id)
                continue
            if role == "teacher":
                if not deleted:
                    teachers.setdefault(class_id, []).append((row.get("primary", "").lower() == "true", user.name))
                continue
            if role != "student":
                self.report.skip(source, record=record_label, reason=_("Enrollment role not used: %(role)s")
                                 % {"role": role})
                continue
            student = self.students.get(user_id)
            if student is None:
                if any(r == "student" for r, _org in user.roles):
                    reason = _("Student of another school or org")
                else:
                    reason = _("Enrolled as a student, but users.csv does not list this person as a student")
                self.report.skip(source, record=record_label, reason=reason,
                                 detail=_("Role: %(roles)s") % {"roles": ", ".join(user.role_names) or "—"})
                continue
            if not student.active:
                self.report.skip(source, record=record_label, reason=_("The student is marked to be deleted"))
                continue
            if deleted:
                if record.replace_students:
                    self.report.skip(
                        source, record=record_label,
                        reason=_("Marked to be deleted (or inactive) in the student information system"),
                    )
                else:
                    record.removed_student_ids.add(user_id)
                continue
            record.student_ids.add(user_id)
        for class_id, names in teachers.items():
            ordered = [name for _primary, name in sorted(names, key=lambda pair: not pair[0])]
            teacher_name = ", ".join(dict.fromkeys(ordered))
            self.classes[class_id].set("teacher_name", teacher_name[:200], self.classes[class_id].row)

    def set_homerooms(self) -> None:
        for record in sorted(self.classes.values(), key=lambda r: r.fields["title"]):
            if not record.fields["is_homeroom"]:
                continue
            for student_id in sorted(record.student_ids):
                student = self.students[student_id]
                if "homeroom" not in student.fields:
                    student.set("homeroom", record.fields["title"], record.sources["title"])

    def read_guardians(self) -> None:
        report = self.report
        pairs: dict[tuple[str, str], Source] = {}
        linked: set[str] = set()
        explained: set[str] = set()
        for user in self.users.values():
            if user.is_guardian:
                for agent_id in user.agents:
                    agent = self.users.get(agent_id)
                    if agent_id in self.students:
                        pairs.setdefault((user.source_id, agent_id), user.row)
                    elif agent is None:
                        report.note(user.row.at("agentSourcedIds"),
                                    _("%(name)s's agent “%(id)s” is not in users.csv.")
                                    % {"name": user.name, "id": agent_id})
                    elif any(role == "student" for role, _org in agent.roles):
                        report.skip(user.row, record=user.name,
                                    reason=_("Parent or guardian of a student of another school or org"),
                                    detail=agent.name)
                        explained.add(user.source_id)
            elif user.source_id in self.students:
                for agent_id in user.agents:
                    agent = self.users.get(agent_id)
                    if agent is None:
                        report.note(user.row.at("agentSourcedIds"),
                                    _("%(name)s's agent “%(id)s” is not in users.csv.")
                                    % {"name": user.name, "id": agent_id})
                    elif agent.is_guardian:
                        pairs.setdefault((agent_id, user.source_id), user.row)
                    else:
                        report.note(
                            user.row.at("agentSourcedIds"),
                            _("%(name)s's agent %(agent)s (role: %(roles)s) is not a parent or guardian, so no "
                              "guardian is linked.") % {"name": user.name, "agent": agent.name,
                                                        "roles": ", ".join(agent.role_names) or "—"},
                        )
        for (guardian_id, student_id), _source in pairs.items():
            guardian, student = self.users[guardian_id], self.students[student_id]
            linked.add(guardian_id)
            label = _("%(guardian)s, for %(student)s") % {"guardian": guardian.name, "student": student.label}
            if not guardian.active:
                report.skip(guardian.row, record=label, reason=_("Guardian marked to be deleted"),
                            detail=_("A guardian imported earlier is kept; remove it on the student's page."))
                continue
            if not student.active:
                report.skip(guardian.row, record=label, reason=_("The student is marked to be deleted"))
                continue
            record = GuardianRecord(student_source_id=student_id, row=guardian.row, label=label,
                                    source_id=guardian_id)
            record.sources["source_id"] = guardian.row.at("sourcedId")
            record.set("name", guardian.name, guardian.row.at("givenName"))
            relationship = sorted(role for role, _org in guardian.roles if role in GUARDIAN_ROLES)[0]
            record.set("relationship", _relationship_label(relationship), guardian.row.at("role"))
            if guardian.email:
                record.set("email", guardian.email, guardian.row.at("email"))
            if guardian.phone:
                record.set("phone", guardian.phone, guardian.row.at("phone"))
            self.parsed.guardians.append(record)
        # One set, built once: rebuilding ``linked | explained`` for every user made this quadratic in the roster.
        accounted = linked | explained
        for user in self.users.values():
            if user.is_guardian and user.source_id not in accounted:
                report.skip(user.row, record=user.name, reason=_("Parent or guardian not linked to a student here"))


_RELATIONSHIPS = {"parent": gettext_lazy("Parent"), "guardian": gettext_lazy("Guardian"),
                  "relative": gettext_lazy("Relative")}


def _relationship_label(role: str) -> str:
    return str(_RELATIONSHIPS[role])  # one translation per guardian, not three
