"""The import of a succession table (issue 12 item 6): a province loads the official mapping of
its reorganisation from .xlsx or CSV, each row checked, each succession audited once confirmed."""

import datetime
import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import UnitFactory, UnitLevelFactory, UserFactory
from thiduakt.enums import Role
from thiduakt.errors import DomainError
from thiduakt.importing import background
from thiduakt.importing import successions as succession_import
from thiduakt.models import AuditLog, ImportBatch, Succession, SuccessionRelation

from .xlsx import workbook_upload

LAST_DAY = datetime.date(2025, 6, 30)
WHOLE, PART, REMAINDER = SuccessionRelation.WHOLE, SuccessionRelation.PART, SuccessionRelation.REMAINDER
HEADERS = ["Đơn vị mới *", "Quan hệ kế thừa *", "Đơn vị cũ *", "Ghi chú", "Mã thống kê của đơn vị mới"]

# Phường Thanh Xuân is formed from parts of wards of two old districts; Khương Đình takes the rest of one.
GOOD = [
    ("Phường Thanh Xuân", "Một phần", "TX-NC", "", "00367"),  # row 2: a code
    ("P-TX", "một phần", "phuong trung hoa", "Theo Nghị quyết 1656/NQ-UBTVQH15", ""),  # row 3: a name without accents
    ("00367", "part", "Phường Thượng Đình", "", ""),  # row 4: a statistical code
    ("Phường Khương Đình", "Phần còn lại", "TX-TD", "", 364),  # row 5: a number that lost its zeros
    ("P-PL", "Toàn bộ diện tích tự nhiên và quy mô dân số", "Phường Khương Mai", "", ""),  # row 6
]


@pytest.fixture
def reform(db):
    city = UnitFactory(code="HN", name="Thành phố Hà Nội", level=UnitLevelFactory(name="Thành phố", rank=1))
    district, ward = UnitLevelFactory(name="Quận/Huyện", rank=2), UnitLevelFactory(name="Phường/Xã", rank=3)

    def old(code, name, parent=city, level=ward, valid_to=LAST_DAY):
        return UnitFactory(code=code, name=name, parent=parent, level=level, valid_to=valid_to)

    def new(code, name, statistical_code=""):
        return UnitFactory(
            code=code, name=name, parent=city, level=ward, valid_from=LAST_DAY + datetime.timedelta(days=1),
            statistical_code=statistical_code,
        )  # fmt: skip

    q_tx, q_cg = old("TX", "Quận Thanh Xuân", level=district), old("CG", "Quận Cầu Giấy", level=district)
    u = SimpleNamespace(
        city=city, q_tx=q_tx, q_cg=q_cg,
        nhan_chinh=old("TX-NC", "Phường Nhân Chính", q_tx),
        thuong_dinh=old("TX-TD", "Phường Thượng Đình", q_tx),
        khuong_mai=old("TX-KM", "Phường Khương Mai", q_tx),
        trung_hoa=old("CG-TH", "Phường Trung Hòa", q_cg),
        thanh_xuan=new("P-TX", "Phường Thanh Xuân"),
        khuong_dinh=new("P-KD", "Phường Khương Đình"),
        phuong_liet=new("P-PL", "Phường Phương Liệt", "00352"),
    )  # fmt: skip
    u.users = SimpleNamespace(
        city_secretariat=UserFactory(role=Role.SECRETARIAT, unit=city),
        district_secretariat=UserFactory(role=Role.SECRETARIAT, unit=q_tx),
        unit_staff=UserFactory(role=Role.UNIT_STAFF, unit=u.thanh_xuan),
    )
    return u


def upload(rows, name="bang-ke-thua.xlsx"):
    return workbook_upload(rows, headers=HEADERS, name=name)


def csv_upload(rows, separator=",", bom=True, name="bang-ke-thua.csv"):
    def line(values):
        return separator.join(f'"{v}"' if separator in str(v) or "\n" in str(v) else str(v) for v in values)

    text = "\r\n".join(line(r) for r in [HEADERS, *rows]) + "\r\n"
    return SimpleUploadedFile(name, ("\ufeff" if bom else "").encode() + text.encode("utf-8"))


def successions():
    return {(s.predecessor.code, s.successor.code, s.relation) for s in Succession.objects.all()}


IMPORTED = {
    ("TX-NC", "P-TX", PART), ("CG-TH", "P-TX", PART), ("TX-TD", "P-TX", PART),
    ("TX-TD", "P-KD", REMAINDER), ("TX-KM", "P-PL", WHOLE),
}  # fmt: skip


def test_a_table_across_two_old_districts_imports_each_row_audited_once(reform):
    user = reform.users.city_secretariat
    batch = succession_import.check_file(upload(GOOD), user=user)
    assert batch.errors == [] and batch.valid_count == 5
    assert not Succession.objects.exists()  # nothing before the confirmation

    succession_import.confirm(batch.pk, user=user, accept_partial=False)
    assert successions() == IMPORTED
    assert {s.predecessor.parent.code for s in reform.thanh_xuan.predecessions.all()} == {"TX", "CG"}
    assert Succession.objects.get(predecessor=reform.trung_hoa).note == "Theo Nghị quyết 1656/NQ-UBTVQH15"
    reform.thanh_xuan.refresh_from_db(), reform.khuong_dinh.refresh_from_db()
    assert (reform.thanh_xuan.statistical_code, reform.khuong_dinh.statistical_code) == ("00367", "00364")
    assert AuditLog.objects.filter(action="unit.succession").count() == 5
    assert AuditLog.objects.filter(action="unit.update", object_id=str(reform.thanh_xuan.pk)).count() == 1
    entry = AuditLog.objects.get(action="import.successions")
    assert entry.data == {"imported": 5, "skipped_rows": []}

    with pytest.raises(DomainError):  # the second click
        succession_import.confirm(batch.pk, user=user, accept_partial=False)
    assert Succession.objects.count() == 5 and AuditLog.objects.filter(action="unit.succession").count() == 5


def test_bad_rows_are_reported_by_row_number_and_the_rest_imported_only_when_asked(reform):
    UnitFactory(code="TX-TH", name="Phường Trung Hoà", parent=reform.q_tx, level=reform.trung_hoa.level,
                valid_to=LAST_DAY)  # fmt: skip  # the same name as Cầu Giấy's, its accent placed otherwise
    UnitFactory(code="TX-HD", name="Phường Hạ Đình", parent=reform.q_tx, level=reform.trung_hoa.level)  # no end
    rows = [
        GOOD[0],
        ("P-TX", "Một phần", "Phường Không Có", "", ""),  # row 3: unknown
        ("P-TX", "Một phần", "Phường Trung Hòa", "", ""),  # row 4: two old wards bear the name
        GOOD[4],
        ("P-KD", "Một phần", "TX-HD", "", ""),  # row 6: the old unit has not ended
    ]
    user = reform.users.city_secretariat
    batch = succession_import.check_file(upload(rows), user=user)
    assert [e["row"] for e in batch.errors] == [3, 4, 6] and batch.valid_count == 2
    reasons = {e["row"]: " ".join(e["problems"]) for e in batch.errors}
    assert "Phường Không Có" in reasons[3] and "không tồn tại" in reasons[3]
    assert "CG-TH" in reasons[4] and "TX-TH" in reasons[4] and "nhiều đơn vị" in reasons[4]
    assert "Phường Hạ Đình" in reasons[6] and "chưa có ngày kết thúc" in reasons[6]

    with pytest.raises(DomainError):
        succession_import.confirm(batch.pk, user=user, accept_partial=False)
    assert not Succession.objects.exists()
    succession_import.confirm(batch.pk, user=user, accept_partial=True)
    assert successions() == {("TX-NC", "P-TX", PART), ("TX-KM", "P-PL", WHOLE)}
    assert AuditLog.objects.get(action="import.successions").data["skipped_rows"] == [3, 4, 6]


def test_a_name_borne_by_an_old_and_a_new_ward_is_taken_for_the_one_its_column_fits(reform):
    old_yen_hoa = UnitFactory(code="CG-YH", name="Phường Yên Hòa", parent=reform.q_cg,
                              level=reform.trung_hoa.level, valid_to=LAST_DAY)  # fmt: skip
    new_yen_hoa = UnitFactory(code="P-YH", name="Phường Yên Hòa", parent=reform.city, level=reform.trung_hoa.level)
    batch = succession_import.check_file(
        upload([("Phường Yên Hòa", "Một phần", "Phường Yên Hòa", "", "")]), user=reform.users.city_secretariat
    )
    assert batch.errors == []
    assert (batch.valid_rows[0]["predecessor_id"], batch.valid_rows[0]["successor_id"]) == (
        old_yen_hoa.pk, new_yen_hoa.pk,
    )  # fmt: skip


def test_other_refusals_of_a_row(reform):
    rows = [
        ("P-KD", "", "TX-KM", "", ""),  # row 2: no relation
        ("P-KD", "sáp nhập", "CG-TH", "", ""),  # row 3: not a relation
        ("P-PL", "Một phần", "TX-NC", "", "00367"),  # row 4: P-PL already has 00352
        ("P-KD", "Một phần", "TX-NC", "", "00352"),  # row 5: P-PL's code
        ("TX-NC", "Toàn bộ", "TX-NC", "", ""),  # row 6: itself
        GOOD[0],  # row 7
        GOOD[0],  # row 8: the same pair again
    ]
    batch = succession_import.check_file(upload(rows), user=reform.users.city_secretariat)
    assert [e["row"] for e in batch.errors] == [2, 3, 4, 5, 6, 8]
    reasons = {e["row"]: " ".join(e["problems"]) for e in batch.errors}
    assert "sáp nhập" in reasons[3] and "00352" in reasons[4] and "Phường Phương Liệt" in reasons[5]
    assert "dòng 7" in reasons[8]


@pytest.mark.parametrize("separator", [";", ","])
def test_a_csv_with_a_bom_and_either_separator_imports(reform, separator):
    user = reform.users.city_secretariat
    batch = succession_import.check_file(csv_upload(GOOD, separator=separator), user=user)
    assert batch.errors == [] and batch.valid_count == 5
    assert batch.valid_rows[1]["note"] == "Theo Nghị quyết 1656/NQ-UBTVQH15"
    succession_import.confirm(batch.pk, user=user, accept_partial=False)
    assert successions() == IMPORTED
    reform.khuong_dinh.refresh_from_db()
    assert reform.khuong_dinh.statistical_code == "00364"  # Excel wrote the number without its zeros


def test_a_csv_row_with_an_error_has_the_row_number_excel_shows(reform):
    rows = [GOOD[0], ("", "", "", "", ""), ("P-TX", "Một phần", "Phường Không Có", "", "")]
    batch = succession_import.check_file(csv_upload(rows, bom=False), user=reform.users.city_secretariat)
    assert [e["row"] for e in batch.errors] == [4]


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (_docx(), "tài liệu Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "không phải bảng tính Excel"),  # an old .doc
        ("Đơn;Ghi chú\r\n".encode("cp1258"), "UTF-8"),  # saved by Excel on Vietnamese Windows
    ],
    ids=["docx", "doc", "not-utf8"],
)
def test_a_file_named_csv_that_is_not_one_is_refused(reform, content, says):
    with pytest.raises(DomainError) as refused:
        succession_import.check_file(SimpleUploadedFile("bang.csv", content), user=reform.users.city_secretariat)
    assert says in refused.value.message


def test_a_csv_is_bounded_in_size_rows_and_line_length(reform, settings):
    user = reform.users.city_secretariat
    settings.THIDUAKT_IMPORT_LIMITS = {**settings.THIDUAKT_IMPORT_LIMITS, "line_chars": 200, "sheet_rows": 20}
    with pytest.raises(DomainError, match="200"):
        succession_import.check_file(csv_upload([("P-TX", "Một phần", "TX-NC", "x" * 300, "")]), user=user)
    with pytest.raises(DomainError, match="200"):  # a quoted value over many short lines
        succession_import.check_file(csv_upload([("P-TX", "Một phần", "TX-NC", "x\n" * 150, "")]), user=user)
    with pytest.raises(DomainError, match="20"):
        succession_import.check_file(csv_upload([GOOD[0]] * 30), user=user)
    settings.THIDUAKT_IMPORT_LIMITS = {**settings.THIDUAKT_IMPORT_LIMITS, "file_bytes": 100}
    with pytest.raises(DomainError, match="100"):
        succession_import.check_file(csv_upload(GOOD), user=user)


def test_a_large_csv_is_checked_and_recorded_by_the_worker(reform, settings):
    settings.THIDUAKT_IMPORT_BACKGROUND_BYTES = 0
    settings.THIDUAKT_IMPORT_QUEUE = "test-import-unconsumed"
    user = reform.users.city_secretariat
    with pytest.raises(DomainError):  # the file itself is refused at once, not stored
        succession_import.check_file(SimpleUploadedFile("bang.csv", _docx()), user=user)
    batch = succession_import.check_file(csv_upload(GOOD, separator=";"), user=user)
    assert batch.status == ImportBatch.Status.CHECKING and background.run(batch.pk) == "pending"
    assert background.confirm(succession_import.KIND, batch.pk, user=user, accept_partial=False).in_progress
    assert background.run(batch.pk) == "imported"
    assert successions() == IMPORTED


def test_the_pages_upload_review_and_confirm(client, reform):
    client.force_login(reform.users.city_secretariat)
    unit_list = client.get(reverse("unit_list")).content.decode()
    assert reverse("succession_import") in unit_list and "Nhập bảng kế thừa từ Excel" in unit_list
    template = client.get(reverse("succession_import_template"))
    assert template.status_code == 200 and b"".join(template.streaming_content).startswith(b"PK")

    response = client.post(reverse("succession_import"), {"file": csv_upload(GOOD[:2], separator=";")})
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.SUCCESSIONS)
    assert response["Location"] == reverse("succession_import_review", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Phường Nhân Chính" in page and "00367" in page and 'name="confirm"' in page

    confirm = reverse("succession_import_confirm", args=[batch.pk])
    assert client.post(confirm, {"confirm": ""}).status_code == 302
    assert client.post(confirm, {"confirm": ""}).status_code == 302  # the second click
    assert Succession.objects.count() == 2
    assert AuditLog.objects.filter(action="import.successions").count() == 1

    refused = client.post(reverse("succession_import"), {"file": SimpleUploadedFile("bang.csv", _docx())})
    assert refused.status_code == 200 and "tài liệu Word" in refused.content.decode()


def test_the_unit_list_has_no_import_link_for_a_district(client, reform):
    client.force_login(reform.users.district_secretariat)
    assert reverse("succession_import") not in client.get(reverse("unit_list")).content.decode()


ROLES = ["anonymous", "city_secretariat", "district_secretariat", "unit_staff"]
PAGES = {
    "succession_import":          [302, 200, 403, 403],
    "succession_import_template": [302, 200, 403, 403],
    "succession_import_review":   [302, 200, 404, 404],  # the city secretariat's file: no one else's to see
}  # fmt: skip
CASES = [(page, role, statuses[i]) for page, statuses in PAGES.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("page", "role", "expected"), CASES, ids=[f"{p}-{r}" for p, r, _ in CASES])
def test_the_import_pages_by_role(client, reform, page, role, expected):
    batch = succession_import.check_file(upload(GOOD[:1]), user=reform.users.city_secretariat)
    if role != "anonymous":
        client.force_login(getattr(reform.users, role))
    url = reverse(page, args=[batch.pk]) if page.endswith("review") else reverse(page)
    assert client.get(url).status_code == expected


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, [302, 302, 403, 403], strict=True)))
def test_confirming_by_role(client, reform, role, expected):
    batch = succession_import.check_file(upload(GOOD[:1]), user=reform.users.city_secretariat)
    if role != "anonymous":
        client.force_login(getattr(reform.users, role))
    assert client.post(reverse("succession_import_confirm", args=[batch.pk]), {"confirm": ""}).status_code == expected
    assert Succession.objects.exists() == (role == "city_secretariat")


def test_the_template_reads_back(reform):
    template = SimpleUploadedFile("mau.xlsx", succession_import.template_bytes())
    batch = succession_import.check_file(template, user=reform.users.city_secretariat)
    assert batch.errors == [] and batch.valid_count == 3  # its example rows are Hanoi's
