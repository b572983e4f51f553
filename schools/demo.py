"""The demo district used by ``seed_demo``: the schools of the guide's case applications and believable people.

Each domain app has a ``demo.py`` with a ``seed(*, password)`` function; ``seed_demo`` runs them in the order of
``settings.DEMO_SEEDERS``. Every seed is idempotent: it updates what is there. The people, their profiles and the
schools' days are plain data in ``schools/demo_data.py``; this module only writes them.
"""

import datetime
import random

from django.contrib.auth.models import Group
from django.utils import timezone

from .accounts.demo_codes import DEMO_ACCOUNTS_GROUP
from .demo_data import (
    ELEMENTARY_DAY,
    FOCUS_PROFILES,
    FOCUS_STUDENTS,
    INTERESTS,
    MIDDLE_DAY,
    PEER_ACCOUNTS,
    PEER_FIRST_NAMES,
    PEER_LAST_NAMES,
    PEER_TARGETS,
    PEERS,
    PRIOR_EXPERIENCE,
    SCHOOLS,
    SIGN_IN_ACCOUNTS,
    STAFF,
)
from .models import (
    BehaviorNote,
    BellSchedule,
    ConsentRecord,
    District,
    DistrictAdministrator,
    Guardian,
    IEPGoal,
    Membership,
    NonSchoolDay,
    PeerAvailability,
    PeerPreference,
    Period,
    School,
    Student,
    Term,
    User,
    calendar_school_year_start,
)


def seed(*, password: str) -> str:
    schools = _schools()
    _terms(schools)
    _non_school_days(schools)
    _staff(schools, password)
    _students(schools, password)
    _more_peers(schools)
    _profiles(schools)
    periods = _bell_schedules(schools)
    _availability(schools, periods)
    return f"{len(schools)} schools, {Student.objects.count()} students"


def _schools() -> dict[str, School]:
    schools = {}
    for district_slug, district_name, slug, name, level, low, high in SCHOOLS:
        district, _ = District.objects.update_or_create(slug=district_slug, defaults={"name": district_name})
        schools[slug], _ = School.objects.update_or_create(
            slug=slug,
            defaults={
                "district": district,
                "name": name,
                "level": level,
                "lowest_grade": low,
                "highest_grade": high,
            },
        )
    return schools


def _terms(schools):
    year = calendar_school_year_start(timezone.localdate())
    for school in schools.values():
        school_year, _ = Term.objects.update_or_create(
            school=school,
            name=f"{year}–{str(year + 1)[-2:]} school year",
            defaults={
                "kind": Term.Kind.SCHOOL_YEAR,
                "start_date": datetime.date(year, 8, 12),
                "end_date": datetime.date(year + 1, 5, 28),
            },
        )
        for name, start, end in (
            (f"Fall {year}", datetime.date(year, 8, 12), datetime.date(year, 12, 18)),
            (f"Spring {year + 1}", datetime.date(year + 1, 1, 5), datetime.date(year + 1, 5, 28)),
        ):
            Term.objects.update_or_create(
                school=school,
                name=name,
                defaults={"kind": Term.Kind.SEMESTER, "parent": school_year, "start_date": start, "end_date": end},
            )


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The ``nth`` ``weekday`` (0 = Monday) of a month: the 4th Thursday of November is Thanksgiving."""
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _demo_non_school_days(year: int) -> list[tuple[datetime.date, str]]:
    """This school year's breaks every demo school shares (the district's calendar): Thanksgiving break (Wednesday to
    Friday), the winter break (weekdays from the Monday after the fall term to New Year's Day) and a teacher work
    day in January, so the activities seeded after this skip them."""
    thanksgiving = _nth_weekday(year, 11, 3, 4)
    days = [(thanksgiving + datetime.timedelta(days=n), "Thanksgiving break") for n in (-1, 0, 1)]
    day = datetime.date(year, 12, 21)
    while day <= datetime.date(year + 1, 1, 1):
        if day.weekday() < 5:
            days.append((day, "Winter break"))
        day += datetime.timedelta(days=1)
    days.append((_nth_weekday(year + 1, 1, 4, 2), "Teacher work day"))
    return days


def _non_school_days(schools):
    """Written directly (idempotent); no activity exists yet for ``schools.calendar``'s followers to cancel."""
    year = calendar_school_year_start(timezone.localdate())
    for school in schools.values():
        terms = list(Term.objects.filter(school=school))
        for date, name in _demo_non_school_days(year):
            holding = [t for t in terms if t.start_date <= date <= t.end_date]
            term = min(holding, key=lambda t: t.end_date - t.start_date) if holding else None
            NonSchoolDay.objects.update_or_create(school=school, date=date, defaults={"name": name, "term": term})


def _user(username, first, last, email, password):
    user, _ = User.objects.update_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "email": email, "is_active": True}
    )
    if username in SIGN_IN_ACCOUNTS:
        user.set_password(password)
        # The marker that lets `manage.py demo_code` and the second-step pages show the code (DEBUG only).
        user.groups.add(Group.objects.get_or_create(name=DEMO_ACCOUNTS_GROUP)[0])
    else:
        user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def _staff(schools, password):
    for username, first, last, email, roles, district_slug in STAFF:
        user = _user(username, first, last, email, password)
        for school_slug, role, specialty, title in roles:
            Membership.objects.update_or_create(
                user=user,
                school=schools[school_slug],
                role=role,
                defaults={"specialty": specialty, "title": title, "is_active": True},
            )
        if district_slug:
            DistrictAdministrator.objects.update_or_create(
                user=user,
                district=District.objects.get(slug=district_slug),
                defaults={"title": "Director of Special Education", "is_active": True},
            )


def _students(schools, password):
    for slug, first, last, grade, interests, communication, support, goals in FOCUS_STUDENTS:
        student, _ = Student.objects.update_or_create(
            school=schools[slug],
            first_name=first,
            last_name=last,
            defaults={
                "kind": Student.Kind.FOCUS,
                "grade": grade,
                "interests": interests,
                "communication": communication,
                "support_needs": support,
                "is_active": True,
            },
        )
        for domain, goal, where in goals:
            IEPGoal.objects.update_or_create(
                student=student, domain=domain, goal=goal, defaults={"settings_for_peer_support": where}
            )
    for slug, first, last, grade, interests in PEERS:
        Student.objects.update_or_create(
            school=schools[slug],
            first_name=first,
            last_name=last,
            defaults={"kind": Student.Kind.PEER, "grade": grade, "interests": interests, "is_active": True},
        )
    for username, (slug, first, last, parent) in PEER_ACCOUNTS.items():
        user = _user(username, first, last, "", password)
        student = Student.objects.get(school=schools[slug], first_name=first, last_name=last)
        # Both are under 13: a sign-in needs a parent's consent on record (COPPA; issue 11).
        year_end = datetime.date(calendar_school_year_start(timezone.localdate()) + 1, 6, 30)
        ConsentRecord.objects.update_or_create(
            student=student,
            scope=ConsentRecord.Scope.ACCOUNT,
            defaults={
                "school": student.school,
                "given_by": parent,
                "relationship": "Mother",
                "given_on": datetime.date(calendar_school_year_start(timezone.localdate()), 8, 20),
                "method": ConsentRecord.Method.PAPER,
                "expires_on": year_end,
            },
        )
        Student.objects.filter(pk=student.pk).update(user=user)


FOCUS_PROFILES.update(
    {
        "Isaiah": {
            "homeroom": "Room 1A",
            "speech": "some_words",
            "strengths": "Loves to share; great laugh",
            "how_to_help": "Open things with me, not for me. Say back what you think I mean.",
            "guardian": ("Keisha Brooks", "Mother", "English"),
        },
        "Grace": {
            "homeroom": "Room 4B",
            "speech": "no_speech",
            "aac_device": "Eye-gaze picture board",
            "complex_communication_needs": True,
            "strengths": "Notices everything; loves stories",
            "how_to_help": "Hold two pictures apart and wait while I look at one.",
            "guardian": ("Wei Liu", "Father", "Mandarin"),
            "cultural_considerations": "Father prefers written notes in Mandarin.",
        },
        "Marco": {
            "homeroom": "Room 104",
            "speech": "speaks",
            "strengths": "Great drummer; friendly",
            "how_to_help": "Walk with me to class the first weeks. Short sentences help.",
            "guardian": ("Ana Silva", "Mother", "Portuguese"),
            "cultural_considerations": "Family arrived from Brazil this summer.",
        },
        "Hannah": {
            "homeroom": "Room 230",
            "speech": "speaks",
            "strengths": "Cheerful; loves to organise",
            "how_to_help": "Tell me before a loud event starts. Ask for my opinion.",
            "guardian": ("Beth Cole", "Mother", "English"),
        },
        "Luis": {
            "homeroom": "Room 5",
            "speech": "some_words",
            "strengths": "Hard worker; loves trucks",
            "how_to_help": "Show me, then let me try. One step at a time.",
            "guardian": ("Rosa Ortega", "Mother", "Spanish"),
        },
        "Ella": {
            "homeroom": "Room 8",
            "speech": "speaks",
            "strengths": "Draws birds beautifully",
            "how_to_help": "Face me and give me time. Ask before you touch my things.",
            "guardian": ("Karl Brandt", "Father", "English"),
        },
        "Sam": {
            "homeroom": "Room 7",
            "speech": "some_words",
            "strengths": "Careful builder; good with tools",
            "how_to_help": "Face me when you talk so I can see your lips. One question at a time.",
            "guardian": ("Joanna Kowalski", "Mother", "Polish"),
        },
        "Maya": {
            "homeroom": "Room 3",
            "speech": "no_speech",
            "aac_device": "Speech device with about 50 words",
            "complex_communication_needs": True,
            "strengths": "Loves people; big smile",
            "how_to_help": "Wait while I find the word. Walk beside me on the grass.",
            "guardian": ("Dana Reed", "Mother", "English"),
        },
    }
)


def _more_peers(schools):
    """Fill each school to its target with varied, reproducible peers."""
    rng = random.Random(20261123)  # noqa: S311 - demo names, not security
    for slug, target in PEER_TARGETS.items():
        school = schools[slug]
        existing = Student.objects.filter(school=school, kind=Student.Kind.PEER).count()
        index = 0
        while existing < target:
            first = PEER_FIRST_NAMES[(index * 7 + len(slug)) % len(PEER_FIRST_NAMES)]
            last = PEER_LAST_NAMES[(index * 5 + len(slug) * 3) % len(PEER_LAST_NAMES)]
            index += 1
            interests = ", ".join(rng.sample(INTERESTS, 3)).capitalize()
            _, created = Student.objects.get_or_create(
                school=school,
                first_name=first,
                last_name=last,
                defaults={
                    "kind": Student.Kind.PEER,
                    "grade": rng.randint(school.lowest_grade, school.highest_grade),
                    "interests": interests,
                    "homeroom": f"Room {rng.randint(1, 30)}",
                    "prior_experience": rng.choice(PRIOR_EXPERIENCE),
                    "source_id": f"demo-{slug}-peer-{index}",
                },
            )
            existing += int(created)


def _profiles(schools):
    for slug, first, last, *_rest in FOCUS_STUDENTS:
        details = dict(FOCUS_PROFILES.get(first, {}))
        student = Student.objects.get(school=schools[slug], first_name=first, last_name=last)
        behavior = details.pop("behavior", None)
        guardian = details.pop("guardian", None)
        prefers = details.pop("prefers", None)
        for field, value in details.items():
            setattr(student, field, value)
        student.save()
        student.support_team.set(User.objects.filter(username__in=_support_team(student)))
        if behavior:
            BehaviorNote.objects.update_or_create(
                student=student,
                behavior=behavior[0],
                defaults={"what_it_may_communicate": behavior[1], "how_to_respond": behavior[2]},
            )
        if guardian:
            name, relationship, language = guardian
            email = name.lower().replace(" ", ".").replace("í", "i") + "@family.example.org"
            Guardian.objects.update_or_create(
                student=student,
                name=name,
                defaults={
                    "relationship": relationship,
                    "language": language,
                    "email": email,
                    "phone": "555-0142",
                    "is_primary": True,
                },
            )
        if prefers:
            kind, peer_first, peer_last, *group = prefers
            peer = (
                Student.objects.filter(school=student.school, first_name=peer_first, last_name=peer_last).first()
                if peer_first
                else None
            )
            PeerPreference.objects.update_or_create(
                student=student,
                kind=kind,
                peer=peer,
                group=group[0] if group else "",
            )


def _support_team(student) -> list[str]:
    """Who works with the student besides the coordinator and the principal (they see the confidential record)."""
    team = []
    slug = student.school.slug
    if student.complex_communication_needs and slug in ("east-elementary", "putnam-middle"):
        team.append("riverside.slp")
    if slug == "east-elementary" and student.grade == 4:
        team.append("east.teacher")
    if slug == "putnam-middle":
        team += ["putnam.para", "putnam.counselor"]
    if slug == "beaman-intermediate":
        team += ["beaman.science", "beaman.woodshop"]
    return team


def _bell_schedules(schools) -> dict[str, list[Period]]:
    periods = {}
    for slug, school in schools.items():
        day = ELEMENTARY_DAY if school.level == School.Level.ELEMENTARY else MIDDLE_DAY
        year = Term.objects.school_years().filter(school=school).order_by("-start_date").first()
        schedule, _ = BellSchedule.objects.get_or_create(school=school, term=year, name="Regular day")
        periods[slug] = []
        for order, (name, kind, start, end) in enumerate(day, start=1):
            period, _ = Period.objects.update_or_create(
                schedule=schedule,
                order=order,
                defaults={
                    "name": name,
                    "kind": kind,
                    "starts_at": datetime.time.fromisoformat(start),
                    "ends_at": datetime.time.fromisoformat(end),
                },
            )
            periods[slug].append(period)
    return periods


def _availability(schools, periods):
    """Every peer is free at lunch on a few days and in one or two other periods: varied, reproducible."""
    rng = random.Random(7)  # noqa: S311 - demo data
    for slug, school in schools.items():
        lunch = [p for p in periods[slug] if p.kind in (Period.Kind.LUNCH, Period.Kind.RECESS)]
        classes = [p for p in periods[slug] if p.kind == Period.Kind.CLASS]
        for peer in Student.objects.filter(school=school, kind=Student.Kind.PEER).order_by("pk"):
            if PeerAvailability.objects.filter(student=peer).exists():
                continue
            slots = {(p.pk, day) for p in lunch for day in rng.sample(range(5), rng.randint(2, 5))}
            for period in rng.sample(classes, rng.randint(1, 2)):
                slots |= {(period.pk, day) for day in range(5)}
            PeerAvailability.objects.bulk_create(
                PeerAvailability(student=peer, period_id=period_id, weekday=day) for period_id, day in slots
            )
