"""Importing a nomination list from Excel into a submission: check, review, confirm once."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.enums import SubmissionStatus
from awards.importing import nominations as nomination_import
from awards.nominations.models import Nomination, Submission
from awards.nominations.services import create_submission
from tests.factories import PersonFactory, UserFactory
from tests.worlds import city_tree
from thiduakt.enums import Gender, Role
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog, ImportBatch, Person

BORN_1990 = datetime.date(1990, 1, 2)


@pytest.fixture
def office(db):
    """Quận Thanh Xuân proposes; its wards hold the people. Quận Tây Hồ is out of reach."""
    units = city_tree("TX", "TX-KT", "TX-NC", "TH")
    district, ward, ward2, other = (units[code] for code in ("TX", "TX-KT", "TX-NC", "TH"))
    staff = UserFactory(username="staff_tx", role=Role.UNIT_STAFF, unit=district)
    submission = create_submission(
        actor=staff, data={"proposing_unit": district, "year": 2024, "method": "regular", "number": "7/TTr-UBND"}
    )
    return SimpleNamespace(
        district=district, ward=ward, ward2=ward2, other=other, staff=staff, submission=submission,
        an=PersonFactory(full_name="Nguyễn Văn An", citizen_id="001080012345", unit=ward),
        hoa=PersonFactory(full_name="Lê Thị Hoa", gender=Gender.FEMALE, birth_date=BORN_1990, unit=ward2),
        binh_kt=PersonFactory(full_name="Trần Văn Bình", birth_date=datetime.date(1985, 7, 1), unit=ward),
        binh_nc=PersonFactory(full_name="Trần Văn Bình", birth_date=datetime.date(1985, 7, 1), unit=ward2),
        outsider=PersonFactory(full_name="Đỗ Minh Đức", citizen_id="001079054321", unit=other),
    )  # fmt: skip


def upload(rows, name="danh-sach-de-nghi.xlsx"):
    """A workbook with the template's own headers (whatever their translation) and these rows."""
    book = Workbook()
    sheet = book.active
    sheet.append([column.header for column in nomination_import.columns()])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def row(name, birth="", citizen_id="", gender="", unit_code="", award="LDTT", achievement="Hoàn thành tốt nhiệm vụ."):
    return ("", name, birth, citizen_id, gender, unit_code, award, achievement)


def check(office, rows):
    return nomination_import.check_file(upload(rows), user=office.staff, submission=office.submission)


def reasons(batch):
    return {error["row"]: " ".join(error["problems"]) for error in batch.errors}


GOOD = [
    row("Nguyễn Văn An", citizen_id="001080012345"),  # row 2
    row("Lê Thị Hoa", birth="02/01/1990", award="CSTD_CS"),  # row 3
]
BAD = [
    row("Nguyễn Văn An", citizen_id="001080012345", award="XYZ"),  # row 4: unknown award
    row("Tổ dân phố 9", unit_code="TX-ZZ", award="TTLDTT"),  # row 5: unknown unit
    row("Nguyễn Văn An", citizen_id="001080012345"),  # row 6: same as row 2
    row("Đỗ Minh Đức", citizen_id="001079054321"),  # row 7: another district's person
    row("Lê Thị Hoa", birth="02/01/1990", award="TTLDTT"),  # row 8: a collective title for a person
    row("", birth="02/01/1990"),  # row 9: no name
]


def test_bad_rows_are_reported_with_row_numbers_and_nothing_is_created(office):
    people, nominations = Person.objects.count(), Nomination.objects.count()
    batch = check(office, GOOD + BAD)
    assert batch.kind == ImportBatch.Kind.NOMINATIONS and batch.target == {"submission": office.submission.pk}
    assert [e["row"] for e in batch.errors] == [4, 5, 6, 7, 8, 9]
    why = reasons(batch)
    assert "XYZ" in why[4]
    assert "TX-ZZ" in why[5]
    assert "2" in why[6]
    assert "001079054321" in why[7]
    assert "Tập thể lao động tiên tiến" in why[8]
    assert batch.valid_count == 2 and batch.total_rows == 8
    with pytest.raises(DomainError):
        nomination_import.confirm(batch.pk, user=office.staff, accept_partial=False)
    assert (Person.objects.count(), Nomination.objects.count()) == (people, nominations)


def test_partial_import_only_with_the_tick_and_only_once(office):
    batch = check(office, GOOD + BAD)
    with pytest.raises(DomainError):
        nomination_import.confirm(batch.pk, user=office.staff, accept_partial=False)
    assert not office.submission.nominations.exists()
    nomination_import.confirm(batch.pk, user=office.staff, accept_partial=True)
    created = list(office.submission.nominations.select_related("award_type").order_by("position"))
    assert [(n.person, n.award_type.code) for n in created] == [(office.an, "LDTT"), (office.hoa, "CSTD_CS")]
    assert all(n.eligibility.get("outcome") for n in created)  # evaluated, in one batch after the rows
    assert AuditLog.objects.filter(action="import.nominations", object_id=str(office.submission.pk)).count() == 1
    with pytest.raises(DomainError):  # the double click
        nomination_import.confirm(batch.pk, user=office.staff, accept_partial=True)
    assert office.submission.nominations.count() == 2


def test_people_are_matched_by_citizen_id_or_by_name_and_birth_date(office):
    batch = check(
        office,
        [
            row("Nguyễn Văn An", citizen_id="001080012345"),  # 2: citizen ID
            row("le thi hoa", birth=datetime.datetime(1990, 1, 2)),  # 3: name without accents + birth date
            row("Trần Văn Bình", birth="01/07/1985"),  # 4: two namesakes born the same day
            row("Trần Văn Bình", birth="01/07/1985", unit_code="TX-NC", award="CSTD_CS"),  # 5: the unit tells
            row("Nguyễn Văn Ba", citizen_id="001080012345", award="CSTD_CS"),  # 6: the ID is someone else's
            row("Phan Văn Khải", birth="03/03/1970"),  # 7: nobody, and no gender to add him
        ],
    )
    matched = {r["row"]: r["person_id"] for r in batch.valid_rows}
    assert matched == {2: office.an.pk, 3: office.hoa.pk, 5: office.binh_nc.pk}
    why = reasons(batch)
    assert sorted(why) == [4, 6, 7]
    assert "2" in why[4] and "01/07/1985" in why[4]
    assert "Nguyễn Văn An" in why[6]
    assert "Phan Văn Khải" in why[7]


def test_a_new_person_is_added_once_and_audited(office):
    rows = [
        row("Phạm Thu Trang", birth="15/08/1992", citizen_id="001192001122", gender="Nữ", unit_code="TX-KT"),
        row("Phạm Thu Trang", birth="15/08/1992", award="CSTD_CS"),  # the same new person, named again
    ]
    batch = check(office, rows)
    assert batch.errors == []
    assert [r["new_key"] is not None for r in batch.valid_rows] == [True, True]
    assert len({r["new_key"] for r in batch.valid_rows}) == 1
    assert not Person.objects.filter(full_name="Phạm Thu Trang").exists()  # not before the confirmation
    nomination_import.confirm(batch.pk, user=office.staff, accept_partial=False)
    trang = Person.objects.get(full_name="Phạm Thu Trang")
    assert (trang.unit, trang.gender, trang.citizen_id) == (office.ward, Gender.FEMALE, "001192001122")
    assert trang.nominations.count() == 2
    assert AuditLog.objects.for_object(trang).get().action == "person.import"


def test_collectives_are_matched_by_unit_code_inside_the_submission(office):
    batch = check(
        office,
        [
            row("Phường Khương Trung", unit_code="tx-kt", award="TTLDTT"),  # 2
            row("Phường Bưởi", unit_code="TX-KT", award="TTLDTT"),  # 3: the code is another unit's
            row("Quận Tây Hồ", unit_code="TH", award="TTLDTT"),  # 4: outside the submission's unit
            row("Phường Nhân Chính", unit_code="TX-NC", award="Tập thể lao động tiên tiến"),  # 5: by name
        ],
    )
    assert {r["row"]: r["unit_id"] for r in batch.valid_rows} == {2: office.ward.pk, 5: office.ward2.pk}
    why = reasons(batch)
    assert "Phường Khương Trung" in why[3]
    assert "TH" in why[4]


def test_awards_are_found_by_code_or_by_name_ignoring_accents(office):
    batch = check(
        office,
        [
            row("Nguyễn Văn An", citizen_id="001080012345", award="cstd-cs"),
            row("Lê Thị Hoa", birth="02/01/1990", award="chien si thi dua co so"),
        ],
    )
    assert batch.errors == [] and {r["award"] for r in batch.valid_rows} == {"Chiến sĩ thi đua cơ sở"}


def test_rows_already_in_the_submission_and_numbered_blank_rows(office):
    first = check(office, GOOD)
    nomination_import.confirm(first.pk, user=office.staff, accept_partial=False)
    again = check(office, [*GOOD, ("3", None, None, None, None, None, None, None)])
    assert [e["row"] for e in again.errors] == [2, 3]  # the numbered empty row 4 is not a row
    assert "Nguyễn Văn An" in reasons(again)[2]


def test_only_a_draft_submission_takes_rows(office):
    batch = check(office, GOOD)
    Submission.objects.filter(pk=office.submission.pk).update(status=SubmissionStatus.SUBMITTED)
    office.submission.refresh_from_db()
    with pytest.raises(DomainError):
        check(office, GOOD)
    with pytest.raises(DomainError):
        nomination_import.confirm(batch.pk, user=office.staff, accept_partial=False)
    assert not office.submission.nominations.exists()


def test_a_word_file_named_xlsx_is_refused(office):
    word = SimpleUploadedFile("danh-sach.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(DomainError, match="Excel"):
        nomination_import.check_file(word, user=office.staff, submission=office.submission)


def test_the_template_imports_as_it_is(office):
    content = nomination_import.template_bytes(office.submission)
    batch = nomination_import.check_file(
        SimpleUploadedFile("mau.xlsx", content), user=office.staff, submission=office.submission
    )
    assert batch.errors == []
    assert [(r["nominee"], r["new_key"] is not None) for r in batch.valid_rows] == [
        ("individual", True),
        ("collective", False),
    ]
    guide = load_workbook(io.BytesIO(content)).worksheets[1]
    assert any("CSTD_CS" in str(cell.value) for cell in guide["B"])


def test_import_pages_end_to_end(client, office):
    client.force_login(office.staff)
    pk = office.submission.pk
    template = client.get(reverse("importing:submission_import_template", args=[pk]))
    assert template.status_code == 200 and template.getvalue().startswith(b"PK")
    assert client.get(reverse("importing:submission_import", args=[pk])).status_code == 200
    response = client.post(reverse("importing:submission_import", args=[pk]), {"file": upload(GOOD + BAD)}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    for number in (4, 5, 6, 7, 8, 9):
        assert f"Dòng {number}" in page
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.NOMINATIONS)
    confirm = reverse("importing:submission_import_confirm", args=[pk, batch.pk])
    client.post(confirm, {"confirm": ""})
    assert not office.submission.nominations.exists()
    response = client.post(confirm, {"confirm": "", "accept_partial": "1"})
    assert response.url == reverse("nominations:submission_detail", args=[pk])
    client.post(confirm, {"confirm": "", "accept_partial": "1"})
    assert office.submission.nominations.count() == 2


def test_new_people_are_announced_on_the_review_page(client, office):
    client.force_login(office.staff)
    rows = [row("Phạm Thu Trang", birth="15/08/1992", gender="Nữ", unit_code="TX-KT")]
    response = client.post(reverse("importing:submission_import", args=[office.submission.pk]), {"file": upload(rows)})
    page = client.get(response.url).content.decode()
    assert "Phạm Thu Trang" in page and "badge text-bg-info" in page


def test_who_may_import_into_a_submission(client, office):
    pk = office.submission.pk
    batch = check(office, GOOD)
    council = UserFactory(role=Role.COUNCIL_MEMBER, unit=office.district)
    stranger = UserFactory(role=Role.UNIT_STAFF, unit=office.other)
    colleague = UserFactory(role=Role.UNIT_STAFF, unit=office.district)
    client.force_login(council)
    assert client.get(reverse("importing:submission_import", args=[pk])).status_code == 403
    client.force_login(stranger)
    assert client.get(reverse("importing:submission_import", args=[pk])).status_code == 404
    client.force_login(colleague)  # may edit the submission, but the batch is someone else's
    assert client.get(reverse("importing:submission_import", args=[pk])).status_code == 200
    assert client.get(reverse("importing:submission_import_review", args=[pk, batch.pk])).status_code == 404
    assert client.post(reverse("importing:submission_import_confirm", args=[pk, batch.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("importing:submission_import", args=[pk])).status_code == 302


def test_checking_a_list_costs_the_same_queries_for_few_or_many_rows(office):
    many = [PersonFactory(full_name=f"Vũ Thị Mai {n}", unit=office.ward) for n in range(12)]

    def queries(people):
        rows = [row(p.full_name, birth="17/05/1980", unit_code="TX-KT") for p in people]
        with CaptureQueriesContext(connection) as captured:
            batch = check(office, rows)
        assert batch.valid_count == len(people)
        return len(captured)

    assert queries(many[:2]) == queries(many)


def _citizen_id(gender, birth, sequence):
    """Valid for the checks: Hà Nội's code, the century-and-gender digit, the year, a sequence."""
    century = (birth.year // 100 - 19) * 2 + (1 if gender == Gender.FEMALE else 0)
    return f"001{century}{birth.year % 100:02d}{sequence:06d}"


def test_confirming_two_thousand_rows_costs_few_queries_and_audits_every_new_person(
    office, django_assert_max_num_queries
):
    """1,700 people on record and 200 new ones, a hundred of them named again further down by
    name and date of birth: one person each, created in bulk, each with its audit entry."""
    import unicodedata

    from django.contrib.contenttypes.models import ContentType

    from thiduakt.services.audit import snapshot
    from thiduakt.services.people import AUDITED_FIELDS

    born = datetime.date(1980, 1, 1)
    on_record = Person.objects.bulk_create(
        Person(full_name=f"Vũ Văn Mạnh {n}", gender=Gender.MALE, birth_date=born, unit=office.ward,
               citizen_id=_citizen_id(Gender.MALE, born, n)).prepare()
        for n in range(1800)
    )  # fmt: skip
    rows = [row(p.full_name, citizen_id=p.citizen_id) for p in on_record[:1700]]
    new = []
    for n in range(200):
        birth = datetime.date(1990, 1, 1) + datetime.timedelta(days=n)
        name = unicodedata.normalize("NFD", f"Đặng Thị Ngọc Ánh {n}")  # decomposed, as some keyboards type it
        new.append((name, birth, _citizen_id(Gender.FEMALE, birth, 500_000 + n)))
        rows.append(row(name, birth=birth.strftime("%d/%m/%Y"), citizen_id=new[-1][2], gender="Nữ", unit_code="TX-NC"))
    rows += [row(name, birth=birth.strftime("%d/%m/%Y"), award="CSTD_CS") for name, birth, _id in new[:100]]
    batch = check(office, rows)
    assert batch.errors == [] and batch.valid_count == 2000

    # SQLite cuts bulk inserts into statements of 999 parameters (60 nominations); PostgreSQL does not.
    with django_assert_max_num_queries(50 if connection.vendor == "postgresql" else 100):
        nomination_import.confirm(batch.pk, user=office.staff, accept_partial=False)

    added = {p.citizen_id: p for p in Person.objects.filter(unit=office.ward2, full_name__startswith="Đặng")}
    assert set(added) == {citizen_id for _name, _birth, citizen_id in new}
    assert office.submission.nominations.count() == 2000
    person_type = ContentType.objects.get_for_model(Person)
    audits = {
        a.object_id: a
        for a in AuditLog.objects.filter(content_type=person_type, action="person.import", object_id__in=[
            str(p.pk) for p in added.values()])
    }  # fmt: skip
    assert len(audits) == 200
    for person in added.values():
        single = Person(
            full_name=unicodedata.normalize("NFD", person.full_name),
            gender=Gender.FEMALE,
            birth_date=person.birth_date,
            citizen_id=person.citizen_id,
            unit=office.ward2,
        ).prepare()  # what the one-person service stores
        assert (person.full_name, person.search_text, person.sort_key) == (
            single.full_name, single.search_text, single.sort_key,
        )  # fmt: skip
        assert unicodedata.is_normalized("NFC", person.full_name)
        audit = audits[str(person.pk)]
        assert (audit.actor, audit.unit_id, audit.object_repr) == (office.staff, office.ward2.pk, person.full_name)
        assert audit.data == {"after": snapshot(person, AUDITED_FIELDS)}
        assert person.nominations.count() == (2 if person.citizen_id in {c for _n, _b, c in new[:100]} else 1)
