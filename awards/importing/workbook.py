"""Workbooks of several sheets, one kind of row each: thiduakt.importing.excel, for more than one sheet.

A sheet is found by its title, in Vietnamese or in English with accents and case ignored,
and its columns by their headers, as excel.read_rows matches them. The file checks and the row
limits are thiduakt.importing.limits, as for excel.read_rows, so both readers refuse the same files.
"""

import io
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thiduakt.errors import DomainError
from thiduakt.importing import excel, limits
from thiduakt.text import fold


@dataclass
class Sheet:
    key: str
    label: str  # English msgid; the workbook carries its translation
    columns: list

    @property
    def title(self):
        return gettext(self.label)

    def matches(self, title):
        return fold(title) in {fold(self.title), fold(self.label)}


def read_sheets(uploaded, sheets):
    """{sheet key: [(row number as Excel shows it, {column key: raw value})]} for the sheets present."""
    book = excel.open_workbook(uploaded)
    found = {}
    for worksheet in book.worksheets:
        sheet = next((s for s in sheets if s.matches(worksheet.title)), None)
        if sheet and sheet.key not in found:
            found[sheet.key] = (sheet, worksheet)
    if not found:
        raise DomainError(
            _("The workbook has none of the sheets %(sheets)s. Start from the template.")
            % {"sheets": ", ".join(f"“{s.title}”" for s in sheets)}
        )
    result, budget = {}, limits.RowBudget()  # the limits hold for the workbook, not for each sheet
    for key, (sheet, worksheet) in found.items():
        try:
            result[key] = list(excel.sheet_rows(worksheet, sheet.columns, budget))
        except DomainError as error:
            raise DomainError(f"{sheet.title}: {error.message}") from error
    return result


def template_workbook(sheets, examples, guide_lines):
    """One sheet per kind with its example rows, then a guide: the general lines, each sheet's columns."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _template_sheet(book.create_sheet(sheet.title), sheet.columns, examples.get(sheet.key, ()))
    guide = book.create_sheet(_("Guide"))
    guide.column_dimensions["A"].width, guide.column_dimensions["B"].width = 28, 90
    for line in guide_lines:
        guide.append(["", line])
    for sheet in sheets:
        guide.append([])
        guide.append([sheet.title])
        guide.cell(row=guide.max_row, column=1).font = Font(bold=True)
        for column in sheet.columns:
            guide.append([column.header, column.note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _template_sheet(worksheet, columns, example_rows):
    """The look of excel.template_workbook: bold white headers on the office red."""
    for index, column in enumerate(columns, start=1):
        cell = worksheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="B71C1C")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    for row in example_rows:
        worksheet.append(list(row))
    worksheet.freeze_panes = "A2"
