"""Where an import's check and confirmation run: in the request for a small file, in the worker for a large one.

Each import registers its two steps: `check(file, *, user, target, progress)` returns the
checked rows ({total_rows, valid_rows, errors}); `confirm(batch_id, *, user, accept_partial)`
writes them. A file larger than THIDUAKT_IMPORT_BACKGROUND_BYTES is stored with its batch
and checked by the worker, and its confirmation is the worker's too: the task is sent once
the batch is committed, the page polls the batch, and a worker that is slow only makes the
page wait. A step is claimed on the batch row for a lease; a message delivered twice finds
it taken or done, and a step whose worker died is sent again once its lease has run out
(by the polling page, or by a worker that starts).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thiduakt import outbox
from thiduakt.errors import DomainError
from thiduakt.models import ImportBatch

from . import limits

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)
PROGRESS_EVERY = 100  # rows between two progress writes
IN_WORKER = gettext_lazy("The file is large: it is being imported in the background, and this page shows the progress.")


@dataclass(frozen=True)
class Steps:
    check: object
    confirm: object
    screen: object  # refuses the file itself at once, before it is stored for the worker


_STEPS = {}


def register(kind, *, check, confirm, screen=limits.read_upload):
    _STEPS[kind] = Steps(check, confirm, screen)


def check(kind, uploaded, *, user, target=None):
    """The batch of the checked file; for a large file, a batch the worker is checking."""
    target = target or {}
    if (uploaded.size or 0) <= settings.THIDUAKT_IMPORT_BACKGROUND_BYTES:
        checked = _STEPS[kind].check(uploaded, user=user, target=target, progress=_unseen)
        return ImportBatch.objects.create(
            kind=kind, created_by=user, file_name=uploaded.name[:255], target=target, **checked
        )
    _STEPS[kind].screen(uploaded)  # the file itself is refused at once; its rows are the worker's
    uploaded.seek(0)
    with transaction.atomic():
        batch = ImportBatch(
            kind=kind, created_by=user, file_name=uploaded.name[:255], target=target,
            status=ImportBatch.Status.CHECKING, in_worker=True,
        )  # fmt: skip
        batch.file.save("import.xlsx", uploaded, save=False)
        batch.save()
        send(batch)
    return batch


def confirm(kind, batch_id, *, user, accept_partial):
    """The imported batch; for a batch of a large file, the batch the worker is importing."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id, created_by=user, kind=kind)
        if not batch.in_worker:
            return _STEPS[kind].confirm(batch_id, user=user, accept_partial=accept_partial)
        if batch.status != ImportBatch.Status.PENDING:
            raise DomainError(_("This file was already imported or cancelled; nothing was imported again."))
        if batch.errors and not accept_partial:
            raise DomainError(
                _("The file has rows with errors. Tick the box to import only the valid rows, or correct the file.")
            )
        batch.status, batch.accept_partial, batch.problem = ImportBatch.Status.IMPORTING, accept_partial, ""
        batch.save(update_fields=["status", "accept_partial", "problem"])
        send(batch)
    return batch


# --- the worker's side ----------------------------------------------------------------------


def send(batch):
    """Record the batch's next step for the worker (the outbox publishes it once committed, or later)."""
    outbox.send("thiduakt.run_import_step", str(batch.pk), queue=settings.THIDUAKT_IMPORT_QUEUE)


def run(batch_id):
    """Run the step the batch waits for (called by the task); returns what happened."""
    batch = _claim(batch_id)
    if batch is None:
        return "skipped"
    if batch.status == ImportBatch.Status.CHECKING:
        return _check(batch)
    return _confirm(batch)


def _claim(batch_id):
    now = timezone.now()
    claimed = ImportBatch.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        pk=batch_id, status__in=[ImportBatch.Status.CHECKING, ImportBatch.Status.IMPORTING],
    ).update(claimed_until=now + LEASE)  # fmt: skip
    return ImportBatch.objects.select_related("created_by").get(pk=batch_id) if claimed else None


def _check(batch):
    steps = _STEPS[batch.kind]
    try:
        with batch.file.open("rb") as handle:
            checked = steps.check(handle, user=batch.created_by, target=batch.target, progress=Progress(batch.pk))
    except DomainError as error:
        return _finish_check(batch, status=ImportBatch.Status.REFUSED, problem=error.message)
    except OperationalError:
        raise  # the database went away: the task is tried again
    except Exception:
        logger.exception("import batch %s could not be checked", batch.pk)
        problem = _("The file could not be checked because of an unexpected error. Upload it again.")
        return _finish_check(batch, status=ImportBatch.Status.REFUSED, problem=problem)
    return _finish_check(batch, status=ImportBatch.Status.PENDING, **checked)


def _finish_check(batch, **fields):
    done = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.CHECKING).update(
        claimed_until=None, progress_done=fields.get("total_rows", 0), **fields
    )
    if done:
        batch.file.delete(save=False)
        ImportBatch.objects.filter(pk=batch.pk).update(file="")
    return str(fields["status"])


def _confirm(batch):
    steps = _STEPS[batch.kind]
    try:
        with transaction.atomic():
            # Waiting for confirmation again, inside the transaction: the step's own checks apply.
            taken = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.IMPORTING)
            if not taken.update(status=ImportBatch.Status.PENDING):
                return "skipped"  # imported meanwhile by a worker that had outlived its lease
            steps.confirm(batch.pk, user=batch.created_by, accept_partial=batch.accept_partial)
            ImportBatch.objects.filter(pk=batch.pk).update(claimed_until=None)
    except DomainError as error:
        return _refuse_import(batch, error.message)
    except OperationalError:
        raise  # the database went away: the task is tried again
    except Exception:
        logger.exception("import batch %s could not be imported", batch.pk)
        return _refuse_import(batch, _("The file could not be imported because of an unexpected error. Try again."))
    return "imported"


def _refuse_import(batch, problem):
    """Nothing was written: the batch waits for a confirmation again, with the reason."""
    ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.IMPORTING).update(
        status=ImportBatch.Status.PENDING, problem=problem, claimed_until=None
    )
    return "refused"


def _unseen(done, total):
    """A check in the request: nobody polls its progress."""


class Progress:
    """Called with (rows done, rows in all) as the check goes; written every PROGRESS_EVERY rows."""

    def __init__(self, batch_id):
        self.batch_id = batch_id

    def __call__(self, done, total):
        if done % PROGRESS_EVERY == 0 or done == total:
            ImportBatch.objects.filter(pk=self.batch_id).update(progress_done=done, progress_total=total)


def resume(batches=None):
    """Send again the steps no worker holds any more: on a worker's start, everything waiting;
    from a polling page, the batch whose worker's lease has run out."""
    waiting = ImportBatch.objects.filter(status__in=[ImportBatch.Status.CHECKING, ImportBatch.Status.IMPORTING])
    if batches is not None:
        waiting = waiting.filter(pk__in=[b.pk for b in batches], claimed_until__lt=timezone.now())
    sent = 0
    for batch in waiting:
        if batches is not None:  # the page: once a lease, not on every poll
            ImportBatch.objects.filter(pk=batch.pk).update(claimed_until=None)
        send(batch)
        sent += 1
    return sent
