"""The three Excel imports refuse workbooks that would exhaust the web process: the shapes an
outside probe sent (a zip bomb of shared strings, two million blank rows), generated here."""

import io
import random
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.importing import history as history_import
from awards.importing import nominations as nomination_import
from awards.nominations.services import create_submission
from thiduakt.errors import DomainError
from thiduakt.importing import people as people_import

from .xlsx import replace_parts, sheet_xml, workbook_upload

SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


@pytest.fixture
def imports(org):
    """kind -> (check a file as the district's secretariat, the headers of its first sheet)."""
    user = org.users.secretariat
    submission = create_submission(actor=user, data={"proposing_unit": org.a, "year": 2024, "method": "regular"})
    return {
        "people": (lambda f: people_import.check_file(f, user=user), people_import.columns()),
        "nominations": (
            lambda f: nomination_import.check_file(f, user=user, submission=submission),
            nomination_import.columns(),
        ),
        "history": (lambda f: history_import.check_file(f, user=user), history_import.columns("ratings")),
    }


KINDS = ["people", "nominations", "history"]


def template(kind):
    """The kind's own template, whose first sheet a test then replaces."""
    if kind == "people":
        return people_import.template_bytes()
    if kind == "history":
        return history_import.template_bytes()
    return workbook_upload([], headers=[c.header for c in nomination_import.columns()]).read()


def shared_strings_bomb(megabytes):
    """Shared strings of repeated text: a few hundred KB zipped, `megabytes` MB unpacked."""
    base = workbook_upload([("Nguyễn Thị Lan", "Nữ")]).read()
    types = zipfile.ZipFile(io.BytesIO(base)).read("[Content_Types].xml").decode()
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}" />'
    item = ("<si><t>" + "Nguyễn Thị Lan " * 650 + "</t></si>").encode()  # about 10 KB

    def strings():
        yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        for _ in range(megabytes * 1024 * 1024 // len(item)):
            yield item
        yield b"</sst>"

    return replace_parts(
        base, {"[Content_Types].xml": [types.replace("</Types>", override + "</Types>").encode()],
               "xl/sharedStrings.xml": strings()},
    )  # fmt: skip


@pytest.fixture(scope="module")
def bomb():
    return shared_strings_bomb(200)


@pytest.mark.parametrize("kind", KINDS)
def test_a_shared_strings_bomb_is_refused_before_it_is_unpacked(imports, bomb, kind):
    assert len(bomb) < 1024 * 1024
    check, _columns = imports[kind]
    tracemalloc.start()
    try:
        with pytest.raises(DomainError) as refused:
            check(SimpleUploadedFile("bom.xlsx", bomb))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "giải nén" in refused.value.message and "MB" in refused.value.message
    assert peak < 10 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB traced while refusing the file"


@pytest.mark.parametrize("kind", KINDS)
def test_two_million_blank_rows_are_refused_at_once(imports, kind):
    check, columns = imports[kind]
    xlsx = replace_parts(
        template(kind), {"xl/worksheets/sheet1.xml": sheet_xml([c.header for c in columns], blank_rows=2_000_000)}
    )
    assert len(xlsx) < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(DomainError) as refused:
        check(SimpleUploadedFile("trong.xlsx", xlsx))
    assert time.monotonic() - started < 2
    assert "Tệp Excel" in refused.value.message


@pytest.mark.parametrize("kind", KINDS)
def test_reading_stops_at_the_row_limit_counting_blank_rows(imports, kind, settings):
    check, columns = imports[kind]
    settings.THIDUAKT_IMPORT_LIMITS = {**settings.THIDUAKT_IMPORT_LIMITS, "sheet_rows": 1000}
    xlsx = replace_parts(
        template(kind),
        {"xl/worksheets/sheet1.xml": sheet_xml([c.header for c in columns], blank_rows=50_000, rows=[["x"] * 6])},
    )
    started = time.monotonic()
    with pytest.raises(DomainError) as refused:
        check(SimpleUploadedFile("trong.xlsx", xlsx))
    assert time.monotonic() - started < 2
    assert "1000 dòng" in refused.value.message and "dòng trống" in refused.value.message


def test_a_sheet_claiming_a_million_rows_and_every_column_reads_only_its_rows(org):
    """openpyxl pads every row to the width the sheet's <dimension> declares: 16,384 columns here."""
    rows = [["Nguyễn Thị Lan", "Nữ", "12/03/1985", "", "", "TX-KT", "", ""]]
    xlsx = replace_parts(
        people_import.template_bytes(),
        {"xl/worksheets/sheet1.xml": sheet_xml([c.header for c in people_import.columns()], blank_rows=3000,
                                               rows=rows, dimension="A1:XFD1048576")},
    )  # fmt: skip
    started = time.monotonic()
    batch = people_import.check_file(SimpleUploadedFile("rong.xlsx", xlsx), user=org.users.secretariat)
    assert time.monotonic() - started < 2
    assert batch.errors == [] and [r["full_name"] for r in batch.valid_rows] == ["Nguyễn Thị Lan"]


def test_a_row_of_more_cells_than_excel_has_columns_is_refused_before_it_is_parsed(org):
    """Random style numbers keep the compression ratio low: the part passes the zip checks, and
    openpyxl would hold the whole row (hundreds of megabytes of cells) while reading it."""
    rng = random.Random(17)

    def sheet():
        yield b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>'
        for _ in range(30):
            yield "".join(f'<c s="{rng.randrange(10**6)}"/>' for _ in range(10_000)).encode()
        yield b"</row></sheetData></worksheet>"

    xlsx = replace_parts(people_import.template_bytes(), {"xl/worksheets/sheet1.xml": sheet()})
    part = zipfile.ZipFile(io.BytesIO(xlsx)).getinfo("xl/worksheets/sheet1.xml")
    assert part.file_size / part.compress_size < 10
    started = time.monotonic()
    tracemalloc.start()
    try:
        with pytest.raises(DomainError) as refused:
            people_import.check_file(SimpleUploadedFile("rong.xlsx", xlsx), user=org.users.secretariat)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "16384 ô" in refused.value.message
    assert time.monotonic() - started < 3 and peak < 20 * 1024 * 1024


def zip_of(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content, expected",
    [
        (zip_of({"xl/workbook.xml": "<workbook/>"}), "không phải bảng tính Excel"),  # no content types
        (zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}), "không phải bảng tính Excel"),
        (zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}, zipfile.ZIP_BZIP2),
         "bị hỏng"),
        (zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>",
                 **{f"xl/media/{n}.xml": "" for n in range(600)}}), "602"),
        (b"PK\x03\x04" + b"\0" * 200, "bị hỏng"),
    ],
    ids=["no-content-types", "a-word-document", "bzip2", "too-many-parts", "truncated"],
)  # fmt: skip
def test_what_is_not_a_plain_xlsx_zip_is_refused(org, content, expected):
    with pytest.raises(DomainError) as refused:
        people_import.check_file(SimpleUploadedFile("x.xlsx", content), user=org.users.secretariat)
    assert expected in refused.value.message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(org, settings):
    settings.THIDUAKT_IMPORT_LIMITS = {**settings.THIDUAKT_IMPORT_LIMITS, "file_bytes": 1000}
    upload = workbook_upload([("Nguyễn Thị Lan", "Nữ", "", "", "", "TX-KT", "", "")])
    with pytest.raises(DomainError) as refused:
        people_import.check_file(upload, user=org.users.secretariat)
    assert "1000" in refused.value.message
