"""Read side of meetings, invitations and RSVPs: who an email goes to, the invite page, a peer's own invitations,
the orientation page's panel and the peer's dashboard panel.

Who gets the email for a student: the address of the student's own school sign-in (``student.user.email``), and
nothing else. Guardians' addresses are confidential and an orientation is the student's own business at school;
the email a child gave on the application (grade 8 and up only) is recruitment's and may be a private address. A
student without a sign-in address is still invited: the invite page says so, so the coordinator tells them in person.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from programs import selectors as program_selectors
from recruitment import selectors as recruitment_selectors
from schools.dates import school_today
from schools.models import Student
from schools.permissions import has_permission
from schools.selectors import own_student_record, staff_members

from ..models import Invitation, Orientation, OrientationMeeting


@dataclass(frozen=True)
class Recipient:
    """Someone an email about a meeting goes to: ``key`` is ``SentReminder.recipient`` ("student:<pk>" or
    "user:<pk>"); ``invitation`` is none for a facilitator who was not invited."""

    key: str
    email: str
    first_name: str
    invitation: Invitation | None = None


def student_email(student) -> str:
    """The student's own school sign-in address, when they have an active one (see the module's docstring)."""
    user = student.user
    return user.email if user is not None and user.is_active else ""


def invitation_recipient(invitation) -> Recipient:
    if invitation.student_id:
        student = invitation.student
        return Recipient(f"student:{student.pk}", student_email(student), student.short_name, invitation)
    return _user_recipient(invitation.user, invitation)


def _user_recipient(user, invitation=None) -> Recipient:
    email = user.email if user.is_active else ""
    return Recipient(f"user:{user.pk}", email, user.first_name or user.username, invitation)


def meeting_recipients(meeting) -> list[Recipient]:
    """Who hears about ``meeting`` (updates, reminders, its cancellation): everyone invited who has not declined
    (for a make-up meeting: the students it is for), and the facilitators. Three queries."""
    orientation = meeting.orientation
    invitations = orientation.invitations.select_related("student__user", "user")
    if meeting.makeup_for_id is not None:
        students = list(meeting.makeup_students.select_related("user"))
        by_student = {i.student_id: i for i in invitations.filter(student__in=students)}
        people = [
            Recipient(f"student:{s.pk}", student_email(s), s.short_name, by_student.get(s.pk)) for s in students
        ]
    else:
        people = [invitation_recipient(i) for i in invitations.exclude(response=Invitation.Response.NO)]
    keys = {p.key for p in people}
    people += [_user_recipient(u) for u in orientation.facilitators.all() if f"user:{u.pk}" not in keys]
    return people


def orientation_meetings(*, orientation):
    """The orientation's meetings, cancelled ones too (shown struck through), in date order."""
    return orientation.meetings.select_related("makeup_for").order_by("date", "starts_at", "pk")


def answer_counts(*, orientation) -> dict:
    """How many invited people answered yes or no, or not yet (one query)."""
    R = Invitation.Response
    return orientation.invitations.aggregate(
        invited=Count("pk"),
        coming=Count("pk", filter=Q(response=R.YES)),
        not_coming=Count("pk", filter=Q(response=R.NO)),
        pending=Count("pk", filter=Q(response=R.PENDING)),
    )


def orientation_panel(*, orientation, access) -> dict:
    """What this area shows on an orientation's page (``templates/orientation/invitations/_panel.html``): its
    meetings and the answers so far, with links to the invite page and the meeting forms (two queries)."""
    return {
        "orientation": orientation,
        "meetings": list(orientation_meetings(orientation=orientation)),
        "answers": answer_counts(orientation=orientation),
        "can_manage": has_permission(access, "manage_orientations"),
    }


def orientation_queryset(*, access):
    """The active school's orientations, for a view resolving one by id."""
    return Orientation.objects.visible_to(access).select_related("program__school", "term")


def meeting_queryset(*, access):
    return OrientationMeeting.objects.visible_to(access).select_related("orientation__program__school")


@dataclass(frozen=True)
class LeftOut:
    student: Student
    reason: str


def invite_candidates(*, orientation) -> dict:
    """What the invite page offers: the program's peers with valid consent not yet invited, their partners (when
    the audience includes students), the school's staff, and the peers who may not be invited, with why.
    A fixed number of queries whatever the number of people."""
    program = orientation.program
    invited = list(orientation.invitations.select_related("student__user", "user").order_by("pk"))
    invited_students = {i.student_id for i in invited if i.student_id}
    invited_users = {i.user_id for i in invited if i.user_id}
    consented = list(recruitment_selectors.peers_with_valid_consent(program=program).select_related("user"))
    consented_ids = {s.pk for s in consented}
    all_peers = program_selectors.active_participants(program=program, kind=Student.Kind.PEER)
    left_out = [
        LeftOut(s, _("No guardian consent in force today: not invited until the consent is renewed or recorded."))
        for s in all_peers.exclude(pk__in=consented_ids)
    ]
    partners = []
    if orientation.audience == Orientation.Audience.PEERS_AND_STUDENTS:
        seen = set()
        for pair in recruitment_selectors.confirmed_pairs(program=program, term=orientation.term).select_related(
            "focus_student__user"
        ):
            student = pair.focus_student
            if student.pk not in seen and student.pk not in invited_students and student.is_active:
                seen.add(student.pk)
                partners.append(student)
    staff = [u for u in staff_members(school=program.school) if u.pk not in invited_users]
    return {
        "invited": invited,
        "peers": [s for s in consented if s.pk not in invited_students],
        "partners": partners,
        "staff": staff,
        "left_out": left_out,
    }


# --- A peer's or student's own invitations ---


def own_invitations(*, access, student):
    """``student``'s invitations (the signed-in person's own record, from ``own_student_record``) to orientations
    not cancelled, with their meetings and who each make-up is for: three queries whatever the number."""
    meetings = (
        OrientationMeeting.objects.filter(cancelled_at=None)
        .prefetch_related(Prefetch("makeup_students", queryset=Student.objects.only("pk")))
        .order_by("date", "starts_at", "pk")
    )
    return (
        Invitation.objects.visible_to(access)
        .filter(student=student, orientation__cancelled_at=None)
        .select_related("orientation__program")
        .prefetch_related(Prefetch("orientation__meetings", queryset=meetings, to_attr="open_meetings"))
        .order_by("-orientation__created_at", "pk")
    )


def meetings_for(invitation, *, today: datetime.date) -> list:
    """The meetings still to come of the invitation's orientation (``open_meetings``, loaded by ``own_invitations``):
    its meetings, and a make-up meeting only when it is for this student."""
    return [
        m
        for m in invitation.orientation.open_meetings
        if m.date >= today
        and (m.makeup_for_id is None or any(s.pk == invitation.student_id for s in m.makeup_students.all()))
    ]


def own_orientation_page(*, access) -> dict:
    me = own_student_record(access=access)
    if me is None:
        return {"student": None, "rows": []}
    today = school_today(access.school)
    invitations = own_invitations(access=access, student=me)
    rows = [{"invitation": i, "meetings": meetings_for(i, today=today)} for i in invitations]
    return {"student": me, "rows": rows}


def own_orientation_panel(access) -> dict:
    """The dashboard's "Your orientation": the next meeting of the person's invitations and their answer."""
    page = own_orientation_page(access=access)
    upcoming = [(row["meetings"][0], row["invitation"]) for row in page["rows"] if row["meetings"]]
    upcoming.sort(key=lambda pair: (pair[0].date, pair[0].starts_at))
    meeting, invitation = upcoming[0] if upcoming else (None, None)
    return {"next_meeting": meeting, "invitation": invitation}


# --- The signed RSVP link ---


def rsvp_invitation(*, pk: int):
    """The one invitation a signed link names, with what its page shows, or None."""
    return (
        Invitation.objects.filter(pk=pk)
        .select_related("orientation__program__school", "student", "user")
        .prefetch_related(
            Prefetch(
                "orientation__meetings",
                queryset=OrientationMeeting.objects.filter(cancelled_at=None, makeup_for=None).order_by(
                    "date", "starts_at", "pk"
                ),
                to_attr="open_meetings",
            )
        )
        .first()
    )
