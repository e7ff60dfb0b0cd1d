"""Importing the history kept before thiduakt: ratings, awards received, disciplinary measures."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from awards.history.models import Award, Discipline, YearlyRating
from awards.importing import history as history_import
from tests.factories import PersonFactory, UserFactory
from tests.worlds import city_tree
from thiduakt.enums import Gender, Role
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog, ImportBatch

BORN_1990 = datetime.date(1990, 1, 2)


@pytest.fixture
def office(db):
    units = city_tree("TX", "TX-KT", "TH")
    district, ward, other = units["TX"], units["TX-KT"], units["TH"]
    return SimpleNamespace(
        district=district, ward=ward, other=other,
        secretariat=UserFactory(username="sec_tx", role=Role.SECRETARIAT, unit=district),
        an=PersonFactory(full_name="Nguyễn Văn An", citizen_id="001080012345", unit=ward),
        hoa=PersonFactory(full_name="Lê Thị Hoa", gender=Gender.FEMALE, birth_date=BORN_1990, unit=ward),
        outsider=PersonFactory(full_name="Đỗ Minh Đức", citizen_id="001079054321", unit=other),
    )  # fmt: skip


def upload(sheets, name="lich-su.xlsx"):
    """A workbook with the template's sheet names and headers (whatever their translation)."""
    book = Workbook()
    book.remove(book.active)
    for key, rows in sheets.items():
        sheet = book.create_sheet(gettext(history_import.SHEETS[key]))
        sheet.append([column.header for column in history_import.columns(key)])
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


AN = ("Nguyễn Văn An", "", "001080012345", "")
HOA = ("Lê Thị Hoa", "02/01/1990", "", "")
WARD = ("Phường Khương Trung", "", "", "TX-KT")
GOOD = {
    "ratings": [(*AN, 2022, "HTXSNV"), (*WARD, 2022, "Hoàn thành tốt nhiệm vụ")],
    "awards": [
        (*HOA, 2021, "CSTD_CS", "12/QĐ-UBND", "20/12/2021", "Chủ tịch UBND quận"),
        (*WARD, 2021, "Tập thể lao động tiên tiến", "", "", ""),
    ],
    "disciplines": [(*AN, 2020, "Khiển trách", "5/QĐ-UBND ngày 02/03/2020")],
}
BAD = {
    "ratings": [(*AN, 2023, "Xuất sắc lắm"), (*HOA, "20x", "HTTNV")],  # rows 4, 5
    "awards": [(*AN, 2021, "Bằng khen ABC", "", "", ""), ("Đỗ Minh Đức", "", "001079054321", "", 2021, "LDTT")],
    "disciplines": [(*WARD, 2020, "Cảnh cáo", "")],  # row 3: only people are disciplined
}


def both(good, bad):
    return {key: good.get(key, []) + bad.get(key, []) for key in history_import.SHEETS}


def check(office, sheets):
    return history_import.check_file(upload(sheets), user=office.secretariat)


def counts():
    return YearlyRating.objects.count(), Award.objects.count(), Discipline.objects.count()


def test_every_sheet_is_checked_row_by_row_and_nothing_is_written(office):
    batch = check(office, both(GOOD, BAD))
    assert batch.kind == ImportBatch.Kind.HISTORY
    assert [(e["sheet"], e["row"]) for e in batch.errors] == [
        ("ratings", 4), ("ratings", 5), ("awards", 4), ("awards", 5), ("disciplines", 3),
    ]  # fmt: skip
    why = {(e["sheet"], e["row"]): " ".join(e["problems"]) for e in batch.errors}
    assert "Xuất sắc lắm" in why["ratings", 4]
    assert "20x" in why["ratings", 5]
    assert "Bằng khen ABC" in why["awards", 4]
    assert "001079054321" in why["awards", 5]
    assert all(e["sheet_label"] for e in batch.errors)
    assert batch.valid_count == 5 and not any(r["present"] for r in batch.valid_rows)
    assert counts() == (0, 0, 0)


def test_partial_confirmation_needs_the_tick_and_happens_once(office):
    batch = check(office, both(GOOD, BAD))
    with pytest.raises(DomainError):
        history_import.confirm(batch.pk, user=office.secretariat, accept_partial=False)
    assert counts() == (0, 0, 0)
    history_import.confirm(batch.pk, user=office.secretariat, accept_partial=True)
    assert counts() == (2, 2, 1)
    assert YearlyRating.objects.get(person=office.an).rating == "HTXSNV"
    assert YearlyRating.objects.get(unit=office.ward, person=None).rating == "HTTNV"
    cstd = Award.objects.get(person=office.hoa)
    assert (cstd.award_type.code, cstd.year, cstd.decision_number, cstd.decision_date, cstd.from_records) == (
        "CSTD_CS", 2021, "12/QĐ-UBND", datetime.date(2021, 12, 20), True,
    )  # fmt: skip
    assert Award.objects.get(unit=office.ward).from_records
    assert Discipline.objects.get(person=office.an).level == "khien_trach"
    assert AuditLog.objects.filter(action="history.import").count() == 5
    with pytest.raises(DomainError):  # the double click
        history_import.confirm(batch.pk, user=office.secretariat, accept_partial=True)
    assert counts() == (2, 2, 1)


def test_importing_the_same_rows_again_records_nothing_twice(office):
    first = check(office, GOOD)
    history_import.confirm(first.pk, user=office.secretariat, accept_partial=False)
    again = check(office, GOOD)
    assert again.errors == [] and all(r["present"] for r in again.valid_rows)
    with pytest.raises(DomainError):
        history_import.confirm(again.pk, user=office.secretariat, accept_partial=False)
    more = check(office, {**GOOD, "ratings": [*GOOD["ratings"], (*AN, 2023, "HTTNV")]})
    assert [r["present"] for r in more.valid_rows].count(False) == 1
    history_import.confirm(more.pk, user=office.secretariat, accept_partial=False)
    assert counts() == (3, 2, 1)
    assert ImportBatch.objects.get(pk=more.pk).imported_count == 1


def test_rows_that_contradict_the_record_or_each_other_are_errors(office):
    YearlyRating.objects.create(person=office.an, year=2022, rating="HTTNV")
    history_import.confirm(check(office, {"awards": GOOD["awards"]}).pk, user=office.secretariat, accept_partial=False)
    batch = check(
        office,
        {
            "ratings": [(*AN, 2022, "HTXSNV"), (*HOA, 2022, "HTTNV"), (*HOA, 2022, "HTNV")],
            "awards": [(*HOA, 2021, "CSTD_CS", "99/QĐ-UBND", "", "")],
        },
    )
    why = {(e["sheet"], e["row"]): " ".join(e["problems"]) for e in batch.errors}
    assert sorted(why) == [("awards", 2), ("ratings", 2), ("ratings", 4)]
    assert "HTTNV" in why["ratings", 2]  # what the record says
    assert "3" in why["ratings", 4]  # the row it repeats
    assert "12/QĐ-UBND" in why["awards", 2]


def test_only_people_of_ones_units_are_found(office):
    batch = check(office, {"ratings": [("Đỗ Minh Đức", "", "001079054321", "", 2022, "HTTNV")]})
    assert [e["row"] for e in batch.errors] == [2] and batch.valid_rows == []


def test_files_that_are_not_the_workbook_are_refused(office):
    word = SimpleUploadedFile("lich-su.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(DomainError, match="Excel"):
        history_import.check_file(word, user=office.secretariat)
    book = Workbook()
    book.active.title = "Sheet1"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(DomainError):
        history_import.check_file(SimpleUploadedFile("khac.xlsx", buffer.getvalue()), user=office.secretariat)


def test_the_template_has_the_three_sheets_and_its_examples_check(office):
    content = history_import.template_bytes("TX-KT", "Phường Khương Trung")
    titles = load_workbook(io.BytesIO(content)).sheetnames
    assert titles[:3] == [gettext(label) for label in history_import.SHEETS.values()]
    batch = history_import.check_file(SimpleUploadedFile("mau.xlsx", content), user=office.secretariat)
    # The example people are not on record: the rows say so, and the collective's rating passes.
    assert [r["unit_id"] for r in batch.valid_rows] == [office.ward.pk]


def test_import_pages_end_to_end(client, office):
    client.force_login(office.secretariat)
    template = client.get(reverse("importing:history_import_template"))
    assert template.status_code == 200 and template.getvalue().startswith(b"PK")
    assert client.get(reverse("importing:history_import")).status_code == 200
    response = client.post(reverse("importing:history_import"), {"file": upload(both(GOOD, BAD))}, follow=True)
    page = response.content.decode()
    assert "Dòng 4" in page and "Dòng 5" in page and "Dòng 3" in page
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.HISTORY)
    confirm = reverse("importing:history_import_confirm", args=[batch.pk])
    client.post(confirm, {"confirm": ""})
    assert counts() == (0, 0, 0)
    client.post(confirm, {"confirm": "", "accept_partial": "1"})
    client.post(confirm, {"confirm": "", "accept_partial": "1"})
    assert counts() == (2, 2, 1)
    response = client.post(reverse("importing:history_import"), {"file": upload(GOOD)}, follow=True)
    assert response.content.decode().count('class="badge text-bg-light"') == 5  # already on record


def test_who_may_import_history(client, office):
    url = reverse("importing:history_import")
    client.force_login(office.secretariat)
    assert client.get(url).status_code == 200
    client.force_login(UserFactory(username="root", is_superuser=True, unit=None, role=Role.ADMIN))
    assert client.get(url).status_code == 200
    client.force_login(UserFactory(role=Role.UNIT_STAFF, unit=office.ward))
    assert client.get(url).status_code == 403
    assert client.get(reverse("importing:history_import_template")).status_code == 403
    batch = check(office, GOOD)
    client.force_login(UserFactory(role=Role.SECRETARIAT, unit=office.district))
    assert client.get(reverse("importing:history_import_review", args=[batch.pk])).status_code == 404
    assert client.post(reverse("importing:history_import_confirm", args=[batch.pk])).status_code == 404
