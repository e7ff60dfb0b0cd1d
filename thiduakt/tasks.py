import os
import socket

from celery import shared_task
from celery.signals import worker_ready
from django.db import OperationalError

# The options of a task that touches the database: retried when the connection drops, acknowledged
# only once done (a killed worker's task goes to another), never on the task's own errors.
RETRY = {"autoretry_for": (OperationalError,), "retry_backoff": True, "max_retries": 3, "acks_late": True}


@shared_task(name="thiduakt.ping")
def ping(token):
    """Answer from the worker: proves the broker and a worker process are alive."""
    return {"token": token, "pid": os.getpid(), "host": socket.gethostname()}


@shared_task(name="thiduakt.drain_outbox", ignore_result=True)
def drain_outbox():
    """Publish the messages the broker refused while it was down (Celery beat sends this)."""
    from thiduakt import outbox

    return outbox.drain()


@shared_task(
    name="thiduakt.send_mail", autoretry_for=(Exception,), retry_backoff=15, retry_backoff_max=3600, max_retries=12,
    acks_late=True,
)  # fmt: skip
def send_mail(mail_id):
    """Send one recorded email; while the mail server refuses, again after 15 s, 30 s, … up to an hour."""
    from thiduakt import outbox

    return outbox.deliver(mail_id)


@shared_task(
    name="thiduakt.run_import_step", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3,
    acks_late=True,
)  # fmt: skip
def run_import_step(batch_id):
    """Check, or import, a large Excel file (the batch says which)."""
    from thiduakt.importing.background import run

    return {"batch": batch_id, "status": run(batch_id)}


@worker_ready.connect
def drain_outbox_on_start(sender=None, **kwargs):
    """A worker that starts sends what was recorded while the broker, or every worker, was away."""
    from django.db import connections

    from thiduakt import outbox

    try:
        outbox.drain()
    finally:
        connections.close_all()


@worker_ready.connect
def resume_imports(sender=None, **kwargs):
    """A worker that starts sends again the imports no worker holds (one killed mid-file, a lost message)."""
    from django.db import connections

    from thiduakt.importing.background import resume

    try:
        resume()
    finally:
        connections.close_all()
