"""The public list of programs taking applications, narrowed by district and school name (GET, no sign-in).

Both filters name schools and districts, which are public; nothing about a student goes into the address.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import RecruitmentCampaign


class JoinFilter(django_filters.FilterSet):
    school = django_filters.CharFilter(
        label=_("Your school's name"), field_name="program__school__name", lookup_expr="icontains", max_length=100,
    )
    # Choices (ids as text), not a model lookup: a forged id is "not a choice", never a database error.
    district = django_filters.ChoiceFilter(
        label=_("School district"), field_name="program__school__district", empty_label=_("All districts"),
    )

    class Meta:
        model = RecruitmentCampaign
        fields = ["school", "district"]

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].extra["choices"] = [(district.pk, district.name) for district in districts]
        self.form.fields["district"].error_messages["invalid_choice"] = _("Please pick a district from the list.")
        self.form.fields["school"].error_messages["max_length"] = _("That is too long for a school's name.")
