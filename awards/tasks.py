"""Background work of the awards app: thin tasks, ids in, the service does the rest.

Dispatched after commit; idempotent (a document already rendered, a chunk already done, or
being done by another worker, is left alone); retried by Celery only when the database
connection drops; a render that fails is recorded on its row instead.
"""

from celery import shared_task
from celery.signals import worker_process_init, worker_ready
from django.db import OperationalError

RETRY = {"autoretry_for": (OperationalError,), "retry_backoff": True, "max_retries": 3, "acks_late": True}


@shared_task(name="awards.render_document", **RETRY)
def render_document(document_id):
    from awards.documents.services import render

    return {"document": document_id, "status": str(render(document_id))}


@shared_task(name="awards.render_certificate_chunk", bind=True, **RETRY)
def render_certificate_chunk(self, chunk_id):
    from awards.certificates.batches import render_chunk

    return {"chunk": chunk_id, "status": render_chunk(chunk_id, worker=self.request.hostname or "")}


@shared_task(name="awards.merge_print_batch", **RETRY)
def merge_print_batch(batch_id):
    from awards.certificates.batches import merge

    return {"batch": batch_id, "status": merge(batch_id)}


@shared_task(name="awards.archive_print_batch", **RETRY)
def archive_print_batch(batch_id):
    from awards.certificates.batches import archive

    return {"batch": batch_id, "status": archive(batch_id)}


@worker_ready.connect
def resume_print_batches(sender=None, **kwargs):
    """A worker that starts picks up the print batches left unfinished (e.g. by a worker killed
    mid-batch): the chunks this worker's previous run held are freed at once."""
    from django.db import connections

    from awards.certificates.batches import resume

    try:
        resume(node=getattr(sender, "hostname", None))
    finally:
        connections.close_all()


@worker_process_init.connect
def load_weasyprint(**kwargs):
    """Load WeasyPrint and the fonts when a worker process starts, not in its first print job
    (about a second, which would otherwise be added to the first chunk of a batch)."""
    from weasyprint import HTML

    HTML(string="<p style='font-family: serif'>Khởi động</p>").render()
