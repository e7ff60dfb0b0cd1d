import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType
from awards.enums import Method, Outcome, SubmissionStatus
from awards.nominations.models import Nomination, Submission
from thiduakt.models import Unit
from thiduakt.selectors import units_for_user
from thiduakt.text import search_terms


class SubmissionFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices, label=_("Status"))
    method = django_filters.ChoiceFilter(choices=Method.choices, label=_("Ground"))
    proposing_unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Proposing unit"))

    class Meta:
        model = Submission
        fields = ["year", "status", "method", "proposing_unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["proposing_unit"].queryset = units_for_user(user).order_by("path")
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if hasattr(field, "choices") else "form-control")


class InboxFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    award_type = django_filters.ModelChoiceFilter(queryset=AwardType.objects.all(), label=_("Award"))
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, method="filter_outcome", label=_("Checks"))
    year = django_filters.NumberFilter(label=_("Year"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), method="filter_unit", label=_("Unit"))

    class Meta:
        model = Nomination
        fields = ["q", "award_type", "outcome", "year", "unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units_for_user(user).order_by("path")
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if hasattr(field, "choices") else "form-control")

    def filter_search(self, queryset, name, value):
        for term in search_terms(value):
            queryset = queryset.filter(Q(person__search_text__contains=term) | Q(unit__search_text__contains=term))
        return queryset

    def filter_outcome(self, queryset, name, value):
        return queryset.filter(eligibility__outcome=value)

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(submission__proposing_unit__path__startswith=unit.path)
