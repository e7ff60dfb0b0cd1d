"""Setting up printing: the certificate templates and the office printers.

The administrator shapes a template (its words, paper, border, emblem, and where each
variable text goes on pre-printed stock); the administrator or the secretariat records the
printers and how far each one shifts its print. Every write goes through the create/update
services below: the input is checked with messages a user can act on, an edit made on a
stale copy is refused, and each change is written to the audit log.
"""

import copy
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.certificates.content import ALIGNMENTS, DEFAULT_POSITIONS, FIELD_NAMES, positions
from awards.certificates.models import CertificateTemplate, Printer
from thiduakt.errors import DomainError
from thiduakt.services.records import create_record, update_record
from thiduakt.text import normalize

EMBLEM_DIR = "certificates/emblems"
EMBLEM_SUFFIXES = (".svg", ".png")
COLOR_RE = re.compile(r"^#[0-9a-f]{6}$")
OFFSET_LIMIT_MM = Decimal("20")
MIN_BOX_WIDTH_MM = 5
MIN_FONT_PT, MAX_FONT_PT = 6, 72
POSITION_KEYS = ("x", "y", "w", "size", "align")
NUMERIC_KEYS = ("x", "y", "w", "size")

FIELD_LABELS = {
    "recipient": gettext_lazy("Recipient's name"),
    "details": gettext_lazy("Position and unit"),
    "achievement": gettext_lazy("Achievement"),
    "decision": gettext_lazy("Decision number and date"),
    "registry": gettext_lazy("Registry number"),
    "place_date": gettext_lazy("Place and date"),
    "signer_name": gettext_lazy("Signer's name"),
    "qr": gettext_lazy("QR code"),
}
ALIGN_LABELS = {"left": gettext_lazy("Left"), "center": gettext_lazy("Centre"), "right": gettext_lazy("Right")}
assert set(FIELD_LABELS) == set(FIELD_NAMES) and set(ALIGN_LABELS) == set(ALIGNMENTS)

TEMPLATE_FIELDS = (
    "name", "award_type", "issuer", "heading", "issuer_title", "place", "signer_title", "signer_name", "page_size",
    "orientation", "frame_style", "frame_color", "emblem", "blank_positions", "is_active",
)  # fmt: skip
PRINTER_FIELDS = ("name", "unit", "offset_x_mm", "offset_y_mm")


# --- reads ----------------------------------------------------------------------------------


# --- emblems --------------------------------------------------------------------------------


def emblem_directory():
    found = finders.find(EMBLEM_DIR)
    return Path(found) if found and Path(found).is_dir() else None


SHIPPED_EMBLEMS = {
    "emblem-star.png": gettext_lazy("Gold star on a red disc (stylised, drawn by the project)"),
    "emblem-star.svg": gettext_lazy("Gold star on a red disc, vector (slower to print)"),
}


def emblem_label(file_name):
    """The name of an emblem the project ships, or one from the file name: 'quoc-huy.png' → 'Quoc huy'."""
    if file_name in SHIPPED_EMBLEMS:
        return SHIPPED_EMBLEMS[file_name]
    words = re.sub(r"[-_]+", " ", Path(file_name).stem).strip()
    return words[:1].upper() + words[1:]


def emblem_choices():
    """[(file name, label)] of the images in static/certificates/emblems/, by file name."""
    directory = emblem_directory()
    if directory is None:
        return []
    names = sorted(
        path.name
        for path in directory.iterdir()
        if path.is_file() and path.suffix.lower() in EMBLEM_SUFFIXES and not path.name.startswith(".")
    )
    return [(name, emblem_label(name)) for name in names]


# --- checks shared by the forms and the services ----------------------------------------------


def color_error(value):
    if COLOR_RE.match((value or "").strip().lower()):
        return None
    return _("Enter the colour as # followed by six hexadecimal digits, e.g. #b8860b.")


def emblem_error(value):
    if not value or value in dict(emblem_choices()):
        return None
    return _("The emblem %(name)s is not among the images of static/certificates/emblems/: choose one of them.") % {
        "name": value
    }


def offset_error(value):
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return _("Enter a number of millimetres.")
    if not -OFFSET_LIMIT_MM <= number <= OFFSET_LIMIT_MM:
        return _("The offset must be between -%(limit)s and %(limit)s mm; measure the calibration page again.") % {
            "limit": OFFSET_LIMIT_MM
        }
    return None


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", ".").strip())
        except ValueError:
            return None
    return None


def _mm(value):
    return f"{value:g}"


def duplicate_template_error(award_type_id, issuer_id, exclude_pk=None):
    """One template per award and issuer, and one shared template per award."""
    same = CertificateTemplate.objects.filter(award_type_id=award_type_id, issuer_id=issuer_id)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if not same.exists():
        return None
    if issuer_id is None:
        return _("There is already a template of this award shared by every issuer: edit that one instead.")
    return _("This issuer already has a template of this award: edit that one instead.")


def duplicate_printer_error(unit_id, name, exclude_pk=None):
    same = Printer.objects.filter(unit_id=unit_id, name=normalize(name))
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    return _("This unit already has a printer with this name.") if same.exists() else None


def position_problems(custom, page_mm):
    """[(field, key, message)] of what is wrong with `custom` (the overrides) on a sheet of `page_mm`.

    A box is checked with its defaults filled in: moving a box to the right without
    narrowing it must not push it off the sheet.
    """
    width, height = page_mm
    problems = []
    if not isinstance(custom, dict):
        return [(None, None, _("The field positions are not in the expected form."))]
    for field, box in custom.items():
        if field not in DEFAULT_POSITIONS:
            problems.append((None, None, _("Unknown field on the certificate: %(field)s.") % {"field": field}))
            continue
        if not isinstance(box, dict) or set(box) - set(POSITION_KEYS):
            problems.append((field, None, _("The position is not in the expected form.")))
            continue
        numbers = {}
        for key in NUMERIC_KEYS:
            if key in box:
                numbers[key] = _number(box[key])
                if numbers[key] is None:
                    problems.append((field, key, _("Enter a number.")))
        x, y, w, size = (numbers.get(key) for key in NUMERIC_KEYS)
        if x is not None and not 0 <= x <= width:
            problems.append(
                (field, "x", _("x must be between 0 and %(max)s mm (the width of the sheet).") % {"max": _mm(width)})
            )
        if y is not None and not 0 <= y <= height:
            problems.append(
                (field, "y", _("y must be between 0 and %(max)s mm (the height of the sheet).") % {"max": _mm(height)})
            )
        if w is not None and w < MIN_BOX_WIDTH_MM:
            problems.append((field, "w", _("The width must be at least %(min)s mm.") % {"min": MIN_BOX_WIDTH_MM}))
        if size is not None and not MIN_FONT_PT <= size <= MAX_FONT_PT:
            problems.append(
                (field, "size", _("The font size must be between %(min)s and %(max)s pt.")
                 % {"min": MIN_FONT_PT, "max": MAX_FONT_PT})
            )  # fmt: skip
        if "align" in box and box["align"] not in ALIGNMENTS:
            problems.append((field, "align", _("Choose left, centre or right.")))
        start = x if x is not None and 0 <= x <= width else None
        span = w if w is not None and w >= MIN_BOX_WIDTH_MM else None
        if (start is not None or span is not None) and not any(p[0] == field and p[1] in ("x", "w") for p in problems):
            start = DEFAULT_POSITIONS[field]["x"] * width if start is None else start
            span = DEFAULT_POSITIONS[field]["w"] * width if span is None else span
            if start + span > width + 0.05:
                problems.append(
                    (field, "w" if "w" in numbers else "x",
                     _("The box runs past the right edge of the sheet: x + width is %(end)s mm, the sheet is "
                       "%(width)s mm wide.") % {"end": _mm(round(start + span, 1)), "width": _mm(width)})
                )  # fmt: skip
    return problems


def clean_positions(custom):
    """The overrides as stored: known keys only, numbers rounded to 0.1, empty boxes dropped."""
    cleaned = {}
    for field in FIELD_NAMES:
        box = (custom or {}).get(field) or {}
        kept = {}
        for key in POSITION_KEYS:
            value = box.get(key)
            if value is None or value == "":
                continue
            if key == "align":
                kept[key] = value
            else:
                number = round(_number(value), 1)
                kept[key] = int(number) if number == int(number) else number
        if kept:
            cleaned[field] = kept
    return cleaned


def default_boxes(template):
    """The default layout (no overrides, no printer) of the template's sheet, in mm and pt."""
    bare = copy.copy(template)
    bare.blank_positions = {}
    return positions(bare)


# --- services -------------------------------------------------------------------------------


def _raise_problems(errors):
    if errors:
        raise ValidationError(errors)


def _check_template(candidate, *, actor, exclude_pk=None):
    errors = {}
    if problem := color_error(candidate.frame_color):
        errors["frame_color"] = [problem]
    if problem := emblem_error(candidate.emblem):
        errors["emblem"] = [problem]
    problems = position_problems(candidate.blank_positions or {}, candidate.page_mm)
    if problems:
        errors["blank_positions"] = [
            f"{FIELD_LABELS[field]}: {message}" if field else message for field, _key, message in problems
        ]
    _raise_problems(errors)
    if actor is not None and not actor.has_perm("awards.manage_certificate_templates", candidate):
        if candidate.issuer_id is None:
            raise DomainError(
                _("Only an administrator of the whole system can manage the templates shared by every issuer."),
                field="issuer",
            )
        raise DomainError(_("Choose an issuing unit within your scope."), field="issuer")
    if candidate.award_type_id:
        if problem := duplicate_template_error(candidate.award_type_id, candidate.issuer_id, exclude_pk):
            raise DomainError(problem, field="award_type")


def _template_data(data):
    data = dict(data)
    if "blank_positions" in data and not data["blank_positions"]:
        data["blank_positions"] = {}
    return data


def _store_positions(data):
    """The data as saved, once checked: the positions in their stored form."""
    if isinstance(data.get("blank_positions"), dict):
        data = {**data, "blank_positions": clean_positions(data["blank_positions"])}
    return data


def _template_audit_unit(actor):
    return lambda template: template.issuer or getattr(actor, "unit", None)


def create_template(*, actor, data):
    data = _template_data(data)
    candidate = CertificateTemplate(**data).prepare()
    _check_template(candidate, actor=actor)
    try:
        return create_record(
            CertificateTemplate, actor=actor, data=_store_positions(data), action="certificate_template.create",
            audit_unit=_template_audit_unit(actor), fields=TEMPLATE_FIELDS,
        )  # fmt: skip
    except IntegrityError as error:  # a twin saved at the same moment
        raise DomainError(_("This issuer already has a template of this award: edit that one instead.")) from error


def update_template(template, *, actor, data, expected_version):
    data = _template_data(data)
    candidate = copy.copy(template)
    for name, value in data.items():
        setattr(candidate, name, value)
    _check_template(candidate.prepare(), actor=actor, exclude_pk=template.pk)
    try:
        return update_record(
            template, actor=actor, data=_store_positions(data), expected_version=expected_version,
            action="certificate_template.update", audit_unit=_template_audit_unit(actor), fields=TEMPLATE_FIELDS,
        )  # fmt: skip
    except IntegrityError as error:
        raise DomainError(_("This issuer already has a template of this award: edit that one instead.")) from error


def _check_printer(candidate, *, actor, exclude_pk=None):
    errors = {}
    for name in ("offset_x_mm", "offset_y_mm"):
        if problem := offset_error(getattr(candidate, name)):
            errors[name] = [problem]
    _raise_problems(errors)
    if candidate.unit_id is None:
        raise ValidationError({"unit": [_("Choose the unit the printer belongs to.")]})
    if actor is not None and not actor.has_perm("awards.manage_printers", candidate):
        raise DomainError(_("Choose a unit within your scope."), field="unit")
    if problem := duplicate_printer_error(candidate.unit_id, candidate.name, exclude_pk):
        raise DomainError(problem, field="name")


def create_printer(*, actor, data):
    _check_printer(Printer(**data).prepare(), actor=actor)
    try:
        return create_record(
            Printer, actor=actor, data=dict(data), action="printer.create", audit_unit=lambda p: p.unit,
            fields=PRINTER_FIELDS,
        )  # fmt: skip
    except IntegrityError as error:
        raise DomainError(_("This unit already has a printer with this name."), field="name") from error


def update_printer(printer, *, actor, data, expected_version):
    candidate = copy.copy(printer)
    for name, value in data.items():
        setattr(candidate, name, value)
    _check_printer(candidate.prepare(), actor=actor, exclude_pk=printer.pk)
    try:
        return update_record(
            printer, actor=actor, data=dict(data), expected_version=expected_version, action="printer.update",
            audit_unit=lambda p: p.unit, fields=PRINTER_FIELDS,
        )  # fmt: skip
    except IntegrityError as error:
        raise DomainError(_("This unit already has a printer with this name."), field="name") from error
