"""Signing a decision grants the awards and numbers them: consecutive, no gaps, no duplicates."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from awards.catalogue.models import AwardType
from awards.council import services as council_service
from awards.council.models import CouncilSession
from awards.decisions.models import Decision, RegistryCounter
from awards.decisions.services import draft_from_session, sign
from awards.eligibility import evaluate
from awards.enums import NominationStatus
from awards.history.models import Award
from awards.nominations.models import Nomination
from awards.nominations.services import add_nomination, set_nomination_state, submit
from awards.posting.services import publish
from tests.awards.council.test_council import PASSPHRASE, make_council
from tests.awards.world import build_world
from tests.factories import PersonFactory
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog, OutboxMessage, OutgoingMail
from thiduakt.tasks import send_mail


def approved_session(world, council, users, people):
    """A closed session that approved LĐTT for each of `people` (open vote, all agree)."""
    for person in people:
        add_nomination(world.submission, actor=world.users.kt_staff,
                       data={"person": person, "award_type": world.ldtt, "achievement": "Hoàn thành tốt."})  # fmt: skip
    submit(world.submission, actor=world.users.kt_staff)
    nominations = [
        set_nomination_state(n, NominationStatus.VERIFIED, actor=world.users.tx_secretariat, refresh=False)
        for n in Nomination.objects.filter(submission=world.submission, status=NominationStatus.SUBMITTED)
    ]
    session = CouncilSession.objects.create(council=council, held_on=datetime.date(2024, 12, 20))
    council_service.add_to_agenda(session, nominations, actor=world.users.tx_secretariat)
    council_service.record_attendance(session, list(council.members.all()), actor=world.users.tx_secretariat)
    council_service.open_voting(session, actor=world.users.tx_secretariat, passphrase=PASSPHRASE)
    for item in session.items.all():
        for user in users:
            council_service.cast_vote(item, user=user, agree=True)
    return council_service.close_voting(session, actor=users[0], passphrase=PASSPHRASE)


def decision_data(world, number):
    return {
        "issuer": world.tx, "number": number, "date": datetime.date(2024, 12, 25),
        "signer_title": "CHỦ TỊCH", "signer_name": "Nguyễn Văn Chủ",
        "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;",
    }  # fmt: skip


@pytest.fixture
def world(db):
    world = build_world()
    world.ldtt.vote_threshold, world.ldtt.vote_secret = Decimal("0.5"), False
    world.ldtt.save()
    return world


def test_signing_grants_numbered_awards_and_continues_the_series(world):
    council, users = make_council(world, 3)
    session = approved_session(world, council, users, [PersonFactory(unit=world.kt) for _ in range(2)])
    first = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "100/QĐ-UBND"))
    assert first.lines.count() == 3  # the world's own nomination and the two added
    with pytest.raises(DomainError):
        sign(first, actor=users[1])  # not the chair
    sign(first, actor=users[0])
    numbers = sorted(Award.objects.filter(decision_number="100/QĐ-UBND").values_list("registry_number", flat=True))
    assert numbers == [1, 2, 3]
    with pytest.raises(DomainError):
        sign(first, actor=users[0])  # twice
    assert RegistryCounter.objects.get(issuer=world.tx, year=2024).last == 3
    award = Award.objects.get(nomination=world.nomination)
    assert award.person == world.an and award.issuer == "CHỦ TỊCH Nguyễn Văn Chủ"
    # Its own award does not make the nomination a duplicate of itself (Điều 5).
    duplicate = next(r for r in evaluate([world.nomination])[world.nomination.pk].results if "5" in r.label)
    assert duplicate.outcome == "pass"


def test_a_decision_needs_number_date_and_signer(world):
    council, users = make_council(world, 3)
    session = approved_session(world, council, users, [])
    decision = draft_from_session(
        session, actor=world.users.tx_secretariat, data={**decision_data(world, ""), "number": ""}
    )
    with pytest.raises(DomainError):
        sign(decision, actor=users[0])
    assert not Award.objects.filter(nomination=world.nomination).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_decisions_signed_at_once_share_one_gapless_series(catalogue):
    world = build_world()
    world.ldtt.vote_threshold, world.ldtt.vote_secret = Decimal("0.5"), False
    world.ldtt.save()
    council, users = make_council(world, 3)
    session = approved_session(world, council, users, [PersonFactory(unit=world.kt) for _ in range(9)])
    lines = list(session.items.values_list("nomination", flat=True))
    first = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "201/QĐ-UBND"))
    second = Decision.objects.create(**decision_data(world, "202/QĐ-UBND"), session=session)
    first.lines.filter(nomination__in=lines[5:]).update(decision=second)
    barrier, errors = threading.Barrier(2), []

    def signing(decision):
        barrier.wait()
        try:
            sign(Decision.objects.get(pk=decision.pk), actor=users[0])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=signing, args=(d,)) for d in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        Award.objects.filter(year=2024, nomination__isnull=False).values_list("registry_number", flat=True)
    )
    assert numbers == list(range(1, 11))


def test_proposing_units_are_told_by_email(world, mailoutbox, django_capture_on_commit_callbacks):
    council, users = make_council(world, 3)
    world.users.kt_staff.email = "canbo@khuongtrung.example"
    world.users.kt_staff.save()
    session = approved_session(world, council, users, [])
    decision = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "300/QĐ-UBND"))
    with django_capture_on_commit_callbacks() as callbacks:  # the publish to the broker: not run here
        sign(decision, actor=users[0])
    assert len(callbacks) == 1 and mailoutbox == []  # recorded with the signature, sent by the worker
    mail = OutgoingMail.objects.get()
    message = OutboxMessage.objects.get(task="thiduakt.send_mail")
    assert message.args == [mail.pk] and mail.sent_at is None
    assert send_mail(mail.pk) == "sent"  # the worker's task, run here
    mail.refresh_from_db()
    assert mail.sent_at is not None and len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["canbo@khuongtrung.example"] and "300/QĐ-UBND" in message.subject
    assert "Nguyễn Văn An" in message.body and "số sổ vàng 1" in message.body


def test_awards_above_the_councils_authority_are_forwarded_not_decided(world):
    council, users = make_council(world, 3)  # a district council decides up to district awards
    bk = AwardType.objects.get(code="BK_TP")  # a city award
    bk.vote_secret, bk.vote_threshold = False, Decimal("0.5")
    bk.save()
    add_nomination(world.submission, actor=world.users.kt_staff,
                   data={"person": world.an, "award_type": bk, "achievement": "Thành tích xuất sắc."})  # fmt: skip
    session = approved_session(world, council, users, [])
    decision = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "700/QĐ-UBND"))
    assert [line.nomination.award_type.code for line in decision.lines.all()] == ["LDTT"]
    original = Nomination.objects.get(submission=world.submission, award_type=bk)
    carried = original.forwarded_to
    assert carried.submission.proposing_unit == world.tx and carried.submission.status == "draft"
    assert (carried.person, carried.award_type, carried.achievement) == (world.an, bk, "Thành tích xuất sắc.")
    with pytest.raises(DomainError):  # nothing left to decide, and nothing forwarded twice
        draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "701/QĐ-UBND"))
    assert Nomination.objects.filter(forwarded_from__isnull=False).count() == 1


def test_signing_waits_until_the_public_feedback_window_has_ended(world, monkeypatch):
    """The public's opinions can still change the outcome while the window is open: no signature before it ends."""
    council, users = make_council(world, 3)
    session = approved_session(world, council, users, [])
    today = timezone.localdate()
    notice = publish(
        actor=world.users.tx_secretariat, unit=world.tx, title="Công khai danh sách",
        nominations=[Nomination.objects.get(pk=world.nomination.pk)], start_date=today, working_days=5,
    )  # fmt: skip
    decision = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "710/QĐ-UBND"))
    with pytest.raises(DomainError) as refusal:
        sign(decision, actor=users[0])
    assert "Nguyễn Văn An" in refusal.value.message and f"{notice.end_date:%d/%m/%Y}" in refusal.value.message
    assert Decision.objects.get(pk=decision.pk).status == "draft"
    assert not Award.objects.filter(nomination=world.nomination).exists()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: notice.end_date)  # its last day is still open
    with pytest.raises(DomainError):
        sign(decision, actor=users[0])
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: notice.end_date + datetime.timedelta(days=1))
    assert sign(decision, actor=users[0]).status == "signed"


def test_the_printed_signer_is_the_account_that_signs(world):
    council, users = make_council(world, 3)
    session = approved_session(world, council, users, [PersonFactory(unit=world.kt)])
    other = draft_from_session(
        session, actor=world.users.tx_secretariat,
        data={**decision_data(world, "720/QĐ-UBND"), "signer_name": "Lê Văn Khác"},
    )  # fmt: skip
    with pytest.raises(DomainError) as refusal:
        sign(other, actor=users[0])  # the decision names someone else
    assert "Lê Văn Khác" in refusal.value.message and "Nguyễn Văn Chủ" in refusal.value.message
    assert Decision.objects.get(pk=other.pk).status == "draft" and not Award.objects.exists()
    # Left empty, the name is the signing account's; written with other spacing or case, it still matches.
    Decision.objects.filter(pk=other.pk).update(signer_name="")
    signed = sign(Decision.objects.get(pk=other.pk), actor=users[0])
    assert signed.signer_name == "Nguyễn Văn Chủ" and signed.signed_by == users[0]
    assert Award.objects.filter(decision_number="720/QĐ-UBND").first().issuer == "CHỦ TỊCH Nguyễn Văn Chủ"
    entry = AuditLog.objects.get(action="decision.sign", object_id=str(other.pk))
    assert entry.actor == users[0]
    assert entry.data["signer_name"] == "Nguyễn Văn Chủ" and entry.data["account"] == users[0].username


def test_a_signer_name_written_with_other_spacing_or_case_matches(world):
    council, users = make_council(world, 3)
    session = approved_session(world, council, users, [])
    decision = draft_from_session(
        session, actor=world.users.tx_secretariat,
        data={**decision_data(world, "730/QĐ-UBND"), "signer_name": "NGUYỄN  VĂN CHỦ"},
    )  # fmt: skip
    assert sign(decision, actor=users[0]).signer_name == "Nguyễn Văn Chủ"


def test_a_district_decides_up_to_its_closure_day_and_not_after(world):
    """Reorganisation of 1/7/2025: a decision of the district dated after its last day is
    refused (drafted or edited), one dated on that day is signed."""
    from awards.decisions.services import update_decision

    council, users = make_council(world, 3)
    session = approved_session(world, council, users, [])
    world.tx.valid_to = datetime.date(2025, 6, 30)
    world.tx.save()
    late = {**decision_data(world, "900/QĐ-UBND"), "date": datetime.date(2025, 7, 1)}
    with pytest.raises(DomainError, match="30/06/2025"):
        draft_from_session(session, actor=world.users.tx_secretariat, data=late)
    decision = draft_from_session(
        session, actor=world.users.tx_secretariat,
        data={**decision_data(world, "901/QĐ-UBND"), "date": datetime.date(2025, 6, 30)},
    )  # fmt: skip
    with pytest.raises(DomainError, match="30/06/2025"):
        update_decision(decision, actor=world.users.tx_secretariat, data={"date": datetime.date(2025, 7, 2)})
    sign(decision, actor=users[0], today=datetime.date(2025, 6, 30))
    assert Award.objects.get(nomination=world.nomination).decision_date == datetime.date(2025, 6, 30)
