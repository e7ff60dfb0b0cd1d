"""The main pages of the journeys under the application's Content-Security-Policy (issue 17):
opened in Chromium as the secretariat, the council's chair and the administrator, none may log
a console error or report a policy violation — the certificate template editor's live preview,
drawn in a frame with its own policy, included."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from awards.certificates.models import BatchKind, BatchStatus, CertificateTemplate, PrintBatch
from awards.council import services as council_service
from awards.council.models import Council, CouncilSession
from awards.enums import NominationStatus
from awards.nominations.models import Nomination
from thiduakt.models import Unit, User

pytestmark = pytest.mark.browser

SAMPLE_NAME = "Nguyễn Thị Thu Hương"  # the made-up recipient of the preview
# Reported into the console, where the listener below collects it with the browser's own errors.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  var blocked = e.blockedURI || "inline";
  console.error("CSP violation: " + e.violatedDirective + " blocked " + blocked + " in " + e.documentURI);
});
"""


@pytest.fixture
def scene(demo):
    """A council session of Quận Thanh Xuân open for voting, and a finished calibration batch."""
    district = Unit.objects.get(code="TX")
    secretariat = User.objects.get(username="thanhxuan.chuyenvien")
    council = Council.objects.get(unit=district)
    nominations = list(
        Nomination.objects.filter(submission__proposing_unit__code="TX-KM", status=NominationStatus.VERIFIED)[:2]
    )
    session = CouncilSession.objects.create(council=council, held_on=timezone.localdate(), place="Phòng họp tầng 3")
    council_service.add_to_agenda(session, nominations, actor=secretariat, today=datetime.date(2100, 1, 1))
    council_service.record_attendance(session, council.members.all(), actor=secretariat)
    council_service.open_voting(session, actor=secretariat)
    batch = PrintBatch.objects.create(
        kind=BatchKind.CALIBRATION, unit=district, template=CertificateTemplate.objects.first(),
        status=BatchStatus.READY, created_by=secretariat, description="Trang căn chỉnh",
    )  # fmt: skip
    batch.pdf.save("can-chinh.pdf", ContentFile(b"%PDF-1.7 calibration"))
    return {"session": session, "submission": nominations[0].submission, "nomination": nominations[0], "batch": batch}


@pytest.fixture
def problems(page):
    found = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda message: message.type == "error" and found.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: found.append(f"{page.url}: {error}"))
    return found


def visit(page, live_server, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200, path
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


def test_the_journeys_pages_run_under_the_policy(scene, page, live_server, login, problems):
    login("thanhxuan.chuyenvien")
    for path in (
        reverse("dashboard"),
        reverse("nominations:inbox"),
        reverse("nominations:submission_detail", args=[scene["submission"].pk]),
        reverse("nominations:detail", args=[scene["nomination"].pk]),
        reverse("council:session_detail", args=[scene["session"].pk]),
        reverse("certificates:print_batch_detail", args=[scene["batch"].pk]),
        reverse("campaign_list"),
    ):
        visit(page, live_server, path)
    # The select-all box is driven by app.js now, not by an onclick attribute.
    visit(page, live_server, reverse("nominations:submission_detail", args=[scene["submission"].pk]))
    page.locator("input[data-select-all]").check()
    boxes = page.locator("input[name=nomination]")
    assert boxes.count() > 0 and all(boxes.nth(i).is_checked() for i in range(boxes.count()))

    page.context.clear_cookies()
    login("thanhxuan.chutich")
    visit(page, live_server, reverse("council:session_ballot", args=[scene["session"].pk]))

    page.context.clear_cookies()
    login("thanhxuan.quantri")
    visit(page, live_server, reverse("certificates:template_create"))
    frame = page.frame_locator(".certificate-preview iframe")
    expect(frame.get_by_text(SAMPLE_NAME)).to_be_visible()
    page.locator("#id_signer_name").fill("Lê Văn Ký")  # the preview is redrawn as one types
    expect(frame.get_by_text("Lê Văn Ký")).to_be_visible()
    page.locator("label[for=preview-mode-blank]").click()
    expect(frame.locator(".field.recipient")).to_be_visible()
    box = page.locator(".certificate-preview").bounding_box()
    assert box["height"] > 100  # scaled to the pane by the editor's script
    assert problems == []
