"""Inviting peers, as the guide describes it: a campaign per program and term spread through several channels,
applications and teacher nominations, guardian consent for minors, a review on the guide's qualities, and
materials (brochure, poster) printed from the program's own data. Matches live in ``recruitment.matching``."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.dates import school_today
from schools.models import GRADE_CHOICES, Period, Student, Term
from schools.scoping import SchoolOwnedQuerySet


class Channel(models.TextChoices):
    """The ways of spreading the word the guide names (also the answers to "How did you hear about us?")."""

    FLYERS = "flyers", _("Flyers")
    POSTERS = "posters", _("Posters")
    WEB_PAGE = "web_page", _("Web page")
    ANNOUNCEMENTS = "announcements", _("Morning announcements")
    CLASS_PRESENTATIONS = "class_presentations", _("Class presentations")
    TEACHER_NOMINATION = "teacher_nomination", _("A teacher nominated me")
    PERSONAL_INVITATION = "personal_invitation", _("A personal invitation")
    FRIEND = "friend", _("A friend told me")
    OTHER = "other", _("Somewhere else")


class Interest(models.TextChoices):
    """Interests a peer can tick on the application; free text covers the rest."""

    SPORTS = "sports", _("Sports")
    ART = "art", _("Art and drawing")
    MUSIC = "music", _("Music and singing")
    GAMES = "games", _("Video and board games")
    READING = "reading", _("Reading and stories")
    ANIMALS = "animals", _("Animals")
    COOKING = "cooking", _("Cooking and baking")
    SCIENCE = "science", _("Science and building")
    DANCE = "dance", _("Dance and theatre")
    OUTDOORS = "outdoors", _("Gardening and the outdoors")


class RecruitmentCampaign(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="campaigns")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("term"))
    target_peers = models.PositiveSmallIntegerField(_("target number of peers"), default=12)
    accepting_applications = models.BooleanField(_("open for applications"), default=False)
    opens_on = models.DateField(_("applications open"), null=True, blank=True)
    closes_on = models.DateField(_("applications close"), null=True, blank=True)
    requires_guardian_consent = models.BooleanField(
        _("guardian consent required"), default=True, help_text=_("A peer cannot be accepted without it.")
    )
    # What the public page, the brochure and the poster say.
    what_peers_do = models.TextField(_("what peers do together with their schoolmates"), blank=True)
    time_commitment = models.CharField(_("time commitment"), max_length=200, blank=True)
    how_to_join = models.TextField(_("how to join"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["-term__start_date", "program__name"]
        verbose_name = _("recruitment campaign")
        verbose_name_plural = _("recruitment campaigns")
        constraints = [models.UniqueConstraint(fields=["program", "term"], name="one_campaign_per_program_term")]

    def __str__(self) -> str:
        return f"{self.program} · {self.term}"

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Applications must close after they open.")})
        if self.term_id and self.program_id and self.term.school_id != self.program.school_id:
            raise ValidationError({"term": _("Choose a term of the program's school.")})

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.accepting_applications
            and (self.opens_on is None or self.opens_on <= today)
            and (self.closes_on is None or today <= self.closes_on)
        )


class CampaignChannel(models.Model):
    """One way of spreading the word in a campaign, as a checklist item with a date and an owner."""

    campaign = models.ForeignKey(RecruitmentCampaign, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("owner")
    )
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "campaign__program__school"

    class Meta:
        ordering = ["campaign", "planned_on", "pk"]
        verbose_name = _("campaign channel")
        verbose_name_plural = _("campaign channels")
        constraints = [models.UniqueConstraint(fields=["campaign", "channel"], name="channel_once_per_campaign")]

    def __str__(self) -> str:
        return self.get_channel_display()


class Nomination(models.Model):
    """A teacher nominates a student with reasons; the student gets a personal invitation to apply."""

    campaign = models.ForeignKey(RecruitmentCampaign, on_delete=models.CASCADE, related_name="nominations")
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("nominated by")
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True, related_name="nominations", verbose_name=_("student")
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), choices=GRADE_CHOICES, null=True, blank=True)
    invitation_email = models.EmailField(_("email for the invitation"), blank=True)
    reasons = models.TextField(_("why this student"))
    # The personal link's secret; the link itself is signed and expires.
    invitation_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "campaign__program__school"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.CheckConstraint(condition=~Q(student=None) | ~Q(first_name=""), name="nomination_names_someone"),
        ]

    def __str__(self) -> str:
        return self.nominee_name

    @property
    def nominee_name(self) -> str:
        return self.student.full_name if self.student_id else f"{self.first_name} {self.last_name}".strip()


# The qualities the guide says teachers look for, each rated 0-3 by the reviewer.
QUALITIES = (
    ("score_attendance", _("Consistent attendance")),
    ("score_excitement", _("Excited about learning new skills")),
    ("score_interpersonal", _("Appropriate interpersonal skills")),
    ("score_similar_experience", _("Similar experiences")),
    ("score_shared_interests", _("Interests shared with participating students")),
    ("score_would_benefit", _("Would benefit personally (engagement, new friendships)")),
)


class PeerApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        # A later application of the same person, resolved by a coordinator (see ``possible_duplicate_of``).
        MERGED = "merged", _("Merged into the earlier application")
        DISCARDED = "discarded", _("Discarded as a duplicate")

    # Statuses of a resolved duplicate: not an application of its own any more (not counted, not decided).
    RESOLVED_DUPLICATE = (Status.MERGED, Status.DISCARDED)

    QUALITIES = QUALITIES

    campaign = models.ForeignKey(RecruitmentCampaign, on_delete=models.CASCADE, related_name="applications")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    grade = models.PositiveSmallIntegerField(_("grade"), choices=GRADE_CHOICES)
    homeroom_teacher = models.CharField(_("homeroom teacher"), max_length=100)
    email = models.EmailField(_("your email (optional)"), blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    interests_other = models.CharField(_("other interests"), max_length=300, blank=True)
    available_periods = models.ManyToManyField(
        Period, blank=True, related_name="+", verbose_name=_("when you are usually free")
    )
    why_join = models.TextField(_("why you want to join"))
    prior_experience = models.TextField(_("experiences with people with disabilities"), blank=True)
    heard_via = models.CharField(_("how you heard about us"), max_length=30, choices=Channel.choices)
    guardian_name = models.CharField(_("parent or guardian's name"), max_length=200, blank=True)
    guardian_email = models.EmailField(_("parent or guardian's email"), blank=True)
    nomination = models.ForeignKey(
        Nomination, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    # Lowercase names and grade: a later application with the same key is marked as a possible duplicate of the
    # earlier one. The public form never changes an existing application; a coordinator merges or discards it.
    dedupe_key = models.CharField(max_length=250, editable=False)
    possible_duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="possible_duplicates",
        verbose_name=_("possibly the same person as"),
    )
    # What staff changed beyond the review, one line each: merges (which answers were taken; the values stay on the
    # two rows), a duplicate discarded, a guardian replaced (with the consent that stopped counting).
    history = models.TextField(_("history"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    status = models.CharField(_("decision"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    score_attendance = models.PositiveSmallIntegerField(null=True, blank=True)
    score_excitement = models.PositiveSmallIntegerField(null=True, blank=True)
    score_interpersonal = models.PositiveSmallIntegerField(null=True, blank=True)
    score_similar_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    score_shared_interests = models.PositiveSmallIntegerField(null=True, blank=True)
    score_would_benefit = models.PositiveSmallIntegerField(null=True, blank=True)
    review_notes = models.TextField(_("reviewer's notes"), blank=True)
    # Why a peer outside the program's grades was accepted anyway (required to accept one; see campaigns.services).
    grade_exception_reason = models.TextField(_("why accepted outside the program's grades"), blank=True)
    interview_at = models.DateTimeField(_("interview"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The roster record of an accepted peer.
    student = models.ForeignKey(
        Student, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "campaign__program__school"

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("peer application")
        verbose_name_plural = _("peer applications")
        indexes = [models.Index(fields=["campaign", "dedupe_key"], name="application_person_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(possible_duplicate_of=models.F("pk")), name="application_not_duplicate_of_itself"
            ),
            # One roster peer is accepted once per campaign (two coordinators accepting two applications of one
            # child at once are refused by ``campaigns.services`` under the campaign's row lock; this holds anyway).
            models.UniqueConstraint(
                fields=["campaign", "student"], condition=Q(status="accepted"),
                name="application_peer_accepted_once_per_campaign",
            ),
            *[
                models.CheckConstraint(condition=Q(**{f"{name}__lte": 3}), name=f"application_{name}_0_to_3")
                for name, _label in QUALITIES
            ],
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.dedupe_key = self.make_dedupe_key(self.first_name, self.last_name, self.grade)
        super().save(*args, **kwargs)

    def add_history(self, line: str) -> None:
        self.history = f"{self.history}\n{line}".strip()

    @staticmethod
    def make_dedupe_key(first_name: str, last_name: str, grade: int) -> str:
        return f"{' '.join(first_name.lower().split())}|{' '.join(last_name.lower().split())}|{grade}"

    @property
    def total_score(self) -> int | None:
        scores = [getattr(self, name) for name, _label in self.QUALITIES]
        if all(score is None for score in scores):
            return None
        return sum(score or 0 for score in scores)


class GuardianConsentQuerySet(SchoolOwnedQuerySet):
    def in_force(self, on: datetime.date):
        """Online consents that count on day ``on`` (a day at the consent's school): the guardian consented and the
        consent has not run out (``valid_until``, the end of the school year, or renewed to the next one). The one
        definition: the consent rule's annotation (``recruitment.applying.selectors.with_consent_state``) and the
        one-row check (``GuardianConsent.is_valid``) both filter through it."""
        return self.filter(status=GuardianConsent.Status.CONSENTED).filter(
            Q(valid_until=None) | Q(valid_until__gte=on)
        )


class GuardianConsent(models.Model):
    """A guardian's answer to the consent request for a minor's application.

    The emailed link is signed and expires; it carries this row's ``token``, which is used once.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the guardian")
        CONSENTED = "consented", _("Consented")
        DECLINED = "declined", _("Declined")

    application = models.OneToOneField(PeerApplication, on_delete=models.CASCADE, related_name="consent")
    guardian_name = models.CharField(_("guardian"), max_length=200)
    guardian_email = models.EmailField(_("guardian's email"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    typed_name = models.CharField(_("name typed as signature"), max_length=200, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_ip = models.GenericIPAddressField(null=True, blank=True)
    # Consent lasts until the end of the school year it was given in.
    valid_until = models.DateField(null=True, blank=True)
    # Renewal before the next program year: the emailed link signs ``renewal_token`` (used once); a "yes" moves
    # ``valid_until`` to the end of the next school year, a "no" lets the consent run out at ``valid_until``.
    renewal_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    renewal_requested_at = models.DateTimeField(_("renewal requested"), null=True, blank=True)
    renewal_answered_at = models.DateTimeField(_("renewal answered"), null=True, blank=True)
    renewal_agreed = models.BooleanField(_("renewed"), null=True, blank=True)

    objects = GuardianConsentQuerySet.as_manager()
    school_path = "application__campaign__program__school"

    class Meta:
        verbose_name = _("guardian consent")
        verbose_name_plural = _("guardian consents")

    def __str__(self) -> str:
        return f"{self.guardian_name}: {self.get_status_display()}"

    def is_valid(self, on: datetime.date | None = None) -> bool:
        """Whether this consent counts on ``on`` (today at the program's school by default). Asks the database with
        ``in_force``, so one row and a list can never disagree."""
        on = on or school_today(self.application.campaign.program.school)
        return GuardianConsent.objects.filter(pk=self.pk).in_force(on).exists()


class RecruitmentMaterial(models.Model):
    """A rendered brochure or poster PDF, cached until the program or campaign changes (``source_hash``)."""

    class Kind(models.TextChoices):
        BROCHURE = "brochure", _("Brochure (two columns)")
        POSTER = "poster", _("Poster (one page)")

    class Paper(models.TextChoices):
        LETTER = "letter", _("US Letter")
        A4 = "a4", _("A4")

    class Status(models.TextChoices):
        RENDERING = "rendering", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be prepared")

    campaign = models.ForeignKey(RecruitmentCampaign, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    paper = models.CharField(max_length=10, choices=Paper.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RENDERING)
    source_hash = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to="recruitment/materials/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "campaign__program__school"

    class Meta:
        verbose_name = _("recruitment material")
        verbose_name_plural = _("recruitment materials")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind", "paper"], name="one_material_per_kind_and_paper")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_paper_display()})"


# --- Matching peers with students (recruitment.matching) ---


class MatchingSettings(models.Model):
    """How a program sizes its peer networks: the guide's "2–4 peers per student is common" and a peer's capacity."""

    program = models.OneToOneField("programs.Program", on_delete=models.CASCADE, related_name="matching_settings")
    peer_capacity = models.PositiveSmallIntegerField(
        _("focus students one peer supports"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    min_peers_per_student = models.PositiveSmallIntegerField(
        _("peers per student (at least)"), default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_peers_per_student = models.PositiveSmallIntegerField(
        _("peers per student (at most)"), default=4, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        verbose_name = _("matching settings")
        verbose_name_plural = _("matching settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_peers_per_student__lte=models.F("max_peers_per_student")),
                name="matching_min_not_above_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.min_peers_per_student}–{self.max_peers_per_student}"

    def clean(self):
        if (
            self.min_peers_per_student is not None
            and self.max_peers_per_student is not None
            and self.min_peers_per_student > self.max_peers_per_student
        ):
            raise ValidationError({"max_peers_per_student": _("The most must not be fewer than the least.")})


class MatchQuerySet(SchoolOwnedQuerySet):
    def confirmed(self):
        return self.filter(status=Match.Status.CONFIRMED)

    def proposed(self):
        return self.filter(status=Match.Status.PROPOSED)


class Match(models.Model):
    """A peer paired with a focus student in a program for one term: proposed by the solver or by hand, then
    confirmed by the coordinator. Confirmed matches are a peer's partners in shared activities."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        ENDED = "ended", _("Ended")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="matches")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="matches", verbose_name=_("term"))
    focus_student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="peer_matches", verbose_name=_("student")
    )
    peer = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="partner_matches", verbose_name=_("peer"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    by_hand = models.BooleanField(_("paired by hand"), default=False)
    explanation = models.TextField(_("why"), blank=True)
    warnings = models.TextField(_("warnings"), blank=True)
    score = models.IntegerField(_("score"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MatchQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["focus_student__last_name", "focus_student__first_name", "peer__last_name", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "term", "focus_student", "peer"], name="match_once_per_program_term_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.peer} with {self.focus_student}"

    @property
    def warning_list(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line]
