"""The minutes and the decision PDF sent through a real (in-process) Celery worker and Redis;
test_documents.py runs the same task's service in the test process."""

import time
import uuid

import pytest

from awards.documents import services
from awards.documents.models import DocumentStatus
from tests.awards.documents.test_documents import DECISION, MINUTES, make_world, signed
from tests.awards.pdfs import assert_noto_embedded, read_pdf

pytestmark = pytest.mark.worker


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_both_pdfs_through_a_real_worker(settings, catalogue):
    from celery.contrib.testing.worker import start_worker

    from thiduakt.celery import app

    queue = f"test-pdf-{uuid.uuid4().hex[:8]}"
    settings.THIDUAKT_PDF_QUEUE = queue
    world = make_world()
    signed(world)
    consuming = app.amqp.queues._consume_from  # start_worker(queues=…) changes it for the whole app
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30):
            started = time.monotonic()
            minutes, _sent = services.request_document(MINUTES, world.session, world.users.tx_secretariat)
            decision, _sent = services.request_document(DECISION, world.decision, world.users.tx_secretariat)
            documents = [minutes, decision]
            while time.monotonic() - started < 120:
                for document in documents:
                    document.refresh_from_db()
                if all(not d.in_progress for d in documents):
                    break
                time.sleep(0.2)
            elapsed = time.monotonic() - started
    finally:
        app.amqp.queues._consume_from = consuming
    assert [d.status for d in documents] == [DocumentStatus.READY, DocumentStatus.READY], [d.error for d in documents]
    print(f"\nminutes {minutes.render_seconds:.2f} s, decision {decision.render_seconds:.2f} s, {elapsed:.2f} s in all")
    _reader, text = read_pdf(minutes)
    assert "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text and "Nguyễn Văn An" in text
    reader, text = read_pdf(decision)
    assert "QUYẾT ĐỊNH" in text and "Số: 123/QĐ-UBND" in text and "Nguyễn Thị Hằng" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert_noto_embedded(reader)
