"""Re-addressing a pending submission after 1/7/2025 (issue 12, item 4): a list still pending at
a closed district goes to the successor ward (titles, Giấy khen) or to the city (Bằng khen),
with a reason in the audit log, keeping every nomination, manual check and attachment."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.catalogue.models import AwardType, EligibilityRule
from awards.eligibility.models import ManualCheck
from awards.enums import NominationStatus
from awards.nominations.models import Attachment, Nomination, Submission
from awards.nominations.selectors import inbox_for_user, nominations_for_user, submissions_for_user
from awards.nominations.services import (
    add_nomination,
    attach,
    create_submission,
    readdress,
    readdress_targets,
    set_nomination_state,
    submit,
)
from tests.factories import PersonFactory, UnitFactory, UnitLevelFactory, UserFactory
from thiduakt.enums import Role
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog
from thiduakt.services.successions import record_succession

LAST_DAY = datetime.date(2025, 6, 30)
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF"
REASON = "Quận Thanh Xuân kết thúc hoạt động từ 01/7/2025; hồ sơ chuyển phường kế thừa."


def _submission(unit, staff, people, award):
    """A list entered and sent by `unit` before the reform, while its district still existed."""
    submission = create_submission(actor=staff, data={"proposing_unit": unit, "year": 2024, "method": "regular"})
    for person in people:
        nomination = add_nomination(
            submission, actor=staff, data={"person": person, "award_type": award, "achievement": "Hoàn thành tốt."}
        )
        attach(nomination, actor=staff, kind="achievement_report", upload=SimpleUploadedFile("bao-cao.pdf", PDF))
    submit(submission, actor=staff)
    return submission


@pytest.fixture
def reform(db):
    city = UnitFactory(code="HN", name="Thành phố Hà Nội", level=UnitLevelFactory(name="Thành phố", rank=1))
    district, ward = UnitLevelFactory(name="Quận/Huyện", rank=2), UnitLevelFactory(name="Phường/Xã", rank=3)
    q_tx = UnitFactory(code="TX", name="Quận Thanh Xuân", parent=city, level=district)
    q_th = UnitFactory(code="TH", name="Quận Tây Hồ", parent=city, level=district)
    nhan_chinh = UnitFactory(code="TX-NC", name="Phường Nhân Chính", parent=q_tx, level=ward)
    w = SimpleNamespace(city=city, q_tx=q_tx, q_th=q_th, nhan_chinh=nhan_chinh)
    w.users = SimpleNamespace(
        city_secretariat=UserFactory(role=Role.SECRETARIAT, unit=city),
        district_secretariat=UserFactory(role=Role.SECRETARIAT, unit=q_tx),
        other_district_secretariat=UserFactory(role=Role.SECRETARIAT, unit=q_th),
        old_ward_staff=UserFactory(role=Role.UNIT_STAFF, unit=nhan_chinh),
    )
    w.ldtt = AwardType.objects.get(code="LDTT")
    w.people = [PersonFactory(unit=nhan_chinh, full_name=f"Nguyễn Văn Bình {i}") for i in range(3)]
    w.submission = _submission(nhan_chinh, w.users.old_ward_staff, w.people, w.ldtt)
    w.lines = list(w.submission.nominations.order_by("pk"))
    # The district verified one line and ticked a manual check on another before 30/6/2025.
    set_nomination_state(w.lines[0], NominationStatus.VERIFIED, actor=w.users.district_secretariat)
    rule = EligibilityRule.objects.filter(award_type=w.ldtt).first()
    ManualCheck.objects.create(nomination=w.lines[1], rule=rule, passed=True, checked_by=w.users.district_secretariat)

    # 1/7/2025: the district and its ward close; a new ward under the city takes over.
    for unit in (q_tx, nhan_chinh):
        unit.valid_to = LAST_DAY
        unit.save()
    w.thanh_xuan = UnitFactory(
        code="P-TX", name="Phường Thanh Xuân", parent=city, level=ward, valid_from=LAST_DAY + datetime.timedelta(1)
    )
    w.closed_ward = UnitFactory(code="TX-KM", name="Phường Khương Mai", parent=q_tx, level=ward, valid_to=LAST_DAY)
    w.unrelated = UnitFactory(code="P-BD", name="Phường Bồ Đề", parent=city, level=ward)
    record_succession(actor=w.users.city_secretariat, predecessor=nhan_chinh, successor=w.thanh_xuan)
    w.users.new_ward_secretariat = UserFactory(role=Role.SECRETARIAT, unit=w.thanh_xuan)
    w.users.new_ward_staff = UserFactory(role=Role.UNIT_STAFF, unit=w.thanh_xuan)
    return w


def _counts(submission):
    return (
        Nomination.objects.filter(submission=submission).count(),
        ManualCheck.objects.filter(nomination__submission=submission).count(),
        Attachment.objects.filter(nomination__submission=submission).count(),
        sorted(Nomination.objects.filter(submission=submission).values_list("pk", "status", "version")),
    )


def test_the_successor_ward_and_the_city_are_offered(reform):
    targets = readdress_targets(reform.submission)
    assert [u.code for u in targets] == ["P-TX", "HN"]


def test_a_pending_list_of_a_closed_district_goes_to_the_successor_ward_keeping_everything(reform):
    before = _counts(reform.submission)
    assert before[:3] == (3, 1, 3)
    readdress(reform.submission, actor=reform.users.city_secretariat, to=reform.thanh_xuan, reason=REASON)

    submission = Submission.objects.get(pk=reform.submission.pk)
    assert submission.addressed_to == reform.thanh_xuan
    assert submission.readdress_reason == REASON
    assert submission.proposing_unit == reform.nhan_chinh  # the list stays the old ward's
    assert _counts(submission) == before  # nothing copied, nothing deleted, no line touched
    entry = AuditLog.objects.for_object(submission).get(action="submission.readdress")
    assert entry.data["reason"] == REASON
    assert entry.data["from"]["label"] == "Quận Thanh Xuân"
    assert entry.data["to"] == {"id": reform.thanh_xuan.pk, "label": "Phường Thanh Xuân"}

    secretariat = reform.users.new_ward_secretariat
    assert submissions_for_user(secretariat).filter(pk=submission.pk).exists()
    waiting = set(inbox_for_user(secretariat).values_list("pk", flat=True))
    assert waiting == {reform.lines[1].pk, reform.lines[2].pk}


def test_the_successor_wards_secretariat_sees_it_in_the_inbox_and_verifies(client, reform):
    readdress(reform.submission, actor=reform.users.district_secretariat, to=reform.thanh_xuan, reason=REASON)
    client.force_login(reform.users.new_ward_secretariat)
    inbox = client.get(reverse("nominations:inbox"))
    assert inbox.status_code == 200
    assert "Nguyễn Văn Bình 1" in inbox.content.decode()
    detail = client.get(reverse("nominations:submission_detail", args=[reform.submission.pk])).content.decode()
    assert "Chuyển đến: Phường Thanh Xuân" in detail and REASON in detail
    line = reform.lines[2]
    response = client.post(reverse("nominations:state", args=[line.pk]), {"state": "verified"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == NominationStatus.VERIFIED and line.decided_by == reform.users.new_ward_secretariat
    response = client.post(
        reverse("nominations:submission_decide", args=[reform.submission.pk]),
        {"action": "verify", "nomination": [reform.lines[1].pk]},
    )
    assert response.status_code == 302
    assert Nomination.objects.get(pk=reform.lines[1].pk).status == NominationStatus.VERIFIED


def test_the_old_body_keeps_reading_its_history_but_no_longer_verifies(client, reform):
    readdress(reform.submission, actor=reform.users.city_secretariat, to=reform.thanh_xuan, reason=REASON)
    old = reform.users.district_secretariat
    assert submissions_for_user(old).filter(pk=reform.submission.pk).exists()
    assert nominations_for_user(old).filter(submission=reform.submission).count() == 3
    client.force_login(old)
    detail = client.get(reverse("nominations:submission_detail", args=[reform.submission.pk]))
    assert detail.status_code == 200 and REASON in detail.content.decode()
    response = client.post(reverse("nominations:state", args=[reform.lines[2].pk]), {"state": "verified"})
    assert response.status_code == 403
    assert not inbox_for_user(old).exists()  # what it no longer receives leaves its inbox


def test_the_new_wards_unit_staff_and_other_districts_do_not_see_it(reform):
    readdress(reform.submission, actor=reform.users.city_secretariat, to=reform.thanh_xuan, reason=REASON)
    assert not submissions_for_user(reform.users.new_ward_staff).filter(pk=reform.submission.pk).exists()
    assert not submissions_for_user(reform.users.other_district_secretariat).filter(pk=reform.submission.pk).exists()
    assert not nominations_for_user(reform.users.other_district_secretariat).exists()


def test_bang_khen_goes_to_the_city(reform):
    readdress(reform.submission, actor=reform.users.district_secretariat, to=reform.city, reason="Bằng khen của TP")
    reform.submission.refresh_from_db()
    assert reform.submission.addressed_to == reform.city


@pytest.mark.parametrize(
    ("target", "reason", "message"),
    [
        ("thanh_xuan", "  ", "lý do"),
        ("closed_ward", REASON, "kết thúc"),
        ("unrelated", REASON, "kế thừa"),
        ("q_th", REASON, "kế thừa"),
    ],
)
def test_refused(reform, target, reason, message):
    before = _counts(reform.submission)
    with pytest.raises(DomainError) as error:
        readdress(reform.submission, actor=reform.users.city_secretariat, to=getattr(reform, target), reason=reason)
    assert message in error.value.message
    reform.submission.refresh_from_db()
    assert reform.submission.addressed_to is None
    assert _counts(reform.submission) == before
    assert not AuditLog.objects.filter(action="submission.readdress").exists()


def test_refused_for_a_draft_and_a_fully_decided_list(reform):
    draft = create_submission(
        actor=reform.users.city_secretariat, data={"proposing_unit": reform.thanh_xuan, "year": 2025}
    )
    with pytest.raises(DomainError):
        readdress(draft, actor=reform.users.city_secretariat, to=reform.city, reason=REASON)
    for line in reform.lines[1:]:
        set_nomination_state(line, NominationStatus.REJECTED, actor=reform.users.district_secretariat, reason="x")
    # The verified line still waits for the council: the list is pending until it is decided.
    assert readdress_targets(reform.submission)
    Nomination.objects.filter(pk=reform.lines[0].pk).update(status=NominationStatus.REJECTED)
    with pytest.raises(DomainError, match="còn hồ sơ"):
        readdress(reform.submission, actor=reform.users.city_secretariat, to=reform.thanh_xuan, reason=REASON)


def _post(client, reform, data):
    return client.post(reverse("nominations:submission_readdress", args=[reform.submission.pk]), data)


def test_the_button_readdresses_with_a_reason(client, reform):
    client.force_login(reform.users.city_secretariat)
    detail = client.get(reverse("nominations:submission_detail", args=[reform.submission.pk])).content.decode()
    assert reverse("nominations:submission_readdress", args=[reform.submission.pk]) in detail
    assert "Phường Thanh Xuân" in detail
    response = _post(client, reform, {"to": reform.thanh_xuan.pk, "reason": REASON})
    assert response.status_code == 302
    reform.submission.refresh_from_db()
    assert reform.submission.addressed_to == reform.thanh_xuan


@pytest.mark.parametrize(
    ("data", "message"),
    [({"to": "thanh_xuan", "reason": ""}, "lý do"), ({"to": "unrelated", "reason": REASON}, "Chọn")],
)
def test_the_button_refuses_in_vietnamese(client, reform, data, message):
    client.force_login(reform.users.city_secretariat)
    response = _post(client, reform, {**data, "to": getattr(reform, data["to"]).pk})
    assert response.status_code == 302
    shown = client.get(response.url).content.decode()
    assert message in shown
    reform.submission.refresh_from_db()
    assert reform.submission.addressed_to is None


@pytest.mark.parametrize(
    ("user", "expected"), [("old_ward_staff", 403), ("other_district_secretariat", 404), ("new_ward_staff", 404)]
)
def test_the_button_is_for_the_secretariat_holding_it(client, reform, user, expected):
    client.force_login(getattr(reform.users, user))
    assert _post(client, reform, {"to": reform.thanh_xuan.pk, "reason": REASON}).status_code == expected
    reform.submission.refresh_from_db()
    assert reform.submission.addressed_to is None


def test_the_readdress_url_is_post_only(client, reform):
    client.force_login(reform.users.city_secretariat)
    url = reverse("nominations:submission_readdress", args=[reform.submission.pk])
    assert client.get(url).status_code == 405


def _grow(reform, count):
    for i in range(count):
        people = [PersonFactory(unit=reform.nhan_chinh, full_name=f"Trần Thị Hoa {count}-{i}-{j}") for j in range(2)]
        reform.q_tx.valid_to = reform.nhan_chinh.valid_to = None
        reform.q_tx.save()
        reform.nhan_chinh.save()
        submission = _submission(reform.nhan_chinh, reform.users.old_ward_staff, people, reform.ldtt)
        reform.q_tx.valid_to = reform.nhan_chinh.valid_to = LAST_DAY
        reform.q_tx.save()
        reform.nhan_chinh.save()
        readdress(submission, actor=reform.users.city_secretariat, to=reform.thanh_xuan, reason=REASON)


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["nominations:inbox", "nominations:submission_list"])
def test_the_successor_wards_pages_do_not_grow_with_rows(client, reform, name):
    readdress(reform.submission, actor=reform.users.city_secretariat, to=reform.thanh_xuan, reason=REASON)
    client.force_login(reform.users.new_ward_secretariat)
    url = reverse(name)
    _grow(reform, 1)
    few = _queries(client, url)
    _grow(reform, 4)
    assert inbox_for_user(reform.users.new_ward_secretariat).count() == 2 + 5 * 2
    assert _queries(client, url) == few


def test_refused_while_the_receiving_body_still_exists(reform):
    for unit in (reform.q_tx, reform.nhan_chinh):
        unit.valid_to = None
        unit.save()
    submission = Submission.objects.get(pk=reform.submission.pk)
    assert readdress_targets(submission) == []
    with pytest.raises(DomainError, match="vẫn đang tiếp nhận"):
        readdress(submission, actor=reform.users.city_secretariat, to=reform.city, reason=REASON)
