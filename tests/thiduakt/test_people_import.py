import datetime

import pytest
from django.urls import reverse

from thiduakt.errors import DomainError
from thiduakt.importing import people as people_import
from thiduakt.models import AuditLog, ImportBatch, Person

from .xlsx import workbook_upload

GOOD = [
    ("Nguyễn Thị Lan", "Nữ", "12/03/1985", "001185012345", "Chuyên viên", "TX-KT", "", "Kinh"),
    ("Trần Văn Nam", "Nam", datetime.datetime(1979, 1, 2), "", "Công chức Tư pháp", "tx-kt", "", ""),
]
BAD = [
    ("", "Nam", "01/01/1990", "", "", "TX-KT", "", ""),  # row 4: no name
    ("Lê Văn Tám", "Không rõ", "31/02/1990", "", "", "TX-KT", "", ""),  # row 5: gender, date
    ("Phạm Văn Bảy", "Nam", "01/01/1990", "12345", "", "TH-BU", "", ""),  # row 6: id, other district
]


@pytest.fixture
def unit_staff(org):
    return org.users.secretariat  # district A: may import into wards A1 and A2, not B1


def test_bad_rows_are_reported_row_by_row_and_nothing_is_imported(org, unit_staff):
    before = Person.objects.count()
    batch = people_import.check_file(workbook_upload(GOOD + BAD), user=unit_staff)
    assert [e["row"] for e in batch.errors] == [4, 5, 6]
    reasons = {e["row"]: " ".join(e["problems"]) for e in batch.errors}
    assert "họ và tên" in reasons[4].lower() or "full name" in reasons[4].lower()
    assert "31/02/1990" in reasons[5]
    assert "TH-BU" in reasons[6]
    assert batch.valid_count == 2
    assert Person.objects.count() == before
    with pytest.raises(DomainError):
        people_import.confirm(batch.pk, user=unit_staff, accept_partial=False)
    assert Person.objects.count() == before


def test_partial_import_only_on_explicit_confirmation_and_only_once(org, unit_staff):
    before = Person.objects.count()
    batch = people_import.check_file(workbook_upload(GOOD + BAD), user=unit_staff)
    people_import.confirm(batch.pk, user=unit_staff, accept_partial=True)
    assert Person.objects.count() == before + 2
    lan = Person.objects.get(citizen_id="001185012345")
    assert lan.birth_date == datetime.date(1985, 3, 12) and lan.unit == org.a1
    assert AuditLog.objects.for_object(lan).get().action == "person.import"
    with pytest.raises(DomainError):  # the double click
        people_import.confirm(batch.pk, user=unit_staff, accept_partial=True)
    assert Person.objects.count() == before + 2


def test_duplicates_within_the_file_and_against_the_database(org, unit_staff):
    rows = [
        ("Nguyễn Văn An", "Nam", "17/05/1980", "", "", "TX-KT", "", ""),  # same as org.people.a1
        GOOD[0],
        ("Nguyễn Thị Lan", "Nữ", "12/03/1985", "001185012345", "", "TX-KT", "", ""),
    ]
    batch = people_import.check_file(workbook_upload(rows), user=unit_staff)
    assert [e["row"] for e in batch.errors] == [2, 4]
    assert "2" not in " ".join(batch.errors[1]["problems"]) or "3" in " ".join(batch.errors[1]["problems"])


def test_citizen_id_typed_as_a_number_keeps_its_leading_zeros(org, unit_staff):
    rows = [("Nguyễn Thị Lan", "Nữ", "12/03/1985", 1185012345, "", "TX-KT", "", "")]
    batch = people_import.check_file(workbook_upload(rows), user=unit_staff)
    assert batch.errors == [] and batch.valid_rows[0]["citizen_id"] == "001185012345"


def test_decomposed_unicode_is_normalised(org, unit_staff):
    import unicodedata

    name = unicodedata.normalize("NFD", "Nguyễn Thị Lan")
    batch = people_import.check_file(workbook_upload([(name, "Nữ", "", "", "", "TX-KT", "", "")]), user=unit_staff)
    people_import.confirm(batch.pk, user=unit_staff, accept_partial=False)
    assert Person.objects.filter(full_name="Nguyễn Thị Lan").exists()


def test_a_word_file_named_xlsx_is_refused(org, unit_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    word = SimpleUploadedFile("danh-sach.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(DomainError, match="Excel"):
        people_import.check_file(word, user=unit_staff)


def test_missing_header_is_named(org, unit_staff):
    upload = workbook_upload([("A", "Nam")], headers=["Tên", "Giới tính"])
    with pytest.raises(DomainError) as error:
        people_import.check_file(upload, user=unit_staff)
    assert "Mã đơn vị" in error.value.message or "Unit code" in error.value.message


def test_import_pages_end_to_end(client, org, unit_staff):
    client.force_login(unit_staff)
    template = client.get(reverse("people_import_template"))
    assert template.status_code == 200 and template.getvalue().startswith(b"PK")
    response = client.post(reverse("people_import"), {"file": workbook_upload(GOOD + BAD)}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    for number in (4, 5, 6):
        assert f"Dòng {number}" in page
    batch = ImportBatch.objects.get()
    before = Person.objects.count()
    client.post(reverse("people_import_confirm", args=[batch.pk]), {"confirm": ""})
    assert Person.objects.count() == before
    client.post(reverse("people_import_confirm", args=[batch.pk]), {"confirm": "", "accept_partial": "1"})
    client.post(reverse("people_import_confirm", args=[batch.pk]), {"confirm": "", "accept_partial": "1"})
    assert Person.objects.count() == before + 2


def test_another_users_batch_is_not_found(client, org, unit_staff):
    batch = people_import.check_file(workbook_upload(GOOD), user=unit_staff)
    client.force_login(org.users.admin)
    assert client.get(reverse("people_import_review", args=[batch.pk])).status_code == 404
    assert client.post(reverse("people_import_confirm", args=[batch.pk])).status_code == 404
