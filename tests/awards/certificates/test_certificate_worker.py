"""A print batch through real worker processes: one is killed mid-batch, the restarted worker
finishes the batch without rendering a finished chunk again and without duplicate pages.

The worker is a separate `celery worker` process (prefork, two processes, like `make run`)
on a queue of its own, reading the test database and media folder; it is killed with
SIGKILL (no warm shutdown, nothing acknowledged or cleaned up) and started again under the
same node name.
"""

import re
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from awards.certificates import batches
from awards.certificates.models import BatchStatus, Certificate, ChunkStatus, PrintChunk
from awards.management.benchmarking import WorkerProcess
from tests.awards.certificate_world import build_printing_world, district_decision
from tests.awards.pdfs import read_pdf
from tests.factories import PersonFactory

pytestmark = pytest.mark.worker

CERTIFICATES = 60


def worker_process(queue, node):
    """`celery worker` (prefork ×2, as `make run`) on the test database and media folder."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    return WorkerProcess(queue, node, 2, media)


def wait_until(condition, timeout, what):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def done_chunks(batch):
    return {
        c.pk: (c.attempts, c.finished_at, c.worker)
        for c in PrintChunk.objects.filter(batch=batch, status=ChunkStatus.DONE)
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("catalogue")
def test_a_killed_worker_is_resumed_without_rerendering_or_duplicates(catalogue, settings):
    settings.THIDUAKT_PRINT_CHUNK_SIZE = 4
    queue = f"test-print-{uuid.uuid4().hex[:8]}"
    settings.THIDUAKT_PDF_QUEUE = queue
    world = build_printing_world()
    people = [PersonFactory(unit=world.kt) for _ in range(CERTIFICATES)]
    decision = district_decision(world, people, number="321/QĐ-UBND")
    worker = worker_process(queue, f"print-{uuid.uuid4().hex[:6]}@test")
    worker.start()
    try:
        batch = batches.start_decision_batch(decision, actor=world.users.tx_secretariat)  # sent on commit
        chunks = batch.chunks.count()
        assert chunks == CERTIFICATES // 4
        wait_until(lambda: len(done_chunks(batch)) >= 3, 180, "three chunks to finish")
        worker.kill()
        before = done_chunks(batch)
        batch.refresh_from_db()
        assert batch.status == BatchStatus.RUNNING and len(before) < chunks, "the batch finished before the kill"
        held = PrintChunk.objects.filter(batch=batch, status=ChunkStatus.RUNNING).count()
        print(f"\nkilled with {len(before)}/{chunks} chunks done and {held} held by the dead worker")

        worker.start()  # same node name: it frees what its previous run held, and resends what is waiting
        wait_until(lambda: batch.__class__.objects.get(pk=batch.pk).status != BatchStatus.RUNNING, 240, "the batch")
        wait_until(lambda: not batch.__class__.objects.get(pk=batch.pk).in_progress, 120, "the merge")
    finally:
        worker.stop()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.READY, batch.error
    after = done_chunks(batch)
    # The chunks finished before the kill were not rendered again.
    assert {pk: after[pk] for pk in before} == before
    assert all(attempts == 1 for attempts, _finished, _worker in before.values())
    reader, text = read_pdf(batch, "pdf")
    assert len(reader.pages) == batch.pages == CERTIFICATES
    codes = Certificate.objects.filter(award__decision_line__decision=decision).values_list("code", flat=True)
    displayed = [f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in codes]
    assert len(displayed) == CERTIFICATES and all(text.count(code) == 1 for code in displayed)
    numbers = [int(n) for n in re.findall(r"Số sổ vàng: (\d+)", text)]
    assert numbers == list(range(5, 5 + CERTIFICATES))  # the world's own decision took 1–4; in order, once each
