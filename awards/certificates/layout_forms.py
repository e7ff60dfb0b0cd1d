"""Forms of the certificate templates and the printers.

The positions of the variable text on pre-printed stock are edited as a small table: a row
per field, a cell per value (x, y, width, font size, alignment). An empty cell keeps the
default layout, whose value the cell shows as its placeholder.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import AwardType
from awards.certificates import layouts
from awards.certificates.content import FIELD_NAMES
from awards.certificates.models import CertificateTemplate, FrameStyle, Orientation, PageSize, Printer
from awards.certificates.selectors import templates_for_user
from thiduakt.forms import VersionedModelForm
from thiduakt.once import OneTimeTokenField
from thiduakt.selectors import units_for_user

TEMPLATE_FIELDS = [
    "name", "award_type", "issuer", "heading", "issuer_title", "place", "signer_title", "signer_name", "page_size",
    "orientation", "frame_style", "frame_color", "emblem", "is_active",
]  # fmt: skip
PREVIEW_FIELDS = (
    "heading", "issuer_title", "place", "signer_title", "signer_name", "page_size", "orientation", "frame_style",
    "frame_color", "emblem",
)  # fmt: skip
CHOICE_FIELDS = ("page_size", "orientation", "frame_style", "frame_color")
CELL_KEYS = ("x", "y", "w", "size", "align")
CELL_LABELS = {
    "x": _("From the left (mm)"),
    "y": _("From the top (mm)"),
    "w": _("Width (mm)"),
    "size": _("Font size (pt)"),
    "align": _("Alignment"),
}


def cell_name(field, key):
    return f"pos_{field}_{key}"


def _number_text(value):
    return f"{value:g}"


class PositionRow:
    """One row of the positions table, as the template renders it."""

    def __init__(self, field, label, cells):
        self.field, self.label, self.cells = field, label, cells

    @property
    def errors(self):
        return [error for cell in self.cells for error in cell.errors]


class CertificateTemplateForm(VersionedModelForm):
    preview_mode = forms.ChoiceField(
        choices=[("full", _("Full certificate")), ("blank", _("Pre-printed stock"))], required=False,
        widget=forms.RadioSelect,
    )  # fmt: skip

    class Meta:
        model = CertificateTemplate
        fields = TEMPLATE_FIELDS
        widgets = {
            "issuer_title": forms.Textarea(attrs={"rows": 3}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "frame_color": forms.TextInput(attrs={"type": "color", "class": "form-control-color"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        award_types = AwardType.objects.filter(is_active=True)
        if self.instance.award_type_id:
            award_types = AwardType.objects.filter(Q(is_active=True) | Q(pk=self.instance.award_type_id))
        self.fields["award_type"].queryset = award_types
        self.fields["issuer"].queryset = units_for_user(user).order_by("path")
        self.fields["issuer"].required = not user.has_global_scope
        self.fields["issuer"].empty_label = _("Every issuer (shared template)")
        self.fields["frame_color"].help_text = _("The colour of the border, e.g. gold #b8860b or red #c00000.")
        emblems = layouts.emblem_choices()
        self.fields["emblem"] = forms.ChoiceField(
            label=self.fields["emblem"].label, required=False, choices=[("", _("No emblem")), *emblems],
            help_text=_("An image of static/certificates/emblems/, printed above the national title."),
            error_messages={
                "invalid_choice": _("This emblem is not among the images of static/certificates/emblems/.")
            },
        )  # fmt: skip
        if not self.instance.pk and emblems and "emblem" not in self.initial:
            self.initial["emblem"] = emblems[0][0]
        self._add_position_cells()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column(Field("name", autofocus=True), css_class="col-md-7"),
                Column("award_type", css_class="col-md-5")),
            Row(Column("issuer", css_class="col-md-7"), Column("heading", css_class="col-md-5")),
            Row(Column("issuer_title", css_class="col-md-7"), Column("place", css_class="col-md-5")),
            Row(Column("signer_title", css_class="col-md-7"), Column("signer_name", css_class="col-md-5")),
            Row(Column("page_size", css_class="col-md-3"), Column("orientation", css_class="col-md-4"),
                Column("frame_style", css_class="col-md-5")),
            Row(Column("frame_color", css_class="col-md-3"), Column("emblem", css_class="col-md-5"),
                Column("is_active", css_class="col-md-4 pt-md-4")),
            "version",
        )  # fmt: skip

    # --- the positions table ------------------------------------------------------------------

    def _sheet(self):
        """A template of the paper chosen in the data (or the stored/initial one), for the defaults."""
        page_size = self._raw("page_size") or PageSize.A4
        orientation = self._raw("orientation") or Orientation.LANDSCAPE
        if page_size not in PageSize.values:
            page_size = PageSize.A4
        if orientation not in Orientation.values:
            orientation = Orientation.LANDSCAPE
        return CertificateTemplate(page_size=page_size, orientation=orientation)

    def _raw(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        value = self.initial.get(name, getattr(self.instance, name, None))
        return value or self.fields[name].initial

    def _add_position_cells(self):
        defaults = layouts.default_boxes(self._sheet())
        stored = self.instance.blank_positions if isinstance(self.instance.blank_positions, dict) else {}
        for field in FIELD_NAMES:
            default, custom = defaults[field], stored.get(field) or {}
            for key in CELL_KEYS:
                name = cell_name(field, key)
                label = f"{layouts.FIELD_LABELS[field]} — {CELL_LABELS[key]}"
                if key == "align":
                    choices = [("", _("Default (%(align)s)") % {"align": layouts.ALIGN_LABELS[default["align"]]})]
                    choices += list(layouts.ALIGN_LABELS.items())
                    self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)
                    self.fields[name].widget.attrs.update({"class": "form-select form-select-sm"})
                else:
                    self.fields[name] = forms.FloatField(label=label, required=False)
                    self.fields[name].widget.attrs.update({
                        "class": "form-control form-control-sm", "step": "0.1",
                        "placeholder": _number_text(default[key]), "data-default-field": field, "data-default-key": key,
                    })  # fmt: skip
                if key in custom:
                    self.initial.setdefault(name, custom[key])

    def position_rows(self):
        for name in self.errors:
            widget = self.fields[name].widget if name.startswith("pos_") and name in self.fields else None
            if widget is not None and "is-invalid" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
        return [
            PositionRow(field, layouts.FIELD_LABELS[field], [self[cell_name(field, key)] for key in CELL_KEYS])
            for field in FIELD_NAMES
        ]

    def cell_labels(self):
        return [CELL_LABELS[key] for key in CELL_KEYS]

    def default_positions(self):
        """{field: {key: value}} of the default layout of the sheet in the data, for the placeholders."""
        return {
            field: {key: _number_text(value) if key != "align" else value for key, value in box.items()}
            for field, box in layouts.default_boxes(self._sheet()).items()
        }

    def _positions_from_cells(self):
        positions = {}
        for field in FIELD_NAMES:
            box = {}
            for key in CELL_KEYS:
                value = self.cleaned_data.get(cell_name(field, key))
                if value is not None and value != "":
                    box[key] = value
            if box:
                positions[field] = box
        return positions

    # --- validation -----------------------------------------------------------------------------

    def clean_frame_color(self):
        value = (self.cleaned_data.get("frame_color") or "").strip().lower()
        if problem := layouts.color_error(value):
            raise forms.ValidationError(problem)
        return value

    def clean_emblem(self):
        value = self.cleaned_data.get("emblem") or ""
        if problem := layouts.emblem_error(value):
            raise forms.ValidationError(problem)
        return value

    def clean(self):
        cleaned = super().clean()
        positions = self._positions_from_cells()
        for field, key, message in layouts.position_problems(positions, self._sheet().page_mm):
            name = cell_name(field, key) if field and key else None
            self.add_error(name if name in self.fields else None, message)
        cleaned["blank_positions"] = positions
        # Checked here rather than by the model's constraint, to say it on the field with a clear message.
        award_type, issuer = cleaned.get("award_type"), cleaned.get("issuer")
        if award_type is not None and "issuer" not in self.errors:
            problem = layouts.duplicate_template_error(award_type.pk, issuer.pk if issuer else None, self.instance.pk)
            if problem:
                self.add_error("award_type", problem)
        return cleaned

    def service_data(self):
        data = {name: self.cleaned_data[name] for name in TEMPLATE_FIELDS if name in self.cleaned_data}
        data["blank_positions"] = self.cleaned_data.get("blank_positions", {})
        return data

    # --- the live preview -------------------------------------------------------------------------

    def preview_template(self):
        """An unsaved template of what is valid in the data; a bad or missing value takes its default.

        Unbound (the page as it opens), it is the stored template, or the initial values."""
        template = CertificateTemplate()
        if self.is_bound:
            self.is_valid()
            values = getattr(self, "cleaned_data", {})
            # The cells with an error were taken out of cleaned_data: the others are used.
            positions = self._positions_from_cells() if hasattr(self, "cleaned_data") else {}
        else:
            values = {name: self.initial.get(name, getattr(self.instance, name)) for name in PREVIEW_FIELDS}
            positions = self.instance.blank_positions
        for name in PREVIEW_FIELDS:
            value = values.get(name)
            if value is None or (value == "" and name in CHOICE_FIELDS):
                continue
            setattr(template, name, value)
        template.prepare()
        if template.page_size not in PageSize.values:
            template.page_size = PageSize.A4
        if template.orientation not in Orientation.values:
            template.orientation = Orientation.LANDSCAPE
        if template.frame_style not in FrameStyle.values:
            template.frame_style = FrameStyle.CLASSIC
        if layouts.color_error(template.frame_color):
            template.frame_color = CertificateTemplate._meta.get_field("frame_color").default
        if layouts.emblem_error(template.emblem):
            template.emblem = ""
        # A box still off the sheet (a valid x and a valid width that together overflow) takes the default.
        positions = dict(positions) if isinstance(positions, dict) else {}
        for field, _key, _message in layouts.position_problems(positions, template.page_mm):
            positions.pop(field, None)
        template.blank_positions = layouts.clean_positions(positions)
        return template

    def preview_mode_value(self):
        mode = self.data.get(self.add_prefix("preview_mode")) if self.is_bound else None
        return mode if mode in ("full", "blank") else "full"


class PrinterForm(VersionedModelForm):
    class Meta:
        model = Printer
        fields = ["name", "unit", "offset_x_mm", "offset_y_mm"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_user(user).order_by("path")
        limit = str(layouts.OFFSET_LIMIT_MM)
        for name in ("offset_x_mm", "offset_y_mm"):
            self.fields[name].widget.attrs.update({"min": f"-{limit}", "max": limit})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column(Field("name", autofocus=True), css_class="col-md-6"), Column("unit", css_class="col-md-6")),
            Row(Column("offset_x_mm", css_class="col-md-6"), Column("offset_y_mm", css_class="col-md-6")),
            "version",
        )

    def clean(self):
        cleaned = super().clean()
        for name in ("offset_x_mm", "offset_y_mm"):
            if problem := layouts.offset_error(cleaned.get(name)):
                self.add_error(name, problem)
        unit, name = cleaned.get("unit"), cleaned.get("name")
        if unit is not None and name:
            if problem := layouts.duplicate_printer_error(unit.pk, name, self.instance.pk):
                self.add_error("name", problem)
        return cleaned


class CalibrationForm(forms.Form):
    """Print the calibration page of a template on a printer."""

    template = forms.ModelChoiceField(
        label=_("Certificate template"), queryset=CertificateTemplate.objects.none(),
        help_text=_("The calibration page marks where this template's fields go on its paper size."),
    )  # fmt: skip
    token = OneTimeTokenField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = (
            templates_for_user(user).filter(is_active=True).order_by("award_type__position", "name")
        )
        self.fields["template"].widget.attrs["class"] = "form-select"
