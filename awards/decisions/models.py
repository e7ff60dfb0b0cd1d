"""Decisions (quyết định khen thưởng), the awards they grant, and the registry numbers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import DecisionStatus
from thiduakt.text import normalize, normalize_multiline


class Decision(models.Model):
    issuer = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="decisions"
    )
    session = models.ForeignKey(
        "awards.CouncilSession", verbose_name=_("council session"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="decisions",
    )  # fmt: skip
    number = models.CharField(_("number"), max_length=64, blank=True, help_text=_("E.g. 123/QĐ-UBND."))
    date = models.DateField(_("date"), null=True, blank=True)
    signer_title = models.CharField(
        _("signer's title"), max_length=255, blank=True, help_text=_("E.g. KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.")
    )
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    legal_bases = models.TextField(_("legal bases"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.number or _("Draft decision of %(unit)s") % {"unit": self.issuer}

    @property
    def unit(self):
        return self.issuer

    def prepare(self):
        self.number, self.signer_title = normalize(self.number), normalize(self.signer_title)
        self.signer_name, self.legal_bases = normalize(self.signer_name), normalize_multiline(self.legal_bases)
        return self


class DecisionLine(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    nomination = models.OneToOneField("awards.Nomination", on_delete=models.PROTECT, related_name="decision_line")
    achievement = models.TextField(_("achievement as written in the decision"))
    position = models.PositiveIntegerField(default=0)
    award = models.OneToOneField(
        "awards.Award", null=True, blank=True, on_delete=models.PROTECT, related_name="decision_line"
    )

    class Meta:
        ordering = ["decision", "position", "pk"]
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")

    def __str__(self):
        return f"{self.decision}: {self.nomination}"


class RegistryCounter(models.Model):
    """The last registry number (số sổ vàng) used by an issuer in a year: the row is locked
    while a decision is signed, so numbers run on without gaps or duplicates."""

    issuer = models.ForeignKey("thiduakt.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="one_counter_per_issuer_year")]

    def __str__(self):
        return f"{self.issuer} {self.year}: {self.last}"
