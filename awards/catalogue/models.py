from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import AwardKind, AwardLevel, NomineeType, VoteDenominator

SHARE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class AwardType(models.Model):
    """An emulation title or a form of award, with every rule that governs it kept as data.

    Thresholds, quotas and vote rules change with decrees and with each city's regulation,
    so the administrator edits them here rather than in code.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, choices=AwardKind.choices)
    level = models.CharField(_("level"), max_length=16, choices=AwardLevel.choices)
    for_individuals = models.BooleanField(_("for individuals"), default=False)
    for_collectives = models.BooleanField(_("for collectives"), default=False)
    for_households = models.BooleanField(_("for households"), default=False)
    authority = models.CharField(_("deciding authority"), max_length=255)
    simplified_procedure = models.BooleanField(
        _("simplified procedure allowed"), default=False,
        help_text=_("Article 85: sudden, dedication, seniority and foreign-relations grounds need fewer documents."),
    )  # fmt: skip
    required_attachments = models.JSONField(_("required attachments"), default=list, blank=True)
    vote_secret = models.BooleanField(_("secret ballot"), default=False)
    vote_threshold = models.DecimalField(
        _("share of votes needed"), max_digits=4, decimal_places=3, default=Decimal("0.5"), validators=SHARE
    )
    vote_denominator = models.CharField(
        _("counted against"), max_length=8, choices=VoteDenominator.choices, default=VoteDenominator.PRESENT
    )
    quorum = models.DecimalField(
        _("quorum (share of members present)"), max_digits=4, decimal_places=3, default=Decimal("0.667"),
        validators=SHARE,
    )  # fmt: skip
    written_opinions_count = models.BooleanField(_("written opinions of absent members count"), default=True)
    quota_share = models.DecimalField(
        _("quota: at most this share"), max_digits=4, decimal_places=3, null=True, blank=True, validators=SHARE
    )
    quota_of = models.ForeignKey(
        "self", verbose_name=_("quota: of the holders of"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("E.g. Chiến sĩ thi đua cơ sở at most 0.15 of the Lao động tiên tiến in a unit."),
    )  # fmt: skip
    public_posting = models.BooleanField(_("public posting required"), default=False)
    posting_working_days = models.PositiveSmallIntegerField(_("posting period (working days)"), default=10)
    campaigns = models.ManyToManyField(
        "campaigns.Campaign", verbose_name=_("campaigns leading to it"), blank=True, related_name="award_types"
    )
    position = models.PositiveSmallIntegerField(_("position in lists"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("award type")
        verbose_name_plural = _("award catalogue")

    def __str__(self):
        return self.name

    def accepts(self, nominee_type):
        return {
            NomineeType.INDIVIDUAL: self.for_individuals,
            NomineeType.COLLECTIVE: self.for_collectives,
            NomineeType.HOUSEHOLD: self.for_households,
        }[nominee_type]


class EligibilityRule(models.Model):
    """One named, parameterised check attached to an award type (see awards.eligibility.checks)."""

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("check"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    label = models.CharField(_("label"), max_length=255, blank=True)

    class Meta:
        ordering = ["award_type", "position", "pk"]
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")

    def __str__(self):
        return self.label or self.kind
