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

from schools.dates import school_today, school_zone

from ..models import QUALITIES, CampaignChannel, PeerApplication, RecruitmentCampaign
from . import selectors

LONG_TEXT = 4000
MAX_TARGET = 200  # peers in one campaign; more is a typing mistake
FAR_YEARS = 5
DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.display_name


def _dates(form, *names):
    for name in names:
        field = form.fields[name]
        field.widget = DateInput()
        field.input_formats = DATE_FORMATS
        field.error_messages["invalid"] = _("Enter a date such as 2025-09-15.")


def _check_year(form, value):
    if value is not None and abs(value.year - school_today(form.school).year) > FAR_YEARS:
        raise ValidationError(_("Check the year: %(date)s is far from today.") % {"date": value.isoformat()})
    return value


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
        self.fields["term"].queryset = selectors.terms(access=access)
        self.fields["term"].error_messages["invalid_choice"] = _("Choose a term of your school from the list.")
        _dates(self, "opens_on", "closes_on")
        for name in ("what_peers_do", "how_to_join"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 3, "maxlength": LONG_TEXT})
            self.fields[name].validators.append(MaxLengthValidator(LONG_TEXT))

    def clean_opens_on(self):
        return _check_year(self, self.cleaned_data.get("opens_on"))

    def clean_closes_on(self):
        return _check_year(self, self.cleaned_data.get("closes_on"))

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
        error_messages={"invalid_choice": _("Choose a staff member of your school from the list.")},
    )

    class Meta:
        model = CampaignChannel
        fields = ["channel", "owner", "planned_on", "done_on", "notes"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        self.fields["owner"].queryset = selectors.staff_members(access=access)
        self.fields["channel"].error_messages["invalid_choice"] = _("Choose a channel from the list.")
        _dates(self, "planned_on", "done_on")

    def clean_planned_on(self):
        return _check_year(self, self.cleaned_data.get("planned_on"))

    def clean_done_on(self):
        done = _check_year(self, self.cleaned_data.get("done_on"))
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
        if abs(aware.year - school_today(self.school).year) > FAR_YEARS:
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

