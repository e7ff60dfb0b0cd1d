"""The documents' background work: render one PDF, id in, the service does the rest."""

from celery import shared_task

from thiduakt.tasks import RETRY


@shared_task(name="awards.render_document", **RETRY)
def render_document(document_id):
    from awards.documents.services import render

    return {"document": document_id, "status": str(render(document_id))}
