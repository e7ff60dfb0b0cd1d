"""The certificate pages: who may print what, the filtered list and its print, the batches and
their downloads, a certificate's line breaks and its reprint.

No worker runs here: a batch's tasks are sent on commit, and the `django_db` fixture's
transaction never commits. A batch that is "ready" is made so by hand (status and files).
"""

import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.catalogue.models import AwardType
from awards.certificates import batches
from awards.certificates.batches import start_decision_batch
from awards.certificates.models import (
    BatchKind,
    BatchStatus,
    Certificate,
    CertificateTemplate,
    ChunkStatus,
    PrintBatch,
    Printer,
    PrintMode,
)
from awards.certificates.samples import signed_decision
from awards.decisions.models import Decision
from awards.enums import DecisionStatus
from awards.history.models import Award
from tests.awards.world import build_world
from tests.concurrency import at_once, logged_in
from tests.factories import PersonFactory, UnitFactory, UserFactory
from thiduakt.enums import Role
from thiduakt.models import AuditLog

DATE = datetime.date(2026, 11, 20)


def decision_of(issuer, nominees, number, award_type=None, date=DATE):
    return signed_decision(
        issuer=issuer, award_type=award_type or AwardType.objects.get(code="GK_QUAN"), nominees=nominees,
        number=number, date=date, signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", signer_name="Trần Văn Minh",
        year=date.year, achievement="Có thành tích xuất sắc trong phong trào thi đua năm 2026",
    )  # fmt: skip


def make_ready(batch, *, pdf=b"%PDF-1.7 test", archive=b"PK\x05\x06" + b"\x00" * 18):
    """What the merge does, without a worker: the files, the status, the certificates counted."""
    batch.pdf.save(f"in-bang-{batch.pk}.pdf", ContentFile(pdf), save=False)
    batch.archive.save(f"in-bang-{batch.pk}.zip", ContentFile(archive), save=False)
    batch.status, batch.pages, batch.size = BatchStatus.READY, batch.total, len(pdf)
    batch.save()
    batch.chunks.update(status=ChunkStatus.DONE)
    ids = [pk for chunk in batch.chunks.all() for pk in chunk.certificate_ids]
    Certificate.objects.filter(pk__in=ids).update(print_count=1)
    return batch


@pytest.fixture
def printing(db):
    """The district TX signed a decision for two people of ward KT and the collective KM; the
    ward KT signed one of its own; the district TH one for a person of ward BU."""
    w = build_world()
    w.users.tx_admin = UserFactory(role=Role.ADMIN, unit=w.tx)
    w.gk = AwardType.objects.get(code="GK_QUAN")
    CertificateTemplate.objects.create(
        name="Giấy khen quận", award_type=w.gk, issuer=None, heading="GIẤY KHEN",
        issuer_title="CHỦ TỊCH\nỦY BAN NHÂN DÂN QUẬN THANH XUÂN", place="Thanh Xuân", page_size="A4",
    )  # fmt: skip
    w.binh = PersonFactory(full_name="Nguyễn Thị Bình", unit=w.kt)
    w.cuong = PersonFactory(full_name="Lê Văn Cường", unit=w.kt)
    w.decision = decision_of(w.tx, [w.binh, w.cuong, w.km], "12/QĐ-UBND")
    w.award = Award.objects.get(person=w.binh)
    w.ward_decision = decision_of(w.kt, [PersonFactory(full_name="Phạm Văn Dũng", unit=w.kt)], "5/QĐ-UBND")
    w.ward_award = w.ward_decision.lines.get().award
    w.th_decision = decision_of(w.th, [PersonFactory(full_name="Nguyễn Văn Em", unit=w.bu)], "7/QĐ-UBND")
    w.th_award = w.th_decision.lines.get().award
    w.batch = make_ready(start_decision_batch(w.decision, actor=w.users.tx_secretariat))
    w.printer = Printer.objects.create(name="Canon phòng Nội vụ", unit=w.tx, offset_x_mm=1, offset_y_mm=-1)
    return w


# --- permissions ----------------------------------------------------------------------------

ROLES = ["anonymous", "kt_staff", "km_staff", "tx_secretariat", "tx_admin", "tx_council", "th_secretariat"]

# The certificate pages belong to the secretariat (and the administrator) of the issuer's scope.
# kt_staff is in the scope of the ward's own decision only (403 there); km_staff of none.
GET_TABLE = {
    "certificates:list":           [302, 403, 403, 200, 200, 403, 200],
    "certificates:detail":         [302, 404, 404, 200, 200, 403, 404],
    "certificates:detail_of_ward": [302, 403, 404, 200, 200, 403, 404],
    "certificates:print_batch_list":           [302, 403, 403, 200, 200, 403, 200],
    "certificates:print_batch_detail":         [302, 404, 404, 200, 200, 403, 404],
    "certificates:print_batch_panel":          [302, 404, 404, 200, 200, 403, 404],
    "certificates:print_batch_download":       [302, 404, 404, 200, 200, 403, 404],
    "certificates:print_batch_download_zip":   [302, 404, 404, 200, 200, 403, 404],
}  # fmt: skip

POST_TABLE = {
    "certificates:decision_print":             [302, 404, 404, 302, 302, 403, 404],
    "certificates:decision_print_of_ward":     [302, 403, 404, 302, 302, 403, 404],
    "certificates:print_selection":            [302, 403, 403, 302, 302, 403, 302],
    "certificates:lines":          [302, 404, 404, 302, 302, 403, 404],
    "certificates:lines_of_ward":  [302, 403, 404, 302, 302, 403, 404],
    "certificates:reprint":        [302, 404, 404, 302, 302, 403, 404],
    "certificates:print_batch_retry":          [302, 404, 404, 302, 302, 403, 404],
}  # fmt: skip


def _url(key, w):
    return {
        "certificates:list": reverse("certificates:list"),
        "certificates:detail": reverse("certificates:detail", args=[w.award.pk]),
        "certificates:detail_of_ward": reverse("certificates:detail", args=[w.ward_award.pk]),
        "certificates:print_batch_list": reverse("certificates:print_batch_list"),
        "certificates:print_batch_detail": reverse("certificates:print_batch_detail", args=[w.batch.pk]),
        "certificates:print_batch_panel": reverse("certificates:print_batch_panel", args=[w.batch.pk]),
        "certificates:print_batch_download": reverse("certificates:print_batch_download", args=[w.batch.pk, "pdf"]),
        "certificates:print_batch_download_zip": reverse("certificates:print_batch_download", args=[w.batch.pk, "zip"]),
        "certificates:decision_print": reverse("certificates:decision_print", args=[w.decision.pk]),
        "certificates:decision_print_of_ward": reverse("certificates:decision_print", args=[w.ward_decision.pk]),
        "certificates:print_selection": reverse("certificates:print_selection"),
        "certificates:lines": reverse("certificates:lines", args=[w.award.pk]),
        "certificates:lines_of_ward": reverse("certificates:lines", args=[w.ward_award.pk]),
        "certificates:reprint": reverse("certificates:reprint", args=[w.award.pk]),
        "certificates:print_batch_retry": reverse("certificates:print_batch_retry", args=[w.batch.pk]),
    }[key]


def _post_data(key, w):
    if key.startswith("certificates:lines"):
        return {"name_lines": "NGUYỄN THỊ\nBÌNH", "detail_lines": "", "version": 1}
    if key == "certificates:reprint":
        return {"reason": "Tờ bằng bị nhòe mực", "mode": PrintMode.FULL}
    return {"mode": PrintMode.FULL}


GET_CASES = [(key, role, row[i]) for key, row in GET_TABLE.items() for i, role in enumerate(ROLES)]
POST_CASES = [(key, role, row[i]) for key, row in POST_TABLE.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("key", "role", "expected"), GET_CASES, ids=[f"{k}-{r}" for k, r, _ in GET_CASES])
def test_certificate_pages_permission_table(client, printing, key, role, expected):
    if role != "anonymous":
        client.force_login(getattr(printing.users, role))
    ensure_certificate = printing.ward_award  # the ward's award has no certificate yet: its page still opens
    assert not Certificate.objects.filter(award=ensure_certificate).exists()
    assert client.get(_url(key, printing)).status_code == expected


@pytest.mark.parametrize(("key", "role", "expected"), POST_CASES, ids=[f"{k}-{r}" for k, r, _ in POST_CASES])
def test_certificate_actions_permission_table(client, printing, key, role, expected):
    if role != "anonymous":
        client.force_login(getattr(printing.users, role))
    batches, entries = PrintBatch.objects.count(), AuditLog.objects.count()
    response = client.post(_url(key, printing), _post_data(key, printing))
    assert response.status_code == expected
    if expected != 302 or role == "anonymous":
        assert (PrintBatch.objects.count(), AuditLog.objects.count()) == (batches, entries)  # nothing happened


def test_the_actions_are_post_only(client, printing):
    client.force_login(printing.users.tx_secretariat)
    for key in POST_TABLE:
        assert client.get(_url(key, printing)).status_code == 405, key


def test_every_certificate_url_name_is_covered():
    from awards.certificates.urls import app_name, urlpatterns
    from awards.certificates.views import printing

    names = {f"{app_name}:{p.name}" for p in urlpatterns if p.callback.view_class.__module__ == printing.__name__}
    assert names == {k.removesuffix("_of_ward").removesuffix("_zip") for k in [*GET_TABLE, *POST_TABLE]}


# --- the list and the print of a filtered list ----------------------------------------------


def test_the_list_shows_the_printable_awards_in_scope(client, printing):
    client.force_login(printing.users.tx_secretariat)
    page = client.get(reverse("certificates:list")).content.decode()
    assert "Nguyễn Thị Bình" in page and "Phạm Văn Dũng" in page and printing.km.name in page
    assert "Nguyễn Văn Em" not in page  # the district TH's decision
    code = printing.award.certificate.code_display
    assert code in page and 'id="print-selection"' in page


def test_the_list_finds_names_without_accents_and_by_code(client, printing):
    client.force_login(printing.users.tx_secretariat)
    page = client.get(reverse("certificates:list"), {"q": "nguyen thi binh"}).content.decode()
    assert "Nguyễn Thị Bình" in page and "Lê Văn Cường" not in page
    page = client.get(reverse("certificates:list"), {"q": "khuong mai"}).content.decode()  # a collective
    assert printing.km.name in page and "Nguyễn Thị Bình" not in page
    code = printing.award.certificate.code
    page = client.get(reverse("certificates:list"), {"q": f"{code[:4].lower()}-{code[4:]}"}).content.decode()
    assert "Nguyễn Thị Bình" in page and "Lê Văn Cường" not in page


def test_the_list_filters_on_printed(client, printing):
    client.force_login(printing.users.tx_secretariat)
    page = client.get(reverse("certificates:list"), {"printed": "false"}).content.decode()
    assert "Phạm Văn Dũng" in page and "Nguyễn Thị Bình" not in page
    page = client.get(reverse("certificates:list"), {"printed": "true"}).content.decode()
    assert "Nguyễn Thị Bình" in page and "Phạm Văn Dũng" not in page


def test_the_list_says_when_nothing_is_printable(client, db):
    world = build_world()
    client.force_login(world.users.tx_secretariat)
    response = client.get(reverse("certificates:list"))
    assert response.status_code == 200
    assert 'id="print-selection"' not in response.content.decode()
    assert response.context["total"] == 0


def _batch_awards(batch):
    ids = [pk for chunk in batch.chunks.all() for pk in chunk.certificate_ids]
    return set(Certificate.objects.filter(pk__in=ids).values_list("award_id", flat=True))


def test_printing_the_filtered_list_prints_only_those_awards(client, printing):
    client.force_login(printing.users.tx_secretariat)
    token = str(uuid.uuid4())
    data = {"q": "nguyen", "year": "2026", "award_type": printing.gk.pk, "mode": PrintMode.BLANK,
            "printer": printing.printer.pk, "token": token}  # fmt: skip
    response = client.post(reverse("certificates:print_selection"), data)
    batch = PrintBatch.objects.get(request_token=token)
    assert response.status_code == 302 and response["Location"] == reverse(
        "certificates:print_batch_detail", args=[batch.pk]
    )
    # Nguyễn Thị Bình of TX; Nguyễn Văn Em is another district's; Lê Văn Cường does not match.
    assert _batch_awards(batch) == {printing.award.pk}
    assert batch.kind == BatchKind.SELECTION and batch.unit == printing.tx and batch.total == 1
    assert batch.mode == PrintMode.BLANK and batch.printer == printing.printer
    assert printing.gk.name in batch.description and "2026" in batch.description and "1" in batch.description
    assert batch.status == BatchStatus.RUNNING


def test_printing_an_unfiltered_list_prints_everything_in_scope(client, printing):
    client.force_login(printing.users.tx_secretariat)
    client.post(reverse("certificates:print_selection"), {"mode": PrintMode.FULL, "token": str(uuid.uuid4())})
    batch = PrintBatch.objects.filter(kind=BatchKind.SELECTION).get()
    expected = set(Award.objects.filter(decision_line__decision__in=[printing.decision, printing.ward_decision]))
    assert _batch_awards(batch) == {a.pk for a in expected}


def test_an_invalid_filter_prints_nothing(client, printing):
    client.force_login(printing.users.tx_secretariat)
    response = client.post(reverse("certificates:print_selection"), {"issuer": printing.th.pk, "mode": PrintMode.FULL})
    assert response.status_code == 302 and response["Location"].startswith(reverse("certificates:list"))
    assert not PrintBatch.objects.filter(kind=BatchKind.SELECTION).exists()


def test_a_printer_of_another_district_is_refused(client, printing):
    other = Printer.objects.create(name="HP Tây Hồ", unit=printing.th)
    client.force_login(printing.users.tx_secretariat)
    client.post(
        reverse("certificates:decision_print", args=[printing.decision.pk]),
        {"mode": PrintMode.FULL, "printer": other.pk},
    )
    assert PrintBatch.objects.count() == 1


# --- the print of a decision ----------------------------------------------------------------


def test_the_same_token_twice_starts_one_batch(client, printing):
    client.force_login(printing.users.tx_secretariat)
    url = reverse("certificates:decision_print", args=[printing.decision.pk])
    data = {"mode": PrintMode.FULL, "token": str(uuid.uuid4()), "again": "on"}  # the fixture's batch is printed
    first, second = client.post(url, data), client.post(url, data)
    assert PrintBatch.objects.filter(decision=printing.decision).count() == 2  # the fixture's and this one
    assert first["Location"] == second["Location"]
    batch = PrintBatch.objects.get(request_token=data["token"])
    assert first["Location"] == reverse("certificates:print_batch_detail", args=[batch.pk]) and batch.total == 3
    third = client.post(url, {**data, "token": str(uuid.uuid4())})  # a new form while it prints: that batch
    assert third["Location"] == first["Location"] and PrintBatch.objects.filter(decision=printing.decision).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("catalogue")
def test_a_double_click_at_the_same_moment_starts_one_batch(catalogue, monkeypatch):
    """Both requests run at once: the later one finds no batch for the token yet, fails on what
    the first one wrote (the token, a certificate) and answers with the first one's batch."""
    monkeypatch.setattr(batches, "dispatch_chunks", lambda *args, **kwargs: None)  # no worker here
    w = build_world()
    gk = AwardType.objects.get(code="GK_QUAN")
    CertificateTemplate.objects.create(name="Giấy khen", award_type=gk, heading="GIẤY KHEN", issuer_title="CHỦ TỊCH",
                                       place="Thanh Xuân")  # fmt: skip
    decision = decision_of(w.tx, [PersonFactory(unit=w.kt) for _ in range(60)], "12/QĐ-UBND")
    data = {"mode": PrintMode.FULL, "token": str(uuid.uuid4())}

    def click(client):
        response = client.post(reverse("certificates:decision_print", args=[decision.pk]), data)
        return response.status_code, response["Location"]

    answers = at_once(2, click, setup=logged_in(w.users.tx_secretariat))
    batch = PrintBatch.objects.get()
    assert answers == [(302, reverse("certificates:print_batch_detail", args=[batch.pk]))] * 2
    assert batch.total == 60 and Certificate.objects.count() == 60


def test_a_refusal_is_shown_on_the_decision_page(client, printing):
    CertificateTemplate.objects.update(is_active=False)
    client.force_login(printing.users.tx_secretariat)
    url = reverse("certificates:decision_print", args=[printing.decision.pk])
    response = client.post(url, {"mode": PrintMode.FULL, "again": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("decisions:detail", args=[printing.decision.pk])
    assert printing.gk.name in response.content.decode()  # "there is no certificate template for: …"
    assert PrintBatch.objects.count() == 1


def test_the_decision_page_offers_printing_to_the_secretariat_only(client, printing):
    url = reverse("decisions:detail", args=[printing.decision.pk])
    client.force_login(printing.users.tx_secretariat)
    page = client.get(url).content.decode()
    assert (
        'id="decision-print"' in page and reverse("certificates:print_batch_detail", args=[printing.batch.pk]) in page
    )
    assert 'name="token"' in page and printing.printer.name in page
    client.force_login(printing.users.tx_council)
    assert 'id="decision-print"' not in client.get(url).content.decode()


def test_a_draft_decision_offers_no_printing(client, printing):
    draft = Decision.objects.create(issuer=printing.tx, status=DecisionStatus.DRAFT)
    client.force_login(printing.users.tx_secretariat)
    assert 'id="decision-print"' not in client.get(reverse("decisions:detail", args=[draft.pk])).content.decode()
    response = client.post(reverse("certificates:decision_print", args=[draft.pk]), {"mode": PrintMode.FULL})
    assert response["Location"] == reverse("decisions:detail", args=[draft.pk])
    assert PrintBatch.objects.count() == 1


# --- batches: progress, download, retry -----------------------------------------------------


def _running_batch(w):
    return start_decision_batch(w.decision, actor=w.users.tx_secretariat, token=uuid.uuid4(), again=True)


def test_the_panel_polls_while_printing_and_offers_the_files_when_ready(client, printing):
    client.force_login(printing.users.tx_secretariat)
    running = _running_batch(printing)
    page = client.get(reverse("certificates:print_batch_panel", args=[running.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'data-total="3"' in page and 'data-done="0"' in page
    page = client.get(reverse("certificates:print_batch_panel", args=[printing.batch.pk])).content.decode()
    assert "hx-trigger" not in page
    assert reverse("certificates:print_batch_download", args=[printing.batch.pk, "pdf"]) in page
    assert reverse("certificates:print_batch_download", args=[printing.batch.pk, "zip"]) in page


def test_download_is_404_before_the_batch_is_ready(client, printing):
    client.force_login(printing.users.tx_secretariat)
    running = _running_batch(printing)
    for fmt in ("pdf", "zip"):
        assert client.get(reverse("certificates:print_batch_download", args=[running.pk, fmt])).status_code == 404
    assert client.get(reverse("certificates:print_batch_download", args=[printing.batch.pk, "docx"])).status_code == 404
    response = client.get(reverse("certificates:print_batch_download", args=[printing.batch.pk, "pdf"]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.7 test"
    assert response["Content-Disposition"].startswith(f'attachment; filename="in-bang-{printing.batch.pk}.pdf"; ')


def test_a_failed_batch_shows_its_error_and_can_be_retried(client, printing):
    client.force_login(printing.users.tx_secretariat)
    batch = _running_batch(printing)
    batch.chunks.update(status=ChunkStatus.FAILED, attempts=3, error="RenderError")
    PrintBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, error="Phần 1 bị lỗi: RenderError")
    page = client.get(reverse("certificates:print_batch_detail", args=[batch.pk])).content.decode()
    assert "Phần 1 bị lỗi" in page and reverse("certificates:print_batch_retry", args=[batch.pk]) in page
    response = client.post(reverse("certificates:print_batch_retry", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'hx-trigger="every 1s"' in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING and not batch.chunks.exclude(status=ChunkStatus.PENDING).exists()
    assert AuditLog.objects.filter(action="print.retry").count() == 1
    # Retrying a batch that is not failed is refused with a message, not an error page.
    response = client.post(reverse("certificates:print_batch_retry", args=[batch.pk]), follow=True)
    assert response.status_code == 200 and AuditLog.objects.filter(action="print.retry").count() == 1


def test_the_batch_list_shows_progress_and_downloads(client, printing):
    client.force_login(printing.users.tx_secretariat)
    running = _running_batch(printing)
    running.chunks.update(status=ChunkStatus.DONE)  # all rendered, not merged yet
    page = client.get(reverse("certificates:print_batch_list")).content.decode()
    assert reverse("certificates:print_batch_detail", args=[running.pk]) in page
    assert reverse("certificates:print_batch_download", args=[printing.batch.pk, "pdf"]) in page
    assert reverse("certificates:print_batch_download", args=[running.pk, "pdf"]) not in page
    assert "3 / 3" in page


# --- one certificate: line breaks and reprint -----------------------------------------------


def test_the_certificate_page(client, printing):
    client.force_login(printing.users.tx_secretariat)
    certificate = printing.award.certificate
    page = client.get(reverse("certificates:detail", args=[printing.award.pk])).content.decode()
    assert certificate.code_display in page and reverse("public:verify", args=[certificate.code]) in page
    assert "12/QĐ-UBND" in page and reverse("certificates:reprint", args=[printing.award.pk]) in page


def test_line_breaks_are_saved_and_a_stale_form_is_refused(client, printing):
    client.force_login(printing.users.tx_secretariat)
    award, url = printing.ward_award, reverse("certificates:lines", args=[printing.ward_award.pk])
    form = client.get(reverse("certificates:detail", args=[award.pk])).context["lines_form"]
    assert form.initial["version"] == 1  # no certificate yet: it is made at version 1
    response = client.post(url, {"name_lines": " PHẠM  VĂN\nDŨNG ", "detail_lines": "", "version": 1})
    assert response.status_code == 302
    certificate = Certificate.objects.get(award=award)
    assert (certificate.name_lines, certificate.detail_lines, certificate.version) == ("PHẠM VĂN\nDŨNG", "", 2)
    entry = AuditLog.objects.for_object(award).get(action="certificate.lines")
    assert entry.unit == printing.kt and entry.data["changes"]["name_lines"] == ["", "PHẠM VĂN\nDŨNG"]
    # Someone who opened the page before that save sends version 1: refused, nothing overwritten.
    response = client.post(url, {"name_lines": "PHẠM\nVĂN DŨNG", "detail_lines": "", "version": 1})
    assert response.status_code == 200 and response.context["lines_form"].non_field_errors()
    certificate.refresh_from_db()
    assert certificate.name_lines == "PHẠM VĂN\nDŨNG" and certificate.version == 2
    # Empty again: print as recorded.
    assert client.post(url, {"name_lines": "", "detail_lines": "", "version": 2}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.name_lines == "" and certificate.version == 3
    assert AuditLog.objects.for_object(award).filter(action="certificate.lines").count() == 2
    history = client.get(reverse("certificates:detail", args=[award.pk])).content.decode()
    assert "PHẠM VĂN" in history


def test_a_reprint_is_counted_and_recorded(client, printing):
    client.force_login(printing.users.tx_secretariat)
    url = reverse("certificates:reprint", args=[printing.award.pk])
    token = str(uuid.uuid4())
    response = client.post(url, {"reason": "Tờ bằng bị nhòe mực", "mode": PrintMode.FULL, "token": token})
    batch = PrintBatch.objects.get(request_token=token)
    assert response["Location"] == reverse("certificates:print_batch_detail", args=[batch.pk])
    assert batch.kind == BatchKind.REPRINT and batch.total == 1 and batch.reason == "Tờ bằng bị nhòe mực"
    # Logged when asked for, counted once printed (a reprint that fails is not a reprint).
    assert Certificate.objects.get(award=printing.award).reprint_count == 0
    for chunk in batch.chunks.all():
        assert batches.render_chunk(chunk.pk) == "done"
    assert batches.merge(batch.pk) == "ready"
    assert Certificate.objects.get(award=printing.award).reprint_count == 1
    entry = AuditLog.objects.for_object(printing.award).get(action="certificate.reprint")
    assert entry.data["reason"] == "Tờ bằng bị nhòe mực" and entry.actor == printing.users.tx_secretariat
    client.post(url, {"reason": "Tờ bằng bị nhòe mực", "mode": PrintMode.FULL, "token": token})  # double click
    assert Certificate.objects.get(award=printing.award).reprint_count == 1
    page = client.get(reverse("certificates:print_batch_detail", args=[batch.pk])).content.decode()
    assert reverse("certificates:detail", args=[printing.award.pk]) in page
    page = client.get(reverse("certificates:detail", args=[printing.award.pk])).content.decode()
    assert "Tờ bằng bị nhòe mực" in page  # in the history


def test_a_reprint_needs_a_reason_and_a_printed_certificate(client, printing):
    client.force_login(printing.users.tx_secretariat)
    response = client.post(reverse("certificates:reprint", args=[printing.award.pk]), {"mode": PrintMode.FULL})
    assert response.status_code == 200 and response.context["reprint_form"].errors["reason"]
    response = client.post(
        reverse("certificates:reprint", args=[printing.ward_award.pk]), {"reason": "Hỏng", "mode": PrintMode.FULL}
    )
    assert response.status_code == 302 and not Certificate.objects.filter(award=printing.ward_award).exists()
    assert PrintBatch.objects.count() == 1


def test_a_revoked_award_has_a_page_but_prints_nothing(client, printing):
    Award.objects.filter(pk=printing.award.pk).update(revoked=True)
    client.force_login(printing.users.tx_secretariat)
    response = client.get(reverse("certificates:detail", args=[printing.award.pk]))
    assert response.status_code == 200 and 'id="certificate-reprint"' not in response.content.decode()
    response = client.post(
        reverse("certificates:reprint", args=[printing.award.pk]), {"reason": "Hỏng", "mode": PrintMode.FULL}
    )
    assert PrintBatch.objects.count() == 1
    list_page = client.get(reverse("certificates:list")).content.decode()
    assert "Nguyễn Thị Bình" not in list_page


# --- query counts ---------------------------------------------------------------------------


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(w, count, start):
    """`count` more awards (people and collectives) and as many print batches of them, the last one printing."""
    people = [PersonFactory(full_name=f"Trần Văn Giang {start + i}", unit=w.kt) for i in range(count // 2)]
    units = [UnitFactory(name=f"Tổ dân phố số {start + i}", parent=w.km) for i in range(count - count // 2)]
    decision = decision_of(w.tx, [*people, *units], f"{100 + start}/QĐ-UBND")
    for i in range(count):
        batch = start_decision_batch(decision, actor=w.users.tx_secretariat, token=uuid.uuid4(), again=True)
        if i < count - 1:  # printed again and again; the last one still printing
            make_ready(batch)


@pytest.mark.parametrize("name", ["certificates:list", "certificates:print_batch_list"])
def test_the_lists_do_not_grow_with_rows(client, printing, name):
    client.force_login(printing.users.tx_secretariat)
    url = reverse(name)
    _grow(printing, 2, 0)
    few = _count(client, url)
    _grow(printing, 8, 10)
    assert _count(client, url) == few


def test_the_certificate_page_is_bounded(client, printing):
    client.force_login(printing.users.tx_secretariat)
    url = reverse("certificates:detail", args=[printing.award.pk])
    few = _count(client, url)
    for i in range(5):
        client.post(reverse("certificates:lines", args=[printing.award.pk]),
                    {"name_lines": f"Dòng {i}", "detail_lines": "", "version": 1 + i})  # fmt: skip
    assert _count(client, url) == few


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("catalogue")
def test_two_tabs_printing_the_same_decision_at_once_start_one_batch(catalogue, monkeypatch):
    """Two forms (two tokens) sent at the same moment: the decision is printed once, and both
    tabs are taken to that batch."""
    monkeypatch.setattr(batches, "dispatch_chunks", lambda *args, **kwargs: None)  # no worker here
    w = build_world()
    gk = AwardType.objects.get(code="GK_QUAN")
    CertificateTemplate.objects.create(name="Giấy khen", award_type=gk, heading="GIẤY KHEN", issuer_title="CHỦ TỊCH",
                                       place="Thanh Xuân")  # fmt: skip
    decision = decision_of(w.tx, [PersonFactory(unit=w.kt) for _ in range(20)], "13/QĐ-UBND")

    def tab(client):  # each tab has a form of its own, so a token of its own
        data = {"mode": PrintMode.FULL, "token": str(uuid.uuid4())}
        response = client.post(reverse("certificates:decision_print", args=[decision.pk]), data)
        return response.status_code, response["Location"]

    answers = at_once(2, tab, setup=logged_in(w.users.tx_secretariat))
    batch = PrintBatch.objects.get()
    assert answers == [(302, reverse("certificates:print_batch_detail", args=[batch.pk]))] * 2
    assert batch.total == 20 and Certificate.objects.count() == 20


def test_printing_a_printed_decision_again_is_explicit(client, printing):
    client.force_login(printing.users.tx_secretariat)
    url = reverse("certificates:decision_print", args=[printing.decision.pk])
    response = client.post(url, {"mode": PrintMode.FULL, "token": str(uuid.uuid4())}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("certificates:print_batch_detail", args=[printing.batch.pk])
    assert "đã được in" in response.content.decode()
    assert PrintBatch.objects.filter(decision=printing.decision).count() == 1
    client.post(url, {"mode": PrintMode.FULL, "token": str(uuid.uuid4()), "again": "on"})
    assert PrintBatch.objects.filter(decision=printing.decision).count() == 2
    page = client.get(reverse("decisions:detail", args=[printing.decision.pk])).content.decode()
    assert 'name="again"' in page
