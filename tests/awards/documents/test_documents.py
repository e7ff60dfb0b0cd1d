"""Minutes and decision PDFs: rendered for real with WeasyPrint and read back with pypdf.

The tests run the task's service in the test process; test_documents_worker.py sends both documents
through a real Celery worker (in-process, pool=solo, on a queue of its own) over the configured broker.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from awards.catalogue.models import AwardType
from awards.council import services as council_service
from awards.council.models import Council, CouncilMember, CouncilSession
from awards.decisions.services import draft_from_session, sign
from awards.documents import services
from awards.documents.models import DocumentKind, DocumentStatus, GeneratedDocument, Minutes
from awards.documents.sources import decision_source, minutes_source
from awards.enums import CouncilRole, NominationStatus
from awards.nominations.models import Nomination
from awards.nominations.services import add_nomination, set_nomination_state, submit
from tests.awards.council.test_council import PASSPHRASE
from tests.awards.pdfs import assert_noto_embedded, read_pdf
from tests.awards.world import build_world
from tests.factories import PersonFactory, UnitFactory, UserFactory
from thiduakt.enums import Role, UnitKind
from thiduakt.errors import DomainError, EditConflict
from thiduakt.pdf.fetcher import StaticFilesFetcher, URLRefused
from thiduakt.pdf.render import RenderError, render_pdf
from thiduakt.services.records import update_record

MINUTES, DECISION = DocumentKind.MINUTES, DocumentKind.DECISION
MEMBERS = [
    ("Nguyễn Văn Chủ", CouncilRole.CHAIR, Role.COUNCIL_CHAIR),
    ("Trần Thị Phó", CouncilRole.VICE_CHAIR, Role.COUNCIL_MEMBER),
    ("Lê Văn Ba", CouncilRole.MEMBER, Role.COUNCIL_MEMBER),
    ("Phạm Thị Bốn", CouncilRole.MEMBER, Role.COUNCIL_MEMBER),
    ("Hoàng Văn Năm", CouncilRole.MEMBER, Role.COUNCIL_MEMBER),  # absent, sends a written opinion
]
BASES = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
    "Nghị định số 152/2025/NĐ-CP ngày 25 tháng 6 năm 2025 quy định chi tiết Luật Thi đua, khen thưởng"
)


def make_world():
    """Quận Thanh Xuân's council (5 members, 4 present) has voted on four nominations:
    Nguyễn Văn An (LĐTT, open, with a written opinion), Nguyễn Thị Hằng (LĐTT, open, one
    member against), Phạm Đức Thắng (CSTĐ cơ sở, secret, ≥ 90% of all members: fails) and the
    collective Tổ dân phố số 5 (TTLĐTT). The decision 123/QĐ-UBND grants the three approved."""
    world = build_world()
    rules = {"LDTT": (False, "0.5", "present"), "CSTD_CS": (True, "0.9", "all"), "TTLDTT": (False, "0.5", "present")}
    for code, (secret, threshold, denominator) in rules.items():
        AwardType.objects.filter(code=code).update(
            vote_secret=secret, vote_threshold=Decimal(threshold), vote_denominator=denominator,
            quorum=Decimal("0.5"), public_posting=False,
        )  # fmt: skip
    world.council = Council.objects.create(
        unit=world.tx, name="Hội đồng Thi đua - Khen thưởng quận Thanh Xuân", term_start=datetime.date(2021, 7, 1)
    )
    world.members = []
    for name, seat, role in MEMBERS:
        user = UserFactory(full_name=name, role=role, unit=world.tx)
        world.members.append(CouncilMember.objects.create(council=world.council, user=user, role=seat))
    world.chair = world.members[0].user
    staff, secretariat = world.users.kt_staff, world.users.tx_secretariat
    world.hang = PersonFactory(full_name="Nguyễn Thị Hằng", unit=world.kt, position="Kế toán")
    world.thang = PersonFactory(full_name="Phạm Đức Thắng", unit=world.kt, position="Phó Chủ tịch UBND phường")
    world.group = UnitFactory(name="Tổ dân phố số 5", parent=world.kt, kind=UnitKind.RESIDENTIAL)
    for nominee, code in ((world.hang, "LDTT"), (world.thang, "CSTD_CS"), (world.group, "TTLDTT")):
        key = "unit" if nominee is world.group else "person"
        add_nomination(
            world.submission, actor=staff,
            data={key: nominee, "award_type": AwardType.objects.get(code=code), "achievement": "Hoàn thành tốt."},
        )  # fmt: skip
    submit(world.submission, actor=staff)
    nominations = [
        set_nomination_state(n, NominationStatus.VERIFIED, actor=secretariat, refresh=False)
        for n in Nomination.objects.filter(submission=world.submission, status=NominationStatus.SUBMITTED)
    ]
    world.session = CouncilSession.objects.create(
        council=world.council, held_on=datetime.date(2024, 12, 20), place="Phòng họp tầng 3, trụ sở UBND quận"
    )
    council_service.add_to_agenda(world.session, nominations, actor=secretariat)
    present = world.members[:4]
    council_service.record_attendance(world.session, present, actor=secretariat)
    council_service.open_voting(world.session, actor=secretariat, passphrase=PASSPHRASE)
    against = {("Lê Văn Ba", "Nguyễn Thị Hằng"), ("Phạm Thị Bốn", "Phạm Đức Thắng")}
    for item in world.session.items.select_related("nomination__person", "nomination__unit"):
        nominee = item.nomination.nominee
        for member in present:
            agree = (member.user.full_name, str(getattr(nominee, "full_name", ""))) not in against
            council_service.cast_vote(item, user=member.user, agree=agree)
        if nominee == world.an:
            council_service.cast_vote(item, user=world.members[4].user, agree=True, written_by=secretariat)
    world.session = council_service.close_voting(world.session, actor=world.chair, passphrase=PASSPHRASE)
    world.decision = draft_from_session(
        world.session, actor=secretariat,
        data={
            "issuer": world.tx, "number": "123/QĐ-UBND", "date": datetime.date(2024, 12, 25),
            "signer_title": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "signer_name": "Nguyễn Văn Chủ", "legal_bases": BASES,
        },
    )  # fmt: skip
    world.users.tx_staff = UserFactory(role=Role.UNIT_STAFF, unit=world.tx)
    return world


@pytest.fixture
def world(db):
    return make_world()


def signed(world):
    world.decision = sign(world.decision, actor=world.chair)
    return world.decision


def produce(kind, obj, actor, django_capture_on_commit_callbacks):
    """Request a document and run its task's service here; the dispatch is checked, not sent."""
    with django_capture_on_commit_callbacks() as callbacks:
        document, sent = services.request_document(kind, obj, actor)
    assert sent and len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True):  # e.g. deleting the file it replaces
        assert services.render(document.pk) == DocumentStatus.READY
    document.refresh_from_db()
    return document


# --- the documents ---------------------------------------------------------------------------


def test_minutes_pdf_reads_back(world, django_capture_on_commit_callbacks):
    document = produce(MINUTES, world.session, world.users.tx_secretariat, django_capture_on_commit_callbacks)
    assert document.pages >= 1 and document.size > 0 and document.filename == "bien-ban-hop-hoi-dong-2024-12-20.pdf"
    assert Path(document.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    reader, text = read_pdf(document)
    assert len(reader.pages) == document.pages
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "Thanh Xuân, ngày 20 tháng 12 năm 2024",
        "Phòng họp tầng 3", "có mặt 4/5 thành viên (80%)", "Hoàng Văn Năm (có ý kiến bằng văn bản)",
        "Chủ trì: Nguyễn Văn Chủ", "Nguyễn Văn An", "Nguyễn Thị Hằng", "Phạm Đức Thắng", "Tổ dân phố số 5",
        "Lao động tiên tiến", "Bỏ phiếu kín", "5/5", "3/4", "75%", "3/5", "60%", "Không đạt",
        "Không đồng ý: Lê Văn Ba", "đề nghị khen thưởng 3/4 trường hợp (2 cá nhân và 1 tập thể)", "DỰ THẢO",
    ):  # fmt: skip
        assert expected in text, expected
    # The secret ballot names nobody: Phạm Thị Bốn voted against Phạm Đức Thắng in secret.
    assert "Không đồng ý: Phạm Thị Bốn" not in text
    assert_noto_embedded(reader)


def test_decision_pdf_reads_back(world, django_capture_on_commit_callbacks):
    signed(world)
    document = produce(DECISION, world.decision, world.users.tx_secretariat, django_capture_on_commit_callbacks)
    reader, text = read_pdf(document)
    assert len(reader.pages) == document.pages == 2  # the decision, then its attached list
    for expected in (
        "ỦY BAN NHÂN DÂN", "QUẬN THANH XUÂN", "Số: 123/QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Thanh Xuân, ngày 25 tháng 12 năm 2024", "QUYẾT ĐỊNH",
        "Về việc khen thưởng danh hiệu “Lao động tiên tiến” và danh hiệu “Tập thể lao động tiên tiến” năm 2024",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN THANH XUÂN", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP", "Theo đề nghị của Hội đồng Thi đua - Khen thưởng quận Thanh Xuân",
        "Điều 1.", "cho 2 cá nhân", "cho 1 tập thể", "Điều 2.", "Điều 3.", "Nơi nhận:", "Phường Khương Trung;",
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký) Nguyễn Văn Chủ", "DANH SÁCH",
        "Kèm theo Quyết định số 123/QĐ-UBND ngày 25/12/2024 của Chủ tịch Ủy ban nhân dân quận Thanh Xuân",
        "Số sổ vàng", "Nguyễn Văn An", "Nguyễn Thị Hằng", "Kế toán", "Tổ dân phố số 5",
    ):  # fmt: skip
        assert expected in text, expected
    assert "Phạm Đức Thắng" not in text and "DỰ THẢO" not in text
    numbers = sorted(world.decision.lines.values_list("award__registry_number", flat=True))
    assert numbers == [1, 2, 3]
    assert_noto_embedded(reader)


def test_a_draft_decision_is_marked_and_has_no_registry_numbers(world, django_capture_on_commit_callbacks):
    document = produce(DECISION, world.decision, world.users.tx_secretariat, django_capture_on_commit_callbacks)
    _reader, text = read_pdf(document)
    assert "DỰ THẢO" in text and "Số sổ vàng" not in text and "(Đã ký)" not in text


# --- reuse, staleness, failure and retry ----------------------------------------------------------


def test_an_up_to_date_document_is_reused_and_an_edit_makes_it_stale(world, django_capture_on_commit_callbacks):
    actor = world.users.tx_secretariat
    document = produce(DECISION, world.decision, actor, django_capture_on_commit_callbacks)
    first_file = document.file.name
    with django_capture_on_commit_callbacks() as callbacks:
        again, sent = services.request_document(DECISION, world.decision, actor)
    assert (again.pk, sent, callbacks) == (document.pk, False, [])
    update_record(
        world.decision, actor=actor, data={"number": "124/QĐ-UBND"}, expected_version=None,
        action="decision.update", audit_unit=lambda d: d.issuer, fields=("number",),
    )  # fmt: skip
    assert not services.is_current(document, decision_source(world.decision))
    regenerated = produce(DECISION, world.decision, actor, django_capture_on_commit_callbacks)
    assert regenerated.pk == document.pk and regenerated.file.name != first_file
    assert "Số: 124/QĐ-UBND" in read_pdf(regenerated)[1]
    assert not document.file.storage.exists(first_file)  # the outdated file is gone


def test_a_failed_render_is_recorded_and_can_be_retried(world, monkeypatch, django_capture_on_commit_callbacks):
    actor = world.users.tx_secretariat

    def broken(template, context):
        raise RuntimeError("Pango exploded")

    monkeypatch.setattr(services, "render_pdf", broken)
    with django_capture_on_commit_callbacks():
        document, _sent = services.request_document(MINUTES, world.session, actor)
    assert services.render(document.pk) == DocumentStatus.FAILED
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED and "Pango exploded" in document.error and not document.file
    assert document.finished_at is not None
    monkeypatch.undo()
    retried = produce(MINUTES, world.session, actor, django_capture_on_commit_callbacks)
    assert (retried.pk, retried.status, retried.error, retried.attempts) == (document.pk, DocumentStatus.READY, "", 2)


def test_the_task_is_idempotent(world, django_capture_on_commit_callbacks):
    document = produce(MINUTES, world.session, world.users.tx_secretariat, django_capture_on_commit_callbacks)
    assert services.render(document.pk) == DocumentStatus.READY  # a duplicate delivery changes nothing
    document.refresh_from_db()
    assert document.attempts == 1
    assert services.render(987654) == "missing"


def test_an_overtaken_render_does_not_overwrite_the_newer_one(world, django_capture_on_commit_callbacks):
    actor = world.users.tx_secretariat
    with django_capture_on_commit_callbacks():
        document, _sent = services.request_document(MINUTES, world.session, actor)
    claimed = services._claim(document.pk)
    # While it renders, the notes change and someone asks again: the row is pending once more.
    services.save_minutes_notes(world.session, actor=actor, notes="Thêm ý kiến.")
    with django_capture_on_commit_callbacks():
        services.request_document(MINUTES, world.session, actor)
    done, _row = services._finish(claimed, status=DocumentStatus.READY, file="documents/minutes/old.pdf")
    assert not done
    assert GeneratedDocument.objects.get(pk=document.pk).status == DocumentStatus.PENDING


def test_minutes_need_a_closed_session(world):
    session = CouncilSession.objects.create(council=world.council, held_on=datetime.date(2025, 1, 10))
    with pytest.raises(DomainError):
        services.request_document(MINUTES, session, world.users.tx_secretariat)
    assert not GeneratedDocument.objects.filter(session=session).exists()


# --- the notes of the minutes -------------------------------------------------------------------


def test_notes_are_edited_then_finalised(world, django_capture_on_commit_callbacks):
    actor = world.users.tx_secretariat
    minutes = services.save_minutes_notes(
        world.session, actor=actor, notes="Đề nghị bổ sung hồ sơ của ông Thắng.\nHội đồng thống nhất.",
        expected_version=1,
    )  # fmt: skip
    assert minutes.version == 2
    with pytest.raises(EditConflict):
        services.save_minutes_notes(world.session, actor=actor, notes="Khác", expected_version=1)
    with django_capture_on_commit_callbacks() as callbacks:
        minutes, document = services.finalise_minutes(world.session, actor=actor)
    assert minutes.final and len(callbacks) == 1
    with pytest.raises(DomainError):
        services.save_minutes_notes(world.session, actor=actor, notes="Sửa sau khi chốt")
    with pytest.raises(DomainError):
        services.finalise_minutes(world.session, actor=actor)
    assert services.render(document.pk) == DocumentStatus.READY
    document.refresh_from_db()
    _reader, text = read_pdf(document)
    assert "Đề nghị bổ sung hồ sơ của ông Thắng." in text and "Hội đồng thống nhất." in text
    assert "DỰ THẢO" not in text
    assert Minutes.objects.get(session=world.session).notes.startswith("Đề nghị")
    assert minutes_source(world.session).context["final"] is True


# --- the safe URL fetcher ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png", "https://example.com/font.ttf", "ftp://example.com/x", "data:,hello",
        "file:///etc/passwd", "file://otherhost/static/fonts/noto/NotoSerif-Regular.ttf",
    ],
)  # fmt: skip
def test_the_fetcher_refuses_the_network_and_other_files(url):
    fetcher = StaticFilesFetcher()
    with pytest.raises(URLRefused):
        fetcher.fetch(url)
    assert fetcher.problems


def test_the_fetcher_stays_inside_static(tmp_path):
    fetcher = StaticFilesFetcher()
    font = fetcher.root / "fonts" / "noto" / "NotoSerif-Regular.ttf"
    response = fetcher.fetch(font.as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00" and fetcher.problems == []
    with pytest.raises(URLRefused):  # ../ out of static/
        fetcher.fetch(fetcher.base_url + "../manage.py")
    with pytest.raises(URLRefused):
        fetcher.fetch(fetcher.base_url + "fonts/noto/missing.ttf")
    # A symlink inside the root that points outside it is outside.
    root = tmp_path / "static"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(URLRefused):
        StaticFilesFetcher(root=root).fetch((root / "link.txt").as_uri())
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    (media / "upload.pdf").write_bytes(b"%PDF-")
    with pytest.raises(URLRefused):
        fetcher.fetch((media / "upload.pdf").as_uri())


def test_a_refused_resource_fails_the_render(monkeypatch):
    html = (
        '<html><body><img src="http://example.com/x.png"><img src="file:///etc/passwd">'
        '<img src="../manage.py"><p>Nguyễn</p></body></html>'
    )
    monkeypatch.setattr("thiduakt.pdf.render.render_html", lambda template, context: html)
    with pytest.raises(RenderError) as failure:
        render_pdf("unused.html", {})
    message = str(failure.value)
    assert "http://example.com/x.png" in message and "/etc/passwd" in message and "manage.py" in message


# --- pages and permissions --------------------------------------------------------------------------

ROLES = ["anonymous", "kt_staff", "tx_staff", "tx_secretariat", "tx_council", "th_secretariat"]
TABLE = {
    "minutes_page":      [302, 404, 403, 200, 200, 404],
    "minutes_panel":     [302, 404, 403, 200, 200, 404],
    "minutes_download":  [302, 404, 403, 200, 200, 404],
    "decision_page":     [302, 404, 403, 200, 200, 404],
    "decision_panel":    [302, 404, 403, 200, 200, 404],
    "decision_download": [302, 404, 403, 200, 200, 404],
    "unknown_kind":      [302, 404, 404, 404, 404, 404],
}  # fmt: skip
POSTS = {
    "minutes_request":   [302, 404, 403, 302, 302, 404],
    "decision_request":  [302, 404, 403, 302, 302, 404],
    "minutes_notes":     [302, 404, 403, 302, 403, 404],
    "documents:minutes_finalise":  [302, 404, 403, 302, 403, 404],
}  # fmt: skip


def _url(key, world):
    s, d = world.session.pk, world.decision.pk
    return {
        "minutes_page": reverse("documents:page", args=["minutes", s]),
        "minutes_panel": reverse("documents:panel", args=["minutes", s]),
        "minutes_download": reverse("documents:download", args=["minutes", s]),
        "minutes_request": reverse("documents:request", args=["minutes", s]),
        "minutes_notes": reverse("documents:page", args=["minutes", s]),
        "documents:minutes_finalise": reverse("documents:minutes_finalise", args=[s]),
        "decision_page": reverse("documents:page", args=["decision", d]),
        "decision_panel": reverse("documents:panel", args=["decision", d]),
        "decision_download": reverse("documents:download", args=["decision", d]),
        "decision_request": reverse("documents:request", args=["decision", d]),
        "unknown_kind": reverse("documents:page", args=["passport", s]),
    }[key]


@pytest.fixture
def rendered(world):
    """Both documents ready (a stand-in file: the rendering is tested above, access here)."""
    for kind, target in ((MINUTES, world.session), (DECISION, world.decision)):
        document = GeneratedDocument(kind=kind, status=DocumentStatus.READY, filename=f"{kind}.pdf")
        setattr(document, services.target_field(kind), target)
        document.file.save(f"{kind}.pdf", ContentFile(b"%PDF-1.7 stand-in"))
    return world


def _login(client, world, role):
    if role != "anonymous":
        client.force_login(getattr(world.users, role))


GET_CASES = [(key, role, row[i]) for key, row in TABLE.items() for i, role in enumerate(ROLES)]
POST_CASES = [(key, role, row[i]) for key, row in POSTS.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("key", "role", "expected"), GET_CASES, ids=[f"{k}-{r}" for k, r, _ in GET_CASES])
def test_document_pages_permission_table(client, rendered, key, role, expected):
    world = rendered
    world.users.tx_council = world.members[2].user  # a council member of Quận Thanh Xuân
    _login(client, world, role)
    assert client.get(_url(key, world)).status_code == expected


@pytest.mark.parametrize(("key", "role", "expected"), POST_CASES, ids=[f"{k}-{r}" for k, r, _ in POST_CASES])
def test_document_actions_permission_table(client, world, key, role, expected, django_capture_on_commit_callbacks):
    world.users.tx_council = world.members[2].user
    _login(client, world, role)
    with django_capture_on_commit_callbacks():
        response = client.post(_url(key, world), {"notes": "Ghi chú", "version": 1})
    assert response.status_code == expected


def test_every_document_url_is_covered():
    from awards.documents.urls import app_name, urlpatterns

    covered = {
        "documents:page",
        "documents:panel",
        "documents:download",
        "documents:request",
        "documents:minutes_finalise",
    }
    assert {f"{app_name}:{p.name}" for p in urlpatterns} == covered


def test_the_panel_polls_while_pending_and_offers_retry_after_failure(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.users.tx_secretariat)
    panel_url = reverse("documents:panel", args=["decision", world.decision.pk])
    empty = client.get(panel_url).content.decode()
    assert "every 2s" not in empty and reverse("documents:request", args=["decision", world.decision.pk]) in empty
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("documents:request", args=["decision", world.decision.pk]), headers={"HX-Request": "true"}
        )
    assert len(callbacks) == 1
    html = response.content.decode()
    assert 'hx-trigger="every 2s"' in html and f'hx-get="{panel_url}"' in html and 'data-status="pending"' in html
    document = GeneratedDocument.objects.get(decision=world.decision)
    GeneratedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.FAILED, error="OSError: disk full")
    html = client.get(panel_url).content.decode()
    assert "every 2s" not in html and "OSError: disk full" in html and 'data-status="failed"' in html
    assert f'hx-post="{reverse("documents:request", args=["decision", world.decision.pk])}"' in html
    GeneratedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.PENDING)
    assert services.render(document.pk) == DocumentStatus.READY
    html = client.get(panel_url).content.decode()
    download = reverse("documents:download", args=["decision", world.decision.pk])
    assert "every 2s" not in html and download in html and 'data-status="ready"' in html
    response = client.get(download)
    assert response["Content-Type"] == "application/pdf"
    assert "du-thao-quyet-dinh" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # An edit makes the file stale: the panel says so and offers to generate it again.
    update_record(
        world.decision, actor=world.users.tx_secretariat, data={"signer_name": "Lê Thị Mới"}, expected_version=None,
        action="decision.update", audit_unit=lambda d: d.issuer, fields=("signer_name",),
    )  # fmt: skip
    assert "alert-warning" in client.get(panel_url).content.decode()


def test_the_minutes_page_edits_and_finalises(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.users.tx_secretariat)
    page = reverse("documents:page", args=["minutes", world.session.pk])
    assert client.get(page).status_code == 200
    response = client.post(page, {"notes": "Ý kiến của đại biểu.", "version": 1})
    assert response.status_code == 302
    stale = client.post(page, {"notes": "Ghi đè", "version": 1})
    assert stale.status_code == 200 and Minutes.objects.get(session=world.session).notes == "Ý kiến của đại biểu."
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("documents:minutes_finalise", args=[world.session.pk]))
    assert len(callbacks) == 1 and Minutes.objects.get(session=world.session).final
    html = client.get(page).content.decode()
    assert 'name="notes"' not in html and "Ý kiến của đại biểu." in html
    assert client.get(reverse("documents:download", args=["minutes", world.session.pk])).status_code == 404
