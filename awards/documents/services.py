"""Requesting documents, rendering them in the worker, and the notes of the minutes.

`request_document` is what a page calls: it reuses the current file (or the render already
under way) when the content has not changed, and otherwise marks the document pending and
records the task in the outbox, in the same transaction. `render` is what the task calls: it
claims the row, renders outside any transaction, and stores the file or the error. A failed
render keeps its error until someone asks again, which is the retry.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.council.models import CouncilSession
from awards.decisions.models import Decision
from awards.documents.models import DocumentKind, DocumentStatus, GeneratedDocument, Minutes
from awards.documents.sources import source_for
from awards.enums import SessionStatus
from thiduakt import outbox
from thiduakt.errors import DomainError, EditConflict
from thiduakt.pdf.render import render_pdf
from thiduakt.services import audit

logger = logging.getLogger(__name__)

# A render claimed this long ago without finishing is taken to be lost (a worker that died).
STALE_AFTER = timedelta(minutes=10)
ERROR_LENGTH = 2000


def target_field(kind):
    return {DocumentKind.MINUTES: "session", DocumentKind.DECISION: "decision"}[kind]


def document_of(kind, obj):
    """The document row of `kind` about `obj`, or None."""
    return GeneratedDocument.objects.filter(kind=kind, **{target_field(kind): obj}).first()


def _locked(kind, obj):
    lookup = {"kind": kind, target_field(kind): obj}
    try:
        with transaction.atomic():
            GeneratedDocument.objects.get_or_create(**lookup)
    except IntegrityError:
        pass  # a request at the same moment created it
    return GeneratedDocument.objects.select_for_update().get(**lookup)


def is_current(document, source):
    return document is not None and document.source_digest == source.digest


def request_document(kind, obj, actor):
    """Make sure an up-to-date PDF of `obj` exists or is on its way; returns (document, sent).

    Reuses the ready file or the render under way when the content has not changed since;
    otherwise (first time, content edited, earlier failure, a render lost with its worker)
    marks it pending and dispatches the task after commit. Raises DomainError when the
    document cannot be made yet (e.g. the vote is still open).
    """
    source = source_for(kind, obj)
    now = timezone.now()
    with transaction.atomic():
        document = _locked(kind, obj)
        if is_current(document, source):
            if (
                document.status == DocumentStatus.READY
                and document.file
                and document.file.storage.exists(document.file.name)
            ):
                return document, False
            if document.in_progress and document.requested_at > now - STALE_AFTER:
                if outbox.stalled():  # asked again while the broker was away: send what is recorded now
                    transaction.on_commit(outbox.drain)
                return document, False
        document.status = DocumentStatus.PENDING
        document.source_digest = source.digest
        document.error = ""
        document.requested_by = actor if actor and actor.pk else None
        document.requested_at = now
        document.started_at = document.finished_at = None
        document.save()
        dispatch(document.pk)
    return document, True


def dispatch(document_id):
    """Record the render for the worker (the PDF queue when one is configured): published after
    commit, and kept for later when the broker is down (the panel then says so)."""
    outbox.send("awards.render_document", document_id, queue=settings.THIDUAKT_PDF_QUEUE)


def _claim(document_id):
    """Mark the row running for this attempt; None when there is nothing to do."""
    now = timezone.now()
    waiting = Q(status=DocumentStatus.PENDING) | Q(status=DocumentStatus.RUNNING, started_at__lt=now - STALE_AFTER)
    claimed = (
        GeneratedDocument.objects.filter(waiting, pk=document_id)
        .update(status=DocumentStatus.RUNNING, started_at=now, attempts=F("attempts") + 1)
    )  # fmt: skip
    if not claimed:
        return None
    return GeneratedDocument.objects.select_related("session", "decision").get(pk=document_id)


def _finish(document, **fields):
    """Record the outcome if this attempt is still the one that counts; False otherwise."""
    with transaction.atomic():
        locked = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != DocumentStatus.RUNNING or locked.attempts != document.attempts:
            return False, None
        old_file = locked.file.name if "file" in fields else None
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.finished_at = timezone.now()
        locked.save()
        if old_file and old_file != locked.file.name:
            storage = locked.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return True, locked


def render(document_id):
    """Render a pending document (called by the task). Idempotent: a document that is ready,
    or being rendered by another worker, is left alone. Returns the resulting status."""
    document = _claim(document_id)
    if document is None:
        current = GeneratedDocument.objects.filter(pk=document_id).values_list("status", flat=True).first()
        return current or "missing"
    try:
        source = source_for(document.kind, document.target)
        pdf = render_pdf(source.template, source.context)
    except Exception as error:  # recorded on the document, shown with a retry button
        logger.exception("document %s failed to render", document_id)
        message = error.message if isinstance(error, DomainError) else f"{type(error).__name__}: {error}"
        _finish(document, status=DocumentStatus.FAILED, error=message[:ERROR_LENGTH])
        return DocumentStatus.FAILED
    stored = document.file.storage.save(
        document.file.field.generate_filename(document, source.filename), ContentFile(pdf.data)
    )
    done, _document = _finish(
        document, status=DocumentStatus.READY, file=stored, filename=source.filename, source_digest=source.digest,
        pages=pdf.pages,
        size=len(pdf.data), render_seconds=round(pdf.seconds, 3), error="",
    )  # fmt: skip
    if not done:  # overtaken by a newer request: that render will store its own file
        document.file.storage.delete(stored)
        return "superseded"
    return DocumentStatus.READY


# --- the notes of the minutes ---------------------------------------------------------------


def minutes_of(session):
    """The minutes of a session; unsaved (no notes yet) until someone writes them."""
    return Minutes.objects.filter(session=session).first() or Minutes(session=session)


def _locked_minutes(session):
    Minutes.objects.get_or_create(session=session)
    return Minutes.objects.select_for_update().select_related("session__council__unit").get(session=session)


def save_minutes_notes(session, *, actor, notes, expected_version=None):
    """Edit the notes while the minutes are not final; a concurrent edit is refused."""
    with transaction.atomic():
        minutes = _locked_minutes(session)
        if minutes.final:
            raise DomainError(_("The minutes are final and can no longer be changed."))
        if expected_version is not None and minutes.version != expected_version:
            raise EditConflict(
                _(
                    "Someone else saved this record while you were editing it. "
                    "Your changes were not saved: reload the page and apply them again."
                )
            )
        before = minutes.notes
        minutes.notes = notes
        minutes.prepare()
        if minutes.notes == before:
            return minutes
        minutes.version += 1
        minutes.save()
        audit.record(
            actor=actor, action="minutes.notes", obj=minutes.session, unit=minutes.unit,
            data={"changes": {"notes": [before, minutes.notes]}, "model": "awards.minutes"},
        )  # fmt: skip
    return minutes


def finalise_minutes(session, *, actor):
    """Freeze the minutes of a closed session and ask for their final PDF."""
    with transaction.atomic():
        locked_session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if locked_session.status != SessionStatus.CLOSED:
            raise DomainError(_("The minutes can be made once the vote of the session is closed."))
        minutes = _locked_minutes(locked_session)
        if minutes.final:
            raise DomainError(_("The minutes are already final."))
        minutes.finalised_at, minutes.finalised_by = timezone.now(), actor
        minutes.version += 1
        minutes.save()
        audit.record(actor=actor, action="minutes.finalise", obj=locked_session, unit=minutes.unit)
        document, _sent = request_document(DocumentKind.MINUTES, locked_session, actor)
    return minutes, document


def target_of(kind, pk):
    """The session or decision a document of `kind` is about (unscoped: views check scope)."""
    if kind == DocumentKind.MINUTES:
        return CouncilSession.objects.select_related("council__unit").get(pk=pk)
    return Decision.objects.select_related("issuer").get(pk=pk)
