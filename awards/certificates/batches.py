"""Print batches: start one, render its chunks in the workers, merge, resume after a crash.

Starting a batch writes the batch and its chunks in one transaction and, once committed,
sends one task per chunk; the worker processes take them in parallel. Every step is a claim
on a row (`UPDATE … WHERE status …`), so a message delivered twice, or a chunk taken again
after its worker died, never renders a finished chunk a second time, and the merge reads only
the finished chunk files, once each, in order: no page is lost or duplicated.

A chunk that fails is tried again (`THIDUAKT_PRINT_MAX_ATTEMPTS` in all), then the batch is
marked failed with the chunk's reason; `retry` sends the failed chunks again.
"""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfWriter

from awards.certificates.models import (
    BatchKind,
    BatchStatus,
    Certificate,
    CertificateTemplate,
    ChunkStatus,
    PrintBatch,
    PrintChunk,
    PrintMode,
)
from awards.certificates.render import file_name, render_calibration, render_certificates, split_to_zip
from awards.enums import DecisionStatus
from awards.history.models import Award
from thiduakt import outbox
from thiduakt.errors import DomainError
from thiduakt.once import earlier, once
from thiduakt.services import audit

logger = logging.getLogger(__name__)
ERROR_LENGTH = 2000


def _lease():
    return timezone.now() + timedelta(seconds=settings.THIDUAKT_PRINT_LEASE_SECONDS)


# --- what can be printed --------------------------------------------------------------------


def printable(awards):
    """Awards that can have a certificate: granted by a signed decision, numbered, not revoked."""
    return awards.filter(
        decision_line__decision__status=DecisionStatus.SIGNED, registry_number__isnull=False, revoked=False
    )


def templates_by_award_issuer():
    """{(award type id, issuer id or None): template} of the templates in use."""
    return {(t.award_type_id, t.issuer_id): t for t in CertificateTemplate.objects.filter(is_active=True)}


def template_for(award, issuer_id, templates):
    return templates.get((award.award_type_id, issuer_id)) or templates.get((award.award_type_id, None))


def plan(awards):
    """Split awards into (template, [award, …]) groups and the award types that have no template."""
    templates = templates_by_award_issuer()
    groups, missing = {}, set()
    rows = (
        printable(awards)
        .select_related("award_type", "decision_line__decision")
        .order_by("award_type__position", "decision_line__decision__date", "registry_number", "pk")
    )
    for award in rows:
        template = template_for(award, award.decision_line.decision.issuer_id, templates)
        if template is None:
            missing.add(award.award_type.name)
        else:
            groups.setdefault(template.pk, (template, []))[1].append(award)
    return list(groups.values()), sorted(missing)


def ensure_certificates(awards):
    """The certificate of each award (created with a fresh code when it has none), in order."""
    existing = {c.award_id: c for c in Certificate.objects.filter(award__in=awards)}
    new = [Certificate(award=award) for award in awards if award.pk not in existing]
    if new:
        # Another batch over the same awards may create some at the same moment: keep theirs.
        Certificate.objects.bulk_create(new, ignore_conflicts=True)
        existing.update({c.award_id: c for c in Certificate.objects.filter(award__in=[c.award for c in new])})
    return [existing[award.pk] for award in awards]


# --- starting a batch -----------------------------------------------------------------------


def _create(*, actor, kind, unit, groups, mode, printer, description, token, decision=None, reason="", template=None):
    chunk_size = max(1, settings.THIDUAKT_PRINT_CHUNK_SIZE)
    batch = PrintBatch.objects.create(
        kind=kind, mode=mode, unit=unit, decision=decision, printer=printer, description=description[:500],
        reason=reason, request_token=token, created_by=actor if actor and actor.pk else None, template=template,
    )  # fmt: skip
    chunks, total = [], 0
    for chunk_template, certificates in groups:
        for start in range(0, max(len(certificates), 1), chunk_size):
            ids = [c.pk for c in certificates[start : start + chunk_size]]
            chunks.append(
                PrintChunk(
                    batch=batch,
                    index=len(chunks),
                    template=chunk_template,
                    certificate_ids=ids,
                    size=len(ids),
                    attempt_limit=settings.THIDUAKT_PRINT_MAX_ATTEMPTS,
                )
            )
            total += len(ids)
    PrintChunk.objects.bulk_create(chunks)
    batch.total = total
    batch.save(update_fields=["total"])
    audit.record(
        actor=actor, action=f"print.{kind}", obj=decision or batch, unit=unit,
        data={"batch": batch.pk, "certificates": total, "mode": mode, "reason": reason} if reason or decision else None,
    )  # fmt: skip
    transaction.on_commit(lambda: dispatch_chunks(batch.pk))
    return batch


@once(PrintBatch)
def start_awards_batch(awards, *, actor, unit, kind, mode=PrintMode.FULL, printer=None, description="", token=None,
                       decision=None):  # fmt: skip
    """Print the certificates of `awards` (a queryset); returns the batch (the same one for a repeated token)."""
    with transaction.atomic():
        batch = earlier(PrintBatch, token, actor)
        if batch is not None:
            return batch
        groups, missing = plan(awards)
        if missing:
            raise DomainError(
                _("There is no certificate template for: %(types)s. Ask the administrator to add one.")
                % {"types": ", ".join(missing)}
            )
        if not groups:
            raise DomainError(_("None of these awards can be printed: only signed, numbered awards not revoked can."))
        groups = [(template, ensure_certificates(awards_of)) for template, awards_of in groups]
        return _create(
            actor=actor, kind=kind, unit=unit, groups=groups, mode=mode, printer=printer, description=description,
            token=token, decision=decision,
        )  # fmt: skip


def printing_of(decision):
    """The decision's latest print that is still going or has its file: the one to point to
    instead of printing the decision twice. A failed print does not count."""
    return (
        decision.print_batches.filter(kind=BatchKind.DECISION)
        .exclude(status=BatchStatus.FAILED)
        .order_by("-created_at", "-pk")
        .first()
    )


@once(PrintBatch)
def start_decision_batch(decision, *, actor, mode=PrintMode.FULL, printer=None, token=None, again=False):
    """Print a decision's certificates. Another form (a second tab) finds the decision's batch
    in progress, or printed, and gets it back instead of a second print; printing a printed
    decision again takes `again`."""
    if decision.status != DecisionStatus.SIGNED:
        raise DomainError(_("Certificates can be printed once the decision is signed."))
    with transaction.atomic():
        type(decision).objects.select_for_update().get(pk=decision.pk)  # one start at a time per decision
        batch = earlier(PrintBatch, token, actor)
        if batch is not None:
            return batch
        batch = printing_of(decision)
        if batch is not None and (batch.status != BatchStatus.READY or not again):
            return batch
        description = _("Decision %(number)s") % {"number": decision.number}
        return start_awards_batch(
            Award.objects.filter(decision_line__decision=decision), actor=actor, unit=decision.issuer,
            kind=BatchKind.DECISION, mode=mode, printer=printer, description=description, token=token,
            decision=decision,
        )  # fmt: skip


@once(PrintBatch)
def reprint(certificate, *, actor, reason, mode=PrintMode.FULL, printer=None, token=None):
    """Print one certificate again (a damaged sheet): counted on the certificate and logged with the reason."""
    with transaction.atomic():
        batch = earlier(PrintBatch, token, actor)
        if batch is not None:
            return batch
        locked = Certificate.objects.select_for_update().select_related("award__award_type").get(pk=certificate.pk)
        award = locked.award
        if award.revoked:
            raise DomainError(_("This award has been revoked: its certificate cannot be printed."))
        if not locked.print_count:
            raise DomainError(_("This certificate has not been printed yet: print it with its decision or list."))
        issuer = award.decision_line.decision.issuer
        template = template_for(award, issuer.pk, templates_by_award_issuer())
        if template is None:
            raise DomainError(
                _("There is no certificate template for: %(types)s. Ask the administrator to add one.")
                % {"types": award.award_type.name}
            )
        audit.record(
            actor=actor, action="certificate.reprint", obj=award, unit=issuer,
            data={"code": locked.code, "reason": reason, "registry_number": award.registry_number},
        )  # fmt: skip
        description = _("Reprint of registry number %(number)s") % {"number": award.registry_number}
        return _create(
            actor=actor, kind=BatchKind.REPRINT, unit=issuer, groups=[(template, [locked])], mode=mode, printer=printer,
            description=description, token=token, reason=reason,
        )  # fmt: skip


@once(PrintBatch)
def print_calibration(template, *, actor, unit, printer=None, token=None):
    with transaction.atomic():
        batch = earlier(PrintBatch, token, actor)
        if batch is not None:
            return batch
        description = _("Calibration page: %(template)s") % {"template": template.name}
        if printer is not None:
            description += f" — {printer.name}"
        return _create(
            actor=actor, kind=BatchKind.CALIBRATION, unit=unit, groups=[(template, [])], mode=PrintMode.BLANK,
            printer=printer, description=description, token=token, template=template,
        )  # fmt: skip


# --- the worker's side ----------------------------------------------------------------------


def dispatch_chunks(batch_id, chunk_ids=None):
    if chunk_ids is None:
        chunk_ids = list(
            PrintChunk.objects.filter(batch_id=batch_id, status=ChunkStatus.PENDING).values_list("pk", flat=True)
        )
    _send("awards.render_certificate_chunk", chunk_ids)


def dispatch_merge(batch_id):
    _send("awards.merge_print_batch", [batch_id])


def _send(task, ids, countdown=None):
    """Record one message per id for the worker (the PDF queue when one is configured): published
    after commit, and kept for later when the broker is down (the page then says so)."""
    if ids:
        outbox.send_many([(task, [pk]) for pk in ids], queue=settings.THIDUAKT_PDF_QUEUE, countdown=countdown)


def _claim_chunk(chunk_id, worker):
    now = timezone.now()
    free = Q(status=ChunkStatus.PENDING) | Q(status=ChunkStatus.RUNNING, lease_until__lt=now)
    claimed = PrintChunk.objects.filter(
        free, pk=chunk_id, batch__status=BatchStatus.RUNNING, attempts__lt=F("attempt_limit")
    ).update(status=ChunkStatus.RUNNING, lease_until=_lease(), worker=worker[:200], attempts=F("attempts") + 1)
    if not claimed:
        return None
    return PrintChunk.objects.select_related("batch__printer", "template").get(pk=chunk_id)


def _chunk_certificates(chunk):
    rows = Certificate.objects.filter(pk__in=chunk.certificate_ids).select_related(
        "award__person__unit", "award__unit__parent", "award__award_type", "award__decision_line__decision__issuer"
    )
    by_id = {c.pk: c for c in rows}
    return [by_id[pk] for pk in chunk.certificate_ids if pk in by_id]


def render_chunk(chunk_id, worker=""):
    """Render one chunk (called by the task); returns what happened."""
    chunk = _claim_chunk(chunk_id, worker)
    if chunk is None:
        return "skipped"
    batch = chunk.batch
    try:
        if batch.kind == BatchKind.CALIBRATION:
            pdf = render_calibration(chunk.template, batch.printer)
        else:
            certificates = _chunk_certificates(chunk)
            pdf = render_certificates(chunk.template, certificates, mode=batch.mode, printer=batch.printer)
    except Exception as error:  # recorded on the chunk; tried again, then reported on the batch
        logger.exception("chunk %s of print batch %s failed", chunk.index, batch.pk)
        return _chunk_failed(chunk, f"{type(error).__name__}: {error}")
    storage = chunk.file.storage
    pdf_name = storage.save(chunk.file.field.generate_filename(chunk, "chunk.pdf"), ContentFile(pdf.data))
    with transaction.atomic():
        locked = PrintChunk.objects.select_for_update().get(pk=chunk.pk)
        if locked.status != ChunkStatus.RUNNING or locked.attempts != chunk.attempts:
            stored = False  # taken over by another worker after our lease ran out: its file counts
        else:
            locked.status, locked.file = ChunkStatus.DONE, pdf_name
            locked.pages, locked.seconds, locked.error = pdf.pages, round(pdf.seconds, 3), ""
            locked.finished_at, locked.lease_until = timezone.now(), None
            locked.save()
            stored = True
            transaction.on_commit(lambda: _merge_if_complete(batch.pk))
    if not stored:
        storage.delete(pdf_name)
        return "superseded"
    return "done"


def _chunk_failed(chunk, message):
    retry = chunk.attempts < chunk.attempt_limit
    with transaction.atomic():
        current = PrintChunk.objects.filter(pk=chunk.pk, status=ChunkStatus.RUNNING, attempts=chunk.attempts)
        if retry:
            updated = current.update(status=ChunkStatus.PENDING, error=message[:ERROR_LENGTH], lease_until=None)
        else:
            updated = _give_up(current, chunk, message)
    if updated and retry:
        _send("awards.render_certificate_chunk", [chunk.pk], countdown=2)
        return "retrying"
    return "failed"


def _give_up(rows, chunk, message):
    """Mark the chunk failed and its batch failed with the reason (inside a transaction)."""
    updated = rows.update(status=ChunkStatus.FAILED, error=message[:ERROR_LENGTH], lease_until=None)
    if updated:
        reason = _("Part %(index)s (%(size)s certificates) failed after %(attempts)s attempts: %(error)s") % {
            "index": chunk.index + 1, "size": chunk.size, "attempts": chunk.attempts, "error": message,
        }  # fmt: skip
        PrintBatch.objects.filter(pk=chunk.batch_id, status=BatchStatus.RUNNING).update(
            status=BatchStatus.FAILED, error=reason[:ERROR_LENGTH], finished_at=timezone.now()
        )
    return updated


def _merge_if_complete(batch_id):
    remaining = PrintChunk.objects.filter(batch_id=batch_id).exclude(status=ChunkStatus.DONE).exists()
    if not remaining:
        dispatch_merge(batch_id)


def _claim_merge(batch_id):
    now = timezone.now()
    with transaction.atomic():
        batch = PrintBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None:
            return None
        lost_merge = batch.status == BatchStatus.MERGING and (batch.merge_lease_until or now) <= now
        if not (batch.status == BatchStatus.RUNNING or lost_merge):
            return None
        if batch.chunks.exclude(status=ChunkStatus.DONE).exists():
            return None
        batch.status, batch.merge_lease_until = BatchStatus.MERGING, _lease()
        batch.save(update_fields=["status", "merge_lease_until"])
        return batch


def merge(batch_id):
    """Join the chunk files into the batch's PDF and ZIP (called by the task once all chunks are done)."""
    batch = _claim_merge(batch_id)
    if batch is None:
        return "skipped"
    chunks = list(batch.chunks.order_by("index"))
    try:
        with tempfile.TemporaryFile() as spool:
            pages = _merge_pdf(chunks, spool)
            spool.seek(0)
            batch.pdf.save(f"in-bang-{batch.pk}.pdf", File(spool), save=False)
    except Exception as error:
        logger.exception("print batch %s could not be merged", batch_id)
        PrintBatch.objects.filter(pk=batch_id, status=BatchStatus.MERGING).update(
            status=BatchStatus.FAILED, error=f"{type(error).__name__}: {error}"[:ERROR_LENGTH],
            finished_at=timezone.now(),
        )  # fmt: skip
        return "failed"
    with transaction.atomic():
        locked = PrintBatch.objects.select_for_update().get(pk=batch_id)
        if locked.status != BatchStatus.MERGING:
            batch.pdf.storage.delete(batch.pdf.name)
            return "superseded"
        locked.pdf, locked.pages, locked.size = batch.pdf.name, pages, batch.pdf.size
        locked.status, locked.finished_at, locked.merge_lease_until, locked.error = (
            BatchStatus.READY, timezone.now(), None, ""
        )  # fmt: skip
        locked.save()
        ids = [pk for chunk in chunks for pk in chunk.certificate_ids]
        printed = {"print_count": F("print_count") + 1, "last_printed_at": timezone.now()}
        if locked.kind == BatchKind.REPRINT:  # counted once printed, not when asked for
            printed["reprint_count"] = F("reprint_count") + 1
        Certificate.objects.filter(pk__in=ids).update(**printed)
        transaction.on_commit(lambda: _delete_chunk_files(chunks))
        if ids:
            transaction.on_commit(lambda: dispatch_archive(batch_id))
    return "ready"


def _merge_pdf(chunks, out):
    """Write the chunk files, in order, as one PDF to `out`; returns the number of pages."""
    writer = PdfWriter()
    for chunk in chunks:
        with chunk.file.open("rb") as handle:
            writer.append(handle)
    writer.write(out)
    return sum(chunk.pages or 0 for chunk in chunks)


def _delete_chunk_files(chunks):
    for chunk in chunks:
        if chunk.file:
            chunk.file.storage.delete(chunk.file.name)


# --- the ZIP of one PDF per certificate -----------------------------------------------------


def dispatch_archive(batch_id):
    _send("awards.archive_print_batch", [batch_id])


def archive(batch_id):
    """Cut the batch's PDF into one PDF per certificate, in a ZIP (a task of its own, after the
    PDF is ready: the print-ready file is not kept waiting for the archive copy)."""
    batch = PrintBatch.objects.filter(pk=batch_id, status=BatchStatus.READY).exclude(pdf="").first()
    if batch is None or batch.archive:
        return "skipped"
    ids = [pk for chunk in batch.chunks.order_by("index") for pk in chunk.certificate_ids]
    certificates = Certificate.objects.select_related("award__person", "award__unit").in_bulk(ids)
    names = [file_name(certificates[pk]) for pk in ids]
    try:
        with batch.pdf.open("rb") as handle, tempfile.TemporaryFile() as spool:
            split_to_zip(handle, names, spool)
            spool.seek(0)
            batch.archive.save(f"in-bang-{batch.pk}.zip", File(spool), save=False)
    except Exception as error:
        logger.exception("print batch %s: the ZIP could not be made", batch_id)
        PrintBatch.objects.filter(pk=batch_id).update(archive_error=f"{type(error).__name__}: {error}"[:ERROR_LENGTH])
        return "failed"
    updated = PrintBatch.objects.filter(pk=batch_id, archive="").update(archive=batch.archive.name, archive_error="")
    if not updated:  # made twice (a message delivered twice): keep the first
        batch.archive.storage.delete(batch.archive.name)
    return "ready"


# --- resuming and retrying ------------------------------------------------------------------


def resume(*, node=None, batches=None, include_pending=True):
    """Send again whatever an unfinished batch is waiting for: its pending chunks, the chunks
    whose worker's lease ran out, and the merge of a batch whose chunks are all done.

    `node` is a worker that has just started: chunks it held before (it died holding them)
    are freed at once instead of waiting for their lease. A chunk whose lease ran out is put
    back to pending before it is sent (or failed, once out of attempts), and a merge is sent
    again at most once a lease: a page polling every second does not flood the queue. A page
    passes `include_pending=False`: chunks waiting in the queue are not sent a second time.
    """
    now = timezone.now()
    lease = timedelta(seconds=settings.THIDUAKT_PRINT_LEASE_SECONDS)
    unfinished = PrintBatch.objects.filter(status__in=[BatchStatus.RUNNING, BatchStatus.MERGING])
    if batches is not None:
        unfinished = unfinished.filter(pk__in=[b.pk for b in batches])
    if node:
        PrintChunk.objects.filter(batch__in=unfinished, status=ChunkStatus.RUNNING, worker=node).update(
            status=ChunkStatus.PENDING, lease_until=None
        )
    sent = 0
    if include_pending:  # a worker starting: the ZIPs whose task was lost
        for batch_id in _archives_missing(batches):
            dispatch_archive(batch_id)
            sent += 1
    for batch in unfinished.annotate(
        open_chunks=Count("chunks", filter=~Q(chunks__status=ChunkStatus.DONE)), last_done=Max("chunks__finished_at")
    ):
        if batch.open_chunks == 0:
            if _merge_due(batch, now, lease, include_pending):
                dispatch_merge(batch.pk)
                sent += 1
            continue
        freed = _free_lost_chunks(batch, now)
        pending = batch.chunks.filter(status=ChunkStatus.PENDING).values_list("pk", flat=True)
        stalled = list(pending) if include_pending else freed
        dispatch_chunks(batch.pk, stalled)
        sent += len(stalled)
    return sent


def _merge_due(batch, now, lease, include_pending):
    """Whether to send the merge again; `merge_lease_until` then says not before a lease from now."""
    if batch.status == BatchStatus.MERGING:  # the merging worker died: hand the merge back
        return bool(
            PrintBatch.objects.filter(pk=batch.pk, status=BatchStatus.MERGING, merge_lease_until__lte=now).update(
                status=BatchStatus.RUNNING, merge_lease_until=now + lease
            )
        )
    # The last chunk sent it: a starting worker sends it again, a polling page once a lease.
    not_before = batch.merge_lease_until or (batch.last_done or now) + lease
    if include_pending or not_before <= now:
        PrintBatch.objects.filter(pk=batch.pk).update(merge_lease_until=now + lease)
        return True
    return False


def _free_lost_chunks(batch, now):
    """Chunks whose worker's lease ran out: back to pending (their ids), or failed when out of attempts."""
    freed = []
    for chunk in batch.chunks.filter(status=ChunkStatus.RUNNING, lease_until__lt=now):
        with transaction.atomic():
            rows = PrintChunk.objects.filter(pk=chunk.pk, status=ChunkStatus.RUNNING, attempts=chunk.attempts)
            if chunk.attempts >= chunk.attempt_limit:
                _give_up(rows, chunk, str(_("the worker stopped while rendering it")))
            elif rows.update(status=ChunkStatus.PENDING, lease_until=None):
                freed.append(chunk.pk)
    return freed


def _archives_missing(batches=None):
    ready = PrintBatch.objects.filter(status=BatchStatus.READY, archive="", archive_error="", total__gt=0)
    if batches is not None:
        ready = ready.filter(pk__in=[b.pk for b in batches])
    return list(ready.values_list("pk", flat=True))


def retry(batch, *, actor):
    """Send a failed batch's failed chunks (or its merge) again, with new attempts; for a ready
    batch whose ZIP could not be made, make the ZIP again; for a batch waiting for the background
    service, send what is recorded now."""
    with transaction.atomic():
        locked = PrintBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.in_progress and outbox.stalled():  # waiting for the background service: try it now
            transaction.on_commit(outbox.drain)
            return locked
        if locked.status == BatchStatus.READY and locked.archive_error and not locked.archive:
            locked.archive_error = ""
            locked.save(update_fields=["archive_error"])
            audit.record(actor=actor, action="print.retry", obj=locked, unit=locked.unit)
            transaction.on_commit(lambda: dispatch_archive(locked.pk))
            return locked
        if locked.status != BatchStatus.FAILED:
            raise DomainError(_("Only a failed print batch can be retried."))
        # Attempts keep counting (they tell an overtaken claim from the current one); the limit moves on.
        locked.chunks.filter(status=ChunkStatus.FAILED).update(
            status=ChunkStatus.PENDING, error="", attempt_limit=F("attempts") + settings.THIDUAKT_PRINT_MAX_ATTEMPTS
        )
        locked.chunks.filter(status=ChunkStatus.RUNNING).update(
            status=ChunkStatus.PENDING, lease_until=None,
            attempt_limit=F("attempts") + settings.THIDUAKT_PRINT_MAX_ATTEMPTS,
        )  # fmt: skip
        locked.status, locked.error, locked.finished_at = BatchStatus.RUNNING, "", None
        locked.save(update_fields=["status", "error", "finished_at"])
        audit.record(actor=actor, action="print.retry", obj=locked, unit=locked.unit)
        transaction.on_commit(lambda: resume(batches=[locked]))
    return locked


def progress(batch):
    """{done, total, failed, chunks, chunks_done} of a batch, in one query."""
    figures = batch.chunks.aggregate(
        done=Sum("size", filter=Q(status=ChunkStatus.DONE)),
        chunks=Count("pk"),
        chunks_done=Count("pk", filter=Q(status=ChunkStatus.DONE)),
        failed=Count("pk", filter=Q(status=ChunkStatus.FAILED)),
    )
    figures["done"] = figures["done"] or 0
    figures["total"] = batch.total
    figures["percent"] = 100 if batch.status == BatchStatus.READY else (
        int(figures["chunks_done"] * 100 / figures["chunks"]) if figures["chunks"] else 0
    )  # fmt: skip
    return figures
