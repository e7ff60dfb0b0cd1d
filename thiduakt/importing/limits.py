"""What an uploaded workbook may be: checked before openpyxl opens it, and while it reads rows.

An .xlsx is a zip: a few hundred kilobytes can unpack to gigabytes (a shared-strings part
of repeated text), and a sheet can claim a million rows it does not hold. The zip's central
directory says how large each part unpacks to, and Python's zipfile never yields more than
that size (a part that lies fails its CRC), so checking the directory bounds what openpyxl
can read. Each sheet is then streamed once to count the cells of its rows (openpyxl holds a
whole row in memory). Rows are counted as they stream, blank ones included, and reading stops
at the limit.

A CSV table is text: its size, its rows and the length of each of its lines are bounded
the same way, and its content is sniffed (a Word file renamed .csv is refused, not parsed).

The limits are the setting THIDUAKT_IMPORT_LIMITS; every Excel or CSV import goes through here.
"""

import io
import re
import zipfile
import zlib

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from thiduakt.errors import DomainError
from thiduakt.uploads import sniff_bytes

RATIO_CHECKED_FROM = 1024 * 1024  # small parts (styles, a short list) may compress as well as they like
EXCEL_COLUMNS = 16384  # A to XFD: a row with more cells than this was not written by a spreadsheet
# The start tag of a row or of a cell, with or without a namespace prefix.
_ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?(row|c)[\s/>]")
_LONGEST_TAG = 40


def limit(name):
    return settings.THIDUAKT_IMPORT_LIMITS[name]


def not_a_workbook():
    return DomainError(_("This file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."))


def damaged():
    return DomainError(_("The Excel file is damaged and cannot be read."))


def read_upload(uploaded):
    """The file's bytes, once its size and its zip directory are within the limits."""
    most = limit("file_bytes")
    if (uploaded.size or 0) > most:
        raise too_large()
    data = uploaded.read(most + 1)
    if len(data) > most:
        raise too_large()
    check_zip(data)
    return data


def is_zip(uploaded):
    """Whether the upload is a zip (an .xlsx, or a Word file, whatever its name); the position is kept."""
    start = uploaded.tell()
    uploaded.seek(0)
    head = uploaded.read(4)
    uploaded.seek(start)
    return head in (b"PK\x03\x04", b"PK\x05\x06")


def read_table_upload(uploaded):
    """The upload screened as an .xlsx (its bytes) or as a CSV (its text), told apart by content."""
    if not is_zip(uploaded):
        return read_text_upload(uploaded)
    data = read_upload_bytes(uploaded)
    if sniff_bytes(data) == "docx":
        raise DomainError(
            _(
                "This file is a Word document, not a table, whatever its name says. Save the table "
                "from Excel as .xlsx or as CSV UTF-8 and upload it again."
            )
        )
    check_zip(data)
    return data


# What a binary file that is no CSV starts with: an old Office file, a PDF, an image, RTF.
_BINARY_STARTS = (b"\xd0\xcf\x11\xe0", b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"{\\rtf")


def read_upload_bytes(uploaded):
    """At most the file size limit of the upload, from its start; refused when larger."""
    most = limit("file_bytes")
    if (uploaded.size or 0) > most:
        raise too_large()
    uploaded.seek(0)
    data = uploaded.read(most + 1)
    if len(data) > most:
        raise too_large()
    return data


def read_text_upload(uploaded):
    """A CSV's text, once its size, its kind, its encoding and its lines are within the limits."""
    data = read_upload_bytes(uploaded)
    if data.startswith(_BINARY_STARTS) or b"\x00" in data:
        raise not_a_table()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DomainError(
            _(
                "The CSV file is not in UTF-8, so its Vietnamese letters cannot be read. In Excel, "
                "save it as “CSV UTF-8 (Comma delimited)”, or as .xlsx, and upload it again."
            )
        ) from error
    longest = limit("line_chars")
    if any(len(line) > longest for line in text.splitlines()):
        raise DomainError(
            _("A line of the CSV file is longer than %(max)d characters. Save the table again from Excel.")
            % {"max": longest}
        )
    return text


def not_a_table():
    return DomainError(
        _("This file is neither an Excel workbook (.xlsx) nor a CSV table. Save it as .xlsx or CSV UTF-8.")
    )


def too_large():
    return DomainError(
        _("The file is larger than %(max)s. Split the list into several files.")
        % {"max": filesizeformat(limit("file_bytes"))}
    )


def check_zip(data):
    """Refuse what is not a plain xlsx zip, or what would unpack beyond the limits."""
    if not data.startswith(b"PK\x03\x04"):
        raise not_a_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()  # the central directory only: nothing is unpacked
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise damaged() from error
    names = {entry.filename for entry in entries}
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise not_a_workbook()
    if len(entries) > limit("zip_entries"):
        raise _refused(
            _("it holds %(count)d parts, more than the %(max)d a workbook may have")
            % {"count": len(entries), "max": limit("zip_entries")}
        )
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1 or entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise damaged()  # Excel neither encrypts parts nor uses another compression
        if entry.file_size > limit("part_bytes"):
            raise _refused(
                _("one of its parts unpacks to %(size)s, more than the %(max)s allowed")
                % {"size": filesizeformat(entry.file_size), "max": filesizeformat(limit("part_bytes"))}
            )
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_CHECKED_FROM and ratio > limit("compression_ratio"):
            raise _refused(
                _("one of its parts is compressed %(ratio)d times, more than the %(max)d times allowed")
                % {"ratio": ratio, "max": limit("compression_ratio")}
            )
        total += entry.file_size
    if total > limit("unpacked_bytes"):
        raise _refused(
            _("its contents unpack to %(size)s, more than the %(max)s allowed")
            % {"size": filesizeformat(total), "max": filesizeformat(limit("unpacked_bytes"))}
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in entries:
            if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                _check_row_widths(archive, entry)


def _check_row_widths(archive, entry):
    """openpyxl holds a whole row in memory while it reads it: a row of millions of empty cells
    (a few megabytes zipped) would cost gigabytes. The sheet is streamed once, counting cells."""
    cells, text = 0, b""
    try:
        with archive.open(entry) as part:
            while True:
                chunk = part.read(1024 * 1024)
                text += chunk
                # A tag the chunk cut in two is counted with the next chunk; the last one, whole.
                cut = max(0, len(text) - _LONGEST_TAG) if chunk else len(text)
                for match in _ROW_OR_CELL.finditer(text, 0, cut):
                    cells = 0 if match.group(1) == b"row" else cells + 1
                    if cells > EXCEL_COLUMNS:
                        raise _refused(_("one of its rows has more than %(max)d cells") % {"max": EXCEL_COLUMNS})
                if not chunk:
                    return
                text = text[cut:]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise damaged() from error


def _refused(reason):
    return DomainError(
        _(
            "The Excel file was refused: %(reason)s. Save it again from Excel, delete the empty rows and "
            "columns, or split the list into several files."
        )
        % {"reason": reason}
    )


class RowBudget:
    """The rows one workbook may have, across its sheets: every row read, and the non-blank ones."""

    def __init__(self):
        self.read = self.kept = 0

    def rows(self, worksheet):
        """The sheet's rows as tuples of values (at most the columns a template can have), counted."""
        rows = worksheet.iter_rows(values_only=True, max_col=limit("columns"))
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as error:  # a part that lies about its size, or XML openpyxl cannot parse
                raise damaged() from error
            self.count_read()
            yield values

    def count_read(self):
        self.read += 1
        if self.read > limit("sheet_rows"):
            raise DomainError(
                _(
                    "The file has more than %(max)d rows, counting the empty ones. Delete the empty rows "
                    "below the list, or split it into several files."
                )
                % {"max": limit("sheet_rows")}
            )

    def keep(self):
        self.kept += 1
        if self.kept > limit("rows"):
            raise DomainError(
                _("The file has more than %(max)d rows. Split it into several files.") % {"max": limit("rows")}
            )
