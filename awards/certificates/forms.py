"""Forms of the certificate pages: what to print on, the reprint, the line breaks, the list's filter."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType
from awards.certificates.models import Printer, PrintMode, clean_code
from awards.certificates.selectors import printers_for_user
from awards.decisions.models import Decision
from awards.enums import DecisionStatus
from awards.history.models import Award
from awards.paths import CODE_LENGTH
from thiduakt.filters import SearchFilterSet
from thiduakt.models import Unit
from thiduakt.once import OneTimeTokenField
from thiduakt.selectors import units_for_user
from thiduakt.text import search_terms


class PrintOptionsForm(forms.Form):
    """Plain paper or pre-printed stock, the printer whose offsets to apply, and the one-time token
    that makes a double-clicked "Print" start one batch, not two."""

    mode = forms.ChoiceField(
        label=_("Print on"), choices=PrintMode.choices, initial=PrintMode.FULL, widget=forms.RadioSelect
    )
    printer = forms.ModelChoiceField(
        label=_("Printer"), queryset=Printer.objects.none(), required=False, empty_label=_("No offset correction"),
        help_text=_("The printer's measured offsets are applied to the text."),
    )  # fmt: skip
    token = OneTimeTokenField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["printer"].queryset = printers_for_user(user)
        self.fields["printer"].widget.attrs["class"] = "form-select"
        self.fields["mode"].widget.attrs["class"] = "form-check-input"

    def options(self):
        """The keyword arguments of the batch services."""
        data = self.cleaned_data
        return {"mode": data["mode"], "printer": data.get("printer"), "token": data.get("token")}


class DecisionPrintForm(PrintOptionsForm):
    """The print of a decision: once printed, it is printed again only when asked."""

    again = forms.BooleanField(
        label=_("Print the whole decision again"), required=False,
        help_text=_("Only when the printed certificates are unusable; one damaged sheet is reprinted on its own page."),
    )  # fmt: skip

    def __init__(self, *args, printed=False, **kwargs):
        super().__init__(*args, **kwargs)
        if printed or self.is_bound:
            self.fields["again"].widget.attrs["class"] = "form-check-input"
        else:
            del self.fields["again"]  # nothing printed yet: nothing to print again

    def options(self):
        return {**super().options(), "again": self.cleaned_data.get("again", False)}


class ReprintForm(PrintOptionsForm):
    reason = forms.CharField(
        label=_("Reason for the reprint"), max_length=300,
        widget=forms.TextInput(
            attrs={"placeholder": _("E.g. the sheet was damaged when printing"), "class": "form-control"}
        ),
    )  # fmt: skip

    field_order = ["reason", "mode", "printer", "token"]


class CertificateLinesForm(forms.Form):
    """The certificate's own line breaks of the name and of the position and unit."""

    name_lines = forms.CharField(
        label=_("Name as printed"), required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One line per line; leave empty to print the name as recorded."),
    )  # fmt: skip
    detail_lines = forms.CharField(
        label=_("Position and unit as printed"), required=False, max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line per line; leave empty to print the position and unit as recorded."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, certificate=None, recorded_name="", recorded_details="", **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("name_lines", certificate.name_lines if certificate else "")
            self.initial.setdefault("detail_lines", certificate.detail_lines if certificate else "")
            # A certificate not made yet is made at version 1.
            self.initial.setdefault("version", certificate.version if certificate else 1)
        self.fields["name_lines"].widget.attrs.update({"placeholder": recorded_name, "class": "form-control"})
        self.fields["detail_lines"].widget.attrs.update({"placeholder": recorded_details, "class": "form-control"})


class AwardFilter(SearchFilterSet):
    """The filter of the printable awards list (and of "print every certificate of this list")."""

    PRINTED = [("", _("All")), ("true", _("Printed")), ("false", _("Not printed yet"))]

    q = django_filters.CharFilter(method="filter_search", label=_("Name or code"))
    award_type = django_filters.ModelChoiceFilter(
        queryset=AwardType.objects.all(), label=_("Award"), empty_label=_("All")
    )
    year = django_filters.NumberFilter(label=_("Year"))
    number = django_filters.CharFilter(
        field_name="decision_line__decision__number", lookup_expr="icontains", label=_("Decision number")
    )
    issuer = django_filters.ModelChoiceFilter(
        field_name="decision_line__decision__issuer", queryset=Unit.objects.none(), label=_("Issued by"),
        empty_label=_("All"),
    )  # fmt: skip
    printed = django_filters.BooleanFilter(
        method="filter_printed", label=_("Printed"), widget=forms.Select(choices=PRINTED)
    )

    class Meta:
        model = Award
        fields = ["q", "award_type", "year", "number", "issuer", "printed"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        signed = Decision.objects.filter(status=DecisionStatus.SIGNED).values("issuer")
        self.filters["issuer"].queryset = units_for_user(user).filter(pk__in=signed).order_by("path")

    def filter_search(self, queryset, name, value):
        """Every folded word in the recipient's name (a person's or a collective's); or the
        verification code as typed from the paper."""
        by_name = Q()
        for term in search_terms(value):
            by_name &= Q(person__search_text__contains=term) | Q(unit__search_text__contains=term)
        code = clean_code(value)
        if len(code) == CODE_LENGTH:
            return queryset.filter(by_name | Q(certificate__code=code))
        return queryset.filter(by_name)

    def filter_printed(self, queryset, name, value):
        if value:
            return queryset.filter(certificate__print_count__gt=0)
        return queryset.filter(Q(certificate__isnull=True) | Q(certificate__print_count=0))

    def active(self):
        """[(filter name, value)] of the filters set, as cleaned (for a description)."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        return [(name, data[name]) for name in self.Meta.fields if data.get(name) not in (None, "")]

    def query_items(self):
        """[(name, raw value)] of the filters set, to carry them to another request."""
        if not self.is_bound:
            return []
        return [(name, value) for name in self.Meta.fields for value in self.data.getlist(name) if value != ""]
