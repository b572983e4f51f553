"""Sign-ins for peers and focus students, issued by their coordinator (issue 11).

A student needs no email address: the coordinator picks a username and the site makes a sign-in code (three short
words and two digits), stored only as a password hash and shown once. A child under 13 gets a sign-in only while the
school holds a valid consent record for an account (COPPA, school-authorised use).
"""

import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..dates import school_today
from ..models import Student, User
from ..privacy.models import ConsentRecord
from .sessions import end_sessions

log = logging.getLogger("peerpartners.security")

# Short, common, easy to spell for a 10-year-old; no look-alike or unkind words.
# fmt: off
CODE_WORDS = (
    "ant", "bag", "bat", "bear", "bee", "bell", "bike", "bird", "boat", "book", "box", "bus",
    "cake", "cat", "cup", "desk", "dog", "drum", "duck", "egg", "fish", "flag", "fox", "frog",
    "gift", "goat", "hat", "hen", "hill", "jam", "kite", "lamp", "leaf", "lion", "map", "milk",
    "moon", "nest", "owl", "pan", "park", "pear", "pen", "pot", "rain", "ring", "road", "rock",
    "rose", "seal", "ship", "shoe", "sock", "star", "sun", "tent", "tree", "van", "wave", "web",
    "wolf", "yak", "zoo", "apple", "cloud", "grape", "horse", "lemon", "mango", "panda", "piano", "river",
    "robot", "snow", "tiger", "train", "whale",
)
# fmt: on


def generate_sign_in_code() -> str:
    """``tiger-lamp-river-47``: about 25 bits from a cryptographic source; with the per-account lockout (5 tries per
    15 minutes) far out of guessing reach, and easy to type on a classroom tablet."""
    words = [secrets.choice(CODE_WORDS) for _ in range(3)]
    return "-".join([*words, f"{secrets.randbelow(90) + 10}"])


def has_account_consent(student: Student) -> bool:
    on = school_today(student.school)
    return student.consent_records.valid(on).filter(scope=ConsentRecord.Scope.ACCOUNT).exists()


def check_may_have_sign_in(student: Student) -> None:
    """Raises when the student may not have a sign-in: a child under 13 without a valid account consent."""
    if student.is_under_13() and not has_account_consent(student):
        raise ValidationError(
            _(
                "%(name)s is under 13. Record a parent's or guardian's consent to a sign-in account first "
                "(Consent records, on this student's page), then give the sign-in."
            )
            % {"name": student.short_name},
            code="consent_required",
        )


@transaction.atomic
def student_sign_in_issue(*, student: Student, issued_by, username: str = "") -> str:
    """Gives the student a sign-in (or a new code for the one they have) and returns the code, which is stored only
    hashed. A new sign-in uses ``username``; a re-issued one keeps its username. Any session on the old code ends."""
    student = Student.objects.select_for_update().get(pk=student.pk)
    check_may_have_sign_in(student)
    user = student.user
    if user is not None and (user.is_staff or user.memberships.exists() or user.district_roles.exists()):
        # A coordinator resets students' codes, never a staff account's password that happens to be linked here.
        raise ValidationError(
            _("This sign-in also belongs to a staff account. Its owner changes the password, or support staff do."),
            code="staff_account",
        )
    code = generate_sign_in_code()
    if user is None:
        user = User(username=username)
    user.set_password(code)
    user.is_active = True
    user.full_clean()
    user.save()
    if student.user_id != user.pk:
        student.user = user
        student.save(update_fields=["user"])
    # A new code replaces the old one everywhere: a session opened with the old code ends.
    end_sessions(user)
    log.info("student_sign_in.issued student_id=%s user_id=%s by_user_id=%s", student.pk, user.pk, issued_by.pk)
    return code


@transaction.atomic
def student_sign_in_turn_off(*, student: Student, by=None, reason: str = "coordinator") -> bool:
    """Switches the student's sign-in off (its sessions end at once). Returns False when there was none to turn off."""
    user = student.user
    if user is None or not user.is_active:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    log.info(
        "student_sign_in.turned_off student_id=%s user_id=%s by_user_id=%s reason=%s",
        student.pk,
        user.pk,
        getattr(by, "pk", None),
        reason,
    )
    return True
