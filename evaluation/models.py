"""Evaluating outcomes (the guide's "Evaluating Outcomes" and Figure 2): reflection and other surveys answered in
survey windows, goal attainment scaling, social contacts and friendships, and the monthly health of each pair.

Every row belongs to a program (``school_path`` reaches its school), so views read them through
``.visible_to(access)`` like everywhere else. One row's rules are here; workflows are in each area's ``services.py``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schools.models import IEPGoal, Student, Term
from schools.scoping import SchoolOwnedQuerySet

# --- Surveys ------------------------------------------------------------------------------------------------------


class SurveyKind(models.TextChoices):
    REFLECTION = "reflection", _("Reflection")
    SCHOOL_CULTURE = "school_culture", _("School culture")
    SOCIAL_VALIDITY = "social_validity", _("Was it worth it?")
    EXIT = "exit", _("Exit survey")


class Audience(models.TextChoices):
    """Who answers a survey (the guide's Figure 2 has questions "For Peers" and "For Students with Disabilities")."""

    PEER = "peer", _("Peer partners")
    FOCUS_STUDENT = "focus_student", _("Students with disabilities")
    STAFF = "staff", _("Staff")
    FAMILY = "family", _("Families")


class AnswerType(models.TextChoices):
    TEXT = "text", _("Words")
    CHOICE = "choice", _("Choose one")
    SCALE3 = "scale3", _("3-point scale (yes / a little / no)")
    YES_NO = "yes_no", _("Yes or no")


# The stored values of the answers that have symbols (evaluation/symbols.py): the same value, and so the same symbol,
# on every question.
SCALE3_VALUES = ("yes", "some", "no")
YES_NO_VALUES = ("yes", "no")


class Survey(models.Model):
    """A program's questionnaire for one audience: a reflection (seeded from Figure 2), the staff's school-culture
    survey, an end-of-term "was it worth it?" (social validity) or an exit survey. Coordinators edit its questions."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices)
    audience = models.CharField(_("who answers"), max_length=20, choices=Audience.choices)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=1000, blank=True)
    # The starter's key (``evaluation/starters.py``) it was made from, so a program is given each starter once.
    starter = models.CharField(max_length=40, blank=True, editable=False)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program_id", "kind", "audience", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    """One question. Its text may hold "[name of student]" or "[names of peers]" (the guide's placeholders), filled in
    from the respondent's confirmed pairs when asked (``evaluation/templating.py``)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    answer_type = models.CharField(_("answer"), max_length=10, choices=AnswerType.choices, default=AnswerType.TEXT)
    # The options of a "choose one" question, in order (plain strings).
    choices = models.JSONField(_("options"), default=list, blank=True)
    # A yes/no or 3-point question may add "Why?": an optional box for words (typed, or written down by a helper).
    asks_why = models.BooleanField(_("also ask why"), default=False)
    # A practice question, asked first on the student version so the student learns the answers; never counted.
    is_practice = models.BooleanField(_("practice question"), default=False)
    # Agreement check: two questions with the same key ask one thing both ways; ``reverse_keyed`` marks the one asked
    # the other way round, so "yes" to both shows yes-saying rather than an answer.
    agreement_key = models.CharField(_("agreement check"), max_length=40, blank=True)
    reverse_keyed = models.BooleanField(_("asked the other way round"), default=False)
    is_active = models.BooleanField(_("asked"), default=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "survey__program__school"

    class Meta:
        ordering = ["survey_id", "position", "pk"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self) -> str:
        return self.text

    def clean(self):
        if self.answer_type == AnswerType.CHOICE:
            options = [str(option).strip() for option in (self.choices or []) if str(option).strip()]
            if len(options) < 2:
                raise ValidationError({"choices": _("Give at least two options, one per line.")})
            self.choices = options
        else:
            self.choices = []
        if self.is_practice and self.answer_type not in (AnswerType.YES_NO, AnswerType.SCALE3):
            raise ValidationError({"is_practice": _("A practice question is answered yes/no or on the 3 points.")})

    @property
    def has_symbols(self) -> bool:
        return self.answer_type in (AnswerType.YES_NO, AnswerType.SCALE3)

    @property
    def values(self) -> tuple[str, ...]:
        if self.answer_type == AnswerType.YES_NO:
            return YES_NO_VALUES
        if self.answer_type == AnswerType.SCALE3:
            return SCALE3_VALUES
        if self.answer_type == AnswerType.CHOICE:
            return tuple(self.choices)
        return ()


class WindowKind(models.TextChoices):
    MID_TERM = "mid_term", _("Mid-term")
    END_OF_TERM = "end_of_term", _("End of semester")
    FOLLOW_UP_1 = "follow_up_1", _("Follow-up, one semester later")
    FOLLOW_UP_2 = "follow_up_2", _("Follow-up, two semesters later")
    OTHER = "other", _("Other")


class SurveyWindow(models.Model):
    """The days a program's surveys are open (a mid-term or end-of-semester round). Respondents are invited when it
    opens and nudged, politely and at most twice, while it is open; a closed window accepts nothing more. Students
    also name who they spent time with and who is a friend in a window that ``asks_contacts``."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="survey_windows")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=WindowKind.choices, default=WindowKind.MID_TERM)
    name = models.CharField(_("name"), max_length=100)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes (last day)"))
    surveys = models.ManyToManyField(Survey, related_name="windows", blank=True, verbose_name=_("surveys"))
    asks_contacts = models.BooleanField(_("ask students who they spend time with and who is a friend"), default=True)
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program_id", "-opens_on", "pk"]
        verbose_name = _("survey window")
        verbose_name_plural = _("survey windows")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The window closes after it opens.")})

    def is_open(self, on: datetime.date) -> bool:
        """Open on ``on`` (the school's today, ``schools.dates.school_today``)."""
        return self.opens_on <= on <= self.closes_on


class AnsweredHow(models.TextChoices):
    """How a survey or check-in was answered: reports keep these apart."""

    ALONE = "alone", _("On their own")
    WITH_SUPPORT = "with_support", _("With support")
    PROXY = "proxy", _("By a proxy (someone who knows them well answered for them)")


class SupportMode(models.TextChoices):
    READ_ALOUD = "read_aloud", _("Questions read aloud")
    AAC = "aac", _("AAC device or board")
    POINTING = "pointing", _("Pointing to a symbol")
    EYE_GAZE = "eye_gaze", _("Eye gaze")
    SIGNING = "signing", _("Signs or gestures")
    OTHER = "other", _("Other support")


class ResponseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("Started")
    SUBMITTED = "submitted", _("Finished")


class QuoteConsent(models.TextChoices):
    NONE = "", _("Not asked, or no")
    STUDENT = "student", _("The student agreed")
    FAMILY = "family", _("The family agreed")


class SurveyResponse(models.Model):
    """One person's answers to one survey: a student (peer or focus student), a staff member (``user``), or a family
    answering about their child (``student``, by a signed link). In a window, or alone (an exit survey when a pair
    ends: ``partner`` is who they were paired with). A half-finished response keeps its answers and ``position`` so
    it resumes where it stopped. ``answered_how``, the support modes and the helper are recorded with the answers."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="survey_responses")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    window = models.ForeignKey(SurveyWindow, on_delete=models.CASCADE, null=True, blank=True, related_name="responses")
    respondent = models.CharField(_("respondent"), max_length=20, choices=Audience.choices)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True, related_name="survey_responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="survey_responses"
    )
    partner = models.ForeignKey(Student, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.NOT_STARTED
    )
    # The next question to ask (an index into the survey's active questions), so a stopped survey resumes there.
    position = models.PositiveSmallIntegerField(default=0)
    answered_how = models.CharField(_("how it was answered"), max_length=20, choices=AnsweredHow.choices, blank=True)
    support_modes = models.JSONField(_("support"), default=list, blank=True)
    supported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A helper without an account (a parent helping at home): their relationship, not their name.
    supported_by_other = models.CharField(_("who helped"), max_length=100, blank=True)
    quote_consent = models.CharField(
        _("may be quoted"), max_length=10, choices=QuoteConsent.choices, default=QuoteConsent.NONE, blank=True
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    nudge_count = models.PositiveSmallIntegerField(default=0)
    last_nudged_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["survey_id", "pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["window", "survey", "respondent", "student"],
                condition=Q(window__isnull=False, student__isnull=False),
                name="response_once_per_window_student",
            ),
            models.UniqueConstraint(
                fields=["window", "survey", "user"],
                condition=Q(window__isnull=False, user__isnull=False, respondent="staff"),
                name="response_once_per_window_staff",
            ),
            models.CheckConstraint(
                condition=Q(student__isnull=False) | Q(user__isnull=False), name="response_has_a_respondent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.student or self.user}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class SurveyAnswer(models.Model):
    """One answer: ``value`` for yes/no, 3-point and choice questions (the stored value, ``SCALE3_VALUES`` ...),
    ``text`` for words (or the "why"). ``question_text`` is the question as asked, names filled in."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    question_text = models.CharField(max_length=400, blank=True)
    value = models.CharField(_("answer"), max_length=200, blank=True)
    text = models.TextField(_("words"), max_length=2000, blank=True)
    # Chosen by the coordinator to be quoted (without a name) where the response's consent allows.
    quote_selected = models.BooleanField(_("quoted"), default=False)
    answered_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "response__program__school"

    class Meta:
        ordering = ["response_id", "question__position", "question_id"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question")]

    def __str__(self) -> str:
        return f"{self.question}: {self.value or self.text[:40]}"


# --- Goal attainment scaling ----------------------------------------------------------------------------------------


class GoalScale(models.Model):
    """Goal attainment scaling for one social or communication goal of a focus student in one term (up to three per
    student, program and term): five levels from -2 (the present level) to +2, 0 being the expected outcome. Written
    and locked before the term starts; rated at mid and end of term by the chosen staff."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="goal_scales")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="goal_scales")
    iep_goal = models.ForeignKey(IEPGoal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField(_("goal"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    level_minus_2 = models.CharField(_("-2: present level"), max_length=300)
    level_minus_1 = models.CharField(_("-1: less than expected"), max_length=300)
    level_0 = models.CharField(_("0: expected outcome"), max_length=300)
    level_plus_1 = models.CharField(_("+1: more than expected"), max_length=300)
    level_plus_2 = models.CharField(_("+2: much more than expected"), max_length=300)
    raters = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("raters"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Locked after the term had started (a program that began mid-year): why, so reports can say so.
    late_lock_reason = models.CharField(_("why it was locked after the term started"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program_id", "term_id", "student__last_name", "student__first_name", "pk"]
        verbose_name = _("goal attainment scale")
        verbose_name_plural = _("goal attainment scales")

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def level_text(self, level: int) -> str:
        return {
            -2: self.level_minus_2,
            -1: self.level_minus_1,
            0: self.level_0,
            1: self.level_plus_1,
            2: self.level_plus_2,
        }[level]


class RatingPoint(models.TextChoices):
    MID = "mid", _("Mid-term")
    END = "end", _("End of term")


class GoalRating(models.Model):
    """The level a goal reached at mid or end of term, rated by one of the scale's chosen staff."""

    scale = models.ForeignKey(GoalScale, on_delete=models.CASCADE, related_name="ratings")
    point = models.CharField(_("when"), max_length=10, choices=RatingPoint.choices)
    level = models.SmallIntegerField(_("level"), validators=[MinValueValidator(-2), MaxValueValidator(2)])
    note = models.CharField(_("note"), max_length=500, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rated_on = models.DateField(_("rated on"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "scale__program__school"

    class Meta:
        ordering = ["scale_id", "point"]
        verbose_name = _("goal rating")
        verbose_name_plural = _("goal ratings")
        constraints = [models.UniqueConstraint(fields=["scale", "point"], name="goal_rated_once_per_point")]

    def __str__(self) -> str:
        return f"{self.scale}: {self.get_point_display()} {self.level:+d}"


# --- Social contacts and friendships --------------------------------------------------------------------------------


class ContactNomination(models.Model):
    """In a survey window, one student (focus student or peer) names another of the program: spent time together in
    school, out of school, and whether they consider them a friend. A friendship is mutual when both name each other
    as a friend in the same window."""

    window = models.ForeignKey(SurveyWindow, on_delete=models.CASCADE, related_name="nominations")
    nominator = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="contact_nominations_made")
    nominee = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="contact_nominations_received")
    in_school = models.BooleanField(_("spent time together in school"), default=False)
    out_of_school = models.BooleanField(_("spent time together out of school"), default=False)
    friend = models.BooleanField(_("is a friend"), default=False)
    # How the nominator answered (alone, with support, by a proxy), as on their survey.
    answered_how = models.CharField(_("how it was answered"), max_length=20, choices=AnsweredHow.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "window__program__school"

    class Meta:
        ordering = ["window_id", "nominator_id", "nominee_id"]
        verbose_name = _("contact nomination")
        verbose_name_plural = _("contact nominations")
        constraints = [
            models.UniqueConstraint(fields=["window", "nominator", "nominee"], name="nomination_once_per_window"),
            models.CheckConstraint(condition=~Q(nominator=models.F("nominee")), name="nomination_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.nominator} → {self.nominee}"


# --- Pair health ----------------------------------------------------------------------------------------------------


class PairCheckIn(models.Model):
    """The one-minute monthly check-in of a confirmed pair, from one side: the peer, the focus student (accessibly,
    perhaps with support) or staff. A "match problem" from any side goes to the coordinator until followed up."""

    class Side(models.TextChoices):
        PEER = "peer", _("Peer partner")
        FOCUS_STUDENT = "focus_student", _("Student")
        STAFF = "staff", _("Staff")

    class Meetings(models.TextChoices):
        NONE = "none", _("We did not meet")
        FEW = "few", _("Once or twice")
        WEEKLY = "weekly", _("About every week")
        MORE = "more", _("More than once a week")

    class Going(models.TextChoices):
        WELL = "well", _("Going well")
        SOMETIMES = "sometimes", _("Sometimes")
        NOT_WELL = "not_well", _("Not going well")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="pair_check_ins")
    peer = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="pair_check_ins_as_peer")
    focus_student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="pair_check_ins_as_student")
    month = models.DateField(_("month"))  # its first day
    side = models.CharField(_("from"), max_length=20, choices=Side.choices)
    meetings = models.CharField(_("how often did you meet"), max_length=10, choices=Meetings.choices, blank=True)
    going = models.CharField(_("how is it going"), max_length=10, choices=Going.choices, blank=True)
    note_to_staff = models.TextField(_("anything to tell staff"), max_length=1000, blank=True)
    match_problem = models.BooleanField(_("match problem"), default=False)
    answered_how = models.CharField(_("how it was answered"), max_length=20, choices=AnsweredHow.choices, blank=True)
    support_modes = models.JSONField(_("support"), default=list, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    followed_up_at = models.DateTimeField(null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up_note = models.CharField(_("what was done"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolOwnedQuerySet.as_manager()
    school_path = "program__school"

    class Meta:
        ordering = ["program_id", "-month", "focus_student__last_name", "peer__last_name", "side"]
        verbose_name = _("pair check-in")
        verbose_name_plural = _("pair check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "peer", "focus_student", "month", "side"], name="pair_check_in_once_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.peer} & {self.focus_student}, {self.month:%B %Y} ({self.get_side_display()})"

    def clean(self):
        if self.month and self.month.day != 1:
            raise ValidationError({"month": _("A check-in month starts on its first day.")})

    @property
    def needs_follow_up(self) -> bool:
        return self.match_problem and self.followed_up_at is None
