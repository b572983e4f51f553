"""Write side of service-learning projects and service hours. Keyword-only, ``full_clean()`` before saving, one
transaction each; emails go through the outbox in the same transaction.

Verification and approval are two things: the verifier (someone outside school the student named) says whether the
hours happened; the coordinator approves or declines them. Entries are never deleted, only declined with a reason.
A program may approve by itself an entry that has every proof it chose (``ActivitySettings``), checked whenever an
entry gets a proof.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programs import selectors as program_selectors
from schools.documents import JPEG, PNG, check_document, delete_after_commit, save_with_document
from schools.services import email_queue

from ..models import (
    Activity,
    ActivitySettings,
    Kind,
    Participant,
    ServiceHours,
    ServicePhoto,
    ServiceProject,
    ServiceTask,
)
from ..services import hours_auto_approves
from .tokens import verify_url

ONLY_IMAGES = _("Upload a photo: a PNG or JPEG image.")


# --- Service hours ------------------------------------------------------------------------------------------------


def entry_proofs(entry: ServiceHours) -> set[str]:
    """The proofs an entry has: attendance, the verifier's confirmation, a photo or document."""
    proofs = set()
    if entry.source == ServiceHours.Source.ATTENDANCE:
        proofs.add(ActivitySettings.Proof.ATTENDANCE)
    if entry.verification in (ServiceHours.Verification.CONFIRMED, ServiceHours.Verification.CHANGED):
        proofs.add(ActivitySettings.Proof.VERIFIER)
    if entry.proof:
        proofs.add(ActivitySettings.Proof.DOCUMENT)
    return proofs


def _approve_when_proven(entry: ServiceHours) -> bool:
    """Approve ``entry`` (still waiting for approval) when it now has every proof its program chose."""
    if entry.approval != ServiceHours.Approval.PENDING:
        return False
    if not hours_auto_approves(program=entry.program, proofs=entry_proofs(entry)):
        return False
    entry.approval = ServiceHours.Approval.APPROVED
    entry.decided_by, entry.decided_at = None, timezone.now()
    entry.save(update_fields=["approval", "decided_by", "decided_at"])
    return True


def claim_term(*, program, on):
    """The program's term a day falls in (the shortest: a semester before its school year), or None."""
    return (
        program_selectors.program_terms(program=program)
        .filter(start_date__lte=on, end_date__gte=on)
        .order_by("end_date", "-start_date")
        .first()
    )


def _entry_term(program, on):
    term = claim_term(program=program, on=on)
    if term is None:
        raise ValidationError({"date": _("This day is outside the program's terms. Check the date.")})
    return term


def _check_student_in_program(student, program):
    if student.school_id != program.school_id:
        raise ValidationError(_("Choose a student of this program's school."))


@transaction.atomic
def hours_claim(
    *,
    student,
    program,
    date,
    hours: Decimal,
    description: str,
    verifier_name: str,
    verifier_email: str,
    honesty_statement: bool,
    proof=None,
    claimed_by=None,
) -> ServiceHours:
    """A peer's or student's own hours for work outside school. Saved waiting for the verifier, who gets an email
    with a signed link (outbox, same transaction, once per entry); the proof file is checked and stored under a
    random name. Nothing is saved when anything is wrong."""
    _check_student_in_program(student, program)
    errors = {}
    if not honesty_statement:
        errors["honesty_statement"] = _("Tick the box to confirm that what you wrote is true.")
    if not (verifier_name or "").strip():
        errors["verifier_name"] = _("Give the name of the person who can confirm your hours.")
    if not (verifier_email or "").strip():
        errors["verifier_email"] = _("Give the email of the person who can confirm your hours.")
    if errors:
        raise ValidationError(errors)
    entry = ServiceHours(
        program=program,
        term=_entry_term(program, date),
        student=student,
        source=ServiceHours.Source.CLAIM,
        date=date,
        hours=hours,
        description=description.strip(),
        verifier_name=verifier_name.strip(),
        verifier_email=verifier_email.strip(),
        honesty_statement=True,
        verification=ServiceHours.Verification.PENDING,
        created_by=claimed_by,
    )
    save_with_document(entry, field="proof", document=proof, validate=entry.full_clean)
    email_queue(
        template="activities/service/emails/verify",
        context={
            "first_name": student.short_name,
            "entry": entry,
            "school": program.school,
            "url": verify_url(entry),
        },
        to=entry.verifier_email,
        school=program.school,
        key=f"service-hours-verify:{entry.pk}",
    )
    _approve_when_proven(entry)
    return entry


@transaction.atomic
def hours_add(*, student, program, date, hours: Decimal, description: str, added_by) -> ServiceHours:
    """Hours a staff member adds for a student (work they supervised): the staff member is the verifier, so the
    entry is confirmed; the coordinator still approves it (or the program's rule does)."""
    _check_student_in_program(student, program)
    entry = ServiceHours(
        program=program,
        term=_entry_term(program, date),
        student=student,
        source=ServiceHours.Source.CLAIM,
        date=date,
        hours=hours,
        description=description.strip(),
        verifier_name=added_by.display_name[:200],
        verifier_email=added_by.email,
        verification=ServiceHours.Verification.CONFIRMED,
        verified_at=timezone.now(),
        created_by=added_by,
    )
    entry.full_clean()
    entry.save()
    _approve_when_proven(entry)
    return entry


class Answer:
    CONFIRM = "confirm"
    CHANGE = "change"
    DENY = "deny"


@transaction.atomic
def hours_verify(*, entry_pk: int, answer: str, hours: Decimal | None = None, note: str = "") -> ServiceHours:
    """The verifier's answer through their signed link: confirm, change the hours (with a note) or deny. Only once:
    the entry's row is locked and an answered entry is refused, so a replayed link changes nothing. Approval stays
    the coordinator's (or the program's rule, asked again now that the entry may have its last proof)."""
    entry = ServiceHours.objects.select_for_update().select_related("program").filter(pk=entry_pk).first()
    if entry is None or entry.source != ServiceHours.Source.CLAIM:
        raise ValidationError(_("This link does not work."))
    if entry.verification != ServiceHours.Verification.PENDING:
        raise ValidationError(_("These hours were already answered. Thank you."))
    note = (note or "").strip()
    if answer == Answer.CONFIRM:
        entry.verification = ServiceHours.Verification.CONFIRMED
    elif answer == Answer.CHANGE:
        errors = {}
        if hours is None:
            errors["hours"] = _("Give the hours you can confirm.")
        elif hours == entry.hours:
            errors["hours"] = _("These are the hours claimed: choose “Confirm” instead, or give other hours.")
        if not note:
            errors["note"] = _("Say briefly why the hours are different.")
        if errors:
            raise ValidationError(errors)
        entry.verification = ServiceHours.Verification.CHANGED
        entry.verified_hours = hours
    elif answer == Answer.DENY:
        entry.verification = ServiceHours.Verification.DENIED
    else:
        raise ValidationError(_("Choose confirm, change or deny."))
    entry.verifier_note = note[:500]
    entry.verified_at = timezone.now()
    entry.full_clean()
    entry.save()
    _approve_when_proven(entry)
    return entry


@transaction.atomic
def hours_approve(*, entries, decided_by) -> int:
    """Approve the entries still waiting for approval among ``entries`` (a scoped queryset); returns how many.
    Entries already decided keep their decision."""
    now = timezone.now()
    waiting = list(
        ServiceHours.objects.select_for_update()
        .filter(pk__in=entries.values("pk"), approval=ServiceHours.Approval.PENDING)
        .order_by("pk")
    )
    for entry in waiting:
        entry.approval = ServiceHours.Approval.APPROVED
        entry.decided_by, entry.decided_at = decided_by, now
        entry.decline_reason = ""
    ServiceHours.objects.bulk_update(waiting, ["approval", "decided_by", "decided_at", "decline_reason"])
    return len(waiting)


@transaction.atomic
def hours_decline(*, entry: ServiceHours, reason: str, decided_by) -> ServiceHours:
    """Decline an entry with a reason the student reads (required). The entry stays: it is never deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason: the student reads it.")})
    entry = ServiceHours.objects.select_for_update().get(pk=entry.pk)
    if entry.approval == ServiceHours.Approval.DECLINED:
        raise ValidationError(_("These hours were already declined."))
    entry.approval = ServiceHours.Approval.DECLINED
    entry.decline_reason = reason[:300]
    entry.decided_by, entry.decided_at = decided_by, timezone.now()
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def activity_settings_save(*, program, auto_approve_hours: bool, auto_approve_proofs: list[str]) -> ActivitySettings:
    """The program's rule for approving hours by itself. Entries already waiting are not approved by saving it:
    the rule applies when an entry gets its last proof."""
    proofs = [p for p in ActivitySettings.Proof.values if p in set(auto_approve_proofs)]
    if auto_approve_hours and not proofs:
        raise ValidationError({"auto_approve_proofs": _("Choose the proofs an entry needs to be approved by itself.")})
    settings, _created = ActivitySettings.objects.get_or_create(program=program)
    settings.auto_approve_hours = auto_approve_hours
    settings.auto_approve_proofs = proofs
    settings.full_clean()
    settings.save()
    return settings


# --- Service-learning projects ------------------------------------------------------------------------------------


def _check_service_activity(activity: Activity):
    if activity.kind != Kind.SERVICE_LEARNING:
        raise ValidationError(_("Only a community / service-learning activity has a project."))


@transaction.atomic
def project_save(
    *,
    activity: Activity,
    community_need: str,
    partner_organisation: str = "",
    partner_contact: str = "",
    materials: str = "",
    costs: Decimal | None = None,
    outcomes: str = "",
    reflections: str = "",
) -> ServiceProject:
    """Create or change the project of a service-learning activity."""
    _check_service_activity(activity)
    project = ServiceProject.objects.select_for_update().filter(activity=activity).first() or ServiceProject(
        activity=activity
    )
    project.community_need = community_need.strip()
    project.partner_organisation = partner_organisation.strip()
    project.partner_contact = partner_contact.strip()
    project.materials = materials.strip()
    project.costs = costs
    project.outcomes = outcomes.strip()
    project.reflections = reflections.strip()
    project.full_clean()
    project.save()
    return project


def _check_placed(project: ServiceProject, students, field: str):
    placed = set(
        Participant.objects.filter(activity=project.activity, status=Participant.Status.PLACED).values_list(
            "student_id", flat=True
        )
    )
    outside = [s for s in students if s.pk not in placed]
    if outside:
        raise ValidationError({field: _("Choose students taking part in this activity.")})


@transaction.atomic
def task_save(
    *, project: ServiceProject, task: ServiceTask | None = None, name: str, role: str = "", students=(), done_on=None
) -> ServiceTask:
    """Add a task to the plan (or change one), with its role and who does it: students taking part only."""
    students = list(students)
    _check_placed(project, students, "students")
    if task is None:
        last = project.tasks.order_by("-order").values_list("order", flat=True).first()
        task = ServiceTask(project=project, order=(last or 0) + 1)
    task.task, task.role, task.done_on = name.strip(), role.strip(), done_on
    task.full_clean()
    task.save()
    task.students.set(students)
    return task


@transaction.atomic
def task_remove(*, task: ServiceTask) -> None:
    task.delete()


@transaction.atomic
def photo_add(*, project: ServiceProject, image, caption: str = "", students=(), uploaded_by=None) -> ServicePhoto:
    """A photo of the project (PNG or JPEG, checked by content, stored under a random name, served only through the
    project's pages). Only students taking part may be tagged, and never one whose family opted out of the
    directory: their photo is not shared."""
    students = list(students)
    if image is None:
        raise ValidationError({"image": _("Choose the photo to upload.")})
    if check_document(image) not in (PNG, JPEG):
        raise ValidationError({"image": ONLY_IMAGES})
    opted_out = [s for s in students if s.directory_opt_out]
    if opted_out:
        raise ValidationError(
            {
                "students": _(
                    "%(names)s cannot be tagged: the family asked that the student's name and photo not be shared."
                )
                % {"names": ", ".join(s.full_name for s in opted_out)}
            }
        )
    _check_placed(project, students, "students")
    photo = ServicePhoto(project=project, caption=caption.strip(), uploaded_by=uploaded_by)
    save_with_document(photo, field="image", document=image, validate=lambda: photo.full_clean(exclude=["image"]))
    photo.students.set(students)
    return photo


@transaction.atomic
def photo_remove(*, photo: ServicePhoto) -> None:
    delete_after_commit(photo.image)
    photo.delete()
