import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.enums import CampaignKind, CampaignStatus
from campaigns.models import Campaign
from thiduakt.filters import SearchFilterSet
from thiduakt.models import Unit


class CampaignFilter(SearchFilterSet):
    year = django_filters.NumberFilter(method="filter_year", label=_("Year"))
    kind = django_filters.ChoiceFilter(choices=CampaignKind.choices, label=_("Kind"))
    launcher = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Launching unit"))
    status = django_filters.ChoiceFilter(choices=CampaignStatus.choices, label=_("Status"))

    class Meta:
        model = Campaign
        fields = ["q", "year", "kind", "launcher", "status"]

    def __init__(self, *args, launchers, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["launcher"].queryset = launchers

    def filter_year(self, queryset, name, year):
        """A campaign belongs to every year its period touches."""
        return queryset.filter(Q(start_date__year__lte=year) & Q(end_date__year__gte=year))
