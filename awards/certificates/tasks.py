"""The print batches' background work: thin tasks, ids in, awards.certificates.batches does the rest.

A chunk already done, or being done by another worker, is left alone; a worker that starts
resumes the batches a killed worker left unfinished.
"""

from celery import shared_task
from celery.signals import worker_process_init, worker_ready

from thiduakt.tasks import RETRY


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
