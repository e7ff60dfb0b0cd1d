"""Reading and writing .xlsx lists (and CSV tables): content-sniffed, header-matched, row-numbered."""

import csv
import datetime
import io

from django.utils.translation import gettext
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thiduakt.errors import DomainError
from thiduakt.text import fold, normalize

from . import limits


class Column:
    """A template column. `label` is the English msgid; the file carries its translation."""

    def __init__(self, key, label, *, required=False, width=18, note=""):
        self.key, self.label, self.required, self.width, self.note = key, label, required, width, note

    @property
    def header(self):
        return gettext(self.label) + (" *" if self.required else "")

    def matches(self, header_key):
        return header_key in {_header_key(gettext(self.label)), _header_key(self.label)}


def open_workbook(uploaded):
    """The upload as a read-only (streaming) openpyxl workbook, once it is within the limits."""
    data = limits.read_upload(uploaded)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on malformed workbooks
        raise limits.damaged() from error


def read_rows(uploaded, columns):
    """Yield (row number as Excel shows it, {key: raw value}) for each non-blank row of the first sheet."""
    yield from sheet_rows(open_workbook(uploaded).worksheets[0], columns, limits.RowBudget())


def read_table(uploaded, columns):
    """Like read_rows, for an .xlsx or a CSV file, told apart by their content (not their name)."""
    screened = limits.read_table_upload(uploaded)
    if isinstance(screened, bytes):
        uploaded.seek(0)
        yield from read_rows(uploaded, columns)
        return
    budget = limits.RowBudget()
    yield from _matched_rows(_csv_rows(screened, budget), columns, budget)


def _csv_rows(text, budget):
    """The CSV's records as tuples, counted; the separator (; , or tab) is the one its first line uses most."""
    first = text.split("\n", 1)[0]
    separator = max((";", ",", "\t"), key=first.count) if any(s in first for s in ";,\t") else ","
    widest = limits.limit("columns")
    try:
        for values in csv.reader(io.StringIO(text, newline=""), delimiter=separator):
            budget.count_read()
            if sum(len(v) for v in values) > limits.limit("line_chars"):  # a quoted value over many lines
                raise DomainError(
                    _("A row of the CSV file is longer than %(max)d characters. Save the table again from Excel.")
                    % {"max": limits.limit("line_chars")}
                )
            yield tuple(values[:widest])
    except csv.Error as error:  # a quoted value never closed, longer than the csv module takes
        raise DomainError(_("The CSV file cannot be read. Save the table again from Excel.")) from error


def sheet_rows(worksheet, columns, budget):
    """The sheet's non-blank rows below its header row, matched to `columns`, counted in `budget`."""
    yield from _matched_rows(budget.rows(worksheet), columns, budget)


def _matched_rows(rows, columns, budget):
    positions = _match_headers(next(rows, None) or (), columns)
    for number, values in enumerate(rows, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        budget.keep()
        yield number, {key: (values[i] if i < len(values) else None) for key, i in positions.items()}


def _header_key(header):
    """Headers match ignoring case, accents and the trailing * of required columns."""
    return fold(header).rstrip(" *")


def _match_headers(header_row, columns):
    found = [(_header_key(v), i) for i, v in enumerate(header_row) if isinstance(v, str)]
    positions, missing = {}, []
    for column in columns:
        index = next((i for key, i in found if column.matches(key)), None)
        if index is None:
            if column.required:
                missing.append(gettext(column.label))
            continue
        positions[column.key] = index
    if missing:
        raise DomainError(
            _("The first row must hold the column headers of the template. Missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return positions


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(value)


def date(value):
    """A date cell, or text written dd/mm/yyyy. Raises ValueError with a user message."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date; write it as dd/mm/yyyy.") % {"value": raw})


def template_workbook(columns, sheet_title, example_rows=(), notes=()):
    """A blank template with bold headers, widths, notes and example rows, as bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="B71C1C")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row in example_rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    guide = book.create_sheet(_("Guide"))
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 90
    for column in columns:
        guide.append([column.header, column.note])
    for line in notes:
        guide.append(["", line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
