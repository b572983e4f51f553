"""Input validation for campaigns, channels and the review. Forms check what one request sent; services re-check.

Choices naming rows (terms, staff members) come from the active school only, so another school's id sent in POST
data is refused as "not one of the choices" before any service runs.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from schools import selectors as school_selectors
from schools.dates import school_today, school_zone
from schools.form_fields import (
    FAR_FROM_TODAY_YEARS,
    STAFF_CHOICE_ERROR,
    StaffChoiceField,
    date_fields,
    not_far_from_today,
)

from ..models import QUALITIES, CampaignChannel, PeerApplication, RecruitmentCampaign

LONG_TEXT = 4000
MAX_TARGET = 200  # peers in one campaign; more is a typing mistake


class CampaignForm(forms.ModelForm):
    target_peers = forms.IntegerField(
        label=_("Target number of peers"), min_value=1, max_value=MAX_TARGET,
        error_messages={
            "min_value": _("Aim for at least one peer."),
            "max_value": _("Aim for at most %(limit_value)s peers in one campaign."),
            "invalid": _("Enter a whole number of peers."),
        },
    )

    class Meta:
        model = RecruitmentCampaign
        fields = [
            "term", "target_peers", "accepting_applications", "opens_on", "closes_on", "requires_guardian_consent",
            "what_peers_do", "time_commitment", "how_to_join",
        ]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        self.fields["term"].queryset = school_selectors.terms(school=access.school)
        self.fields["term"].error_messages["invalid_choice"] = _("Choose a term of your school from the list.")
        date_fields(self, "opens_on", "closes_on")
        for name in ("what_peers_do", "how_to_join"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 3, "maxlength": LONG_TEXT})
            self.fields[name].validators.append(MaxLengthValidator(LONG_TEXT))

    def clean_opens_on(self):
        return not_far_from_today(self.cleaned_data.get("opens_on"), school=self.school)

    def clean_closes_on(self):
        return not_far_from_today(self.cleaned_data.get("closes_on"), school=self.school)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("Applications must close after they open."))
        if data.get("accepting_applications") and closes and closes < school_today(self.school):
            self.add_error("closes_on", _("The closing date has passed; move it to open the campaign again."))
        return data

    def campaign_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ChannelForm(forms.ModelForm):
    owner = StaffChoiceField(
        queryset=None, required=False, label=_("Owner"),
        error_messages={"invalid_choice": STAFF_CHOICE_ERROR},
    )

    class Meta:
        model = CampaignChannel
        fields = ["channel", "owner", "planned_on", "done_on", "notes"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        self.fields["owner"].queryset = school_selectors.staff_members(school=access.school)
        self.fields["channel"].error_messages["invalid_choice"] = _("Choose a channel from the list.")
        date_fields(self, "planned_on", "done_on")

    def clean_planned_on(self):
        return not_far_from_today(self.cleaned_data.get("planned_on"), school=self.school)

    def clean_done_on(self):
        done = not_far_from_today(self.cleaned_data.get("done_on"), school=self.school)
        if done and done > school_today(self.school):
            raise ValidationError(_("A channel can only be marked done on a day that has come."))
        return done

    def channel_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ScoreForm(forms.Form):
    """Scores on the guide's qualities, notes, and an interview slot in the school's time zone."""

    review_notes = forms.CharField(
        label=_("Notes"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": LONG_TEXT}),
    )
    interview_at = forms.DateTimeField(
        label=_("Interview"), required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Enter a date and time such as 2025-09-15 14:30.")},
    )

    def __init__(self, *args, school, **kwargs):
        self.school = school
        super().__init__(*args, **kwargs)
        choices = [("", _("Not scored")), *[(str(n), str(n)) for n in range(4)]]
        for name, label in QUALITIES:
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=choices, coerce=int, required=False, empty_value=None,
                error_messages={"invalid_choice": _("Give a score from 0 to 3.")},
            )
        self.order_fields([name for name, _label in QUALITIES])

    @classmethod
    def for_application(cls, application, data=None):
        zone = school_zone(application.campaign.program.school)
        initial = {name: getattr(application, name) for name, _label in QUALITIES}
        initial["review_notes"] = application.review_notes
        if application.interview_at:
            initial["interview_at"] = timezone.localtime(application.interview_at, zone).replace(tzinfo=None)
        return cls(data=data, initial=initial, school=application.campaign.program.school)

    def clean_interview_at(self):
        value = self.cleaned_data.get("interview_at")
        if value is None:
            return None
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        aware = timezone.make_aware(naive, school_zone(self.school))
        if abs(aware.year - school_today(self.school).year) > FAR_FROM_TODAY_YEARS:
            raise ValidationError(_("Check the year of the interview."))
        return aware

    def scores(self) -> dict:
        return {name: self.cleaned_data[name] for name, _label in QUALITIES}


class GradeReasonForm(forms.Form):
    """Accepting (or promoting) a peer whose grade is not one of the program's needs a reason; the service decides
    whether it is needed, the form only bounds what was typed."""

    grade_reason = forms.CharField(
        label=_("Why accept them outside the program's grades?"), required=False, max_length=LONG_TEXT,
        error_messages={"max_length": _("Keep the reason under %(limit_value)s characters.")},
    )


class DecisionForm(GradeReasonForm):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("waitlist", _("Waitlist")), ("decline", _("Decline"))],
        error_messages={"required": _("Choose a decision."), "invalid_choice": _("Choose a decision from the list.")},
    )


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Unscored applications sort last in both directions, on PostgreSQL (NULLs first when descending) as on SQLite."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            field = self.get_ordering_value(param)
            descending = field.startswith("-")
            expression = F(field.lstrip("-"))
            ordering.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
        return qs.order_by(*ordering)


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=PeerApplication.Status.choices, label=_("Decision"),
                                         empty_label=_("All"))
    order = NullsLastOrderingFilter(
        fields=(("score", "score"), ("submitted_at", "submitted"), ("last_name", "name")),
        field_labels={"score": _("Score"), "submitted_at": _("Submitted"), "last_name": _("Name")},
        label=_("Sort by"),
    )

    class Meta:
        model = PeerApplication
        fields = ["status"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("order"):
            # Best first; unscored applications last, oldest first among them.
            queryset = queryset.order_by(F("score").desc(nulls_last=True), "submitted_at")
        return queryset

