"""Every file the application hands out is a download of the type its bytes say (issue 17).

An outside probe uploaded “bao-cao.html” starting with %PDF-: it was accepted as a PDF and served
back inline as text/html on our origin, where its script would run as whoever opened it."""

import datetime
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.documents.models import DocumentKind, DocumentStatus, GeneratedDocument
from awards.nominations.models import Attachment
from campaigns.enums import CampaignStatus, ClusterKind, ReviewKind
from campaigns.models import Cluster, Review, ReviewAttachment, ScoreLine, ScoreSheet
from tests.awards.certificates.test_certificate_views import printing  # noqa: F401  (a fixture)
from tests.awards.documents.test_documents import make_world
from tests.awards.world import build_world
from tests.campaigns.conftest import make_campaign

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF"
HTML_AS_PDF = PDF + b"\n<html><script>fetch('/admin/')</script></html>"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
WORD_97 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_download(response, kind, stem):
    assert response.status_code == 200
    assert response["Content-Type"] == TYPES[kind]
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f'filename="{stem}.{kind}"' in disposition
    assert "filename*=UTF-8''" in disposition and disposition.endswith(f".{kind}")


@pytest.fixture
def world(db):
    return build_world()


def attach_url(world):
    return reverse("nominations:attach", args=[world.nomination.pk])


def test_an_html_file_that_is_a_pdf_is_stored_and_served_as_a_pdf(client, world):
    client.force_login(world.users.kt_staff)
    upload = SimpleUploadedFile("bao-cao.html", HTML_AS_PDF, content_type="text/html")
    client.post(attach_url(world), {"kind": "achievement_report", "file": upload})
    attachment = Attachment.objects.get(nomination=world.nomination)
    assert attachment.file.name.endswith(".pdf") and attachment.original_name == "bao-cao.pdf"

    response = client.get(reverse("nominations:attachment_download", args=[attachment.pk]))
    assert_download(response, "pdf", "bao-cao")
    assert body(response) == HTML_AS_PDF


def test_a_word_97_file_named_pdf_is_still_refused(client, world):
    client.force_login(world.users.kt_staff)
    upload = SimpleUploadedFile("bao-cao.pdf", WORD_97, content_type="application/pdf")
    client.post(attach_url(world), {"kind": "achievement_report", "file": upload})
    assert not Attachment.objects.filter(nomination=world.nomination).exists()


def test_a_docx_named_pdf_is_stored_and_served_as_a_docx(client, world):
    client.force_login(world.users.kt_staff)
    client.post(attach_url(world), {"kind": "achievement_report", "file": SimpleUploadedFile("to-trinh.pdf", docx())})
    attachment = Attachment.objects.get(nomination=world.nomination)
    assert attachment.file.name.endswith(".docx") and attachment.original_name == "to-trinh.docx"
    response = client.get(reverse("nominations:attachment_download", args=[attachment.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith('attachment; filename="to-trinh.docx"')


def test_a_vietnamese_file_name_has_an_ascii_fallback_and_its_utf8_form(client, world):
    client.force_login(world.users.kt_staff)
    client.post(attach_url(world), {"kind": "minutes", "file": SimpleUploadedFile("Biên bản họp.pdf", PDF)})
    attachment = Attachment.objects.get(nomination=world.nomination)
    response = client.get(reverse("nominations:attachment_download", args=[attachment.pk]))
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Bien-ban-hop.pdf\"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf"
    )


# --- every download URL of the application ---------------------------------------------------


def nomination_attachment(w):
    upload = SimpleUploadedFile("anh.html", PNG)
    from awards.nominations.services import attach

    attachment = attach(w.nomination, actor=w.users.kt_staff, kind="achievement_report", upload=upload)
    return w.users.kt_staff, reverse("nominations:attachment_download", args=[attachment.pk]), "png", "anh"


def _campaign(w):
    return make_campaign(w.tx, status=CampaignStatus.LAUNCHED, criteria=1, plan_number="282/KH-UBND")


def campaign_plan(w):
    campaign = _campaign(w)
    campaign.plan_file.save("ke-hoach.html", ContentFile(PDF))
    return w.users.tx_secretariat, reverse("campaign_plan_file", args=[campaign.pk]), "pdf", "282-KH-UBND"


def review_attachment(w):
    campaign = _campaign(w)
    review = Review.objects.create(
        campaign=campaign, kind=ReviewKind.values[0], held_on=datetime.date(2025, 6, 30), summary="Sơ kết"
    )
    attachment = ReviewAttachment(review=review, title="Báo cáo")
    attachment.file.save("bao-cao.svg", ContentFile(PDF))
    url = reverse("campaign_document", args=[campaign.pk, "review", attachment.pk])
    return w.users.tx_secretariat, url, "pdf", attachment.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def score_evidence(w):
    campaign = _campaign(w)
    cluster = Cluster.objects.create(name="Cụm số 1", kind=ClusterKind.values[0], owner=w.tx)
    sheet = ScoreSheet.objects.create(campaign=campaign, cluster=cluster, unit=w.kt)
    line = ScoreLine(sheet=sheet, criterion=campaign.criteria.get())
    line.evidence_file.save("minh-chung.html", ContentFile(PNG))
    url = reverse("campaign_document", args=[campaign.pk, "evidence", line.pk])
    return w.users.tx_secretariat, url, "png", line.evidence_file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def generated_document(kind, field):
    def case(w):
        document = GeneratedDocument(kind=kind, status=DocumentStatus.READY, filename=f"{kind}.html")
        setattr(document, field, getattr(w, field))
        document.file.save(f"{kind}.html", ContentFile(PDF))
        target = getattr(w, field).pk
        return w.users.tx_secretariat, reverse("documents:download", args=[kind, target]), "pdf", kind

    return case


def print_batch(fmt):
    def case(w):
        return (
            w.users.tx_secretariat,
            reverse("certificates:print_batch_download", args=[w.batch.pk, fmt]),
            fmt,
            f"in-bang-{w.batch.pk}",
        )

    return case


def submission_template(w):
    url = reverse("importing:submission_import_template", args=[w.submission.pk])
    return w.users.kt_staff, url, "xlsx", "mau-nhap-danh-sach-de-nghi"


def history_template(w):
    return (
        w.users.tx_secretariat,
        reverse("importing:history_import_template"),
        "xlsx",
        "mau-nhap-lich-su-thi-dua-khen-thuong",
    )


def people_template(w):
    return w.users.tx_secretariat, reverse("people_import_template"), "xlsx", "mau-nhap-danh-sach-ca-nhan"


DOWNLOADS = {
    "nomination attachment": ("world", nomination_attachment),
    "campaign plan": ("world", campaign_plan),
    "review attachment": ("world", review_attachment),
    "score evidence": ("world", score_evidence),
    "decision PDF": ("documents_world", generated_document(DocumentKind.DECISION, "decision")),
    "minutes PDF": ("documents_world", generated_document(DocumentKind.MINUTES, "session")),
    "print batch PDF": ("printing", print_batch("pdf")),
    "print batch ZIP": ("printing", print_batch("zip")),
    "submission import template": ("world", submission_template),
    "history import template": ("world", history_template),
    "people import template": ("world", people_template),
}


@pytest.fixture
def documents_world(db):
    return make_world()


@pytest.mark.parametrize("name", DOWNLOADS)
def test_every_download_is_an_attachment_of_its_sniffed_type(db, client, request, name):
    fixture, case = DOWNLOADS[name]
    user, url, kind, stem = case(request.getfixturevalue(fixture))
    client.force_login(user)
    assert_download(client.get(url), kind, stem)


def test_the_list_of_downloads_is_complete():
    """A new view handing out a file must go through thiduakt.downloads and be added above."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sources = [p for app in ("awards", "campaigns", "thiduakt", "exemplars") for p in (root / app).rglob("*.py")]
    offenders = [
        str(p.relative_to(root)) for p in sources
        if p.name != "downloads.py" and any(word in p.read_text() for word in ("FileResponse", "Content-Disposition"))
    ]  # fmt: skip
    assert offenders == []
