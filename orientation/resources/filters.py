import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import OrientationTopic, Resource


class ResourceFilter(django_filters.FilterSet):
    """The library's filters, in the query string: what a resource is about and which topic it covers (neither is
    anyone's personal data)."""

    tag = django_filters.ChoiceFilter(
        label=_("About"), choices=Resource.Tag.choices, empty_label=_("Anything"), method="filter_tag"
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=OrientationTopic.objects.none(), empty_label=_("Any topic")
    )
    where = django_filters.ChoiceFilter(
        label=_("From"),
        choices=[("school", _("Our school")), ("district", _("Shared by the district's model schools"))],
        empty_label=_("Everywhere"),
        method="filter_where",
    )

    class Meta:
        model = Resource
        fields = ["tag", "topic", "where"]

    def __init__(self, *args, topics, school, **kwargs):
        super().__init__(*args, **kwargs)
        # The active school's topics only: another school's topic is "not one of the choices".
        self.filters["topic"].queryset = topics
        self.school = school

    def filter_tag(self, queryset, name, value):
        # ``tags`` is a JSON list; "contains" on a JSON list is not available on SQLite, so match the quoted value.
        return queryset.filter(Q(tags__icontains=f'"{value}"'))

    def filter_where(self, queryset, name, value):
        if value == "school":
            return queryset.filter(school=self.school)
        return queryset.exclude(school=self.school)
