"""Council votes: the threshold arithmetic, quorum, written opinions, and secret-ballot privacy."""

import datetime
import unicodedata
from decimal import Decimal

import pytest

from awards.council import ballot_box
from awards.council import services as service
from awards.council.models import AgendaItem, BallotReceipt, Council, CouncilMember, CouncilSession, Vote
from awards.enums import NominationStatus, SessionStatus
from awards.nominations.services import set_nomination_state, submit
from awards.posting.services import publish
from tests.awards.world import build_world
from tests.factories import UserFactory
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog as CoreAuditLog

PASSPHRASE = "Ban kiểm phiếu mở hòm phiếu"


@pytest.fixture
def world(db):
    return build_world()


def make_council(world, size):
    council = Council.objects.create(
        unit=world.tx, name="Hội đồng TĐKT quận Thanh Xuân", term_start=datetime.date(2021, 7, 1)
    )
    users = [UserFactory(role="council_member", unit=world.tx, full_name=f"Thành viên {i}") for i in range(size)]
    users[0].role, users[0].full_name = "council_chair", "Nguyễn Văn Chủ"  # the signer the decisions name
    users[0].save()
    for index, user in enumerate(users):
        CouncilMember.objects.create(council=council, user=user, role="chair" if index == 0 else "member")
    return council, users


def session_with(world, council, *, secret, threshold, denominator, quorum=Decimal("0.5"), written=True):
    award = world.nomination.award_type
    award.vote_secret, award.vote_threshold, award.vote_denominator = secret, threshold, denominator
    award.quorum, award.written_opinions_count = quorum, written
    award.save()
    submit(world.submission, actor=world.users.kt_staff)
    nomination = set_nomination_state(
        type(world.nomination).objects.get(pk=world.nomination.pk), NominationStatus.VERIFIED,
        actor=world.users.tx_secretariat,
    )  # fmt: skip
    session = CouncilSession.objects.create(
        council=council, held_on=datetime.date(2024, 12, 20), place="Phòng họp số 1"
    )
    [item] = service.add_to_agenda(session, [nomination], actor=world.users.tx_secretariat)
    return session, item


def run_vote(world, council, users, session, item, *, present, agree, written_agree=0, written_disagree=0):
    service.record_attendance(
        session, [m for m in council.members.all() if m.user in users[:present]], actor=world.users.tx_secretariat
    )
    service.open_voting(session, actor=world.users.tx_secretariat, passphrase=PASSPHRASE)
    for index, user in enumerate(users[:present]):
        service.cast_vote(item, user=user, agree=index < agree)
    absent = users[present:]
    for index, user in enumerate(absent[: written_agree + written_disagree]):
        service.cast_vote(item, user=user, agree=index < written_agree, written_by=world.users.tx_secretariat)
    service.close_voting(CouncilSession.objects.get(pk=session.pk), actor=users[0], passphrase=PASSPHRASE)
    return AgendaItem.objects.get(pk=item.pk)


@pytest.mark.parametrize(
    ("present", "agree", "passed"),
    [(15, 14, True), (15, 13, False), (14, 14, True), (13, 13, False)],
)  # 90% of all 15 members is 13.5: 14 votes needed, whoever is present
def test_ninety_percent_of_all_members(world, present, agree, passed):
    council, users = make_council(world, 15)
    session, item = session_with(world, council, secret=True, threshold=Decimal("0.9"), denominator="all")
    result = run_vote(world, council, users, session, item, present=present, agree=agree)
    assert (result.agree, result.counted_against, result.passed) == (agree, 15, passed)


def test_share_of_members_present(world):
    council, users = make_council(world, 15)
    session, item = session_with(world, council, secret=False, threshold=Decimal("0.9"), denominator="present")
    result = run_vote(world, council, users, session, item, present=10, agree=9)
    assert (result.agree, result.counted_against, result.passed) == (9, 10, True)  # 9/10 = 90 %


def test_quorum_not_met_fails_whatever_the_votes(world):
    council, users = make_council(world, 15)
    session, item = session_with(
        world, council, secret=False, threshold=Decimal("0.5"), denominator="present", quorum=Decimal("0.667")
    )
    result = run_vote(world, council, users, session, item, present=9, agree=9)  # 9/15 < 2/3
    assert result.quorum_met is False and result.passed is False


def test_written_opinions_count_where_the_rule_says_so(world):
    council, users = make_council(world, 10)
    session, item = session_with(world, council, secret=True, threshold=Decimal("0.9"), denominator="all")
    result = run_vote(world, council, users, session, item, present=7, agree=7, written_agree=2)
    assert (result.agree, result.counted_against, result.passed) == (9, 10, True)


def test_written_opinions_ignored_where_the_rule_says_so(world):
    council, users = make_council(world, 10)
    session, item = session_with(
        world, council, secret=True, threshold=Decimal("0.9"), denominator="all", written=False
    )
    result = run_vote(world, council, users, session, item, present=7, agree=7, written_agree=2)
    assert (result.agree, result.passed) == (7, False)


def open_secret_vote(world, council, members=None):
    session, item = session_with(world, council, secret=True, threshold=Decimal("0.5"), denominator="present")
    service.record_attendance(session, members or list(council.members.all()), actor=world.users.tx_secretariat)
    service.open_voting(session, actor=world.users.tx_secretariat, passphrase=PASSPHRASE)
    return CouncilSession.objects.get(pk=session.pk), item


def test_a_vote_can_change_until_the_close_and_counts_once(world):
    council, users = make_council(world, 3)
    session, item = open_secret_vote(world, council)
    service.cast_vote(item, user=users[1], agree=False)
    service.cast_vote(item, user=users[1], agree=True)
    assert BallotReceipt.objects.filter(item=item).count() == 1
    with pytest.raises(DomainError):  # only the chair closes
        service.close_voting(session, actor=users[1], passphrase=PASSPHRASE)
    service.close_voting(session, actor=users[0], passphrase=PASSPHRASE)
    result = AgendaItem.objects.get(pk=item.pk)
    assert (result.agree, result.disagree, result.written) == (1, 0, 0)
    with pytest.raises(DomainError):
        service.cast_vote(item, user=users[2], agree=True)
    with pytest.raises(DomainError, match="đã ở trạng thái"):  # closing twice is refused
        service.close_voting(session, actor=users[0], passphrase=PASSPHRASE)


def test_outsiders_and_absent_members_cannot_vote_in_the_room(world):
    council, users = make_council(world, 3)
    _session, item = open_secret_vote(world, council, [council.members.get(user=users[0])])
    with pytest.raises(DomainError):
        service.cast_vote(item, user=world.users.tx_secretariat, agree=True)
    with pytest.raises(DomainError):
        service.cast_vote(item, user=users[1], agree=True)  # absent: written opinion only
    with pytest.raises(DomainError):
        service.cast_vote(item, user=users[0], agree=True, written_by=world.users.tx_secretariat)  # present


def test_a_secret_vote_is_only_ever_stored_sealed(world):
    council, users = make_council(world, 5)
    session, item = open_secret_vote(world, council)
    choices = {users[0]: True, users[1]: False, users[2]: True, users[3]: False, users[4]: True}
    for user, agree in choices.items():
        service.cast_vote(item, user=user, agree=agree)
    assert not Vote.objects.exists()
    sealed = [bytes(s) for s in BallotReceipt.objects.filter(item=item).values_list("sealed", flat=True)]
    assert len(sealed) == 5 and {len(s) for s in sealed} == {ballot_box.SEALED_LENGTH}
    assert not any("agree" in field.name for field in BallotReceipt._meta.get_fields())
    service.close_voting(session, actor=users[0], passphrase=PASSPHRASE)

    result = AgendaItem.objects.get(pk=item.pk)
    assert (result.agree, result.disagree, result.counted_against) == (3, 2, 5)
    assert list(BallotReceipt.objects.filter(item=item).values_list("sealed", flat=True)) == [None] * 5
    assert set(BallotReceipt.objects.filter(item=item).values_list("member__user", flat=True)) == {u.pk for u in users}
    assert not Vote.objects.exists()
    for entry in CoreAuditLog.objects.filter(action__startswith="ballot"):
        assert "agree" not in entry.data and "True" not in str(entry.data) and "False" not in str(entry.data)


def test_a_wrong_passphrase_counts_nothing_and_leaves_the_vote_open(world):
    council, users = make_council(world, 3)
    session, item = open_secret_vote(world, council)
    service.cast_vote(item, user=users[1], agree=True)
    with pytest.raises(DomainError, match="Mật khẩu kiểm phiếu không đúng"):
        service.close_voting(session, actor=users[0], passphrase="Ban kiểm phiếu mở hòm phiêu")
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING and session.ballot_key and session.closed_at is None
    assert AgendaItem.objects.get(pk=item.pk).agree is None
    assert BallotReceipt.objects.get(item=item).sealed is not None
    assert not CoreAuditLog.objects.filter(action__in=["session.close", "session.results"]).exists()
    service.cast_vote(item, user=users[2], agree=False)  # still open
    # The same words typed decomposed (another keyboard) open the box.
    service.close_voting(session, actor=users[0], passphrase=unicodedata.normalize("NFD", PASSPHRASE))
    assert (AgendaItem.objects.get(pk=item.pk).agree, AgendaItem.objects.get(pk=item.pk).disagree) == (1, 1)


def test_a_secret_vote_needs_a_long_enough_passphrase_to_open(world):
    council, _users = make_council(world, 3)
    session, _item = session_with(world, council, secret=True, threshold=Decimal("0.5"), denominator="present")
    service.record_attendance(session, list(council.members.all()), actor=world.users.tx_secretariat)
    for short in ("", "mười một ký"):
        with pytest.raises(DomainError, match="ít nhất 12 ký tự"):
            service.open_voting(session, actor=world.users.tx_secretariat, passphrase=short)
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.DRAFT
    service.open_voting(session, actor=world.users.tx_secretariat, passphrase="mười hai ký ")
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.VOTING


def test_a_sealed_ballot_moved_to_another_receipt_is_refused(world):
    council, users = make_council(world, 3)
    session, item = open_secret_vote(world, council)
    service.cast_vote(item, user=users[1], agree=True)
    service.cast_vote(item, user=users[2], agree=False)
    yes = BallotReceipt.objects.get(item=item, member__user=users[1]).sealed
    BallotReceipt.objects.filter(item=item, member__user=users[2]).update(sealed=yes)  # a tampering reader
    with pytest.raises(DomainError, match="hòm phiếu đã bị can thiệp"):
        service.close_voting(session, actor=users[0], passphrase=PASSPHRASE)
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.VOTING


def test_open_votes_name_their_member(world):
    council, users = make_council(world, 3)
    session, item = session_with(world, council, secret=False, threshold=Decimal("0.5"), denominator="present")
    service.record_attendance(session, list(council.members.all()), actor=world.users.tx_secretariat)
    service.open_voting(session, actor=world.users.tx_secretariat)
    service.cast_vote(item, user=users[2], agree=False)
    assert Vote.objects.get(item=item).member.user == users[2]


def test_only_verified_nominations_go_on_the_agenda_and_not_during_posting(world):
    council, _users = make_council(world, 3)
    session = CouncilSession.objects.create(council=council, held_on=datetime.date(2024, 12, 20))
    with pytest.raises(DomainError):
        service.add_to_agenda(session, [world.nomination], actor=world.users.tx_secretariat)  # still a draft
    submit(world.submission, actor=world.users.kt_staff)
    verified = set_nomination_state(
        type(world.nomination).objects.get(pk=world.nomination.pk), NominationStatus.VERIFIED,
        actor=world.users.tx_secretariat,
    )  # fmt: skip
    verified.award_type.public_posting = True
    verified.award_type.save()
    with pytest.raises(DomainError):  # needs a posting, and has none yet
        service.add_to_agenda(session, [verified], actor=world.users.tx_secretariat)
    notice = publish(
        actor=world.users.tx_secretariat, unit=world.tx, title="Công khai danh sách đề nghị khen thưởng năm 2024",
        nominations=[verified], start_date=datetime.date(2024, 12, 2), today=datetime.date(2024, 12, 2),
    )  # fmt: skip
    with pytest.raises(DomainError):  # the feedback window is still open on its last day
        service.add_to_agenda(session, [verified], actor=world.users.tx_secretariat, today=notice.end_date)
    assert not AgendaItem.objects.exists()
    after = notice.end_date + datetime.timedelta(days=1)
    service.add_to_agenda(session, [verified], actor=world.users.tx_secretariat, today=after)
    assert AgendaItem.objects.get().nomination == verified


@pytest.mark.parametrize(("members", "present", "met"), [(3, 2, True), (15, 10, True), (15, 9, False), (3, 1, False)])
def test_a_two_thirds_quorum_is_met_by_two_thirds(members, present, met):
    assert (service._share(present, members) >= Decimal("0.667")) is met
    assert service.quorum_needed(Decimal("0.667"), members) == {3: 2, 15: 10}[members]
