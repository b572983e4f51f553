"""``seed_demo`` tells one consistent story: walking the seeded data, nothing contradicts anything else.

Matched peers came in through an accepted application (or are the program's returning peers, added outside this
year's recruitment on a paper consent); accepted applicants are on the roster and in the program; consent is there
where the campaign asks for it; everyone in a program is within its grades; the approval documents are real PDFs;
the accounts are the ones the README lists, and they are who it says they are.
"""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from programs.demo_data import PROGRAMS
from programs.models import DistrictApproval, Program, ProgramParticipant
from recruitment.applying.selectors import with_consent_state
from recruitment.models import Channel, Match, PeerApplication
from schools.dates import school_today
from schools.models import ConsentRecord, Membership, Role, Student, User

README = Path(settings.BASE_DIR) / "README.md"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the module, rolled back after it (the tests only read)."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def active_participant(program, student) -> bool:
    return ProgramParticipant.objects.filter(
        program=program, student=student, status=ProgramParticipant.Status.ACTIVE
    ).exists()


def returning_peers(program) -> set[tuple[str, str]]:
    """The peers the programs demo declares as added outside this year's recruitment."""
    spec = PROGRAMS[program.school.slug]
    return {(first, last) for first, last, _parent, _relationship in spec.get("returning_peers", [])}


def applications_of(student):
    """The student's applications: linked to their roster record, or sent in under their name and grade."""
    key = PeerApplication.make_dedupe_key(student.first_name, student.last_name, student.grade)
    return PeerApplication.objects.filter(campaign__program__school=student.school).filter(
        Q(student=student) | Q(dedupe_key=key)
    )


def test_every_matched_peer_was_accepted_or_returned_and_takes_part():
    matches = Match.objects.confirmed().select_related("program__school", "peer")
    assert matches.exists()
    problems = []
    for match in matches:
        peer, program = match.peer, match.program
        accepted = PeerApplication.objects.filter(
            campaign__program=program, student=peer, status=PeerApplication.Status.ACCEPTED
        ).exists()
        returning = (peer.first_name, peer.last_name) in returning_peers(program)
        if not (accepted or returning):
            problems.append(f"{peer} is matched in {program} but neither accepted nor a returning peer")
        if not active_participant(program, peer):
            problems.append(f"{peer} is matched in {program} but does not take part in it")
        waiting = (
            applications_of(peer).filter(campaign__program=program).exclude(status=PeerApplication.Status.ACCEPTED)
        )
        if waiting.exists():
            problems.append(f"{peer} is matched in {program} while their application is {waiting[0].status}")
    assert not problems


def test_returning_peers_have_their_parents_paper_consent():
    for program in Program.objects.select_related("school"):
        today = school_today(program.school)
        for first, last in returning_peers(program):
            peer = Student.objects.get(school=program.school, first_name=first, last_name=last)
            assert active_participant(program, peer), peer
            consent = ConsentRecord.objects.get(student=peer, scope=ConsentRecord.Scope.PARTICIPATION)
            assert consent.is_valid(today), peer
            assert peer.guardians.filter(name=consent.given_by).exclude(email="").exists(), peer


def test_every_accepted_applicant_is_on_the_roster_and_in_the_program():
    accepted = PeerApplication.objects.filter(status=PeerApplication.Status.ACCEPTED).select_related(
        "campaign__program__school", "student"
    )
    assert accepted.count() >= 3 * Program.objects.count()
    for application in accepted:
        student, program = application.student, application.campaign.program
        assert student is not None, f"{application} was accepted but is not on the roster"
        assert student.school == program.school and student.kind == Student.Kind.PEER and student.is_active
        assert (student.first_name, student.last_name, student.grade) == (
            application.first_name,
            application.last_name,
            application.grade,
        )
        assert active_participant(program, student), application
        assert student.availability.exists(), application


def test_applications_are_in_their_own_words_and_within_the_programs_grades():
    applications = list(PeerApplication.objects.select_related("campaign__program"))
    texts = [application.why_join for application in applications]
    assert len(set(texts)) == len(texts), "two applicants wrote the same 'why join'"
    for application in applications:
        program = application.campaign.program
        assert program.lowest_grade <= application.grade <= program.highest_grade, application
        if application.heard_via == Channel.TEACHER_NOMINATION:
            assert application.nomination is not None, application
            assert application.nomination.nominee_name == f"{application.first_name} {application.last_name}"
    # Every decision a coordinator meets, in every campaign (merged and discarded duplicates come from resubmissions).
    decisions = set(PeerApplication.Status.values) - set(PeerApplication.RESOLVED_DUPLICATE)
    for program in Program.objects.all():
        statuses = set(PeerApplication.objects.filter(campaign__program=program).values_list("status", flat=True))
        assert statuses == decisions, program


def test_every_confirmed_match_has_the_consent_its_campaign_asks_for():
    for program in Program.objects.select_related("school"):
        peers = Student.objects.filter(partner_matches__program=program, partner_matches__status="confirmed")
        for peer in with_consent_state(peers.distinct(), on=school_today(program.school)):
            assert not peer.needs_consent or peer.has_valid_consent, peer


def test_everyone_in_a_program_is_within_its_grades_and_matched_students_take_part():
    for participant in ProgramParticipant.objects.select_related("program", "student"):
        program, student = participant.program, participant.student
        if student.kind == Student.Kind.PEER:
            assert program.lowest_grade <= student.grade <= program.highest_grade, participant
    for match in Match.objects.confirmed().select_related("program", "focus_student"):
        assert match.focus_student.kind == Student.Kind.FOCUS
        assert active_participant(match.program, match.focus_student), match
        assert match.focus_student.school_id == match.peer.school_id == match.program.school_id


def test_a_parent_is_the_same_person_on_the_account_consent_and_the_application():
    checked = 0
    for record in ConsentRecord.objects.filter(scope=ConsentRecord.Scope.ACCOUNT).select_related("student"):
        for application in applications_of(record.student):
            assert application.guardian_name == record.given_by, application
            assert application.consent.guardian_name == record.given_by, application
            checked += 1
    assert checked, "Sofia applied this fall: her mother consented to her account and to her application"


def test_the_approval_documents_are_real_pdfs():
    approvals = DistrictApproval.objects.exclude(document="").select_related("program")
    assert approvals.exists()
    for approval in approvals:
        with approval.document.open("rb") as document:
            reader = PdfReader(io.BytesIO(document.read()), strict=True)
        text = " ".join(page.extract_text() for page in reader.pages)
        assert approval.name in text and approval.program.school.name in text, approval


def readme_accounts() -> dict[str, str]:
    """The README's table of demo accounts: username -> who they are."""
    rows = re.findall(r"^\| `([a-z.]+)` \| ([^|]+) \|", README.read_text(), flags=re.MULTILINE)
    return {username: who.strip() for username, who in rows}


def test_the_accounts_are_the_ones_the_readme_lists():
    accounts = readme_accounts()
    assert len(accounts) == 10
    can_sign_in = {user.username for user in User.objects.all() if user.has_usable_password()}
    assert set(accounts) == can_sign_in
    for username in accounts:
        assert User.objects.get(username=username).check_password("peerpartners"), username


@pytest.mark.parametrize(
    "username,first,grade,partner",
    [("east.peer", "Sofia", 5, "Noah"), ("putnam.peer", "Marcus", 7, "Yvonne")],
)


def test_the_demo_peers_are_who_the_readme_says(username, first, grade, partner):
    who = readme_accounts()[username]
    ordinal = {5: "5th", 7: "7th"}[grade]
    assert who.startswith(f"{first}, a {ordinal}-grade peer partner"), who
    peer = Student.objects.get(user__username=username)
    assert (peer.first_name, peer.grade) == (first, grade)
    partners = Match.objects.confirmed().filter(peer=peer).values_list("focus_student__first_name", flat=True)
    assert list(partners) == [partner]


def test_the_staff_accounts_have_the_roles_the_readme_gives_them():
    def roles(username):
        return set(
            Membership.objects.filter(user__username=username, is_active=True).values_list("school__slug", "role")
        )

    assert ("east-elementary", Role.COORDINATOR) in roles("east.coordinator")
    assert roles("east.principal") == {("east-elementary", Role.SCHOOL_ADMIN)}
    assert ("putnam-middle", Role.COORDINATOR) in roles("putnam.coordinator")
    assert roles("putnam.principal") == {("putnam-middle", Role.SCHOOL_ADMIN)}
    assert {slug for slug, _role in roles("beaman.coordinator")} == {"beaman-intermediate"}
    assert {slug for slug, _role in roles("riverside.slp")} == {"east-elementary", "putnam-middle"}
    assert User.objects.get(username="district.admin").district_roles.filter(district__slug="riverside").exists()
    # east.teacher sees the confidential record of the two 4th graders whose support team she is on, no one else's.
    team_of = Student.objects.filter(support_team__username="east.teacher")
    assert sorted(team_of.values_list("grade", flat=True)) == [4, 4]
    assert team_of.count() == Student.objects.focus_students().filter(school__slug="east-elementary", grade=4).count()


# --- Orientation (issue 19) ---------------------------------------------------------------------------------------


def test_every_peer_invited_to_an_orientation_had_valid_consent_and_takes_part():
    from orientation.models import Invitation

    invitations = Invitation.objects.filter(student__isnull=False).select_related("orientation__program__school")
    assert invitations.exists()
    for invitation in invitations:
        program = invitation.orientation.program
        peer = with_consent_state(Student.objects.filter(pk=invitation.student_id), on=school_today(program.school))[0]
        assert active_participant(program, peer), f"{peer} is invited in {program} but does not take part in it"
        assert not peer.needs_consent or peer.has_valid_consent, f"{peer} was invited without valid consent"


def test_each_program_with_pairs_has_one_peer_not_yet_ready_with_a_make_up_planned():
    from orientation.models import MeetingAttendance, Orientation, OrientationMeeting, TopicCoverage
    from orientation.selectors import peer_readiness

    programs = Program.objects.filter(orientations__isnull=False).distinct()
    assert programs.exists()
    for program in programs:
        today = school_today(program.school)
        peers = list({match.peer for match in Match.objects.confirmed().filter(program=program)})
        readiness = peer_readiness(program=program, peers=peers)
        not_ready = [peer for peer in peers if not readiness[peer.pk].ready]
        assert len(not_ready) == 1, f"{program}: {not_ready}"
        missed = not_ready[0]
        # They were marked absent at a past meeting, and a make-up meeting still to come is planned for them.
        assert MeetingAttendance.objects.filter(
            student=missed, status=MeetingAttendance.Status.ABSENT, meeting__date__lt=today
        ).exists()
        assert OrientationMeeting.objects.filter(makeup_students=missed, date__gt=today, cancelled_at=None).exists()
        # Attendance is only ever taken at meetings that have happened, and covers what it says.
        assert not MeetingAttendance.objects.filter(meeting__orientation__program=program, meeting__date__gt=today)
        for row in TopicCoverage.objects.filter(student__in=peers, how=TopicCoverage.How.ATTENDED):
            assert MeetingAttendance.objects.filter(
                meeting=row.meeting, student=row.student, status=MeetingAttendance.Status.PRESENT
            ).exists()
        # The README's peers are ready and said yes to the orientation still to come.
        upcoming = Orientation.objects.filter(program=program, meetings__date__gt=today, meetings__makeup_for=None)
        for peer in peers:
            if peer.user and peer.user.username in ("east.peer", "putnam.peer"):
                assert readiness[peer.pk].ready
                assert upcoming.filter(invitations__student=peer, invitations__response="yes").exists()


def test_the_agendas_were_tailored_and_name_no_student():
    from orientation.models import AgendaItem

    names = set(Student.objects.values_list("first_name", flat=True))
    items = AgendaItem.objects.select_related("topic", "orientation__program")
    assert items.filter(topic__guide_key="communication-supports").exists()
    for item in items:
        assert not any(f" {name} " in f" {item.reason} " for name in names), item.reason


def test_only_model_schools_share_resources_with_the_district():
    from orientation.models import Resource

    shared = Resource.objects.filter(shared_with_district=True).select_related("school")
    assert shared.exists()
    for resource in shared:
        assert Program.objects.filter(school=resource.school, is_model_program=True).exists(), resource
        assert resource.file.name.endswith(".pdf")


def test_each_program_has_this_years_playbook_with_one_late_step():
    from programs.models import Playbook

    for program in Program.objects.select_related("school"):
        today = school_today(program.school)
        playbook = Playbook.objects.get(
            program=program, school_year__start_date__lte=today, school_year__end_date__gte=today
        )
        late = [step.title for step in playbook.steps.all() if step.is_late]
        assert late == ["Start the activities"], (program, late)
        assert not playbook.steps.filter(due_on__gt=today).exclude(done_on=None).exists()


# --- Shared activities: scheduling (activities.scheduling.demo) ---


def test_scheduling_each_program_with_pairs_has_an_activity_of_every_kind_but_service_learning():
    from activities.models import Activity, Kind, Occurrence, Participant
    from recruitment.selectors import peers_with_valid_consent
    from schools.peer_readiness import peer_readiness_for

    programs = Program.objects.filter(matches__status=Match.Status.CONFIRMED).distinct()
    assert programs.exists()
    for program in programs:
        activities = Activity.objects.filter(program=program).exclude(kind=Kind.SERVICE_LEARNING)
        assert {a.kind for a in activities} == set(Kind.values) - {Kind.SERVICE_LEARNING}, program
        today = school_today(program.school)
        pair_term = Match.objects.filter(program=program, status="confirmed").order_by("-term__start_date")[0].term
        consented = set(peers_with_valid_consent(program=program).values_list("pk", flat=True))
        for activity in activities:
            # In the term of the pairs, on its days, some past (for the attendance seeder) unless a one-off event.
            assert activity.term_id == pair_term.pk
            days = activity.occurrences.all()
            assert days.exists()
            assert all(pair_term.start_date <= o.date <= pair_term.end_date for o in days)
            if activity.repeats != "once":
                assert days.filter(date__lt=today).exists(), activity
            # Only peers with valid consent take part; their partners are students of the program's pairs.
            places = activity.participants.exclude(status=Participant.Status.WITHDRAWN).select_related("student")
            assert places.exists(), activity
            for place in places:
                if place.student.kind == Student.Kind.PEER:
                    assert place.student_id in consented, (activity, place.student)
            # A readiness warning is kept exactly for the peers not ready under the "warn" rule.
            readiness = (
                peer_readiness_for(
                    program=program, peers=[p.student_id for p in places if p.student.kind == Student.Kind.PEER]
                )
                or {}
            )
            for place in places:
                state = readiness.get(place.student_id)
                assert bool(place.readiness_warning) == bool(state and not state.ready), place
        team = activities.get(kind=Kind.UNIFIED_SPORTS)
        assert team.season and team.coach_name and team.coach_trained_on < team.first_date
        athletes = team.participants.filter(status="placed", student__kind=Student.Kind.FOCUS).count()
        partners = team.participants.filter(status="placed", student__kind=Student.Kind.PEER).count()
        assert athletes and abs(athletes - partners) <= 1
        assert not activities.get(kind=Kind.SPECIAL_EDUCATION_PERIOD).is_inclusive
        # The assembly is open for sign-up, full, with people waiting.
        assembly = activities.get(kind=Kind.INCLUSIVE_EVENT)
        assert assembly.sign_up_open and assembly.event_type == "awareness"
        assert assembly.participants.filter(status="placed").count() == assembly.capacity
        assert assembly.participants.filter(status="waitlisted").exists()
        assert assembly.occurrences.get().date >= today
        # One day to come of the lunch group is cancelled, with the reason.
        cancelled = Occurrence.objects.filter(activity__program=program, cancelled_at__isnull=False)
        assert [(o.activity.kind, o.date > today, bool(o.cancel_reason)) for o in cancelled] == [
            (Kind.LUNCH_GROUP, True, True)
        ]


def test_school_calendar_and_reminders_demo_every_school_has_its_breaks_and_no_activity_meets_on_them():
    """The school calendar (helper remind): Thanksgiving and winter breaks and a teacher work day at every demo
    school, each in a term; the recurring activities the later seeders plan skip them; one person reads the digest."""
    from activities.models import Occurrence, ReminderPreference, Repeats
    from schools.models import NonSchoolDay, School

    for school in School.objects.all():
        days = dict(NonSchoolDay.objects.filter(school=school).values_list("date", "name"))
        names = set(days.values())
        assert {"Thanksgiving break", "Winter break", "Teacher work day"} <= names, (school, names)
        assert all(day.weekday() < 5 for day in days), school
        assert not NonSchoolDay.objects.filter(school=school, term=None).exists(), school
        thanksgiving = [day for day, name in days.items() if name == "Thanksgiving break"]
        assert len(thanksgiving) == 3 and thanksgiving[1].weekday() == 3 and 22 <= thanksgiving[1].day <= 28
        meeting = (
            Occurrence.objects.filter(activity__program__school=school, date__in=days, cancelled_at=None)
            .exclude(activity__repeats=Repeats.ONCE)
            .values_list("activity__title", "date")
        )
        assert not meeting.exists(), list(meeting)
    assert list(ReminderPreference.objects.values_list("user__username", "delivery")) == [
        ("east.coordinator", "weekly")
    ]


def test_activities_attendance_area_is_consistent():
    """Attendance (activities/attendance/demo.py): past occurrences have their attendance, nothing on a cancelled
    one, minutes agree with the marks or the check-in times, a walk-in waiting has no row yet."""
    from activities.attendance.selectors import expected_students
    from activities.models import Attendance, CheckIn, Occurrence

    assert not Attendance.objects.filter(Q(occurrence__cancelled_at__isnull=False)).exists()
    for row in Attendance.objects.select_related("occurrence"):
        if row.source == Attendance.Source.STAFF:
            assert row.minutes == row.compute_minutes(), row
        else:
            assert row.checked_in_at is not None, row
            assert 0 <= row.minutes <= row.occurrence.minutes, row
        assert row.occurrence.attendance_taken_at is not None, row.occurrence
    for entry in CheckIn.objects.filter(status=CheckIn.Status.WAITING):
        assert not Attendance.objects.filter(occurrence=entry.occurrence, student=entry.student).exists(), entry
    taken = 0
    for occurrence in Occurrence.objects.not_cancelled().select_related("activity__program__school"):
        past = occurrence.date < school_today(occurrence.activity.program.school)
        if past and expected_students(occurrence=occurrence).exists():
            assert occurrence.attendance_taken_at is not None, occurrence
            taken += 1
    # The demo's activities give the evaluation something to show: exceptions taken, inclusive minutes counted.
    from activities.models import Activity
    from activities.selectors import inclusive_minutes_by_week, peer_participation

    assert taken, "the scheduling demo has past days with people placed: attendance is taken there"
    if taken:
        statuses = set(Attendance.objects.values_list("status", flat=True))
        assert {Attendance.Status.PRESENT, Attendance.Status.ABSENT} <= statuses, statuses
        assert statuses & {Attendance.Status.LATE, Attendance.Status.LEFT_EARLY}, statuses
        counted = [
            (
                inclusive_minutes_by_week(program=a.program, term=a.term),
                peer_participation(program=a.program, term=a.term),
            )
            for a in Activity.objects.select_related("program", "term")
        ]
        assert any(weeks and peers for weeks, peers in counted)
    # Nothing is recorded ahead of time: whenever the demo is seeded, no one has checked in (or out) in the future.
    now = timezone.now()
    assert not CheckIn.objects.filter(checked_in_at__gt=now).exists()
    assert not CheckIn.objects.filter(checked_out_at__gt=now).exists()


def test_service_area_each_program_with_pairs_has_a_food_drive_with_shared_tasks_and_hours_in_every_state():
    """Shared activities, service area (activities/service/demo.py)."""
    from activities.models import Attendance, Kind, Participant, ServiceHours, ServiceProject

    programs = Program.objects.filter(matches__status="confirmed").distinct()
    assert programs.exists()
    for program in programs:
        today = school_today(program.school)
        project = ServiceProject.objects.select_related("activity").get(
            activity__program=program, activity__kind=Kind.SERVICE_LEARNING
        )
        activity = project.activity
        assert project.community_need and project.partner_organisation and project.outcomes
        assert project.costs is not None and project.materials
        # Every task is shared by a student with and one without disabilities, all placed in the activity.
        placed = set(activity.participants.filter(status=Participant.Status.PLACED).values_list("student", flat=True))
        tasks = list(project.tasks.prefetch_related("students"))
        assert tasks
        for task in tasks:
            kinds = {s.kind for s in task.students.all()}
            assert kinds == {Student.Kind.FOCUS, Student.Kind.PEER}, task
            assert {s.pk for s in task.students.all()} <= placed
        # Attendance only at past occurrences; one hours entry per person present and occurrence, never more.
        assert not Attendance.objects.filter(occurrence__activity=activity, occurrence__date__gte=today).exists()
        present = Attendance.objects.filter(occurrence__activity=activity, minutes__gt=0)
        assert present.exists()
        from_attendance = ServiceHours.objects.filter(activity=activity, source=ServiceHours.Source.ATTENDANCE)
        assert from_attendance.count() == present.count()
        for row in present:
            entry = from_attendance.get(occurrence=row.occurrence, student=row.student)
            assert abs(entry.hours * 60 - row.minutes) < 1  # to the hundredth of an hour
        assert from_attendance.filter(approval="approved").exists()
        # A README peer's claims: verified and approved, waiting for the verifier, declined with a reason.
        claims = ServiceHours.objects.filter(program=program, source=ServiceHours.Source.CLAIM)
        assert claims.filter(verification="confirmed", approval="approved").exists()
        assert claims.filter(verification="pending", approval="pending").exists()
        declined = claims.get(approval="declined")
        assert declined.decline_reason
        for claim in claims:
            assert claim.honesty_statement and claim.verifier_email and claim.date <= today
            assert claim.student.kind == Student.Kind.PEER and claim.student.pk in placed


def test_evaluation_pairs_area_east_has_monthly_check_ins_one_open_match_problem_and_one_pair_that_did_not_meet():
    """Pair health (evaluation/pairs/demo.py): East's "Peer to Peer" pairs checked in for the passed months of the
    term, only about their own confirmed pairs; exactly one match problem waits for a follow-up (on the coordinator's
    dashboard) and exactly one pair did not meet last month; a supported check-in says how it was answered."""
    from evaluation.models import PairCheckIn
    from evaluation.pairs import selectors as pair_selectors

    program = Program.objects.get(school__name="East Elementary", name="Peer to Peer")
    check_ins = PairCheckIn.objects.filter(program=program)
    assert check_ins.exists()
    pairs = {(m.peer_id, m.focus_student_id) for m in Match.objects.filter(program=program, status="confirmed")}
    today = school_today(program.school)
    for check_in in check_ins:
        assert (check_in.peer_id, check_in.focus_student_id) in pairs, check_in
        assert check_in.month.day == 1 and check_in.month < pair_selectors.month_of(today), check_in
        if check_in.side == PairCheckIn.Side.FOCUS_STUDENT:
            assert check_in.answered_how, check_in
            assert bool(check_in.support_modes) == (check_in.answered_how == "with_support"), check_in
    assert check_ins.filter(answered_how="with_support").exists()
    assert PairCheckIn.objects.filter(match_problem=True, followed_up_at=None).count() == 1
    rows = pair_selectors.pair_health(
        program=program, term=pair_selectors.pair_health_term(program=program), month=pair_selectors.month_of(today)
    )
    assert sum(row.did_not_meet for row in rows) == 1
    assert sum(bool(row.open_problems) for row in rows) == 1
    assert not any(row.did_not_meet and row.open_problems for row in rows)


def test_responding_demo_answers_are_valid_and_how_they_were_answered_is_recorded():
    """Survey answers (evaluation/responding/demo.py): every answer is one its question offers, with the question as
    asked (no placeholder left); every started response says how it was answered; a proxy never consents to quotes;
    in East's mid-term window the focus students answered with support, by a proxy (stopped half-way) and one said
    "yes" both ways of the agreement check."""
    from evaluation.models import AnsweredHow, Audience, ResponseStatus, SurveyAnswer, SurveyResponse, WindowKind
    from evaluation.responding.selectors import yes_both_ways

    for answer in SurveyAnswer.objects.select_related("question"):
        assert answer.value in (*answer.question.values, ""), answer
        assert "[name" not in answer.question_text, answer
    started = SurveyResponse.objects.exclude(status=ResponseStatus.NOT_STARTED).exclude(respondent=Audience.FAMILY)
    assert not started.filter(answered_how="").exists()
    assert not SurveyResponse.objects.filter(answered_how=AnsweredHow.PROXY).exclude(quote_consent="").exists()
    students = SurveyResponse.objects.filter(
        window__kind=WindowKind.MID_TERM, window__program__name="Peer to Peer", respondent=Audience.FOCUS_STUDENT
    ).exclude(status=ResponseStatus.NOT_STARTED)
    assert any(r.answered_how == AnsweredHow.WITH_SUPPORT and "aac" in r.support_modes for r in students)
    assert students.filter(answered_how=AnsweredHow.PROXY, status=ResponseStatus.IN_PROGRESS, position__gt=0).exists()
    assert any(yes_both_ways(response, "enjoy") for response in students)


def test_goals_area_scales_are_locked_before_their_terms_rated_by_their_raters_with_t_scores():
    """Goal attainment scaling (evaluation/goals/demo.py): East's "Peer to Peer" focus students have scales from their
    own IEP goals, at most three a student and term, locked before the term started; last spring's are rated at mid
    and end of term, this term's at mid-term; every rating is by a chosen rater inside its window."""
    from evaluation.goals.selectors import rating_opens, student_t_score
    from evaluation.models import GoalScale, RatingPoint

    scales = list(GoalScale.objects.select_related("term", "program__school", "iep_goal").prefetch_related("raters"))
    assert scales
    by_student_term: dict = {}
    for scale in scales:
        by_student_term.setdefault((scale.program_id, scale.term_id, scale.student_id), []).append(scale)
        assert scale.iep_goal is not None and scale.iep_goal.student_id == scale.student_id
        assert scale.program.terms.filter(pk=scale.term_id).exists()
        assert scale.is_locked and not scale.late_lock_reason
        assert timezone.localtime(scale.locked_at).date() < scale.term.start_date, scale
        raters = {rater.pk for rater in scale.raters.all()}
        for rating in scale.ratings.all():
            assert rating.rated_by_id in raters
            assert rating_opens(scale.term, rating.point) <= rating.rated_on <= school_today(scale.program.school)
    assert all(len(group) <= 3 for group in by_student_term.values())
    points = {(s.term.end_date < school_today(s.program.school), r.point) for s in scales for r in s.ratings.all()}
    assert {(True, RatingPoint.MID), (True, RatingPoint.END), (False, RatingPoint.MID)} <= points
    for group in by_student_term.values():
        assert student_t_score(group, RatingPoint.MID) is not None
        if group[0].term.end_date < school_today(group[0].program.school):
            assert student_t_score(group, RatingPoint.END) is not None


def test_friendships_area_mutual_friendships_grow_by_mid_term_among_the_programs_students():
    """East's "Peer to Peer": more mutual friendships at mid-term than at the start of the year, answered alone, with
    support and by a proxy; everyone named takes part in the program. (The windows come from the surveys seeder.)"""
    from evaluation.friendships import selectors as friendship_selectors
    from evaluation.models import ContactNomination, SurveyWindow

    program = Program.objects.get(school__slug="east-elementary", name="Peer to Peer")
    windows = friendship_selectors.contact_windows(program=program)
    start = next((w for w in windows if w.kind == "other"), None)
    mid = next((w for w in windows if w.kind == "mid_term"), None)
    assert start is not None and mid is not None  # the surveys seeder's windows

    def mutual(window):
        return friendship_selectors.friendship_map(program=program, window=window, windows=windows).net.mutual

    assert len(mutual(mid)) > len(mutual(start))
    hows = set(ContactNomination.objects.filter(window=mid).values_list("answered_how", flat=True))
    assert {"alone", "with_support", "proxy"} <= hows
    nominations = ContactNomination.objects.filter(window__program=program)
    for nomination in nominations.select_related("nominee"):
        assert active_participant(program, nomination.nominee), nomination
    assert not ContactNomination.objects.exclude(window__in=SurveyWindow.objects.filter(program=program)).exists()


def test_evaluation_surveys_east_has_three_fall_windows_with_their_respondents():
    """East's "Peer to Peer": the starter surveys once each; "Start of the year" and "Mid-term" in September and
    October of the fall semester, "End of semester" in its last two weeks; every window that has opened invited its
    respondents (the program's active peers and focus students, its planning team, families with an email), one
    response each; the staff answered the mid-term school culture; no answer in a window outside its dates."""
    from evaluation.models import Audience, Survey, SurveyAnswer, SurveyResponse, SurveyWindow
    from programs.selectors import team_users

    program = Program.objects.get(school__slug="east-elementary", name="Peer to Peer")
    today = school_today(program.school)
    starters = list(Survey.objects.filter(program=program).exclude(starter="").values_list("starter", flat=True))
    assert len(starters) == len(set(starters)) >= 8
    windows = {w.name: w for w in SurveyWindow.objects.filter(program=program)}
    start, mid, end = windows["Start of the year"], windows["Mid-term"], windows["End of semester"]
    assert (start.kind, mid.kind, end.kind) == ("other", "mid_term", "end_of_term")
    assert start.opens_on.month == 9 and mid.opens_on.month == 10
    term = end.term
    assert start.term == mid.term == term and term.name.startswith("Fall")
    assert end.closes_on == term.end_date and (end.closes_on - end.opens_on).days == 13
    focus = set(program.participants.filter(status="active", student__kind="focus").values_list("student", flat=True))
    peers = set(program.participants.filter(status="active", student__kind="peer").values_list("student", flat=True))
    staff = {u.pk for u in team_users(program=program)}
    for window in windows.values():
        responses = SurveyResponse.objects.filter(window=window)
        if window.opens_on <= today:
            assert window.invited_at is not None and not responses.filter(invited_at=None).exists()
        else:
            assert window.invited_at is None and not responses.exclude(invited_at=None).exists()
        for survey in window.surveys.all():
            rows = responses.filter(survey=survey)
            if survey.audience == Audience.PEER:
                assert set(rows.values_list("student", flat=True)) == peers
            elif survey.audience == Audience.FOCUS_STUDENT:
                assert set(rows.values_list("student", flat=True)) == focus
            elif survey.audience == Audience.STAFF:
                assert set(rows.values_list("user", flat=True)) == staff
            else:
                assert set(rows.values_list("student", flat=True)) <= focus
    culture = SurveyResponse.objects.filter(window=mid, survey__starter="culture_staff", status="submitted")
    if mid.closes_on < today:
        assert culture.count() >= 2 and all(r.user_id in staff for r in culture)
    for answer in SurveyAnswer.objects.filter(response__window__program=program).select_related("response__window"):
        window = answer.response.window
        submitted = answer.response.submitted_at
        assert submitted is None or window.opens_on <= submitted.date() <= window.closes_on
