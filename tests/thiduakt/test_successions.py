"""Successions after the reorganisation of 1/7/2025 (issue 12): many-to-many, whole / part /
remaining part, and a closed unit that takes on no new work but keeps its history."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from awards.nominations.services import create_submission, submit
from campaigns.services.campaigns import create_campaign
from tests.factories import PersonFactory, UnitFactory, UnitLevelFactory, UserFactory
from thiduakt.enums import Role
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog, Succession, SuccessionRelation
from thiduakt.services.successions import ensure_open, record_succession, remove_succession

LAST_DAY = datetime.date(2025, 6, 30)
WHOLE, PART, REMAINDER = SuccessionRelation.WHOLE, SuccessionRelation.PART, SuccessionRelation.REMAINDER


@pytest.fixture
def reform(db):
    """Hanoi before and after 1/7/2025: two districts and their wards closed on 30/6/2025,
    new wards under the city formed from parts of several of them, across district lines."""
    city = UnitFactory(code="HN", name="Thành phố Hà Nội", level=UnitLevelFactory(name="Thành phố", rank=1))
    district, ward = UnitLevelFactory(name="Quận/Huyện", rank=2), UnitLevelFactory(name="Phường/Xã", rank=3)

    def old(code, name, parent=city, level=district):
        return UnitFactory(code=code, name=name, parent=parent, level=level, valid_to=LAST_DAY)

    def new(code, name, statistical_code):
        return UnitFactory(
            code=code, name=name, parent=city, level=ward, valid_from=LAST_DAY + datetime.timedelta(days=1),
            statistical_code=statistical_code,
        )  # fmt: skip

    q_tx, q_cg = old("TX", "Quận Thanh Xuân"), old("CG", "Quận Cầu Giấy")
    u = SimpleNamespace(
        city=city, q_tx=q_tx, q_cg=q_cg,
        nhan_chinh=old("TX-NC", "Phường Nhân Chính", q_tx, ward),
        thuong_dinh=old("TX-TD", "Phường Thượng Đình", q_tx, ward),
        khuong_mai=old("TX-KM", "Phường Khương Mai", q_tx, ward),
        trung_hoa=old("CG-TH", "Phường Trung Hòa", q_cg, ward),
        thanh_xuan=new("P-TX", "Phường Thanh Xuân", "00367"),
        khuong_dinh=new("P-KD", "Phường Khương Đình", "00364"),
        phuong_liet=new("P-PL", "Phường Phương Liệt", "00352"),
    )  # fmt: skip
    u.users = SimpleNamespace(
        city_secretariat=UserFactory(role=Role.SECRETARIAT, unit=city),
        district_secretariat=UserFactory(role=Role.SECRETARIAT, unit=q_tx),
        old_ward_staff=UserFactory(role=Role.UNIT_STAFF, unit=u.nhan_chinh),
        new_ward_secretariat=UserFactory(role=Role.SECRETARIAT, unit=u.thanh_xuan),
    )
    return u


def successors(unit):
    return {(s.successor.code, s.relation) for s in unit.successions.all()}


def test_a_new_ward_is_formed_from_parts_of_several_old_ones_across_district_lines(reform):
    actor = reform.users.city_secretariat
    record_succession(actor=actor, predecessor=reform.nhan_chinh, successor=reform.thanh_xuan, relation=PART)
    record_succession(actor=actor, predecessor=reform.trung_hoa, successor=reform.thanh_xuan, relation=PART)
    record_succession(actor=actor, predecessor=reform.thuong_dinh, successor=reform.thanh_xuan, relation=PART)
    record_succession(actor=actor, predecessor=reform.thuong_dinh, successor=reform.khuong_dinh, relation=REMAINDER)
    record_succession(actor=actor, predecessor=reform.khuong_mai, successor=reform.phuong_liet, relation=WHOLE)

    formed_from = {s.predecessor.code for s in reform.thanh_xuan.predecessions.all()}
    assert formed_from == {"TX-NC", "CG-TH", "TX-TD"}  # from two old districts
    assert successors(reform.thuong_dinh) == {("P-TX", PART), ("P-KD", REMAINDER)}
    assert [u.name for u in reform.thuong_dinh.successor_units()] == ["Phường Khương Đình", "Phường Thanh Xuân"]
    assert AuditLog.objects.filter(action="unit.succession", unit=reform.thuong_dinh).count() == 2


def test_recording_again_corrects_the_relation_and_removing_is_audited(reform):
    actor = reform.users.city_secretariat
    record_succession(actor=actor, predecessor=reform.khuong_mai, successor=reform.phuong_liet, relation=PART)
    succession = record_succession(
        actor=actor, predecessor=reform.khuong_mai, successor=reform.phuong_liet, relation=WHOLE, note=" toàn bộ "
    )
    assert Succession.objects.count() == 1 and succession.relation == WHOLE and succession.note == "toàn bộ"
    remove_succession(succession, actor=actor)
    assert not Succession.objects.exists()
    assert [e.action for e in AuditLog.objects.order_by("pk")] == [
        "unit.succession", "unit.succession_change", "unit.succession_remove",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("predecessor", "successor", "message"),
    [("khuong_mai", "khuong_mai", "chính nó"), ("thanh_xuan", "phuong_liet", "Hãy nhập ngày"),
     ("khuong_mai", "nhan_chinh", "cũng đã kết thúc")],
)  # fmt: skip
def test_impossible_successions_are_refused(reform, predecessor, successor, message):
    with pytest.raises(DomainError, match=message):
        record_succession(
            actor=reform.users.city_secretariat, predecessor=getattr(reform, predecessor),
            successor=getattr(reform, successor),
        )  # fmt: skip
    assert not Succession.objects.exists()


def test_a_closed_unit_takes_no_new_work_and_the_message_names_its_successors(reform):
    actor = reform.users.city_secretariat
    record_succession(actor=actor, predecessor=reform.nhan_chinh, successor=reform.thanh_xuan, relation=PART)
    record_succession(actor=actor, predecessor=reform.nhan_chinh, successor=reform.khuong_dinh, relation=REMAINDER)

    with pytest.raises(DomainError) as refused:
        create_submission(
            actor=reform.users.old_ward_staff, data={"proposing_unit": reform.nhan_chinh, "year": 2026,
                                                      "method": "regular"},
        )  # fmt: skip
    message = refused.value.message
    assert "Phường Nhân Chính" in message and "30/06/2025" in message
    assert "Phường Khương Đình, Phường Thanh Xuân" in message
    with pytest.raises(DomainError, match="Quận Thanh Xuân"):
        create_campaign(actor=reform.users.district_secretariat, data={"launcher": reform.q_tx, "name": "Thi đua 2026"})
    # On a day before it closed, the same unit was open.
    ensure_open(reform.nhan_chinh, LAST_DAY)
    with pytest.raises(DomainError, match="không nhận thêm công việc mới"):
        ensure_open(reform.q_cg)  # no successor recorded yet


def test_a_list_drafted_before_the_closure_cannot_be_sent_after_it(reform, monkeypatch):
    import importlib

    from django.apps import apps

    from awards.catalogue.models import AwardType
    from awards.nominations.services import add_nomination

    # The seeded catalogue, even after a transactional test on this worker flushed the database.
    importlib.import_module("awards.migrations.0002_seed_catalogue").seed(apps, None)

    data = {"proposing_unit": reform.nhan_chinh, "year": 2025, "method": "regular"}
    monkeypatch.setattr("thiduakt.models.units.timezone.localdate", lambda: LAST_DAY)
    submission = create_submission(actor=reform.users.old_ward_staff, data=data)
    add_nomination(
        submission, actor=reform.users.old_ward_staff, evaluate=False,
        data={"person": PersonFactory(unit=reform.nhan_chinh), "award_type": AwardType.objects.get(code="LDTT"),
              "achievement": "Hoàn thành tốt nhiệm vụ."},
    )  # fmt: skip
    monkeypatch.undo()
    with pytest.raises(DomainError, match="30/06/2025"):
        submit(submission, actor=reform.users.old_ward_staff)


def test_history_labels_a_closed_unit_as_it_was_and_the_person_page_says_what_it_is_now(client, reform):
    record_succession(actor=reform.users.city_secretariat, predecessor=reform.khuong_mai, successor=reform.phuong_liet)
    assert reform.q_tx.label == "Quận Thanh Xuân (đến 30/06/2025)"
    assert reform.phuong_liet.label == "Phường Phương Liệt"
    person = PersonFactory(full_name="Trần Văn Bình", unit=reform.khuong_mai)
    client.force_login(reform.users.city_secretariat)
    page = client.get(reverse("person_detail", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Phường Khương Mai (đến 30/06/2025)" in page and "(nay là Phường Phương Liệt)" in page


def test_the_city_records_successors_on_the_unit_page_and_a_district_may_not(client, reform):
    url = reverse("unit_succession_add", args=[reform.nhan_chinh.pk])
    data = {"successor": reform.thanh_xuan.pk, "relation": PART, "note": "một phần"}

    assert client.post(url, data).status_code == 302  # anonymous: to the login page
    client.force_login(reform.users.old_ward_staff)
    assert client.post(url, data).status_code == 403
    client.force_login(reform.users.district_secretariat)
    assert client.post(url, data).status_code == 403
    assert (
        "Ghi nhận đơn vị kế thừa"
        not in client.get(reverse("unit_detail", args=[reform.nhan_chinh.pk])).content.decode()
    )

    client.force_login(reform.users.new_ward_secretariat)  # the old ward is outside a new ward's subtree
    assert client.get(reverse("unit_detail", args=[reform.nhan_chinh.pk])).status_code == 404

    client.force_login(reform.users.city_secretariat)
    assert client.get(url).status_code == 405
    response = client.post(url, data, follow=True)
    assert successors(reform.nhan_chinh) == {("P-TX", PART)}
    page = response.content.decode()
    assert 'id="successions"' in page and "Phường Thanh Xuân" in page and "một phần" in page
    new_ward_page = client.get(reverse("unit_detail", args=[reform.thanh_xuan.pk])).content.decode()
    assert "Phường Nhân Chính (đến 30/06/2025)" in new_ward_page

    succession = reform.nhan_chinh.successions.get()
    remove = reverse("unit_succession_remove", args=[reform.nhan_chinh.pk, succession.pk])
    client.force_login(reform.users.district_secretariat)
    assert client.post(remove).status_code == 403
    client.force_login(reform.users.city_secretariat)
    client.post(remove)
    assert not reform.nhan_chinh.successions.exists()


def test_a_statistical_code_is_digits_and_unique(reform):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    unit = UnitFactory(parent=reform.city, statistical_code="1A")
    with pytest.raises(ValidationError):
        unit.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        UnitFactory(parent=reform.city, statistical_code="00367")
    UnitFactory(parent=reform.city), UnitFactory(parent=reform.city)  # many without a code
