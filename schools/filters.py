import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import GRADE_CHOICES, Student


class StudentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=100)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Student.Kind.choices, empty_label=_("Everyone"))
    grade = django_filters.ChoiceFilter(label=_("Grade"), choices=GRADE_CHOICES, empty_label=_("Any grade"))

    class Meta:
        model = Student
        fields = ["q", "kind", "grade"]

    def filter_name(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(preferred_name__icontains=word)
            )
        return queryset
