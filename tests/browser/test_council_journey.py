"""The secretariat posts a list, prepares a council session of Quận Thanh Xuân and opens the
vote; three council members vote at once in three browsers (one item by secret ballot); the
chair closes the vote and everyone reads the tallies."""

import datetime
import os
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.council.dashboard import council_panel_context
from awards.council.models import AgendaItem, BallotReceipt, Council, CouncilMember, CouncilSession, Vote
from awards.decisions.models import Decision
from awards.documents.services import render, request_document
from awards.enums import CouncilRole, NominationStatus
from awards.nominations.models import Nomination
from awards.nominations.services import set_nomination_state
from awards.posting.models import PublicNotice
from tests.browser.conftest import PASSWORD
from thiduakt import extensions
from thiduakt.enums import Role
from thiduakt.models import Unit, User

pytestmark = pytest.mark.browser

COUNCIL = "Hội đồng Thi đua - Khen thưởng quận Thanh Xuân"
PANEL = extensions.DashboardPanel("awards/council/dashboard_panel.html", council_panel_context, 25)
PASSPHRASE = "Hòm phiếu kín quận Thanh Xuân"


def shot(page, directory, name):
    page.screenshot(path=os.path.join(directory, name), full_page=True)


def sign_in(page, live_server, username):
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def council_panel():
    """The dashboard panel as AwardsConfig.ready() registers it (left as it was found)."""
    registered = any(p.context is council_panel_context for p in extensions.dashboard_panels)
    if not registered:
        extensions.add_dashboard_panel(PANEL)
    yield
    if not registered:
        extensions.dashboard_panels.remove(PANEL)


@pytest.fixture
def council(demo):
    district = Unit.objects.get(code="TX")
    council, _created = Council.objects.get_or_create(  # the demo seats its chair and vice-chair
        unit=district, name=COUNCIL, defaults={"term_start": datetime.date(2021, 7, 1)}
    )
    third = User.objects.create_user(
        "thanhxuan.uyvien", password=PASSWORD, full_name="Nguyễn Thị Minh Nguyệt", role=Role.COUNCIL_MEMBER,
        unit=district, position="Trưởng phòng Nội vụ quận, Ủy viên thường trực Hội đồng",
    )  # fmt: skip
    seats = (("thanhxuan.chutich", CouncilRole.CHAIR), ("thanhxuan.hoidong", CouncilRole.VICE_CHAIR),
             (third.username, CouncilRole.STANDING))  # fmt: skip
    for username, role in seats:
        CouncilMember.objects.update_or_create(
            council=council, user=User.objects.get(username=username), defaults={"role": role}
        )
    return council


def test_post_prepare_vote_in_three_browsers_and_close(
    council, council_panel, browser, browser_context_args, page, live_server, login, screenshot_dir
):
    ward = Unit.objects.get(code="TX-KM")
    verified = list(
        Nomination.objects.filter(submission__proposing_unit=ward, status=NominationStatus.VERIFIED)
        .select_related("person")
        .order_by("pk")
    )
    assert len(verified) >= 2
    # The chair of the ward's CSTĐ cơ sở proposal (secret ballot) is verified as well.
    secretariat = User.objects.get(username="thanhxuan.chuyenvien")
    cstd = Nomination.objects.get(
        submission__proposing_unit=ward, award_type__code="CSTD_CS", status=NominationStatus.SUBMITTED,
        person=verified[0].person,
    )  # fmt: skip
    cstd = set_nomination_state(cstd, NominationStatus.VERIFIED, actor=secretariat)
    agenda = [*verified[:2], cstd]

    # The secretariat posts the list for public opinion, then prepares the session.
    login("thanhxuan.chuyenvien")
    page.goto(f"{live_server.url}/postings/")
    page.get_by_role("link", name="Công khai danh sách").click()
    page.locator("#id_title").fill("Công khai danh sách đề nghị khen thưởng năm 2024 của phường Khương Mai")
    for nomination in agenda:
        page.locator(f"#id_nominations_{nomination.pk}").check()
    page.get_by_role("button", name="Đăng công khai danh sách").click()
    expect(page.get_by_text("Đã công khai danh sách; nhận ý kiến đến ngày")).to_be_visible()
    public_url = page.locator("#public-url").input_value()
    assert "/public/" in public_url

    page.goto(f"{live_server.url}/council/sessions/")
    page.get_by_role("link", name="Tạo phiên họp").click()
    page.locator("#id_council").select_option(label=COUNCIL)
    today = timezone.localdate()
    page.locator("#id_held_on").fill(today.strftime("%d/%m/%Y"))
    page.locator("#id_place").fill("Phòng họp tầng 3, UBND quận Thanh Xuân")
    page.get_by_role("button", name="Tạo phiên họp").click()
    expect(page.get_by_text("Đã tạo phiên họp.")).to_be_visible()
    session = CouncilSession.objects.get(council=council)

    for nomination in agenda:
        page.locator(f"#id_nominations_{nomination.pk}").check()
    page.get_by_role("button", name="Đưa vào chương trình họp").click()
    expect(page.get_by_text("Đã đưa 3 hồ sơ vào chương trình họp.")).to_be_visible()
    agenda_card = page.locator("#agenda")
    groups = agenda_card.locator("tr.table-group")
    expect(groups).to_have_count(2)  # by award type
    expect(groups.nth(0)).to_contain_text("Lao động tiên tiến")
    expect(groups.nth(0)).to_contain_text("Biểu quyết công khai")
    expect(groups.nth(1)).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(groups.nth(1)).to_contain_text("Bỏ phiếu kín")

    for member in council.members.all():
        page.locator(f"#id_present_{member.pk}").check()
    page.get_by_role("button", name="Ghi nhận điểm danh").click()
    expect(page.get_by_text("Đã ghi nhận điểm danh.")).to_be_visible()
    expect(page.get_by_text("Đủ số thành viên dự họp")).to_be_visible()
    # A secret item on the agenda: the secretariat sets the vote-counting passphrase, typed twice.
    opening = page.locator("#open-voting")
    expect(opening).to_contain_text("không được lưu ở bất cứ đâu")
    opening.get_by_label("Mật khẩu kiểm phiếu", exact=True).fill(PASSPHRASE)
    opening.get_by_label("Nhập lại mật khẩu kiểm phiếu").fill(PASSPHRASE + ".")
    opening.get_by_role("button", name="Mở biểu quyết").click()
    expect(page.get_by_text("Hai lần nhập mật khẩu kiểm phiếu không khớp nhau.")).to_be_visible()
    opening.get_by_label("Mật khẩu kiểm phiếu", exact=True).fill(PASSPHRASE)
    opening.get_by_label("Nhập lại mật khẩu kiểm phiếu").fill(PASSPHRASE)
    shot(page, screenshot_dir, "29-open-voting.png")
    opening.get_by_role("button", name="Mở biểu quyết").click()
    expect(page.get_by_text("Đã mở biểu quyết")).to_be_visible()

    # Three members, three browsers, all open at the same time.
    items = {i.nomination_id: i for i in AgendaItem.objects.filter(session=session)}
    secret = items[cstd.pk]
    choices = {
        "thanhxuan.chutich": {n.pk: "agree" for n in agenda},
        "thanhxuan.hoidong": {verified[0].pk: "agree", verified[1].pk: "agree", cstd.pk: "disagree"},
        "thanhxuan.uyvien": {verified[0].pk: "agree", verified[1].pk: "disagree", cstd.pk: "agree"},
    }
    contexts, pages = [], {}
    for username in choices:
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        pages[username] = member_page = context.new_page()
        sign_in(member_page, live_server, username)
        expect(member_page.get_by_text("Phiếu bầu đang chờ bạn")).to_be_visible()
        member_page.get_by_role("link", name=f"{COUNCIL} — {today:%d/%m/%Y}").first.click()
        expect(member_page.get_by_role("heading", name="Phiếu bầu")).to_be_visible()
    for username, member_page in pages.items():
        for nomination_id, choice in choices[username].items():
            index = 0 if choice == "agree" else 1
            member_page.locator(f"#id_vote_{items[nomination_id].pk}_{index}").check()
        member_page.get_by_role("button", name="Gửi phiếu bầu").click()
        expect(member_page.get_by_text("Đã ghi nhận phiếu bầu của bạn.")).to_be_visible()
    voter = pages["thanhxuan.hoidong"]
    secret_card = voter.locator(f"#item-{secret.pk}")
    expect(secret_card.get_by_text("Bạn đã bỏ phiếu")).to_be_visible()
    expect(secret_card.locator("input[type=radio]:checked")).to_have_count(0)  # never shown back
    expect(voter.locator(f"#id_vote_{items[verified[1].pk].pk}_0")).to_be_checked()  # an open vote is
    shot(voter, screenshot_dir, "30-ballot.png")
    assert not Vote.objects.filter(item=secret).exists()  # a secret vote is only ever stored sealed
    assert BallotReceipt.objects.filter(item=secret, sealed__isnull=False).count() == 3

    # The chair closes the vote; the tally appears for the chair and for the secretariat.
    chair = pages["thanhxuan.chutich"]
    chair.goto(f"{live_server.url}/council/sessions/{session.pk}/")
    expect(chair.get_by_text("Đang biểu quyết: 3/3 thành viên có mặt đã bỏ phiếu.")).to_be_visible()
    closing = chair.locator("#close-voting")
    closing.get_by_label("Mật khẩu kiểm phiếu").fill("Hòm phiếu của ai khác")
    closing.get_by_role("button", name="Kết thúc biểu quyết").click()
    expect(chair.get_by_text("Mật khẩu kiểm phiếu không đúng")).to_be_visible()
    chair.locator("#close-voting").get_by_label("Mật khẩu kiểm phiếu").fill(PASSPHRASE)
    chair.locator("#close-voting").get_by_role("button", name="Kết thúc biểu quyết").click()
    expect(chair.get_by_text("Đã kết thúc biểu quyết và ghi nhận kết quả.")).to_be_visible()
    expect(chair.get_by_role("heading", name="Kết quả biểu quyết")).to_be_visible()
    results = chair.locator("#results")
    expect(results.get_by_text("Được thông qua")).to_have_count(3)
    expect(results).to_contain_text("66,7%")
    expect(results).to_contain_text("100,0%")
    for name in ("Phạm Quang Vinh", "Lê Thị Phương Thảo", "Nguyễn Thị Minh Nguyệt"):  # the members
        expect(chair.get_by_role("main")).not_to_contain_text(name)
    shot(chair, screenshot_dir, "31-tally.png")

    page.goto(f"{live_server.url}/council/sessions/{session.pk}/results/")
    expect(page.locator("#results").get_by_text("Được thông qua")).to_have_count(3)
    member = pages["thanhxuan.uyvien"]
    member.goto(f"{live_server.url}/council/sessions/{session.pk}/ballot/")  # closed: the ballot gives way
    expect(member.get_by_role("heading", name="Kết quả biểu quyết")).to_be_visible()
    for context in contexts:
        context.close()

    outcome = {
        i.nomination_id: (i.agree, i.counted_against, i.passed) for i in AgendaItem.objects.filter(session=session)
    }
    assert outcome == {verified[0].pk: (3, 3, True), verified[1].pk: (2, 3, True), cstd.pk: (2, 3, True)}

    # The secretariat drafts the decision; the chair signs it; its PDF is printed.
    page.goto(f"{live_server.url}/council/sessions/{session.pk}/results/")
    page.get_by_role("link", name="Dự thảo quyết định").click()
    page.locator("#id_number").fill("215/QĐ-UBND")
    page.locator("#id_date").fill("25/12/2024")
    page.locator("#id_signer_title").fill("CHỦ TỊCH")
    page.locator("#id_signer_name").fill("Phạm Quang Vinh")  # the chair who signs
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_text("Đã tạo dự thảo quyết định.")).to_be_visible()
    decision_url = page.url
    chair_context = browser.new_context(**browser_context_args)
    chair = chair_context.new_page()
    sign_in(chair, live_server, "thanhxuan.chutich")
    chair.goto(decision_url)
    chair.get_by_role("button", name="Ký quyết định").click()  # the public may still comment: not yet
    expect(chair.get_by_text("Chưa thể ký: nhân dân còn góp ý về")).to_be_visible()
    PublicNotice.objects.update(end_date=today - datetime.timedelta(days=1))  # days later, the window has ended
    chair.goto(decision_url)
    chair.get_by_role("button", name="Ký quyết định").click()
    expect(chair.get_by_text("Đã ký Quyết định 215/QĐ-UBND: ghi nhận 3 khen thưởng.")).to_be_visible()
    expect(chair.locator("#decision-lines")).to_contain_text("1")
    shot(chair, screenshot_dir, "32-decision-signed.png")
    decision = Decision.objects.get(number="215/QĐ-UBND")
    document, _sent = request_document("decision", decision, decision.signed_by)
    render(document.pk)
    document.refresh_from_db()
    assert document.status == "ready"
    pdf_path = os.path.join(screenshot_dir, "33-decision.pdf")
    with open(pdf_path, "wb") as target:
        target.write(document.file.read())
    subprocess.run(["pdftoppm", "-png", "-r", "60", pdf_path, os.path.join(screenshot_dir, "33-decision")], check=True)

    # The proposing ward sees the award in the person's history.
    ward_staff = User.objects.create_user(
        username="khuongmai.canbo", password=PASSWORD, full_name="Trần Thị Mai Anh", role=Role.UNIT_STAFF,
        unit=Unit.objects.get(code="TX-KM"),
    )  # fmt: skip
    ward_context = browser.new_context(**browser_context_args)
    ward = ward_context.new_page()
    sign_in(ward, live_server, ward_staff.username)
    expect(ward.get_by_text("Khen thưởng đã được quyết định")).to_be_visible()
    awarded = Nomination.objects.get(pk=verified[0].pk)
    ward.goto(f"{live_server.url}/people/{awarded.person_id}/")
    expect(ward.locator("#award-history")).to_contain_text("215/QĐ-UBND")
    shot(ward, screenshot_dir, "34-person-history.png")
    for context in (chair_context, ward_context):
        context.close()
