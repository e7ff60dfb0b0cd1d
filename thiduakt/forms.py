import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row, Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thiduakt.models import Person, SuccessionRelation, Unit
from thiduakt.selectors import units_for_user

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"})


class VersionedModelForm(forms.ModelForm):
    """Carries the version the user started from, so a stale edit can be refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def service_data(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class UnitForm(VersionedModelForm):
    class Meta:
        model = Unit
        fields = ["code", "statistical_code", "name", "parent", "kind", "level", "email", "valid_from", "valid_to"]
        widgets = {"valid_from": DATE_WIDGET, "valid_to": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scoped = units_for_user(user).order_by("path")
        if self.instance.pk:
            scoped = scoped.exclude(path__startswith=self.instance.path)
        self.fields["parent"].queryset = scoped
        self.fields["parent"].required = not user.has_global_scope
        self.fields["valid_to"].help_text = _(
            "Leave empty while the unit exists; set it when the unit is dissolved or merged, then record its "
            "successors on the unit's page."
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("code", css_class="col-md-3"), Column("statistical_code", css_class="col-md-2"),
                Column("name", css_class="col-md-7")),
            Row(Column("parent", css_class="col-md-6"), Column("level", css_class="col-md-3"),
                Column("kind", css_class="col-md-3")),
            Row(Column("email", css_class="col-md-6")),
            Row(Column("valid_from", css_class="col-md-3"), Column("valid_to", css_class="col-md-3")),
            "version",
            Submit("save", _("Save"), css_class="btn-primary"),
        )  # fmt: skip


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "gender",
            "birth_date",
            "citizen_id",
            "position",
            "unit",
            "category",
            "ethnicity",
            "is_active",
        ]
        widgets = {"birth_date": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_user(user).active_on(timezone.localdate())
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column(Field("full_name", autofocus=True), css_class="col-md-6"),
                Column("gender", css_class="col-md-2"), Column("birth_date", css_class="col-md-4")),
            Row(Column("citizen_id", css_class="col-md-4"), Column("ethnicity", css_class="col-md-2"),
                Column("position", css_class="col-md-6")),
            Row(Column("unit", css_class="col-md-6"), Column("category", css_class="col-md-6")),
            "is_active",
            "version",
            Submit("save", _("Save"), css_class="btn-primary"),
        )  # fmt: skip


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("file", Submit("upload", _("Check the file"), css_class="btn-primary"))


class TableUploadForm(ImportUploadForm):
    """An upload that may be an .xlsx or a CSV table (told apart by content when it is read)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Excel (.xlsx) or CSV file")
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"


class SuccessionForm(forms.Form):
    """Which unit took over a closed unit's work, wholly or in part."""

    successor = forms.ModelChoiceField(queryset=None, label=_("Successor unit"))
    relation = forms.ChoiceField(label=_("What passed"), choices=SuccessionRelation.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, predecessor, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = (
            units_for_user(user).exclude(pk=predecessor.pk).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gt=predecessor.valid_to or datetime.date.max)
            ).order_by("sort_key")
        )  # fmt: skip
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select" if name != "note" else "form-control"
