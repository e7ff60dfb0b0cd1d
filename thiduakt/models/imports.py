import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """An uploaded Excel file, checked row by row, waiting for the user to confirm.

    Nothing reaches the real tables until the user confirms; the checked rows are kept
    here so the confirmation imports exactly what the user saw. A large file is checked,
    then imported, by the worker (`in_worker`): it waits here in `file` until checked.
    """

    class Kind(models.TextChoices):
        PEOPLE = "people", _("People")
        NOMINATIONS = "nominations", _("Nominations")
        HISTORY = "history", _("Award history")
        SUCCESSIONS = "successions", _("Successions")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        PENDING = "pending", _("Waiting for confirmation")
        IMPORTING = "importing", _("Being imported")
        IMPORTED = "imported", _("Imported")
        REFUSED = "refused", _("Refused")
        CANCELLED = "cancelled", _("Cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    # What the rows go into, e.g. {"submission": 12}: the import kind decides.
    target = models.JSONField(default=dict, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    valid_rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    imported_count = models.PositiveIntegerField(_("imported"), default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    in_worker = models.BooleanField(default=False)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    accept_partial = models.BooleanField(default=False)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    problem = models.TextField(blank=True)  # why the worker refused the file, or its import
    # A worker holds the batch until then; past it, the worker is taken to be lost and the step is sent again.
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return self.file_name

    @property
    def in_progress(self):
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def percent(self):
        return min(100, self.progress_done * 100 // self.progress_total) if self.progress_total else 0

    @property
    def error_count(self):
        return len(self.errors)

    @property
    def valid_count(self):
        return len(self.valid_rows)
