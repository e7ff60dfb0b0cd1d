import os
import socket

from celery import shared_task
from celery.signals import worker_ready
from django.db import OperationalError


@shared_task(name="thiduakt.ping")
def ping(token):
    """Answer from the worker: proves the broker and a worker process are alive."""
    return {"token": token, "pid": os.getpid(), "host": socket.gethostname()}


@shared_task(
    name="thiduakt.run_import_step", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3,
    acks_late=True,
)  # fmt: skip
def run_import_step(batch_id):
    """Check, or import, a large Excel file (the batch says which)."""
    from thiduakt.importing.background import run

    return {"batch": batch_id, "status": run(batch_id)}


@worker_ready.connect
def resume_imports(sender=None, **kwargs):
    """A worker that starts sends again the imports no worker holds (one killed mid-file, a lost message)."""
    from django.db import connections

    from thiduakt.importing.background import resume

    try:
        resume()
    finally:
        connections.close_all()
