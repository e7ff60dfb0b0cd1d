"""Documents made in the background: the minutes of a council session and a decision, as PDF.

One `GeneratedDocument` row per document (the minutes of a session; a decision with its
attached list), rendered again in place whenever what it says has changed: `source_digest`
is the fingerprint of the content the file was made from, so a page tells a stale file from
a current one and asks for a new render instead of serving an outdated PDF as current.

The notes of the minutes, and whether they are final, live in `Minutes` (one per session).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.paths import document_path
from thiduakt.audit_display import register_action_labels
from thiduakt.text import normalize_multiline


class DocumentKind(models.TextChoices):
    MINUTES = "minutes", _("Minutes of the council session")
    DECISION = "decision", _("Decision with its list of awardees")


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the worker")
    RUNNING = "running", _("Being generated")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class GeneratedDocument(models.Model):
    kind = models.CharField(_("document"), max_length=16, choices=DocumentKind.choices)
    session = models.ForeignKey(
        "awards.CouncilSession", null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    decision = models.ForeignKey(
        "awards.Decision", null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    file = models.FileField(_("file"), upload_to=document_path, blank=True, max_length=255)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    # Fingerprint of the content: of the file when ready, of the render asked for otherwise.
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    # Each claim by a worker increments it: a render that was overtaken cannot overwrite a newer one.
    attempts = models.PositiveIntegerField(default=0, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="minutes", session__isnull=False, decision__isnull=True)
                | Q(kind="decision", decision__isnull=False, session__isnull=True),
                name="document_target_matches_kind",
            ),
            models.UniqueConstraint(fields=["kind", "session"], name="one_document_per_session_kind"),
            models.UniqueConstraint(fields=["kind", "decision"], name="one_document_per_decision_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.target}"

    @property
    def target(self):
        return self.session if self.kind == DocumentKind.MINUTES else self.decision

    @property
    def unit(self):
        return self.target.unit

    @property
    def in_progress(self):
        return self.status in (DocumentStatus.PENDING, DocumentStatus.RUNNING)


class Minutes(models.Model):
    """What the minutes of a session say beyond the recorded results: the notes, until final."""

    session = models.OneToOneField("awards.CouncilSession", on_delete=models.CASCADE, related_name="minutes")
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Opinions and conclusions of the meeting, as they go into the minutes.")
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return str(self.session)

    @property
    def final(self):
        return self.finalised_at is not None

    @property
    def unit(self):
        return self.session.council.unit

    def prepare(self):
        self.notes = normalize_multiline(self.notes)
        return self


# The audit entries the minutes write on their session (see awards.documents.services).
register_action_labels(
    {"minutes.notes": _("Edited the notes of the minutes"), "minutes.finalise": _("Finalised the minutes")}
)
