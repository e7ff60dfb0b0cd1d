import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from awards.enums import NominationStatus
from awards.nominations.models import Nomination
from awards.nominations.services import set_nomination_state, submit
from awards.posting.models import Holiday, PublicNotice
from awards.posting.services import add_working_days, publish, send_feedback
from tests.awards.world import build_world
from tests.concurrency import at_once
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (D(2024, 12, 2), 10, D(2024, 12, 13)),  # Monday + 10 working days: Friday of the next week
        (D(2024, 12, 6), 1, D(2024, 12, 6)),  # the first day counts
        (D(2024, 12, 7), 1, D(2024, 12, 9)),  # posted on a Saturday: Monday is the first working day
        (D(2024, 12, 6), 2, D(2024, 12, 9)),  # across a weekend
    ],
)
def test_working_days_skip_weekends(start, days, end):
    assert add_working_days(start, days, holidays=set()) == end


@pytest.mark.django_db
def test_working_days_skip_configured_holidays():
    # Giỗ Tổ Hùng Vương (Thursday 18/4/2024), then 30/4 and 1/5.
    for day, name in ((D(2024, 4, 18), "Giỗ Tổ Hùng Vương"), (D(2024, 4, 30), "Ngày Giải phóng miền Nam"),
                      (D(2024, 5, 1), "Quốc tế Lao động")):  # fmt: skip
        Holiday.objects.create(date=day, name=name)
    assert add_working_days(D(2024, 4, 17), 3) == D(2024, 4, 22)  # Wed, (Thu off), Fri, (weekend), Mon
    assert add_working_days(D(2024, 4, 26), 10) == D(2024, 5, 13)  # 30/4 and 1/5 skipped


def _publish_a_notice():
    world = build_world()
    submit(world.submission, actor=world.users.kt_staff)
    verified = set_nomination_state(
        Nomination.objects.get(pk=world.nomination.pk), NominationStatus.VERIFIED, actor=world.users.tx_secretariat
    )
    return publish(
        actor=world.users.tx_secretariat, unit=world.tx, title="Công khai danh sách", nominations=[verified],
        start_date=D(2024, 12, 2), working_days=10, today=D(2024, 12, 2),
    )  # fmt: skip


@pytest.fixture
def notice(db):
    return _publish_a_notice()


def test_notice_window_and_feedback(notice):
    assert notice.end_date == D(2024, 12, 13)
    nomination = notice.nominations.get()
    send_feedback(notice, address="10.0.0.1", name="Trần Văn Dân", contact="0912 345 678",
                  content="Đề nghị làm rõ thành tích.", nomination=nomination, today=D(2024, 12, 5))  # fmt: skip
    assert nomination.feedback.count() == 1
    with pytest.raises(DomainError):
        send_feedback(notice, address="10.0.0.1", name="A", contact="B", content="C", today=D(2024, 12, 14))


def test_feedback_is_rate_limited_per_sender(notice, settings):
    for _ in range(settings.THIDUAKT_FEEDBACK_PER_HOUR):
        send_feedback(notice, address="10.0.0.2", name="A", contact="B", content="C", today=D(2024, 12, 5))
    with pytest.raises(DomainError):
        send_feedback(notice, address="10.0.0.2", name="A", contact="B", content="C", today=D(2024, 12, 5))
    send_feedback(notice, address="10.0.0.3", name="A", contact="B", content="C", today=D(2024, 12, 5))
    assert notice.feedback.count() == settings.THIDUAKT_FEEDBACK_PER_HOUR + 1
    assert "10.0.0.2" not in str(list(notice.feedback.values_list("sender", flat=True)))


def test_the_public_page_needs_no_login_and_takes_feedback(client, notice, monkeypatch):
    from django.urls import reverse
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2024, 12, 4))
    url = reverse("public:notice", args=[notice.token])
    page = client.get(url).content.decode()
    assert "Nguyễn Văn An" in page and "Công khai danh sách" in page
    response = client.post(url, {"name": "Lê Thị Dân", "contact": "0987 654 321", "content": "Đồng ý với danh sách."})
    assert response.status_code == 302 and notice.feedback.get().name == "Lê Thị Dân"


def _send(notice, address, **kwargs):
    return send_feedback(notice, address=address, name="A", contact="B", content="C", today=D(2024, 12, 5), **kwargs)


# Committed, so that the threads, each on its own connection, see the notice; the serialized
# rollback brings back the seeded catalogue for the tests after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_burst_from_one_sender_stores_exactly_the_limit(catalogue):
    """Twelve opinions at the same instant, each on its own connection: the notice's row lock
    makes them count one after another (on SQLite the write lock does)."""
    notice = _publish_a_notice()
    outcomes = at_once(12, lambda _: _send(notice, "10.0.0.9"))
    assert sorted(type(o).__name__ for o in outcomes) == ["DomainError"] * 7 + ["Feedback"] * 5
    assert notice.feedback.count() == 5


def test_a_notice_takes_a_limited_number_of_opinions_a_day(notice, settings):
    settings.THIDUAKT_FEEDBACK_PER_NOTICE_PER_DAY = 3
    for i in range(3):
        _send(notice, f"10.0.1.{i}")
    with translation.override("vi"), pytest.raises(DomainError) as refused:
        _send(notice, "10.0.1.99")
    assert (
        refused.value.message
        == "Danh sách này đã nhận đủ số ý kiến tối đa trong một ngày; vui lòng gửi ý kiến vào ngày mai."
    )
    assert notice.feedback.count() == 3


def test_behind_the_proxy_each_citizen_has_their_own_limit(client, notice, monkeypatch, settings):
    settings.THIDUAKT_TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2024, 12, 4))
    url = reverse("public:notice", args=[notice.token])
    opinion = {"name": "Lê Thị Dân", "contact": "0987 654 321", "content": "Đồng ý với danh sách."}

    def post(citizen):
        return client.post(url, opinion, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=citizen)

    for _ in range(settings.THIDUAKT_FEEDBACK_PER_HOUR):
        assert post("203.0.113.5").status_code == 302
    assert post("203.0.113.5").status_code == 200  # refused: the same citizen again
    assert post("203.0.113.6").status_code == 302  # another citizen behind the same proxy
    assert notice.feedback.count() == settings.THIDUAKT_FEEDBACK_PER_HOUR + 1


def _verified(world):
    submit(world.submission, actor=world.users.kt_staff)
    return set_nomination_state(
        Nomination.objects.get(pk=world.nomination.pk), NominationStatus.VERIFIED, actor=world.users.tx_secretariat
    )


@pytest.mark.django_db
def test_a_posting_cannot_be_back_dated_so_its_window_is_already_over():
    world = build_world()
    verified = _verified(world)
    with pytest.raises(DomainError) as refusal:
        publish(
            actor=world.users.tx_secretariat, unit=world.tx, title="Công khai", nominations=[verified],
            start_date=D(2024, 11, 1), working_days=10, today=D(2024, 12, 2),
        )  # fmt: skip
    assert refusal.value.field == "start_date" and "02/12/2024" in refusal.value.message
    assert not PublicNotice.objects.exists() and not AuditLog.objects.filter(action="notice.publish").exists()
    # From the day it is published, or later, the window is counted from that day.
    notice = publish(
        actor=world.users.tx_secretariat, unit=world.tx, title="Công khai", nominations=[verified],
        start_date=D(2024, 12, 2), working_days=10, today=D(2024, 12, 2),
    )  # fmt: skip
    assert notice.end_date == D(2024, 12, 13)


@pytest.mark.django_db
def test_the_posting_form_refuses_a_start_date_in_the_past(client, monkeypatch):
    from django.urls import reverse
    from django.utils import timezone

    world = build_world()
    verified = _verified(world)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2024, 12, 2))
    client.force_login(world.users.tx_secretariat)
    response = client.post(
        reverse("posting:notice_create"),
        {"title": "Công khai", "start_date": "29/11/2024", "working_days": "10", "nominations": [verified.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start_date"] == [
        "Danh sách được công khai từ ngày đăng (02/12/2024) trở đi, không từ 29/11/2024: "
        "thời hạn lùi ngày sẽ hết trước khi người dân kịp đọc."
    ]
    assert not PublicNotice.objects.exists()
