"""Submissions (tờ trình) and the nominations they carry, with their files (the manual checks
of their eligibility are in awards.eligibility.models)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import AttachmentKind, Method, NominationStatus, SubmissionStatus
from awards.history.models import ONE_NOMINEE
from awards.paths import attachment_path
from thiduakt.text import normalize, normalize_multiline


class Submission(models.Model):
    proposing_unit = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="submissions"
    )
    number = models.CharField(_("number"), max_length=64, blank=True, help_text=_("E.g. 45/TTr-UBND."))
    date = models.DateField(_("date"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    method = models.CharField(_("ground"), max_length=16, choices=Method.choices, default=Method.REGULAR)
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="submissions",
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=16, choices=SubmissionStatus.choices, default="draft")
    # Empty: the secretariats above the proposing unit receive it. Set when a list pending at a
    # body that has ended is re-addressed to its successor (or to the city), with the reason.
    addressed_to = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("re-addressed to"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="addressed_submissions",
    )  # fmt: skip
    readdress_reason = models.TextField(_("reason for re-addressing"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The form's one-time token: the same form sent twice creates one submission (thiduakt.once).
    request_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        # The inbox's order: oldest sent first, then this ordering (`order_by("submission")` expands to it).
        indexes = [models.Index(fields=["submitted_at", "-year", "-created_at"], name="submission_inbox_order")]

    def __str__(self):
        return self.number or _("Submission of %(unit)s, %(year)s") % {"unit": self.proposing_unit, "year": self.year}

    @property
    def unit(self):
        return self.proposing_unit

    @property
    def receiver(self):
        """The body that receives it: the one it was re-addressed to, else the one above the proposing unit."""
        return self.addressed_to or self.proposing_unit.parent or self.proposing_unit

    def prepare(self):
        self.number, self.signer = normalize(self.number), normalize(self.signer)
        return self

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)


EDITABLE_STATUSES = (NominationStatus.DRAFT, NominationStatus.RETURNED)  # the unit may still change these


class Nomination(models.Model):
    """One nominee proposed for one award: a line of a submission's list."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="nominations")
    person = models.ForeignKey(
        "thiduakt.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="nominations",
    )  # fmt: skip
    unit = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("collective"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="nominations",
    )  # fmt: skip
    award_type = models.ForeignKey(
        "awards.AwardType", verbose_name=_("proposed award"), on_delete=models.PROTECT, related_name="nominations"
    )
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    achievement = models.TextField(_("summary of achievements"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was returned or rejected."))
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    eligibility = models.JSONField(default=dict, blank=True, editable=False)
    forwarded_to = models.ForeignKey(
        "awards.Nomination", verbose_name=_("forwarded as"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="forwarded_from", help_text=_("Approved here, decided by a higher authority."),
    )  # fmt: skip
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "position", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        # One line per nominee and award in a list; a line rejected at verification no longer counts.
        constraints = [
            models.CheckConstraint(condition=ONE_NOMINEE, name="nomination_one_nominee"),
            models.UniqueConstraint(
                fields=["submission", "person", "award_type"], name="one_nomination_per_person_award",
                condition=Q(person__isnull=False) & ~Q(status="rejected"),
                violation_error_message=_("This person is already proposed for this award in this list."),
            ),
            models.UniqueConstraint(
                fields=["submission", "unit", "award_type"], name="one_nomination_per_collective_award",
                condition=Q(unit__isnull=False) & ~Q(status="rejected"),
                violation_error_message=_("This collective is already proposed for this award in this list."),
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["person", "award_type", "year"]),
            models.Index(fields=["unit", "award_type", "year"]),
            models.Index(fields=["status"]),
            models.Index(fields=["status", "submission"], name="nomination_status_submission"),
            # The inbox walks the lines waiting for verification in their lists' order.
            models.Index(
                fields=["submission", "position"],
                name="nomination_waiting_order",
                condition=models.Q(status=NominationStatus.SUBMITTED),
            ),
        ]

    def __str__(self):
        return f"{self.nominee} — {self.award_type}"

    def prepare(self):
        self.achievement = normalize_multiline(self.achievement)
        return self

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)

    @property
    def nominee(self):
        return self.person or self.unit

    @property
    def is_collective(self):
        return self.unit_id is not None

    @property
    def editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def outcome(self):
        return self.eligibility.get("outcome", "")


class Attachment(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=32, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(max_length=8, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["nomination", "kind", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name
