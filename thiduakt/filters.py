import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thiduakt.enums import Gender, PersonCategory, UnitKind
from thiduakt.models import Person, Unit, UnitLevel
from thiduakt.selectors import search, units_for_user


class SearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        return form

    def filter_search(self, queryset, name, value):
        return search(queryset, value)


class UnitFilter(SearchFilterSet):
    STATUS = [("active", _("In operation")), ("ended", _("Dissolved or merged"))]

    level = django_filters.ModelChoiceFilter(queryset=UnitLevel.objects.all(), label=_("Level"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=STATUS, method="filter_status", label=_("Status"))

    class Meta:
        model = Unit
        fields = ["q", "level", "kind", "status"]

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "active":
            return queryset.active_on(today)
        return queryset.filter(valid_to__lt=today)


class PersonFilter(SearchFilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), method="filter_unit", label=_("Unit"))
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label=_("Gender"))
    category = django_filters.ChoiceFilter(choices=PersonCategory.choices, label=_("Category"))
    is_active = django_filters.BooleanFilter(
        label=_("Currently working"),
        widget=forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = Person
        fields = ["q", "unit", "gender", "category", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units_for_user(user).order_by("path")

    def filter_unit(self, queryset, name, unit):
        """A unit includes the people of the units below it."""
        return queryset.filter(unit__path__startswith=unit.path)
