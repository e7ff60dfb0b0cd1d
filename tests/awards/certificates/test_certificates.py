"""Certificates: printed for real with WeasyPrint, read back, the QR decoded, verified publicly.

The worker's two steps (render a chunk, merge the batch) are called in the test process
here; test_certificate_worker.py runs them in real worker processes and kills one.
"""

import io
import subprocess
import zipfile

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from awards.certificates import batches
from awards.certificates.content import achievement_sentence, verify_url
from awards.certificates.models import (
    BatchKind,
    BatchStatus,
    Certificate,
    ChunkStatus,
    PrintBatch,
    PrintChunk,
    Printer,
    PrintMode,
)
from awards.history.models import Award
from awards.paths import CODE_ALPHABET, CODE_LENGTH, new_code
from tests.awards.certificate_world import bang_khen_template, build_printing_world, district_decision
from tests.awards.pdfs import assert_noto_embedded, read_pdf, read_pdf_data
from thiduakt.errors import DomainError

A4_LANDSCAPE = (841.89, 595.28)
A3_LANDSCAPE = (1190.55, 841.89)


@pytest.fixture
def world(db, settings):
    settings.THIDUAKT_PRINT_CHUNK_SIZE = 2
    return build_printing_world()


def run(batch):
    """What the workers do: every chunk, the merge, then the ZIP."""
    for chunk in batch.chunks.order_by("index"):
        assert batches.render_chunk(chunk.pk, worker="test@host") == "done"
    assert batches.merge(batch.pk) == "ready"
    batch.refresh_from_db()
    assert batch.archive_pending == (batch.total > 0)
    if batch.total:
        assert batches.archive(batch.pk) == "ready"
        assert batches.archive(batch.pk) == "skipped"  # delivered twice: made once
        batch.refresh_from_db()
    return batch


def page_size(page):
    return round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)


def test_a_decision_prints_one_page_per_award_with_name_number_and_fonts(world):
    batch = batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat)
    assert batch.kind == BatchKind.DECISION and batch.total == 4 and batch.chunks.count() == 2
    batch = run(batch)
    assert batch.status == BatchStatus.READY and batch.pages == 4
    reader, text = read_pdf(batch, "pdf")
    assert len(reader.pages) == 4
    assert all(page_size(page) == A4_LANDSCAPE for page in reader.pages)
    assert "GIẤY KHEN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Bà Nguyễn Thị Thu Hương" in text and "Ông Đặng Quốc Việt" in text
    assert "Tổ dân phố số 1 phường Khương Trung" in text
    assert "Đã có thành tích xuất sắc năm 2026" in text
    assert "Quyết định số 125/QĐ-UBND" in text and "20/11/2026" in text
    numbers = sorted(
        Award.objects.filter(decision_line__decision=world.decision).values_list("registry_number", flat=True)
    )
    assert numbers == [1, 2, 3, 4]
    for number in numbers:
        assert f"Số sổ vàng: {number}" in text
    assert "Thanh Xuân, ngày 20 tháng 11 năm 2026" in text and "Trần Văn Minh" in text
    assert_noto_embedded(reader)
    # Each certificate once, in registry order; counted as printed once.
    certificates = list(Certificate.objects.filter(award__decision_line__decision=world.decision))
    positions = [text.index(c.code_display) for c in sorted(certificates, key=lambda c: c.award.registry_number)]
    assert positions == sorted(positions) and all(text.count(c.code_display) == 1 for c in certificates)
    assert {c.print_count for c in certificates} == {1}
    # The ZIP holds one single-page PDF per certificate, named by registry number.
    with batch.archive.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        names = sorted(archive.namelist())
        assert len(names) == 4 and names[0].startswith("00001-")
        single_reader, single_text = read_pdf_data(archive.read(names[0]))
        assert len(single_reader.pages) == 1 and "Số sổ vàng: 1" in single_text


def test_a_bang_khen_is_a3_landscape(world):
    bang_khen_template(world.city)
    from awards.catalogue.models import AwardType

    decision = district_decision(world, world.named[:1], number="99/QĐ-UBND")
    decision.issuer = world.city
    decision.save()
    Award.objects.filter(decision_line__decision=decision).update(award_type=AwardType.objects.get(code="BK_TP"))
    batch = run(batches.start_decision_batch(decision, actor=world.users.tx_secretariat))
    reader, text = read_pdf(batch, "pdf")
    assert len(reader.pages) == 1 and page_size(reader.pages[0]) == A3_LANDSCAPE
    assert "BẰNG KHEN" in text and "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" in text and "Hà Nội, ngày 20" in text


def test_the_qr_code_decodes_to_the_verification_url(world, tmp_path):
    batch = run(batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", batch.pdf.path, str(tmp_path / "page")], check=True
    )
    image = Image.open(next(tmp_path.glob("page*.png")))
    found = [result.text for result in zxingcpp.read_barcodes(image)]
    first = Certificate.objects.get(award__registry_number=1, award__decision_line__decision=world.decision)
    assert found == [verify_url(first.code)]
    assert found[0].endswith(f"/v/{first.code}/")


def test_codes_are_random_not_sequential(world):
    batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat)
    codes = list(Certificate.objects.order_by("pk").values_list("code", flat=True))
    assert len(set(codes)) == len(codes) == 4
    assert all(len(code) == 10 and code.isalnum() and code.isupper() for code in codes)
    # Every position of the code varies over the alphabet (a counter or a timestamp would not).
    many = [new_code() for _ in range(2000)]
    assert len(set(many)) == 2000
    assert all(len({code[i] for code in many}) == len(CODE_ALPHABET) for i in range(CODE_LENGTH))


def test_verification_page_valid_revoked_unknown(client, world):
    batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat)
    certificate = Certificate.objects.select_related("award").get(award__person=world.named[0])
    response = client.get(reverse("public:verify", args=[certificate.code]))
    html = response.content.decode()
    assert response.status_code == 200 and 'data-verdict="valid"' in html
    assert "Nguyễn Thị Thu Hương" in html and "125/QĐ-UBND" in html and "20/11/2026" in html
    assert "Quận Thanh Xuân" in html and world.named[0].unit.name in html
    # Typed from paper: lower case, with dashes and spaces.
    typed = client.get(reverse("public:verify_form"), {"code": " " + certificate.code_display.lower() + " "})
    assert typed.status_code == 302 and typed["Location"] == reverse("public:verify", args=[certificate.code])
    Award.objects.filter(pk=certificate.award_id).update(revoked=True)
    html = client.get(reverse("public:verify", args=[certificate.code])).content.decode()
    assert 'data-verdict="revoked"' in html and 'data-verdict="valid"' not in html
    unknown = client.get(reverse("public:verify", args=["ZZZZZZZZZZ"]))
    assert unknown.status_code == 404 and 'data-verdict="unknown"' in unknown.content.decode()
    assert "Nguyễn" not in unknown.content.decode()


def test_user_text_is_escaped_and_nothing_is_fetched(world, monkeypatch):
    """HTML, a remote image and a local file named in the achievement are printed as text."""
    hostile = (
        'Có <b>thành tích</b> <img src="http://example.com/x.png"> <img src="file:///etc/passwd"> file:///etc/passwd'
    )
    decision = district_decision(world, world.named[:1], number="7/QĐ-UBND", achievement=hostile)
    fetched = []
    from thiduakt.pdf import fetcher as fetcher_module

    original = fetcher_module.StaticFilesFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher_module.StaticFilesFetcher, "fetch", spy)
    batch = run(batches.start_decision_batch(decision, actor=world.users.tx_secretariat))
    _reader, text = read_pdf(batch, "pdf")
    assert '<b>thành tích</b> <img src="http://example.com/x.png">' in text
    assert "file:///etc/passwd" in text
    # Only the project's static files, and the QR codes our code embeds as PNG data.
    assert fetched and all("/static/" in url or url.startswith("data:image/png;base64,") for url in fetched), fetched
    assert not any("example.com" in url or "passwd" in url for url in fetched)


def test_a_long_name_and_forced_line_breaks_stay_on_one_page(world):
    from awards.certificates.services import set_certificate_lines

    person = world.named[1]
    person.full_name = "Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Ngọc Bích Trâm Anh"
    person.position = "Phó Trưởng phòng Giáo dục và Đào tạo kiêm Chủ tịch Công đoàn cơ sở"
    person.save()
    award = Award.objects.get(person=person, decision_line__decision=world.decision)
    set_certificate_lines(
        award, actor=world.users.tx_secretariat, name_lines="Tôn Nữ Hoàng Thị Phương Thảo\nNguyễn Ngọc Bích Trâm Anh",
        detail_lines="", expected_version=None,
    )  # fmt: skip
    batch = run(batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat))
    reader, text = read_pdf(batch, "pdf")
    assert len(reader.pages) == 4
    page = " ".join(reader.pages[1].extract_text().split())
    assert "Tôn Nữ Hoàng Thị Phương Thảo" in page and "Nguyễn Ngọc Bích Trâm Anh" in page


def test_blank_stock_prints_only_the_variable_text_with_the_printer_offset(world):
    printer = Printer.objects.create(name="Canon phòng 203", unit=world.tx, offset_x_mm=2, offset_y_mm=-1)
    batch = run(
        batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat, mode=PrintMode.BLANK,
                                     printer=printer)
    )  # fmt: skip
    _reader, text = read_pdf(batch, "pdf")
    assert "Nguyễn Thị Thu Hương" in text and "Số sổ vàng: 1" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text and "GIẤY KHEN" not in text


def test_calibration_page(world):
    printer = Printer.objects.create(name="Canon phòng 203", unit=world.tx, offset_x_mm=2, offset_y_mm=-1)
    batch = batches.print_calibration(world.template, actor=world.users.tx_secretariat, unit=world.tx, printer=printer)
    batch = run(batch)
    reader, text = read_pdf(batch, "pdf")
    assert len(reader.pages) == 1 and page_size(reader.pages[0]) == A4_LANDSCAPE
    assert "Canon phòng 203" in text and "20 mm" in text
    assert not batch.archive


def test_a_failing_chunk_is_retried_then_reported_and_can_be_retried(world, monkeypatch, settings):
    settings.THIDUAKT_PRINT_MAX_ATTEMPTS = 2
    batch = batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat)
    first = batch.chunks.get(index=0)
    failures = []

    def broken(*args, **kwargs):
        failures.append(1)
        raise OSError("hết giấy trong bộ nhớ tạm")

    monkeypatch.setattr(batches, "render_certificates", broken)
    assert batches.render_chunk(first.pk) == "retrying"
    first.refresh_from_db()
    assert first.status == ChunkStatus.PENDING and "hết giấy" in first.error
    assert batches.render_chunk(first.pk) == "failed"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and "hết giấy" in batch.error and "2" in batch.error
    assert len(failures) == 2
    monkeypatch.undo()
    batches.retry(batch, actor=world.users.tx_secretariat)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING
    with pytest.raises(DomainError):
        batches.retry(batch, actor=world.users.tx_secretariat)
    batch = run(batch)
    assert batch.status == BatchStatus.READY and batch.pages == 4


def test_claims_are_idempotent_and_merge_waits_for_every_chunk(world):
    batch = batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat)
    first, second = batch.chunks.order_by("index")
    assert batches.render_chunk(first.pk) == "done"
    assert batches.render_chunk(first.pk) == "skipped"  # the message delivered twice
    assert batches.merge(batch.pk) == "skipped"  # a chunk is missing
    assert batches.render_chunk(second.pk) == "done"
    assert batches.merge(batch.pk) == "ready"
    assert batches.merge(batch.pk) == "skipped"
    first.refresh_from_db()
    assert first.attempts == 1


def test_same_token_starts_one_batch(world):
    import uuid

    token = uuid.uuid4()
    one = batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat, token=token)
    two = batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat, token=token)
    assert one.pk == two.pk and PrintBatch.objects.count() == 1


def test_refusals(world):
    from awards.certificates.models import CertificateTemplate

    draft = district_decision(world, world.named[:1], number="8/QĐ-UBND")
    draft.status = "draft"
    draft.save()
    with pytest.raises(DomainError):
        batches.start_decision_batch(draft, actor=world.users.tx_secretariat)
    CertificateTemplate.objects.all().delete()
    with pytest.raises(DomainError) as error:
        batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat)
    assert "Giấy khen" in error.value.message


def test_reprint_is_counted_and_logged(world):
    from thiduakt.models import AuditLog

    run(batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat))
    certificate = Certificate.objects.get(award__person=world.named[0])
    batch = batches.reprint(certificate, actor=world.users.tx_secretariat, reason="Kẹt giấy, rách góc")
    assert batch.kind == BatchKind.REPRINT and batch.total == 1
    run(batch)
    certificate.refresh_from_db()
    assert certificate.reprint_count == 1 and certificate.print_count == 2
    entry = AuditLog.objects.filter(action="certificate.reprint").get()
    assert entry.data["reason"] == "Kẹt giấy, rách góc" and entry.data["code"] == certificate.code
    Award.objects.filter(pk=certificate.award_id).update(revoked=True)
    with pytest.raises(DomainError):
        batches.reprint(certificate, actor=world.users.tx_secretariat, reason="x")


def test_achievement_sentence():
    assert achievement_sentence("Có thành tích xuất sắc") == "Đã có thành tích xuất sắc"
    assert achievement_sentence("Đã có thành tích") == "Đã có thành tích"
    assert achievement_sentence("  Hoàn thành   xuất sắc nhiệm vụ ") == "Đã hoàn thành xuất sắc nhiệm vụ"


def test_the_fetcher_takes_inline_pngs_only():
    from awards.certificates.content import qr_image
    from thiduakt.pdf.fetcher import StaticFilesFetcher, URLRefused

    fetcher = StaticFilesFetcher()
    response = fetcher.fetch(qr_image("http://127.0.0.1:8000/v/ABCDEFGHJK/"))
    assert response.headers["Content-Type"] == "image/png"
    for url in ("data:text/html,<b>x</b>", "data:image/svg+xml;base64,PHN2Zz4=", "data:image/png;base64,R0lGODlh"):
        with pytest.raises(URLRefused):
            fetcher.fetch(url)
    assert len(fetcher.problems) == 3


def test_a_chunk_lost_again_and_again_fails_the_batch_and_polls_do_not_flood(world, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.THIDUAKT_PRINT_MAX_ATTEMPTS = 2
    batch = batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat)
    first = batch.chunks.get(index=0)
    expired = timezone.now() - timedelta(seconds=1)
    # A worker claimed it and died: the page's poll hands it back once, not on every poll.
    PrintChunk.objects.filter(pk=first.pk).update(status=ChunkStatus.RUNNING, attempts=1, lease_until=expired)
    assert batches.resume(batches=[batch], include_pending=False) == 1
    assert batches.resume(batches=[batch], include_pending=False) == 0
    first.refresh_from_db()
    assert first.status == ChunkStatus.PENDING
    # Lost a second time: out of attempts, the batch is failed with the reason.
    PrintChunk.objects.filter(pk=first.pk).update(status=ChunkStatus.RUNNING, attempts=2, lease_until=expired)
    assert batches.render_chunk(first.pk) == "skipped"  # no claim beyond the limit
    batches.resume(batches=[batch], include_pending=False)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and "1" in batch.error
    batches.retry(batch, actor=world.users.tx_secretariat)
    first.refresh_from_db()
    assert first.attempts == 2 and first.attempt_limit == 4  # attempts keep counting, the limit moves on
    assert run(batch).status == BatchStatus.READY


def test_a_zip_that_could_not_be_made_is_made_again(world, monkeypatch):
    batch = batches.start_decision_batch(world.decision, actor=world.users.tx_secretariat)
    for chunk in batch.chunks.all():
        batches.render_chunk(chunk.pk)
    assert batches.merge(batch.pk) == "ready"

    def full_disk(*args, **kwargs):
        raise OSError("hết dung lượng")

    monkeypatch.setattr(batches, "split_to_zip", full_disk)
    assert batches.archive(batch.pk) == "failed"
    batch.refresh_from_db()
    assert "hết dung lượng" in batch.archive_error and not batch.archive_pending
    monkeypatch.undo()
    batches.retry(batch, actor=world.users.tx_secretariat)
    batch.refresh_from_db()
    assert batch.archive_pending and batches.archive(batch.pk) == "ready"


def test_a_second_tab_points_to_the_decisions_batch_instead_of_printing_it_twice(world):
    import uuid

    actor = world.users.tx_secretariat
    one = batches.start_decision_batch(world.decision, actor=actor, token=uuid.uuid4())
    two = batches.start_decision_batch(world.decision, actor=actor, token=uuid.uuid4())  # another tab, printing
    assert two.pk == one.pk and PrintBatch.objects.count() == 1
    run(one)
    three = batches.start_decision_batch(world.decision, actor=actor, token=uuid.uuid4())  # printed already
    assert three.pk == one.pk and PrintBatch.objects.count() == 1
    again = batches.start_decision_batch(world.decision, actor=actor, token=uuid.uuid4(), again=True)
    assert again.pk != one.pk and PrintBatch.objects.count() == 2  # printed again on purpose
    # While that one prints, even an explicit "again" points to it.
    assert batches.start_decision_batch(world.decision, actor=actor, token=uuid.uuid4(), again=True).pk == again.pk
    PrintBatch.objects.filter(pk=again.pk).update(status=BatchStatus.FAILED)  # a failed print does not count
    assert batches.start_decision_batch(world.decision, actor=actor, token=uuid.uuid4()).pk == one.pk


LONG_HEADINGS = [
    "BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI TẶNG",  # 60 characters, the limit
    "M" * 60,  # the widest letters, one word
    "MMMMMMMMM " * 5 + "MMMMMMMMM",
    "GIẤY KHEN CỦA CHỦ TỊCH ỦY BAN",
]


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("heading", LONG_HEADINGS, ids=lambda h: f"{len(h)}-{h[:4]}")
def test_a_long_heading_never_runs_into_the_recipients_name(heading, orientation):
    """Rendered by WeasyPrint and read back by poppler: the heading ends above the name, and
    inside the frame, however long it is (up to its 60 characters)."""
    from awards.catalogue.models import AwardType
    from awards.certificates.content import sample_page
    from awards.certificates.models import CertificateTemplate
    from awards.certificates.render import DOCUMENT, document_context
    from tests.awards.pdfs import word_boxes
    from thiduakt.pdf.render import render_pdf

    template = CertificateTemplate(
        name="Mẫu", award_type=AwardType(name="Giấy khen"), heading=heading, issuer_title="CHỦ TỊCH\nỦY BAN NHÂN DÂN",
        place="Hà Nội", orientation=orientation, emblem="emblem-star.png",
    )  # fmt: skip
    pdf = render_pdf(DOCUMENT, document_context(template, [sample_page(template)], mode="full"))
    reader = PdfReader(io.BytesIO(pdf.data))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    boxes = word_boxes(pdf.data)
    tang = next(i for i, box in enumerate(boxes) if box[4] == "TẶNG")  # the line above the heading
    below = [box for box in boxes[tang + 1 :] if box[1] > boxes[tang][1] and box[3] < 0.7 * height]
    heading_boxes = [box for box in below if box[4].isupper() and set(box[4]) <= set(heading)]
    name_boxes = [box for box in below if box[4] in ("Nguyễn", "Thị", "Thu", "Hương")]
    assert sum(len(box[4]) for box in heading_boxes) == len(heading.replace(" ", ""))  # every letter printed
    assert len(name_boxes) == 4
    assert max(box[3] for box in heading_boxes) < min(box[1] for box in name_boxes)  # above the name
    assert min(box[0] for box in heading_boxes) > 0.05 * width and max(box[2] for box in heading_boxes) < 0.95 * width


def test_a_short_heading_keeps_its_full_size():
    from awards.certificates.content import heading_rem

    assert heading_rem("BẰNG KHEN", width_rem=60.2) == heading_rem("GIẤY KHEN", width_rem=60.2) == 3.1
    assert heading_rem("M" * 60, width_rem=60.2) < 1
