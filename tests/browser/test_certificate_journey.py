"""The secretariats print the certificates of their signed decisions (a real Celery worker
renders them while the batch page polls its progress), download the PDFs, a stranger checks
a certificate's QR target with no login, and a damaged sheet is reprinted.

Selectors are form actions, hrefs, names and data-* attributes, not the labels: the
Vietnamese wording of these pages is still moving.
"""

import os
import re
import subprocess
import uuid

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.certificates.models import Certificate, PrintBatch
from awards.decisions.models import Decision
from awards.history.models import Award
from tests.awards.certificates.test_certificate_worker import worker_process
from tests.awards.pdfs import read_pdf_data

pytestmark = pytest.mark.browser

A4_LANDSCAPE = (841.89, 595.28)
A3_LANDSCAPE = (1190.55, 841.89)
READY_TIMEOUT = 120_000  # ms: the first chunk waits for the worker to boot


def shot(page, directory, name):
    page.screenshot(path=os.path.join(directory, name), full_page=True)


def recipient(award):
    return award.person.full_name if award.person_id else award.unit.name


def first_award(decision):
    return Award.objects.select_related("person", "unit").get(decision_line__decision=decision, registry_number=1)


def wait_until_ready(page, batch_pk, screenshot_dir=None, progress_name=None):
    """Wait for the polled panel to settle; screenshot it once while it still runs, if caught."""
    panel = page.locator(f"#print-batch-{batch_pk}")
    expect(panel).to_be_visible()
    if progress_name and panel.get_attribute("data-status") in ("running", "merging"):
        shot(page, screenshot_dir, progress_name)
    page.wait_for_selector(
        f"#print-batch-{batch_pk}:is([data-status=ready], [data-status=failed])", timeout=READY_TIMEOUT
    )
    batch = PrintBatch.objects.get(pk=batch_pk)
    assert panel.get_attribute("data-status") == "ready", f"batch {batch_pk} {batch.status}: {batch.error}"
    return panel


def landed_batch(page, live_server):
    page.wait_for_url(re.compile(re.escape(live_server.url) + r"/print-batches/\d+/$"))
    return int(re.search(r"/print-batches/(\d+)/$", page.url).group(1))


def print_decision(page, live_server, decision, screenshot_dir, shots):
    """From the decisions list to the decision's print card, print in full mode; wait for the batch."""
    page.goto(f"{live_server.url}/decisions/")
    page.locator(f'main a[href="{reverse("decisions:detail", args=[decision.pk])}"]').first.click()
    form = page.locator(f'form[action="{reverse("certificates:decision_print", args=[decision.pk])}"]')
    expect(form).to_be_visible()
    expect(form.locator('input[name="mode"][value="full"]')).to_be_checked()
    if "card" in shots:
        shot(page, screenshot_dir, shots["card"])
    form.locator('button[type="submit"]').click()
    batch_pk = landed_batch(page, live_server)
    panel = wait_until_ready(page, batch_pk, screenshot_dir, shots.get("progress"))
    expect(panel.locator("[data-done]")).to_have_attribute("data-done", str(decision.lines.count()))
    shot(page, screenshot_dir, shots["ready"])
    return batch_pk, panel


def download_pdf(page, panel, batch_pk, target):
    link = panel.locator(f'a[href="{reverse("certificates:print_batch_download", args=[batch_pk, "pdf"])}"]')
    with page.expect_download() as info:
        link.click()
    info.value.save_as(target)
    with open(target, "rb") as handle:
        return read_pdf_data(handle.read())


def page_one_png(pdf_path, screenshot_dir, name):
    prefix = os.path.join(screenshot_dir, name)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile", pdf_path, prefix], check=True)
    assert os.path.getsize(f"{prefix}.png") > 0


def size(pdf_page):
    return round(float(pdf_page.mediabox.width), 2), round(float(pdf_page.mediabox.height), 2)


def test_print_download_verify_and_reprint(
    demo, settings, browser, browser_context_args, page, live_server, login, screenshot_dir, tmp_path
):
    queue = f"test-print-{uuid.uuid4().hex[:8]}"
    settings.THIDUAKT_PDF_QUEUE = queue  # the web process (live server thread) sends there
    worker = worker_process(queue, f"journey-{uuid.uuid4().hex[:6]}@test")
    worker.start()  # boots while the browser signs in; the batch waits on the queue meanwhile
    contexts = []
    try:
        district = Decision.objects.get(issuer__code="TX", number="2150/QĐ-UBND")
        city = Decision.objects.get(issuer__code="HN", number="6120/QĐ-UBND")
        assert (district.lines.count(), city.lines.count()) == (22, 5)

        # Thanh Xuân's secretariat prints the Giấy khen of 2150/QĐ-UBND.
        login("thanhxuan.chuyenvien")
        batch_pk, panel = print_decision(
            page, live_server, district, screenshot_dir,
            {"card": "40-decision-print-card.png", "progress": "41-print-progress.png", "ready": "42-print-ready.png"},
        )  # fmt: skip
        pdf_path = str(tmp_path / "giay-khen.pdf")
        reader, text = download_pdf(page, panel, batch_pk, pdf_path)
        assert len(reader.pages) == 22
        assert {size(p) for p in reader.pages} == {A4_LANDSCAPE}
        awardee = first_award(district)
        for expected in ("GIẤY KHEN", "Số sổ vàng:", recipient(awardee)):
            assert expected in text, expected
        page_one_png(pdf_path, screenshot_dir, "certificate-giay-khen")

        # The city's secretariat prints the Bằng khen of 6120/QĐ-UBND.
        page.context.clear_cookies()
        login("hanoi.chuyenvien")
        batch_pk, panel = print_decision(page, live_server, city, screenshot_dir, {"ready": "43-print-ready-city.png"})
        pdf_path = str(tmp_path / "bang-khen.pdf")
        reader, text = download_pdf(page, panel, batch_pk, pdf_path)
        assert len(reader.pages) == 5
        assert {size(p) for p in reader.pages} == {A3_LANDSCAPE}
        for expected in ("BẰNG KHEN", "Số sổ vàng:", recipient(first_award(city))):
            assert expected in text, expected
        page_one_png(pdf_path, screenshot_dir, "certificate-bang-khen")

        # Anyone scanning the QR code of a Thanh Xuân certificate, not signed in.
        certificate = Certificate.objects.get(award=awardee)
        stranger = browser.new_context(**browser_context_args)
        contexts.append(stranger)
        public = stranger.new_page()
        public.set_default_timeout(10_000)
        public.goto(f"{live_server.url}{reverse('public:verify', args=[certificate.code])}")
        expect(public.locator('[data-verdict="valid"]')).to_be_visible()
        expect(public.locator("main")).to_contain_text(recipient(awardee))
        expect(public.locator("main")).to_contain_text(certificate.code_display)
        shot(public, screenshot_dir, "44-verify-valid.png")

        # Back at Thanh Xuân: the certificate list, one certificate, and a reprint for a jammed sheet.
        page.context.clear_cookies()
        login("thanhxuan.chuyenvien")
        page.goto(f"{live_server.url}/certificates/")
        expect(page.locator("#certificates tbody tr").first).to_be_visible()
        shot(page, screenshot_dir, "45-certificate-list.png")
        detail_url = reverse("certificates:detail", args=[awardee.pk])
        link = page.locator(f'#certificates a[href="{detail_url}"]')
        if link.count():
            link.first.click()
        else:  # not on the list's first page
            page.goto(f"{live_server.url}{detail_url}")
        page.wait_for_url(f"{live_server.url}{detail_url}")
        expect(page.locator("#certificate-code")).to_have_text(certificate.code_display)
        reprint = page.locator(f'form[action="{reverse("certificates:reprint", args=[awardee.pk])}"]')
        reprint.locator('input[name="reason"]').fill("Kẹt giấy")
        shot(page, screenshot_dir, "46-certificate-detail.png")
        reprint.locator('button[type="submit"]').click()
        reprint_pk = landed_batch(page, live_server)
        wait_until_ready(page, reprint_pk)
        expect(page.locator("main")).to_contain_text("Kẹt giấy")
        shot(page, screenshot_dir, "47-reprint-ready.png")
        certificate.refresh_from_db()
        assert certificate.reprint_count == 1
        assert certificate.print_count == 2
    finally:
        for context in contexts:
            context.close()
        worker.stop()
