import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import GRADE_CHOICES, AccessLogEntry, Student, User


class StudentFilter(django_filters.FilterSet):
    """The roster's filters, sent in the query string: none of them is a student's personal data.

    Names are searched with ``StudentNameSearchForm`` (a POST) instead, so a child's name never reaches the address
    bar, browser history, server logs or a Referer header.
    """

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Student.Kind.choices, empty_label=_("Everyone"))
    grade = django_filters.ChoiceFilter(label=_("Grade"), choices=GRADE_CHOICES, empty_label=_("Any grade"))
    participation = django_filters.ChoiceFilter(
        label=_("Status"), choices=Student.Participation.choices, empty_label=_("Any status")
    )
    homeroom = django_filters.CharFilter(label=_("Homeroom"), lookup_expr="icontains", max_length=100)

    class Meta:
        model = Student
        fields = ["kind", "grade", "participation", "homeroom"]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        # The active school's grades only: a grade the school does not teach is "not one of the choices".
        self.filters["grade"].extra["choices"] = school.grade_choices


class StudentNameSearchForm(forms.Form):
    """Find students by (part of) their names; posted, never put in the URL."""

    # Not required for the browser or the label (a search box is not a form to complete); an empty search is
    # answered with a message instead.
    name = forms.CharField(label=_("Student's name"), max_length=100, required=False)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Type a name, or part of one, to search."))
        return name

    def filter(self, queryset):
        for word in self.cleaned_data["name"].split():
            queryset = queryset.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(preferred_name__icontains=word)
            )
        return queryset


class AccessLogFilter(django_filters.FilterSet):
    student = django_filters.ModelChoiceFilter(label=_("Student"), queryset=Student.objects.none())
    user = django_filters.ModelChoiceFilter(label=_("Staff member"), queryset=User.objects.none())
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=AccessLogEntry.Action.choices, empty_label=_("Any action")
    )
    since = django_filters.DateFilter(
        label=_("From"), field_name="at", lookup_expr="date__gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        label=_("Until"), field_name="at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = AccessLogEntry
        fields = ["student", "user", "action", "since", "until"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices come from the active school only: another school's ids are not valid choices.
        self.filters["student"].queryset = Student.objects.visible_to(access).focus_students()
        self.filters["user"].queryset = User.objects.filter(
            memberships__school=access.school, memberships__is_active=True
        ).distinct()
