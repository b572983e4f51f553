"""Write side of attendance, make-up meetings, topics covered one-to-one and the program's readiness rule. Each
service checks what it is given, writes in one transaction, and locks the parent row where two people could race."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.dates import school_today
from schools.models import Student
from schools.services import email_queue

from ..models import MeetingAttendance, OrientationMeeting, OrientationSettings, OrientationTopic, TopicCoverage
from . import selectors

PRESENT = MeetingAttendance.Status.PRESENT
ABSENT = MeetingAttendance.Status.ABSENT


def _locked_meeting(meeting: OrientationMeeting) -> OrientationMeeting:
    # Two facilitators saving one meeting's list at once: the second waits for the first one's commit, then writes
    # the whole list again over it (the last save wins, with its topics covered to match).
    return OrientationMeeting.objects.select_for_update().select_related("orientation").get(pk=meeting.pk)


def _refuse_cancelled(meeting: OrientationMeeting) -> None:
    if meeting.is_cancelled or meeting.orientation.is_cancelled:
        raise ValidationError(_("This meeting was cancelled, so it takes no attendance."))


@transaction.atomic
def attendance_save(*, meeting: OrientationMeeting, absent: set[int], by) -> dict[str, int]:
    """Save the whole list of ``meeting``: everyone on the sheet is present except ``absent`` (student ids). Present
    students get the meeting's topics covered (``TopicCoverage``, how "attended"); a student corrected to absent loses
    them. Returns the counts present and absent."""
    meeting = _locked_meeting(meeting)
    _refuse_cancelled(meeting)
    if meeting.date > school_today(meeting.orientation.program.school):
        raise ValidationError(_("This meeting has not happened yet: take attendance on the day."))
    sheet = {student.pk for student in selectors.attendance_sheet(meeting=meeting)}
    if not sheet:
        raise ValidationError(_("Nobody is expected at this meeting yet, so there is no attendance to take."))
    if not set(absent) <= sheet:
        raise ValidationError(_("Someone on the list is not expected at this meeting. Reload the page and try again."))
    status_of = {pk: ABSENT if pk in absent else PRESENT for pk in sheet}

    existing = {row.student_id: row for row in MeetingAttendance.objects.filter(meeting=meeting)}
    changed, new = [], []
    for pk, status in status_of.items():
        row = existing.get(pk)
        if row is None:
            new.append(MeetingAttendance(meeting=meeting, student_id=pk, status=status, recorded_by=by))
        elif row.status != status:
            # bulk_update does not run auto_now: the time of this correction is set here.
            row.status, row.recorded_by, row.recorded_at = status, by, timezone.now()
            changed.append(row)
    MeetingAttendance.objects.bulk_create(new)
    MeetingAttendance.objects.bulk_update(changed, ["status", "recorded_by", "recorded_at"])

    present = [pk for pk, status in status_of.items() if status == PRESENT]
    topics = selectors.topics_of_meeting(meeting=meeting)
    coverage = TopicCoverage.objects.filter(meeting=meeting)
    # Absent now, or a topic no longer on this meeting's agenda: what this meeting recorded is taken back.
    coverage.filter(student_id__in=[pk for pk in sheet if pk not in present]).delete()
    coverage.exclude(topic_id__in=topics).delete()
    TopicCoverage.objects.bulk_create(
        [
            TopicCoverage(
                student_id=pk, topic_id=topic_id, how=TopicCoverage.How.ATTENDED, covered_on=meeting.date,
                meeting=meeting,
            )
            for pk in present
            for topic_id in topics
        ],
        ignore_conflicts=True,  # already covered at this meeting: the unique constraint keeps one row
    )
    return {"present": len(present), "absent": len(sheet) - len(present)}


def makeup_create(*, meeting: OrientationMeeting, date: datetime.date, starts_at: datetime.time,
                  ends_at: datetime.time, slot: str, place: str, students: list[Student], by) -> tuple:
    """Plan a make-up meeting for those who missed ``meeting`` (absent or never recorded) in the same orientation,
    and email each of them the invitation through the outbox, in the same transaction. A make-up of a make-up makes
    up for the first meeting (it covers that meeting's topics). Returns the new meeting and the students it could not
    email (no sign-in with an email: the coordinator tells them in person)."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.is_cancelled or meeting.orientation.is_cancelled:
            raise ValidationError(_("This meeting was cancelled: plan a new meeting instead of a make-up."))
        if not students:
            raise ValidationError(_("Choose who the make-up meeting is for."))
        missed = set(selectors.makeup_candidates(meeting=meeting).values_list("pk", flat=True))
        if not {s.pk for s in students} <= missed:
            raise ValidationError(_("A make-up meeting is only for those who missed this meeting. Reload the page and "
                                    "try again."))
        makeup = OrientationMeeting(
            orientation=meeting.orientation, makeup_for=meeting.makeup_for or meeting, date=date, starts_at=starts_at,
            ends_at=ends_at, slot=slot, place=place,
        )
        makeup.full_clean()
        makeup.save()
        makeup.makeup_students.set(students)
        not_emailed = []
        for student in Student.objects.filter(pk__in=[s.pk for s in students]).select_related("user", "school"):
            # A student is emailed at their own sign-in's address; guardians' addresses are confidential and are not
            # used for school-day meetings.
            email = student.user.email if student.user_id else ""
            if not email:
                not_emailed.append(student)
                continue
            email_queue(
                template="orientation/readiness/emails/makeup_invitation",
                context={"student": student, "meeting": makeup, "orientation": makeup.orientation},
                to=email,
                school=student.school,
            )
    return makeup, not_emailed


def coverage_record(*, student: Student, topics: list[OrientationTopic], covered_on: datetime.date, covered_with,
                    note: str, by) -> list[TopicCoverage]:
    """Mark ``topics`` covered one-to-one with a staff member on a date. Only a peer's coverage is recorded, only
    with topics in use of the peer's own school, and not on a date still to come."""
    if student.kind != Student.Kind.PEER:
        raise ValidationError(_("Topics covered are recorded for peers."))
    if not topics:
        raise ValidationError(_("Choose the topics that were covered."))
    if any(topic.school_id != student.school_id or topic.is_retired for topic in topics):
        raise ValidationError(_("Choose topics in use of your school's library."))
    if covered_on > school_today(student.school):
        raise ValidationError({"covered_on": _("A topic is marked covered once it has been: choose today or before.")})
    rows = [
        TopicCoverage(student=student, topic=topic, how=TopicCoverage.How.ONE_TO_ONE, covered_on=covered_on,
                      covered_with=covered_with, note=note)
        for topic in topics
    ]
    with transaction.atomic():
        for row in rows:
            row.full_clean()
            row.save()
    return rows


def orientation_settings_save(*, program, not_ready: str, younger_peers_below_grade: int) -> OrientationSettings:
    """Save the program's rule for peers not yet ready and where the plainer wording starts."""
    with transaction.atomic():
        settings, _created = OrientationSettings.objects.select_for_update().get_or_create(program=program)
        settings.not_ready = not_ready
        settings.younger_peers_below_grade = younger_peers_below_grade
        settings.full_clean()
        settings.save()
    return settings
