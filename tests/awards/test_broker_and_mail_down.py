"""The broker or the mail server down: the user's action answers at once, the work is recorded
(thiduakt.outbox), the page says so in Vietnamese, and a real worker does the work once it can.

The broker is a closed port (redis://127.0.0.1:1), set in the settings and in the Celery app;
the worker is a real one: a `celery worker` process for the print batch and the decision PDF,
and an in-process one (so that Django's locmem mail backend is the one the test reads) for mail.
"""

import time
import uuid

import pytest
from django.urls import reverse

from awards.certificates.models import BatchStatus, PrintBatch
from awards.documents.models import DocumentStatus, GeneratedDocument
from awards.enums import DecisionStatus
from tests.awards.certificate_world import build_printing_world
from tests.awards.certificates.test_certificate_worker import wait_until, worker_process
from tests.awards.documents.test_documents import make_world
from thiduakt import outbox
from thiduakt.models import OutboxMessage, OutgoingMail

pytestmark = pytest.mark.worker

CLOSED_BROKER = "redis://127.0.0.1:1/0"
FAST = 1.0  # seconds: what the user waits for, whatever the broker or the mail server do
WAITING_PRINT = "Hiện không liên lạc được với dịch vụ in chạy nền. Lệnh in đã được ghi lại"
WAITING_PDF = "Hiện không liên lạc được với dịch vụ chạy nền. Yêu cầu đã được ghi lại"


class Broker:
    """Switches the Celery app (and the settings) between a closed port and the configured broker."""

    def __init__(self, settings):
        from thiduakt.celery import app

        self.app, self.settings, self.url = app, settings, app.conf.broker_write_url

    def down(self):
        self._point_at(CLOSED_BROKER)

    def up(self):
        self._point_at(self.url)

    def _point_at(self, url):
        self.app.conf.broker_url = self.app.conf.broker_write_url = self.settings.CELERY_BROKER_URL = url
        outbox._paused_until = 0.0


@pytest.fixture
def broker(settings):
    broker = Broker(settings)
    yield broker
    broker.up()


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("catalogue")
def test_printing_and_the_decision_pdf_with_the_broker_down(catalogue, client, settings, broker):
    settings.THIDUAKT_PRINT_CHUNK_SIZE = 2
    queue = f"test-down-{uuid.uuid4().hex[:8]}"
    settings.THIDUAKT_PDF_QUEUE = queue
    world = build_printing_world(people=5)
    client.force_login(world.users.tx_secretariat)
    broker.down()

    print_url = reverse("certificates:decision_print", args=[world.decision.pk])
    response, seconds = timed(lambda: client.post(print_url, {"mode": "full"}))
    print(f"\nprint with the broker down: {response.status_code} in {seconds:.3f} s")
    assert response.status_code == 302 and seconds < FAST
    batch = PrintBatch.objects.get(decision=world.decision)
    assert batch.status == BatchStatus.RUNNING and batch.error == ""
    chunks = set(batch.chunks.values_list("pk", flat=True))
    recorded = OutboxMessage.objects.filter(task="awards.render_certificate_chunk", queue=queue)
    assert {args[0] for args in recorded.values_list("args", flat=True)} == chunks and len(chunks) == 3
    assert all(message.attempts == 1 and message.last_error for message in recorded)
    page = client.get(response.url).content.decode()
    assert WAITING_PRINT in page and "Thử lại" in page and "restart" not in page

    response, seconds = timed(lambda: client.post(reverse("documents:request", args=["decision", world.decision.pk])))
    print(f"decision PDF with the broker down: {response.status_code} in {seconds:.3f} s")
    assert response.status_code == 302 and seconds < FAST
    document = GeneratedDocument.objects.get(decision=world.decision)
    assert document.status == DocumentStatus.PENDING and document.error == ""
    assert OutboxMessage.objects.filter(task="awards.render_document", args=[document.pk]).exists()
    assert WAITING_PDF in client.get(response.url).content.decode()

    # "Thử lại" while the broker is still down: fast, and still true.
    response, seconds = timed(
        lambda: client.post(reverse("certificates:print_batch_retry", args=[batch.pk]), follow=True)
    )
    assert seconds < FAST and WAITING_PRINT in response.content.decode()
    assert OutboxMessage.objects.count() == len(chunks) + 1

    # The broker is back: "Thử lại" sends what was recorded, and a worker prints it.
    broker.up()
    response = client.post(reverse("certificates:print_batch_retry", args=[batch.pk]), follow=True)
    assert WAITING_PRINT not in response.content.decode()
    assert not OutboxMessage.objects.exists()
    worker = worker_process(queue, f"down-{uuid.uuid4().hex[:6]}@test")
    worker.start()
    try:
        wait_until(lambda: not PrintBatch.objects.get(pk=batch.pk).in_progress, 240, "the batch")
        wait_until(lambda: not GeneratedDocument.objects.get(pk=document.pk).in_progress, 120, "the decision PDF")
    finally:
        worker.stop()
    batch.refresh_from_db()
    document.refresh_from_db()
    assert batch.status == BatchStatus.READY and batch.pages == batch.total == 6, batch.error
    assert document.status == DocumentStatus.READY and document.pages >= 1, document.error


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("catalogue")
def test_a_worker_that_starts_sends_what_was_recorded_while_the_broker_was_down(catalogue, settings, broker):
    """Nobody presses "Thử lại": the worker drains the outbox when it starts."""
    from awards.documents import services

    queue = f"test-drain-{uuid.uuid4().hex[:8]}"
    settings.THIDUAKT_PDF_QUEUE = queue
    world = make_world()
    broker.down()
    document, _sent = services.request_document("minutes", world.session, world.users.tx_secretariat)
    assert OutboxMessage.objects.get().attempts == 1
    broker.up()
    worker = worker_process(queue, f"drain-{uuid.uuid4().hex[:6]}@test")
    worker.start()
    try:
        wait_until(lambda: not GeneratedDocument.objects.get(pk=document.pk).in_progress, 120, "the minutes")
    finally:
        worker.stop()
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY and not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("catalogue")
def test_signing_with_the_mail_server_down(catalogue, client, settings, mailoutbox):
    from celery.contrib.testing.worker import start_worker

    from thiduakt.celery import app

    queue = f"test-mail-{uuid.uuid4().hex[:8]}"
    settings.THIDUAKT_MAIL_QUEUE = queue
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1  # nothing listens
    world = make_world()
    world.users.kt_staff.email = "canbo@khuongtrung.example"
    world.users.kt_staff.save()
    client.force_login(world.chair)

    response, seconds = timed(lambda: client.post(reverse("decisions:sign", args=[world.decision.pk])))
    print(f"\nsign with the mail server down: {response.status_code} in {seconds:.3f} s")
    assert response.status_code == 302 and seconds < FAST
    world.decision.refresh_from_db()
    assert world.decision.status == DecisionStatus.SIGNED
    mail = OutgoingMail.objects.get()
    assert mail.to == ["canbo@khuongtrung.example"] and "123/QĐ-UBND" in mail.subject and mail.sent_at is None

    consuming = app.amqp.queues._consume_from  # start_worker(queues=…) changes it for the whole app
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30):
            wait_until(lambda: OutgoingMail.objects.get().attempts >= 1, 60, "the first attempt")
            mail.refresh_from_db()
            assert mail.sent_at is None and "Connection refused" in mail.last_error and mailoutbox == []
            settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
            wait_until(lambda: OutgoingMail.objects.get().sent_at is not None, 60, "the retry to send it")
    finally:
        app.amqp.queues._consume_from = consuming
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["canbo@khuongtrung.example"] and "Nguyễn Thị Hằng" in mailoutbox[0].body


def test_a_publish_that_succeeds_sends_what_an_earlier_one_left(db, broker, django_capture_on_commit_callbacks):
    queue = f"test-left-{uuid.uuid4().hex[:8]}"
    broker.down()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send("thiduakt.ping", "first", queue=queue)
    assert OutboxMessage.objects.get().attempts == 1 and outbox.stalled()
    broker.up()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            outbox.send("thiduakt.ping", "second", queue=queue)
        assert not OutboxMessage.objects.exists() and not outbox.stalled()
    finally:
        with broker.app.connection_for_write() as connection:
            assert connection.default_channel.queue_purge(queue) == 2  # both reached the broker
