import threading

import pytest
from django.db import connection

from awards.catalogue.models import AwardType
from awards.enums import NominationStatus as S
from awards.nominations.models import Nomination
from awards.nominations.services import (
    TRANSITIONS,
    add_nomination,
    attach,
    decide_many,
    set_nomination_state,
    submit,
    update_nomination,
)
from tests.awards.world import build_world
from tests.factories import PersonFactory
from thiduakt.errors import DomainError, EditConflict
from thiduakt.models import AuditLog

ALL_STATES = list(S)


@pytest.fixture
def world(db):
    return build_world()


def _to(nomination, state, actor):
    return set_nomination_state(nomination, state, actor=actor, reason="Bổ sung báo cáo thành tích")


def _walk(world, target):
    """Bring the nomination to `target` through allowed steps."""
    path = {
        S.DRAFT: [], S.SUBMITTED: [S.SUBMITTED], S.RETURNED: [S.SUBMITTED, S.RETURNED],
        S.VERIFIED: [S.SUBMITTED, S.VERIFIED], S.REJECTED: [S.SUBMITTED, S.REJECTED],
    }[target]  # fmt: skip
    nomination = world.nomination
    for state in path:
        actor = world.users.kt_staff if state == S.SUBMITTED else world.users.tx_secretariat
        nomination = _to(nomination, state, actor)
    return nomination


ALLOWED = [(a, b) for a in ALL_STATES for b in sorted(TRANSITIONS[a])]
REFUSED = [(a, b) for a in ALL_STATES for b in ALL_STATES if b not in TRANSITIONS[a]]


@pytest.mark.parametrize(("start", "target"), ALLOWED)
def test_allowed_transitions_are_saved_and_audited(world, start, target):
    nomination = _walk(world, start)
    before = AuditLog.objects.count()
    done = _to(nomination, target, world.users.tx_secretariat)
    assert Nomination.objects.get(pk=nomination.pk).status == target == done.status
    entry = AuditLog.objects.latest("pk")
    assert AuditLog.objects.count() == before + 1 and entry.data["from"] == start and entry.data["to"] == target


@pytest.mark.parametrize(("start", "target"), REFUSED)
def test_refused_transitions_change_nothing(world, start, target):
    nomination = _walk(world, start)
    version, entries = Nomination.objects.get(pk=nomination.pk).version, AuditLog.objects.count()
    with pytest.raises(DomainError):
        _to(nomination, target, world.users.tx_secretariat)
    stored = Nomination.objects.get(pk=nomination.pk)
    assert (stored.status, stored.version, AuditLog.objects.count()) == (start, version, entries)


def test_return_and_reject_need_a_reason(world):
    nomination = _to(world.nomination, S.SUBMITTED, world.users.kt_staff)
    for state in (S.RETURNED, S.REJECTED):
        with pytest.raises(DomainError):
            set_nomination_state(nomination, state, actor=world.users.tx_secretariat, reason="  ")
    assert Nomination.objects.get(pk=nomination.pk).status == S.SUBMITTED


def test_return_fix_and_resubmit(world):
    nomination = _to(world.nomination, S.SUBMITTED, world.users.kt_staff)
    nomination = set_nomination_state(nomination, S.RETURNED, actor=world.users.tx_secretariat, reason="Thiếu biên bản")
    assert nomination.reason == "Thiếu biên bản" and nomination.decided_by == world.users.tx_secretariat
    fixed = update_nomination(nomination, actor=world.users.kt_staff, data={"achievement": "Đã bổ sung biên bản."})
    submit(world.submission, actor=world.users.kt_staff)
    fixed.refresh_from_db()
    assert fixed.status == S.SUBMITTED and fixed.achievement == "Đã bổ sung biên bản."
    verified = set_nomination_state(fixed, S.VERIFIED, actor=world.users.tx_secretariat)
    assert verified.status == S.VERIFIED


def test_submitted_nominations_cannot_be_edited(world):
    submit(world.submission, actor=world.users.kt_staff)
    with pytest.raises(DomainError):
        update_nomination(world.nomination, actor=world.users.kt_staff, data={"achievement": "Sửa sau khi gửi"})


def test_submit_twice_is_refused_and_sends_nothing_more(world):
    submit(world.submission, actor=world.users.kt_staff)
    entries = AuditLog.objects.count()
    with pytest.raises(DomainError):
        submit(world.submission, actor=world.users.kt_staff)
    assert AuditLog.objects.count() == entries


def test_submit_needs_an_achievement_summary(world):
    update_nomination(world.nomination, actor=world.users.kt_staff, data={"achievement": "   "})
    with pytest.raises(DomainError):
        submit(world.submission, actor=world.users.kt_staff)
    assert Nomination.objects.get(pk=world.nomination.pk).status == S.DRAFT


def test_stale_version_is_refused(world):
    nomination = _to(world.nomination, S.SUBMITTED, world.users.kt_staff)
    with pytest.raises(EditConflict):
        set_nomination_state(nomination, S.VERIFIED, actor=world.users.tx_secretariat, expected_version=1)
    assert Nomination.objects.get(pk=nomination.pk).status == S.SUBMITTED


def test_bulk_decision_is_all_or_nothing(world):
    second = add_nomination(
        world.submission, actor=world.users.kt_staff,
        data={"person": PersonFactory(unit=world.kt, full_name="Trần Thị Bình"), "award_type": world.ldtt,
              "achievement": "Hoàn thành tốt."},
    )  # fmt: skip
    submit(world.submission, actor=world.users.kt_staff)
    first = Nomination.objects.get(pk=world.nomination.pk)
    set_nomination_state(first, S.VERIFIED, actor=world.users.tx_secretariat)
    with pytest.raises(DomainError):  # the first is already verified: the whole batch is refused
        decide_many([Nomination.objects.get(pk=second.pk), first], S.VERIFIED, actor=world.users.tx_secretariat)
    assert Nomination.objects.get(pk=second.pk).status == S.SUBMITTED
    decide_many([Nomination.objects.get(pk=second.pk)], S.VERIFIED, actor=world.users.tx_secretariat)
    assert Nomination.objects.get(pk=second.pk).status == S.VERIFIED


def test_nominee_checks(world):
    with pytest.raises(DomainError):  # another district's person
        add_nomination(
            world.submission, actor=world.users.kt_staff,
            data={"person": PersonFactory(unit=world.bu), "award_type": world.ldtt, "achievement": "x"},
        )  # fmt: skip
    with pytest.raises(DomainError):  # an individual title for a collective
        add_nomination(world.submission, actor=world.users.kt_staff, data={"unit": world.kt, "award_type": world.ldtt})
    ttldtt = AwardType.objects.get(code="TTLDTT")
    with pytest.raises(DomainError):  # a collective title for a person
        add_nomination(world.submission, actor=world.users.kt_staff, data={"person": world.an, "award_type": ttldtt})
    assert world.submission.nominations.count() == 1


def test_eligibility_is_stored_on_every_line(world):
    nomination = Nomination.objects.get(pk=world.nomination.pk)
    assert nomination.eligibility["outcome"] == "fail"  # no 2024 rating on record
    assert any("2024" in r["message"] for r in nomination.eligibility["results"])


def test_attachments_are_checked_by_content(world):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    word = SimpleUploadedFile("bao-cao.pdf", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ValidationError):
        attach(world.nomination, actor=world.users.kt_staff, kind="achievement_report", upload=word)
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF")
    attachment = attach(world.nomination, actor=world.users.kt_staff, kind="achievement_report", upload=pdf)
    assert attachment.file_type == "pdf" and not attachment.file.name.startswith("static")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_secretaries_deciding_at_once_one_wins(catalogue):
    world = build_world()
    nomination = set_nomination_state(world.nomination, S.SUBMITTED, actor=world.users.kt_staff)
    outcomes, barrier = [], threading.Barrier(2)

    def decide(state):
        barrier.wait()
        try:
            set_nomination_state(Nomination.objects.get(pk=nomination.pk), state, actor=world.users.tx_secretariat,
                                 reason="Không đủ điều kiện")  # fmt: skip
            outcomes.append(state)
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(s,)) for s in (S.VERIFIED, S.REJECTED)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("refused") == 1
    assert Nomination.objects.get(pk=nomination.pk).status in (S.VERIFIED, S.REJECTED)


def test_editing_a_nomination_on_a_stale_page_is_refused(client, world):
    from django.urls import reverse

    client.force_login(world.users.kt_staff)
    url = reverse("nominations:edit", args=[world.submission.pk, world.nomination.pk])
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page
    update_nomination(world.nomination, actor=world.users.kt_staff, data={"achievement": "Sửa ở tab khác."})
    form = {"person": world.an.pk, "award_type": world.ldtt.pk, "achievement": "Bản cũ", "version": 1}
    response = client.post(url, form)
    assert response.status_code == 200 and "Người khác đã lưu" in response.content.decode()
    assert Nomination.objects.get(pk=world.nomination.pk).achievement == "Sửa ở tab khác."
