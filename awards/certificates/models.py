"""Certificates (Bằng khen, Giấy khen): their templates, the printers, and the print batches.

A `Certificate` is the printed form of one signed `Award`; it carries the short random code
that the QR points at, so anyone can check a paper certificate against the registry.

A `PrintBatch` is one request to print many certificates. It is cut into `PrintChunk`s, each
rendered by whichever worker process claims it; a claim is a lease (`lease_until`), so a chunk
held by a worker that died is taken again once its lease runs out, while a finished chunk is
never rendered twice. When the last chunk is done, one worker merges the chunk files into the
print-ready PDF and the ZIP of one PDF per certificate.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.paths import batch_path, chunk_path, new_code
from thiduakt.text import normalize, normalize_multiline


# Crockford-like alphabet without 0/O, 1/I/L and U: read aloud or typed from paper without doubt.
def clean_code(text):
    """A code as typed by someone (lower case, dashes, spaces) in its stored form."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


class PageSize(models.TextChoices):
    A3 = "A3", "A3"
    A4 = "A4", "A4"
    A5 = "A5", "A5"


PAGE_MM = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210)}  # portrait width, height


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Landscape")
    PORTRAIT = "portrait", _("Portrait")


class FrameStyle(models.TextChoices):
    CLASSIC = "classic", _("Double border with corner ornaments")
    SIMPLE = "simple", _("Single thin border")
    NONE = "none", _("No border")


class CertificateTemplate(models.Model):
    """How the certificates of an award type, given by an issuer, look on paper."""

    name = models.CharField(_("name"), max_length=200)
    award_type = models.ForeignKey(
        "awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT, related_name="certificate_templates"
    )
    issuer = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("issuing unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="certificate_templates", help_text=_("Leave empty for a template used by every issuer."),
    )  # fmt: skip
    heading = models.CharField(_("title printed"), max_length=60, help_text=_("E.g. BẰNG KHEN, GIẤY KHEN."))
    issuer_title = models.TextField(
        _("issuer's title"), help_text=_("Printed in red, one line per line, e.g. CHỦ TỊCH / ỦY BAN NHÂN DÂN …")
    )
    place = models.CharField(_("place name"), max_length=100, help_text=_("E.g. Hà Nội."))
    signer_title = models.TextField(
        _("signer's title"), blank=True, help_text=_("Leave empty to use the title written in the decision.")
    )
    signer_name = models.CharField(
        _("signer's name"), max_length=200, blank=True, help_text=_("Leave empty to use the decision's signer.")
    )
    page_size = models.CharField(_("paper size"), max_length=4, choices=PageSize.choices, default=PageSize.A4)
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    frame_style = models.CharField(_("border"), max_length=10, choices=FrameStyle.choices, default=FrameStyle.CLASSIC)
    frame_color = models.CharField(_("border colour"), max_length=7, default="#b8860b")
    emblem = models.CharField(
        _("emblem"), max_length=100, blank=True, help_text=_("An image of static/certificates/emblems/.")
    )
    blank_positions = models.JSONField(
        _("field positions on pre-printed stock"), default=dict, blank=True,
        help_text=_("Millimetres from the top-left corner of the sheet; empty fields take the default layout."),
    )  # fmt: skip
    is_active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["award_type__position", "name"]
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(fields=["award_type", "issuer"], name="one_template_per_award_issuer"),
            models.UniqueConstraint(
                fields=["award_type"], condition=Q(issuer__isnull=True), name="one_shared_template_per_award"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def unit(self):
        return self.issuer

    @property
    def page_mm(self):
        """(width, height) of the sheet in millimetres."""
        width, height = PAGE_MM[self.page_size]
        return (height, width) if self.orientation == Orientation.LANDSCAPE else (width, height)

    def prepare(self):
        self.name, self.heading, self.place = normalize(self.name), normalize(self.heading), normalize(self.place)
        self.issuer_title = normalize_multiline(self.issuer_title)
        self.signer_title, self.signer_name = normalize_multiline(self.signer_title), normalize(self.signer_name)
        self.frame_color = (self.frame_color or "").strip().lower()
        return self


class Printer(models.Model):
    """A printer of an office, with how far it shifts what it prints (measured on the calibration page)."""

    name = models.CharField(_("name"), max_length=120)
    unit = models.ForeignKey("thiduakt.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="printers")
    offset_x_mm = models.DecimalField(
        _("horizontal offset (mm)"), max_digits=4, decimal_places=1, default=0,
        help_text=_("Positive moves the print to the right."),
    )  # fmt: skip
    offset_y_mm = models.DecimalField(
        _("vertical offset (mm)"), max_digits=4, decimal_places=1, default=0,
        help_text=_("Positive moves the print down."),
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("printer")
        verbose_name_plural = _("printers")
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="printer_name_unique_in_unit")]

    def __str__(self):
        return self.name

    def prepare(self):
        self.name = normalize(self.name)
        return self


class Certificate(models.Model):
    award = models.OneToOneField("awards.Award", on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=16, unique=True, default=new_code, editable=False)
    name_lines = models.TextField(
        _("name as printed"), blank=True, help_text=_("One line per line; leave empty to print the name as recorded.")
    )
    detail_lines = models.TextField(
        _("position and unit as printed"), blank=True,
        help_text=_("One line per line; leave empty to print the position and unit as recorded."),
    )  # fmt: skip
    print_count = models.PositiveIntegerField(_("times printed"), default=0)
    reprint_count = models.PositiveIntegerField(_("reprints"), default=0)
    last_printed_at = models.DateTimeField(_("last printed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["award__registry_number", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return f"{self.award} ({self.code})"

    @property
    def code_display(self):
        return f"{self.code[:4]}-{self.code[4:8]}-{self.code[8:]}"

    @property
    def unit(self):
        line = getattr(self.award, "decision_line", None)
        return line.decision.issuer if line else (self.award.unit or self.award.person.unit)

    def prepare(self):
        self.name_lines = normalize_multiline(self.name_lines)
        self.detail_lines = normalize_multiline(self.detail_lines)
        return self


class BatchKind(models.TextChoices):
    DECISION = "decision", _("Certificates of a decision")
    SELECTION = "selection", _("Certificates of a filtered list")
    REPRINT = "reprint", _("Reprint of one certificate")
    CALIBRATION = "calibration", _("Calibration page")


class PrintMode(models.TextChoices):
    FULL = "full", _("Full certificate on plain paper")
    BLANK = "blank", _("Text only, on pre-printed stock")


class BatchStatus(models.TextChoices):
    RUNNING = "running", _("Printing")
    MERGING = "merging", _("Merging the file")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ChunkStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Rendering")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class PrintBatch(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=BatchKind.choices)
    mode = models.CharField(_("printing on"), max_length=8, choices=PrintMode.choices, default=PrintMode.FULL)
    unit = models.ForeignKey("thiduakt.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(
        "awards.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="print_batches"
    )
    template = models.ForeignKey(
        CertificateTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("The template a calibration page is printed for."),
    )  # fmt: skip
    printer = models.ForeignKey(Printer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    description = models.CharField(_("description"), max_length=500, blank=True)
    # The form's one-time token: a double-clicked "Print" starts one batch, not two.
    request_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.RUNNING)
    total = models.PositiveIntegerField(_("certificates"), default=0)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=batch_path, blank=True, max_length=255)
    archive = models.FileField(_("ZIP"), upload_to=batch_path, blank=True, max_length=255)
    archive_error = models.TextField(blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The merge is leased like a chunk: a worker that died while merging is replaced after it.
    merge_lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("print batch")
        verbose_name_plural = _("print batches")

    def __str__(self):
        return self.description or self.get_kind_display()

    @property
    def in_progress(self):
        return self.status in (BatchStatus.RUNNING, BatchStatus.MERGING)

    @property
    def archive_pending(self):
        """The PDF is ready and the ZIP is being made after it."""
        return self.status == BatchStatus.READY and not self.archive and not self.archive_error and self.total > 0


class PrintChunk(models.Model):
    batch = models.ForeignKey(PrintBatch, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    template = models.ForeignKey(CertificateTemplate, on_delete=models.PROTECT, related_name="+")
    certificate_ids = models.JSONField(default=list)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16, choices=ChunkStatus.choices, default=ChunkStatus.PENDING)
    # Each claim increments `attempts` (so an overtaken claim cannot record its result); a chunk is
    # claimed while attempts < attempt_limit, which "retry" raises by another THIDUAKT_PRINT_MAX_ATTEMPTS.
    attempts = models.PositiveIntegerField(default=0)
    attempt_limit = models.PositiveIntegerField(default=3)
    lease_until = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    file = models.FileField(upload_to=chunk_path, blank=True, max_length=255)
    pages = models.PositiveIntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "index"]
        constraints = [models.UniqueConstraint(fields=["batch", "index"], name="one_chunk_per_index")]

    def __str__(self):
        return f"{self.batch_id}#{self.index}"
