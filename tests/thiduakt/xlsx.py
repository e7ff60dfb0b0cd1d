import io
import zipfile
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADERS = ["Họ và tên *", "Giới tính *", "Ngày sinh", "Số CCCD", "Chức vụ", "Mã đơn vị *", "Phân loại", "Dân tộc"]


def workbook_upload(rows, headers=HEADERS, name="danh-sach.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def replace_parts(xlsx, parts):
    """The workbook `xlsx` (bytes) with some parts replaced, each written from an iterable of byte chunks
    (streamed into the zip: a part can unpack to hundreds of megabytes without being held in memory)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename not in parts:
                target.writestr(entry, source.read(entry))
        for name, chunks in parts.items():
            with target.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    return buffer.getvalue()


def sheet_xml(headers, *, blank_rows=0, rows=(), dimension=None):
    """A worksheet part: a header row of inline strings, `blank_rows` empty rows, then `rows`."""

    def cells(values):
        return "".join(f'<c t="inlineStr"><is><t>{escape(str(v))}</t></is></c>' for v in values)

    yield b'<?xml version="1.0" encoding="UTF-8"?>'
    yield b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield f"<sheetData><row>{cells(headers)}</row>".encode()
    for start in range(0, blank_rows, 10_000):
        yield b"<row/>" * min(10_000, blank_rows - start)  # unnumbered, as the probe sent them: each is the next row
    for values in rows:
        yield f"<row>{cells(values)}</row>".encode()
    yield b"</sheetData></worksheet>"
