"""Background work of the awards app: thin tasks, ids in, the service does the rest.

Dispatched after commit (see awards.documents.services.dispatch); idempotent (a document
already rendered, or being rendered by another worker, is left alone); retried only when the
database connection drops, a render that fails is recorded on the document instead.
"""

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="awards.render_document", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3,
    acks_late=True,
)  # fmt: skip
def render_document(document_id):
    from awards.documents.services import render

    return {"document": document_id, "status": str(render(document_id))}
