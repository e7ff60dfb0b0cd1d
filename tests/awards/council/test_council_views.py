"""Council pages: sessions, agenda, attendance, ballots, written opinions, closing, results,
public postings and the dashboard panel — who may open what, how many queries, and that no
page ever shows who voted how on a secret item."""

import datetime
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.catalogue.models import AwardType
from awards.council import services as service
from awards.council.dashboard import council_panel_context
from awards.council.models import BallotReceipt, Council, CouncilMember, CouncilSession, Vote
from awards.enums import NominationStatus, SessionStatus
from awards.nominations.services import add_nomination, create_submission, decide_many, submit
from awards.posting.services import publish, send_feedback
from tests.awards.council.test_council import PASSPHRASE
from tests.awards.world import build_world
from tests.factories import PersonFactory, UnitFactory, UserFactory
from thiduakt import extensions
from thiduakt.enums import Role
from thiduakt.models import AuditLog

D = datetime.date
PANEL = extensions.DashboardPanel("awards/council/dashboard_panel.html", council_panel_context, 25)


# --- The ground ---------------------------------------------------------------------------------


def verified_nominations(world, count, code="LDTT", unit=None):
    """`count` nominations of new people, sent and verified; returns them."""
    unit = unit or world.kt
    award = AwardType.objects.get(code=code)
    submission = create_submission(
        actor=world.users.tx_secretariat, data={"proposing_unit": unit, "year": 2024, "method": "regular"}
    )
    for i in range(count):
        person = PersonFactory(unit=unit, full_name=f"Hoàng Văn Đức {code} {i}")
        add_nomination(
            submission, actor=world.users.tx_secretariat, evaluate=False,
            data={"person": person, "award_type": award, "achievement": "Hoàn thành xuất sắc nhiệm vụ."},
        )  # fmt: skip
    submit(submission, actor=world.users.tx_secretariat)
    nominations = list(submission.nominations.all())
    decide_many(nominations, NominationStatus.VERIFIED, actor=world.users.tx_secretariat)
    return list(submission.nominations.order_by("pk"))


def seat(council, full_name, role="member", unit=None):
    user = UserFactory(
        full_name=full_name, unit=unit or council.unit,
        role=Role.COUNCIL_CHAIR if role == "chair" else Role.COUNCIL_MEMBER,
    )  # fmt: skip
    CouncilMember.objects.create(council=council, user=user, role=role)
    return user


@pytest.fixture
def world(db):
    world = build_world()
    tx_council = Council.objects.create(unit=world.tx, name="Hội đồng TĐKT quận Thanh Xuân", term_start=D(2021, 7, 1))
    th_council = Council.objects.create(unit=world.th, name="Hội đồng TĐKT quận Tây Hồ", term_start=D(2021, 7, 1))
    world.council, world.th_council = tx_council, th_council
    world.chair = seat(tx_council, "Đặng Minh Châu", "chair")
    world.member = seat(tx_council, "Vương Thị Hạnh")
    world.member2 = seat(tx_council, "Tạ Quang Vinh")
    world.th_member = seat(th_council, "Lò Văn Sáng")
    world.th_chair = seat(th_council, "Bế Thị Loan", "chair")
    world.open_n, world.open_n2 = verified_nominations(world, 2, "LDTT")  # open vote
    [world.secret_n] = verified_nominations(world, 1, "CSTD_CS")  # secret ballot
    world.users.tx_member, world.users.tx_chair, world.users.th_member = world.member, world.chair, world.th_member
    return world


def new_session(world, **fields):
    return CouncilSession.objects.create(
        council=world.council, held_on=fields.get("held_on", D(2024, 12, 20)), place="Phòng họp tầng 3"
    )


def voting_session(world, nominations, present=None):
    session = new_session(world)
    items = service.add_to_agenda(session, nominations, actor=world.users.tx_secretariat)
    members = list(world.council.members.all())
    present = members if present is None else [m for m in members if m.user in present]
    service.record_attendance(session, present, actor=world.users.tx_secretariat)
    service.open_voting(session, actor=world.users.tx_secretariat, passphrase=PASSPHRASE)
    session.refresh_from_db()
    return session, items


def closed_session(world, nominations):
    session, items = voting_session(world, nominations)
    for user in (world.chair, world.member, world.member2):
        for item in items:
            service.cast_vote(item, user=user, agree=True)
    return service.close_voting(session, actor=world.chair, passphrase=PASSPHRASE), items


def members_pks(world):
    return world.council.members.values_list("pk", flat=True)


def main(html):
    """The page's content without the navigation bar (which names the user looking at it)."""
    return html.split("<main", 1)[1].split("</main>", 1)[0]


# --- Permissions --------------------------------------------------------------------------------

ROLES = ["anonymous", "kt_staff", "tx_secretariat", "th_secretariat", "tx_member", "tx_chair", "th_member"]

# The session is Thanh Xuân's; th_member sits on Tây Hồ's council, th_secretariat works for Tây Hồ.
GET_TABLE = {
    "council:session_list":    [302, 403, 200, 200, 200, 200, 200],
    "council:session_create":  [302, 403, 200, 200, 403, 403, 403],
    "council:session_detail":  [302, 404, 200, 404, 200, 200, 404],
    "council:session_ballot":  [302, 404, 403, 404, 200, 200, 404],
    "council:session_written": [302, 404, 200, 404, 403, 403, 404],
    "council:session_results": [302, 404, 200, 404, 200, 200, 404],
    "draft_session_detail":    [302, 404, 200, 404, 200, 200, 404],
    "posting:notice_list":             [302, 403, 200, 200, 403, 403, 403],
    "posting:notice_create":           [302, 403, 200, 200, 403, 403, 403],
    "posting:notice_detail":           [302, 403, 200, 404, 403, 403, 403],
}  # fmt: skip

# POST: 302 is "done, back to the page"; the chair alone closes the vote.
POST_TABLE = {
    "council:session_agenda":     [302, 404, 302, 404, 403, 403, 404],
    "council:session_attendance": [302, 404, 302, 404, 403, 403, 404],
    "council:session_open":       [302, 404, 302, 404, 403, 403, 404],
    "council:session_close":      [302, 404, 403, 404, 403, 302, 404],
}  # fmt: skip


@pytest.fixture
def places(world):
    """A session being prepared, one voting and one closed, and a posted notice."""
    draft = new_session(world)
    voting, _items = voting_session(world, [world.open_n])
    closed, _items = closed_session(world, [world.open_n2])
    notice = publish(
        actor=world.users.tx_secretariat, unit=world.tx, title="Công khai danh sách đề nghị khen thưởng năm 2024",
        nominations=[world.secret_n], start_date=D(2024, 12, 2), today=D(2024, 12, 2),
    )  # fmt: skip
    return SimpleNamespace(draft=draft, voting=voting, closed=closed, notice=notice)


def _get_url(key, places):
    return {
        "council:session_list": reverse("council:session_list"),
        "council:session_create": reverse("council:session_create"),
        "council:session_detail": reverse("council:session_detail", args=[places.voting.pk]),
        "council:session_ballot": reverse("council:session_ballot", args=[places.voting.pk]),
        "council:session_written": reverse("council:session_written", args=[places.voting.pk]),
        "council:session_results": reverse("council:session_results", args=[places.closed.pk]),
        "draft_session_detail": reverse("council:session_detail", args=[places.draft.pk]),
        "posting:notice_list": reverse("posting:notice_list"),
        "posting:notice_create": reverse("posting:notice_create"),
        "posting:notice_detail": reverse("posting:notice_detail", args=[places.notice.pk]),
    }[key]


GET_CASES = [(key, role, row[i]) for key, row in GET_TABLE.items() for i, role in enumerate(ROLES)]
POST_CASES = [(key, role, row[i]) for key, row in POST_TABLE.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("key", "role", "expected"), GET_CASES, ids=[f"{k}-{r}" for k, r, _ in GET_CASES])
def test_council_pages_permission_table(client, world, places, key, role, expected):
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    assert client.get(_get_url(key, places)).status_code == expected


@pytest.mark.parametrize(("key", "role", "expected"), POST_CASES, ids=[f"{k}-{r}" for k, r, _ in POST_CASES])
def test_council_actions_permission_table(client, world, places, key, role, expected):
    session = places.voting if key == "council:session_close" else places.draft
    if key == "council:session_open":
        service.add_to_agenda(session, [world.secret_n], actor=world.users.tx_secretariat)
        service.record_attendance(session, list(world.council.members.all()), actor=world.users.tx_secretariat)
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    data = {
        "council:session_open": {"passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE},
        "council:session_agenda": {"nominations": [world.secret_n.pk]},
        "council:session_attendance": {"present": [m.pk for m in world.council.members.all()]},
    }.get(key, {})
    before = CouncilSession.objects.get(pk=session.pk).status
    response = client.post(reverse(key, args=[session.pk]), data)
    assert response.status_code == expected
    refused = expected != 302 or role == "anonymous"
    changes_state = key in ("council:session_open", "council:session_close")
    assert (CouncilSession.objects.get(pk=session.pk).status == before) == (refused or not changes_state)
    if refused and key == "council:session_agenda":
        assert not places.draft.items.exists()
    if refused and key == "council:session_attendance":
        assert not places.draft.attendance.exists()


def test_every_council_url_name_is_covered():
    from awards.council.urls import app_name, urlpatterns
    from awards.posting import urls as posting

    names = {f"{app_name}:{p.name}" for p in urlpatterns}
    names |= {f"{posting.app_name}:{p.name}" for p in posting.urlpatterns}
    assert names - set(GET_TABLE) - set(POST_TABLE) == set()


@pytest.mark.parametrize(
    "name", ["council:session_agenda", "council:session_attendance", "council:session_open", "council:session_close"]
)
def test_state_changes_are_post_only(client, world, places, name):
    client.force_login(world.users.tx_secretariat)
    assert client.get(reverse(name, args=[places.draft.pk])).status_code == 405


def test_council_members_open_the_files_on_the_agenda(client, world, places):
    for user in (world.member, world.chair):
        client.force_login(user)
        assert client.get(reverse("nominations:detail", args=[world.open_n.pk])).status_code == 200
    client.force_login(world.th_member)
    assert client.get(reverse("nominations:detail", args=[world.open_n.pk])).status_code == 404


# --- The secretariat prepares a session -------------------------------------------------------


def test_secretariat_creates_a_session_among_its_councils(client, world):
    client.force_login(world.users.tx_secretariat)
    page = client.get(reverse("council:session_create"))
    assert list(page.context["form"].fields["council"].queryset) == [world.council]
    response = client.post(
        reverse("council:session_create"),
        {"council": world.th_council.pk, "held_on": "20/12/2024", "place": "Phòng họp"},
    )
    assert response.status_code == 200 and not CouncilSession.objects.exists()  # another district's council
    response = client.post(
        reverse("council:session_create"),
        {
            "council": world.council.pk,
            "held_on": "20/12/2024",
            "place": "  Phòng họp   tầng 3 ".replace("ò", "o\u0300"),
        },
    )
    session = CouncilSession.objects.get()
    assert response.url == reverse("council:session_detail", args=[session.pk])
    assert (session.held_on, session.place, session.status) == (D(2024, 12, 20), "Phòng họp tầng 3", "draft")
    assert AuditLog.objects.filter(action="session.create", object_id=str(session.pk)).exists()


def test_agenda_candidates_attendance_and_opening(client, world):
    session = new_session(world)
    client.force_login(world.users.tx_secretariat)
    url = reverse("council:session_detail", args=[session.pk])
    candidates = client.get(url).context["candidates"]
    assert {n.pk for n in candidates} == {world.open_n.pk, world.open_n2.pk, world.secret_n.pk}
    secret_type = world.secret_n.award_type_id
    filtered = client.get(url, {"award_type": secret_type}).context["candidates"]
    assert [n.pk for n in filtered] == [world.secret_n.pk]

    response = client.post(reverse("council:session_open", args=[session.pk]))
    assert response.status_code == 302 and CouncilSession.objects.get(pk=session.pk).status == "draft"

    agenda = {"nominations": [world.open_n.pk, world.secret_n.pk]}
    client.post(reverse("council:session_agenda", args=[session.pk]), agenda)
    assert set(session.items.values_list("nomination", flat=True)) == {world.open_n.pk, world.secret_n.pk}
    page = client.get(url)
    assert [n.pk for n in page.context["candidates"]] == [world.open_n2.pk]  # on the agenda: no longer offered
    assert [i.nomination.award_type.code for i in page.context["items"]] == ["LDTT", "CSTD_CS"]  # by award type

    # Another session cannot take what this one is about to decide.
    other = new_session(world)
    client.post(reverse("council:session_agenda", args=[other.pk]), {"nominations": [world.open_n.pk]})
    assert not other.items.exists()

    members = {m.user_id: m for m in world.council.members.all()}
    present = [members[world.chair.pk].pk, members[world.member.pk].pk]
    client.post(reverse("council:session_attendance", args=[session.pk]), {"present": present})
    assert set(session.attendance.filter(present=True).values_list("member", flat=True)) == set(present)
    assert session.attendance.filter(present=False).count() == 1
    page = client.get(url)  # as the vote counts it: 2 of 3 present is two thirds, the stored 0.667
    assert (page.context["present_count"], page.context["quorum_needed"], page.context["quorum_met"]) == (2, 2, True)
    client.post(reverse("council:session_attendance", args=[session.pk]), {"present": list(members_pks(world))})
    page = client.get(url)
    assert page.context["quorum_met"] and page.context["secret_items"]
    assert 'id="open-voting"' in page.content.decode() and "không được lưu ở bất cứ đâu" in page.content.decode()

    # A secret item on the agenda: the vote opens only with a vote-counting passphrase, typed twice.
    opening = reverse("council:session_open", args=[session.pk])
    for data, message in (
        ({}, "ít nhất 12 ký tự"),
        ({"passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE + "!"}, "không khớp"),
    ):
        response = client.post(opening, data, follow=True)
        assert message in response.content.decode()
        assert CouncilSession.objects.get(pk=session.pk).status == "draft"
    client.post(opening, {"passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE})
    opened = CouncilSession.objects.get(pk=session.pk)
    assert opened.status == SessionStatus.VOTING and len(bytes(opened.ballot_key)) == 32
    assert PASSPHRASE not in opened.ballot_kdf
    assert not AuditLog.objects.filter(data__icontains=PASSPHRASE).exists()
    assert "candidates" not in client.get(url).context


def test_a_nomination_still_posted_cannot_be_ticked_nor_added(client, world):
    world.secret_n.award_type.public_posting = True
    world.secret_n.award_type.save()
    session = new_session(world)
    client.force_login(world.users.tx_secretariat)
    url = reverse("council:session_detail", args=[session.pk])
    [candidate] = [n for n in client.get(url).context["candidates"] if n.pk == world.secret_n.pk]
    assert candidate.still_posted and candidate.posting == "not_posted"
    response = client.post(reverse("council:session_agenda", args=[session.pk]), {"nominations": [world.secret_n.pk]})
    assert response.status_code == 302 and not session.items.exists()
    publish(
        actor=world.users.tx_secretariat, unit=world.tx, title="Công khai", nominations=[world.secret_n],
        start_date=D(2024, 1, 2), today=D(2024, 1, 2),
    )  # fmt: skip
    [candidate] = [n for n in client.get(url).context["candidates"] if n.pk == world.secret_n.pk]
    assert not candidate.still_posted and candidate.posting == "ended"
    client.post(reverse("council:session_agenda", args=[session.pk]), {"nominations": [world.secret_n.pk]})
    assert session.items.get().nomination == world.secret_n


# --- Ballots ------------------------------------------------------------------------------------


def _ballot_data(items, choices):
    return {f"vote_{item.pk}": choice for item, choice in zip(items, choices, strict=True) if choice}


def test_member_votes_every_item_in_one_post_and_changes_it(client, world):
    session, items = voting_session(world, [world.open_n, world.secret_n])
    open_item, secret_item = sorted(items, key=lambda i: i.secret)
    url = reverse("council:session_ballot", args=[session.pk])
    client.force_login(world.member)
    page = client.get(url)
    assert page.status_code == 200 and page.context["unvoted"] == 2

    assert client.post(url, {}).status_code == 200  # nothing chosen: refused with a message
    assert not Vote.objects.exists()

    response = client.post(url, _ballot_data([open_item, secret_item], ["disagree", "agree"]))
    assert response.status_code == 302
    assert BallotReceipt.objects.filter(member__user=world.member).count() == 2
    assert Vote.objects.get(item=open_item).agree is False and not Vote.objects.filter(item=secret_item).exists()
    first = bytes(BallotReceipt.objects.get(item=secret_item).sealed)

    page = client.get(url)
    html = page.content.decode()
    assert page.context["unvoted"] == 0
    assert page.context["form"].initial == {f"vote_{open_item.pk}": "disagree"}  # the open vote, shown back
    secret_card = html.split(f'id="item-{secret_item.pk}"', 1)[1].split('id="item-', 1)[0]
    assert "checked" not in secret_card  # a secret vote is never read back…
    assert "Bạn đã bỏ phiếu" in secret_card  # …only that it was cast
    open_card = html.split(f'id="item-{open_item.pk}"', 1)[1].split('id="item-', 1)[0]
    assert re.search(r'value="disagree"[^>]*checked', open_card)

    # Voting again replaces the secret vote; an item left blank keeps the vote it had.
    client.post(url, _ballot_data([open_item, secret_item], [None, "disagree"]))
    assert bytes(BallotReceipt.objects.get(item=secret_item).sealed) != first
    assert Vote.objects.get(item=open_item).agree is False
    service.close_voting(session, actor=world.chair, passphrase=PASSPHRASE)
    secret_item.refresh_from_db()
    assert (secret_item.agree, secret_item.disagree) == (0, 1)  # the changed vote, counted once


def test_a_superuser_without_a_seat_has_no_ballot_and_reads_no_vote(client, world):
    session, [item] = voting_session(world, [world.secret_n])
    service.cast_vote(item, user=world.member, agree=False)
    admin = UserFactory(is_superuser=True, role=Role.ADMIN, unit=None)
    client.force_login(admin)
    assert client.get(reverse("council:session_detail", args=[session.pk])).status_code == 200  # global scope
    assert client.get(reverse("council:session_ballot", args=[session.pk])).status_code == 403
    assert (
        client.post(reverse("council:session_ballot", args=[session.pk]), {f"vote_{item.pk}": "agree"}).status_code
        == 403
    )
    assert BallotReceipt.objects.filter(item=item).count() == 1 and not Vote.objects.exists()


def test_absent_members_and_closed_sessions_have_no_ballot(client, world):
    session, items = voting_session(world, [world.open_n], present=[world.chair, world.member])
    url = reverse("council:session_ballot", args=[session.pk])
    client.force_login(world.member2)  # recorded absent
    page = client.get(url)
    assert page.status_code == 200 and not page.context["present"]
    client.post(url, _ballot_data(items, ["agree"]))
    assert not Vote.objects.exists()

    draft = new_session(world)
    assert not client.get(reverse("council:session_ballot", args=[draft.pk])).context["voting"]

    service.close_voting(session, actor=world.chair)
    client.force_login(world.member)
    response = client.get(url)
    assert response.status_code == 302 and response.url == reverse("council:session_results", args=[session.pk])


def test_secretariat_enters_written_opinions_of_absent_members(client, world):
    session, items = voting_session(world, [world.open_n, world.secret_n], present=[world.chair, world.member])
    url = reverse("council:session_written", args=[session.pk])
    client.force_login(world.users.tx_secretariat)
    page = client.get(url)
    absent = world.council.members.get(user=world.member2)
    assert [m.pk for m in page.context["absent_members"]] == [absent.pk]
    present = world.council.members.get(user=world.member)
    response = client.post(url, {"member": present.pk, **_ballot_data(items, ["agree", "agree"])})
    assert response.status_code == 200 and not Vote.objects.exists()  # only absent members write
    client.post(url, {"member": absent.pk, **_ballot_data(items, ["agree", "disagree"])})
    assert BallotReceipt.objects.filter(member=absent, written=True).count() == 2
    assert list(Vote.objects.filter(written=True).values_list("item", flat=True)) == [items[0].pk]  # the open one
    entry = AuditLog.objects.filter(action="ballot.written").latest("pk")
    assert entry.actor == world.users.tx_secretariat
    assert client.get(url).context["absent_members"][0].received == 2


def test_chair_closes_and_everyone_concerned_sees_the_tallies(client, world):
    session, items = voting_session(world, [world.open_n, world.secret_n])
    open_item, secret_item = sorted(items, key=lambda i: i.secret)
    votes = {world.chair: ["agree", "agree"], world.member: ["agree", "disagree"], world.member2: ["disagree", "agree"]}
    for user, choices in votes.items():
        client.force_login(user)
        ballot = reverse("council:session_ballot", args=[session.pk])
        client.post(ballot, _ballot_data([open_item, secret_item], choices))
    client.force_login(world.member)
    assert client.post(reverse("council:session_close", args=[session.pk])).status_code == 403
    client.force_login(world.chair)
    closing = reverse("council:session_close", args=[session.pk])
    assert 'id="close-voting"' in client.get(reverse("council:session_detail", args=[session.pk])).content.decode()
    page = client.post(closing, {"passphrase": "not the passphrase"}, follow=True)
    assert "Mật khẩu kiểm phiếu không đúng" in page.content.decode()
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.VOTING
    response = client.post(closing, {"passphrase": PASSPHRASE})
    assert response.url == reverse("council:session_results", args=[session.pk])
    for user in (world.chair, world.member, world.users.tx_secretariat):
        client.force_login(user)
        page = client.get(response.url)
        results = {i.pk: (i.agree, i.counted_against, i.quorum_met, i.passed) for i in page.context["items"]}
        assert results == {open_item.pk: (2, 3, True, True), secret_item.pk: (2, 3, True, True)}
    html = main(page.content.decode())
    assert "66,7%" in html and html.count("Được thông qua") == 2


def test_results_before_closing_send_back_to_the_session(client, world):
    session, _items = voting_session(world, [world.open_n])
    client.force_login(world.member)
    response = client.get(reverse("council:session_results", args=[session.pk]))
    assert response.status_code == 302 and response.url == reverse("council:session_detail", args=[session.pk])


# --- Secret-ballot privacy ----------------------------------------------------------------------


class _Blocks(HTMLParser):
    """The text of every row and list item of a page."""

    BLOCKS = {"tr", "li", "option", "label"}

    def __init__(self):
        super().__init__()
        self.stack, self.blocks = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.stack.append([])

    def handle_endtag(self, tag):
        if tag in self.BLOCKS and self.stack:
            text = " ".join(self.stack.pop())
            self.blocks.append(text)
            if self.stack:
                self.stack[-1].append(text)

    def handle_data(self, data):
        if self.stack:
            self.stack[-1].append(data.strip())


CHOICE_WORDS = ("Đồng ý", "Không đồng ý", "đồng ý", "agree")


def test_no_page_ties_a_member_to_a_secret_vote(client, world):
    members = [world.chair, world.member, world.member2]
    names = [u.full_name for u in members]
    session, [item] = voting_session(world, [world.secret_n], present=[world.chair, world.member])
    client.force_login(world.users.tx_secretariat)
    absent = world.council.members.get(user=world.member2)
    written = {"member": absent.pk, f"vote_{item.pk}": "disagree"}
    client.post(reverse("council:session_written", args=[session.pk]), written)
    for user, choice in ((world.chair, "agree"), (world.member, "disagree")):
        client.force_login(user)
        client.post(reverse("council:session_ballot", args=[session.pk]), {f"vote_{item.pk}": choice})
    assert BallotReceipt.objects.filter(item=item).count() == 3

    pages = []

    def render(user, name, *args, **params):
        client.force_login(user)
        response = client.get(reverse(name, args=args), params, follow=True)
        assert response.status_code == 200, (name, user)
        pages.append((name, user, main(response.content.decode())))
        return pages[-1][2]

    # While the vote is open: the ballots, the session, the written opinions, the dashboard.
    for user in members[:2]:
        ballot = render(user, "council:session_ballot", session.pk)
        assert "checked" not in ballot.split('id="ballot"', 1)[1]
    for user in (*members, world.users.tx_secretariat):
        render(user, "council:session_detail", session.pk)
        render(user, "dashboard")
    render(world.users.tx_secretariat, "council:session_written", session.pk)

    client.force_login(world.chair)
    client.post(reverse("council:session_close", args=[session.pk]), {"passphrase": PASSPHRASE})
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.CLOSED
    for user in (*members, world.users.tx_secretariat):
        results = render(user, "council:session_results", session.pk)
        assert not any(name in results for name in names), "the results name no member"
        render(user, "council:session_detail", session.pk)
        render(user, "council:session_list")
        render(user, "dashboard")
    render(world.member, "council:session_ballot", session.pk)  # now the results
    for name, user, html in pages:
        parser = _Blocks()
        parser.feed(html)
        for block in parser.blocks:
            if any(member in block for member in names):
                assert not any(word in block for word in CHOICE_WORDS), (name, user, block)
    # And the stored rows: no vote row for a secret item, no sealed ballot once closed.
    assert not Vote.objects.filter(item=item).exists()
    assert list(BallotReceipt.objects.filter(item=item).values_list("sealed", flat=True)) == [None] * 3


# --- Query counts -------------------------------------------------------------------------------


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_session_detail_does_not_grow_with_the_agenda(client, world):
    session = new_session(world)
    client.force_login(world.users.tx_secretariat)
    url = reverse("council:session_detail", args=[session.pk])
    service.add_to_agenda(session, verified_nominations(world, 2), actor=world.users.tx_secretariat)
    verified_nominations(world, 2, "CSTD_CS")  # candidates
    few = count(client, url)
    service.add_to_agenda(session, verified_nominations(world, 5, "CSTD_CS"), actor=world.users.tx_secretariat)
    verified_nominations(world, 5)
    assert count(client, url) == few


def test_ballot_and_results_do_not_grow_with_the_agenda(client, world):
    few_session, few_items = voting_session(world, verified_nominations(world, 2))
    many = verified_nominations(world, 4) + verified_nominations(world, 4, "CSTD_CS")
    many_session, many_items = voting_session(world, many)
    client.force_login(world.member)
    for session, items in ((few_session, few_items), (many_session, many_items)):
        client.post(reverse("council:session_ballot", args=[session.pk]), {f"vote_{i.pk}": "agree" for i in items})
    ballot = [count(client, reverse("council:session_ballot", args=[s.pk])) for s in (few_session, many_session)]
    assert ballot[0] == ballot[1]
    client.force_login(world.users.tx_secretariat)
    written = [count(client, reverse("council:session_written", args=[s.pk])) for s in (few_session, many_session)]
    assert written[0] == written[1]
    for session in (few_session, many_session):
        service.close_voting(session, actor=world.chair, passphrase=PASSPHRASE)
    results = [count(client, reverse("council:session_results", args=[s.pk])) for s in (few_session, many_session)]
    assert results[0] == results[1]


def post(world, title, nominations):
    return publish(
        actor=world.users.tx_secretariat,
        unit=world.tx,
        title=title,
        nominations=nominations,
        start_date=D(2024, 12, 2),
        today=D(2024, 12, 2),
    )


def test_lists_do_not_grow_with_rows(client, world):
    client.force_login(world.users.tx_secretariat)
    new_session(world)
    post(world, "Danh sách 1", [world.open_n])
    urls = [reverse("council:session_list"), reverse("posting:notice_list"), reverse("posting:notice_create")]
    few = [count(client, url) for url in urls]
    for i in range(4):
        session = new_session(world)
        service.add_to_agenda(session, verified_nominations(world, 1), actor=world.users.tx_secretariat)
        post(world, f"Danh sách {i}", verified_nominations(world, 2))
    assert [count(client, url) for url in urls] == few


# --- Public posting -----------------------------------------------------------------------------


def test_secretariat_posts_a_list_and_reads_the_feedback(client, world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2024, 12, 2))
    client.force_login(world.users.tx_secretariat)
    page = client.get(reverse("posting:notice_create"))
    assert {n.pk for n in page.context["candidates"]} == {world.open_n.pk, world.open_n2.pk, world.secret_n.pk}
    response = client.post(reverse("posting:notice_create"), {"title": "Công khai", "start_date": "02/12/2024"})
    assert response.status_code == 200  # nothing chosen
    response = client.post(
        reverse("posting:notice_create"),
        {"title": "Công khai danh sách đề nghị tặng danh hiệu năm 2024", "start_date": "02/12/2024",
         "working_days": "10", "nominations": [world.open_n.pk, world.secret_n.pk]},
    )  # fmt: skip
    notice = world.open_n.notices.get()
    assert response.url == reverse("posting:notice_detail", args=[notice.pk])
    assert notice.end_date == D(2024, 12, 13) and set(notice.nominations.all()) == {world.open_n, world.secret_n}
    opinion = {"today": D(2024, 12, 3), "contact": "0912345678"}
    send_feedback(notice, address="10.0.0.1", name="Nguyễn Văn Dân", content="Đồng chí rất gương mẫu.",
                  nomination=world.open_n, **opinion)  # fmt: skip
    send_feedback(notice, address="10.0.0.2", name="Trần Thị Góp", content="Ý kiến chung về danh sách.", **opinion)
    page = client.get(response.url)
    html = page.content.decode()
    assert f"/public/{notice.token}/" in page.context["public_url"] and page.context["public_url"] in html
    rows = {n.pk: [f.content for f in n.notice_feedback] for n in page.context["nominations"]}
    assert rows == {world.open_n.pk: ["Đồng chí rất gương mẫu."], world.secret_n.pk: []}
    assert [f.name for f in page.context["general_feedback"]] == ["Trần Thị Góp"]
    listing = client.get(reverse("posting:notice_list")).context["notices"]
    assert [(n.nomination_count, n.feedback_count) for n in listing] == [(2, 2)]
    # The council sees how many opinions each file received.
    session = new_session(world)
    service.add_to_agenda(session, [world.open_n], actor=world.users.tx_secretariat, today=D(2024, 12, 16))
    [item] = client.get(reverse("council:session_detail", args=[session.pk])).context["items"]
    assert item.feedback_count == 1


def test_another_district_cannot_post_this_districts_files(client, world):
    client.force_login(world.users.th_secretariat)
    assert client.get(reverse("posting:notice_create")).context["candidates"].paginator.count == 0
    client.post(
        reverse("posting:notice_create"), {"title": "X", "start_date": "02/12/2024", "nominations": [world.open_n.pk]}
    )
    assert not world.open_n.notices.exists()


# --- Dashboard ----------------------------------------------------------------------------------


@pytest.fixture
def panel():
    """The panel as AwardsConfig.ready() registers it (left as it was found)."""
    registered = any(p.context is council_panel_context for p in extensions.dashboard_panels)
    if not registered:
        extensions.add_dashboard_panel(PANEL)
    yield PANEL
    if not registered:
        extensions.dashboard_panels.remove(PANEL)


def test_dashboard_shows_ballots_to_cast_and_votes_to_close(client, world, panel):
    session, items = voting_session(world, [world.open_n, world.secret_n], present=[world.chair, world.member])
    member_context = council_panel_context(world.member)
    assert [(s.pk, s.unvoted) for s in member_context["to_vote"]] == [(session.pk, 2)]
    assert not member_context.get("to_close")
    assert council_panel_context(world.member2) is None  # absent: nothing to vote on screen
    client.force_login(world.member)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("council:session_ballot", args=[session.pk]) in html
    client.post(reverse("council:session_ballot", args=[session.pk]), {f"vote_{i.pk}": "agree" for i in items})
    assert council_panel_context(world.member) is None
    chair_context = council_panel_context(world.chair)
    assert [(s.pk, s.voters, s.present_count) for s in chair_context["to_close"]] == [(session.pk, 1, 2)]
    assert council_panel_context(world.th_member) is None
    assert [s.pk for s in council_panel_context(world.users.tx_secretariat)["preparing"]] == [session.pk]
    assert council_panel_context(world.users.th_secretariat) is None
    client.force_login(world.chair)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("council:session_detail", args=[session.pk]) in html


def test_dashboard_panel_queries_do_not_grow(client, world, panel):
    client.force_login(world.member)
    voting_session(world, [world.open_n])
    few = count(client, reverse("dashboard"))
    voting_session(world, [world.open_n2])
    voting_session(world, [world.secret_n])
    assert len(council_panel_context(world.member)["to_vote"]) == 3
    assert count(client, reverse("dashboard")) == few


# --- Long lists come a page at a time -----------------------------------------------------------


@pytest.fixture
def short_pages(monkeypatch):
    from awards.council import views
    from awards.posting import views as posting

    monkeypatch.setattr(views, "CANDIDATE_PAGE", 2)
    monkeypatch.setattr(views, "AGENDA_PAGE", 2)
    monkeypatch.setattr(posting, "CANDIDATE_PAGE", 2)


def ticks(response, name="nominations"):
    return [int(pk) for pk in re.findall(rf'name="{name}" value="(\d+)"', main(response.content.decode()))]


def test_agenda_candidates_and_the_agenda_are_paged_and_searchable(client, world, short_pages):
    session = new_session(world)
    verified_nominations(world, 3)  # six candidates with the world's three
    client.force_login(world.users.tx_secretariat)
    url = reverse("council:session_detail", args=[session.pk])
    first, last = client.get(url), client.get(url, {"candidates_page": 3})
    assert first.context["candidates"].paginator.count == 6
    assert len(ticks(first)) == 2 and len(ticks(last)) == 2 and not set(ticks(first)) & set(ticks(last))
    assert ticks(client.get(url, {"q": "ĐỨC cstd"})) == [world.secret_n.pk]  # accents and case ignored

    service.add_to_agenda(session, verified_nominations(world, 3, "CSTD_CS"), actor=world.users.tx_secretariat)
    page = client.get(url)
    assert len(page.context["items"]) == 2 and page.context["items"].paginator.count == 3
    assert page.context["quorum_needed"] is None or page.context["quorum_needed"] > 0
    members = list(members_pks(world))
    client.post(reverse("council:session_attendance", args=[session.pk]), {"present": members})
    assert client.get(url, {"page": 2}).context["quorum_needed"] == 2  # from every item, not the page's


def test_the_ballot_is_sent_a_page_at_a_time(client, world, short_pages):
    session, items = voting_session(world, verified_nominations(world, 3))
    client.force_login(world.member)
    url = reverse("council:session_ballot", args=[session.pk])
    first = client.get(url)
    assert len(first.context["items"]) == 2 and first.context["unvoted"] == 3
    response = client.post(f"{url}?page=2", {f"vote_{items[2].pk}": "agree"})
    assert response.status_code == 302 and response.url == f"{url}?page=2"
    assert client.get(url).context["unvoted"] == 2
    client.force_login(world.users.tx_secretariat)
    written = client.get(reverse("council:session_written", args=[session.pk]), {"page": 2})
    assert len(written.context["items"]) == 1


def test_posting_candidates_are_paged_and_searchable(client, world, short_pages):
    verified_nominations(world, 3)
    client.force_login(world.users.tx_secretariat)
    url = reverse("posting:notice_create")
    first = client.get(url)
    assert first.context["candidates"].paginator.count == 6 and len(ticks(first)) == 2
    assert ticks(client.get(url, {"q": "duc CSTD"})) == [world.secret_n.pk]


# --- A list re-addressed after the reorganisation (issue 12) ------------------------------------


def test_the_agenda_offers_a_readdressed_list_to_the_council_that_received_it(client, world):
    from awards.nominations.services import readdress
    from thiduakt.services.successions import record_succession

    for unit in (world.tx, world.kt):
        unit.valid_to = D(2025, 6, 30)
        unit.save()
    ward = UnitFactory(code="P-KT", name="Phường Khương Trung mới", parent=world.city, level=world.kt.level)
    record_succession(actor=world.users.tx_secretariat, predecessor=world.kt, successor=ward)
    secretariat = UserFactory(role=Role.SECRETARIAT, unit=ward)
    ward_council = Council.objects.create(unit=ward, name="Hội đồng TĐKT phường", term_start=D(2025, 7, 1))
    ward_session = CouncilSession.objects.create(council=ward_council, held_on=D(2025, 12, 20), place="Phòng họp")
    old_session = new_session(world)
    city_secretariat = UserFactory(role=Role.SECRETARIAT, unit=world.city)
    readdress(world.open_n.submission, actor=city_secretariat, to=ward, reason="Quận kết thúc hoạt động")

    client.force_login(secretariat)
    url = reverse("council:session_detail", args=[ward_session.pk])
    assert {n.pk for n in client.get(url).context["candidates"]} == {world.open_n.pk, world.open_n2.pk}
    client.post(reverse("council:session_agenda", args=[ward_session.pk]), {"nominations": [world.open_n.pk]})
    assert list(ward_session.items.values_list("nomination", flat=True)) == [world.open_n.pk]

    # The old district's council no longer receives it; its other list stays on offer there.
    client.force_login(world.users.tx_secretariat)
    old = client.get(reverse("council:session_detail", args=[old_session.pk])).context["candidates"]
    assert {n.pk for n in old} == {world.secret_n.pk}
    client.post(reverse("council:session_agenda", args=[old_session.pk]), {"nominations": [world.open_n2.pk]})
    assert not old_session.items.exists()
