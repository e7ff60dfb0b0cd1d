"""The confirm-once life of an ImportBatch, shared by the awards imports."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thiduakt.errors import DomainError
from thiduakt.models import ImportBatch


def lock_pending(batch_id, *, user, kind, accept_partial):
    """The user's batch, locked for the write. A second click finds it no longer pending."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch_id, created_by=user, kind=kind)
    if batch.status != ImportBatch.Status.PENDING:
        raise DomainError(_("This file was already imported or cancelled; nothing was imported again."))
    if batch.errors and not accept_partial:
        raise DomainError(
            _("The file has rows with errors. Tick the box to import only the valid rows, or correct the file.")
        )
    return batch


def finish(batch, imported):
    batch.status = ImportBatch.Status.IMPORTED
    batch.imported_count = imported
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "imported_count", "finished_at"])


def cancel(batch_id, *, user, kind):
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id, created_by=user, kind=kind)
        if batch.status == ImportBatch.Status.PENDING:
            batch.status = ImportBatch.Status.CANCELLED
            batch.finished_at = timezone.now()
            batch.save(update_fields=["status", "finished_at"])
    return batch
