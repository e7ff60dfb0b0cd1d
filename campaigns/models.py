import calendar
import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from thiduakt.text import fold, normalize, normalize_multiline
from thiduakt.uploads import random_name

from .enums import (
    CampaignKind,
    CampaignScope,
    CampaignStatus,
    ClusterKind,
    ClusterRole,
    EmulationTitle,
    RankingStatus,
    RegistrationStatus,
    ReviewKind,
)

# A thematic campaign lasting this long can lead to a Cờ thi đua at its final review.
FLAG_ELIGIBLE_YEARS = 3


def plan_file_path(instance, filename):
    return random_name("campaigns/plans", filename)


def evidence_file_path(instance, filename):
    return random_name("campaigns/evidence", filename)


def review_file_path(instance, filename):
    return random_name("campaigns/reviews", filename)


class Cluster(models.Model):
    """A cụm (by territory) or khối (by sector) of units that score and rank each other."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=ClusterKind.choices)
    owner = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("managing unit"), on_delete=models.PROTECT, related_name="owned_clusters"
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster or bloc")
        verbose_name_plural = _("clusters and blocs")

    def __str__(self):
        return self.name

    def prepare(self):
        self.name = normalize(self.name)
        self.description = normalize_multiline(self.description)
        return self

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)

    @property
    def unit(self):
        """The unit whose scope covers this cluster (for permission predicates)."""
        return self.owner


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    role = models.CharField(_("role"), max_length=16, choices=ClusterRole.choices, default=ClusterRole.MEMBER)

    class Meta:
        ordering = ["cluster", "-year", "role", "unit__sort_key"]
        verbose_name = _("cluster membership")
        verbose_name_plural = _("cluster memberships")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit", "year"], name="one_membership_per_year"),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(role="leader"), name="one_cluster_leader_per_year"
            ),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(role="deputy"), name="one_cluster_deputy_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.unit} ({self.year})"


class Campaign(models.Model):
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=CampaignKind.choices)
    launcher = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("launching unit"), on_delete=models.PROTECT, related_name="launched_campaigns"
    )
    scope = models.CharField(
        _("participants"), max_length=16, choices=CampaignScope.choices, default=CampaignScope.SUBTREE
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster or bloc"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="campaigns",
    )  # fmt: skip
    chosen_units = models.ManyToManyField(
        "thiduakt.Unit", verbose_name=_("chosen units"), blank=True, related_name="chosen_for_campaigns"
    )
    plan_number = models.CharField(
        _("plan number"), max_length=64, blank=True, help_text=_("As written on the document, e.g. 282/KH-UBND.")
    )
    plan_date = models.DateField(_("plan date"), null=True, blank=True)
    plan_signer = models.CharField(_("plan signed by"), max_length=200, blank=True)
    plan_file = models.FileField(_("plan document"), upload_to=plan_file_path, blank=True)
    theme = models.CharField(_("theme or slogan"), max_length=500, blank=True)
    content = models.TextField(_("content"), blank=True)
    targets = models.TextField(_("targets"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    submissions_open = models.DateField(_("nominations accepted from"), null=True, blank=True)
    submissions_close = models.DateField(_("nominations accepted until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("emulation campaign")
        verbose_name_plural = _("emulation campaigns")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="campaign_period_ordered"),
        ]

    def __str__(self):
        return self.title

    def prepare(self):
        for name in ("title", "plan_number", "plan_signer", "theme"):
            setattr(self, name, normalize(getattr(self, name)))
        self.content = normalize_multiline(self.content)
        self.targets = normalize_multiline(self.targets)
        self.search_text = " ".join(fold(v) for v in (self.title, self.theme, self.plan_number) if v)
        return self

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)

    @property
    def unit(self):
        return self.launcher

    @property
    def duration(self):
        """(years, months, days) from the start to the end date, both included."""
        end = self.end_date + datetime.timedelta(days=1)
        months = (end.year - self.start_date.year) * 12 + end.month - self.start_date.month
        anchor = _add_months(self.start_date, months)
        if anchor > end:
            months -= 1
            anchor = _add_months(self.start_date, months)
        return months // 12, months % 12, (end - anchor).days

    @property
    def duration_display(self):
        years, months, days = self.duration
        parts = [
            ngettext("%(n)d year", "%(n)d years", years) % {"n": years} if years else "",
            ngettext("%(n)d month", "%(n)d months", months) % {"n": months} if months else "",
            ngettext("%(n)d day", "%(n)d days", days) % {"n": days} if days else "",
        ]
        return " ".join(p for p in parts if p)

    @property
    def may_lead_to_flag(self):
        """A thematic campaign of three years or more may propose a Cờ thi đua at its final review."""
        years, _months, _days = self.duration
        return self.kind == CampaignKind.THEMATIC and years >= FLAG_ELIGIBLE_YEARS

    @property
    def scoring_year(self):
        return self.end_date.year

    @property
    def accepts_registrations(self):
        return self.status in (CampaignStatus.LAUNCHED, CampaignStatus.INTERIM_REVIEW)


def _add_months(day, months):
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Criterion(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"))
    description = models.TextField(_("description"))
    max_points = models.DecimalField(
        _("maximum points"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip
    mandatory = models.BooleanField(_("mandatory"), default=True)

    class Meta:
        ordering = ["campaign", "order"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["campaign", "order"], name="criterion_order_unique")]

    def __str__(self):
        return f"{self.order}. {self.description[:80]}"


class Registration(models.Model):
    """A unit's registration (đăng ký thi đua) for a campaign: itself and its people, with titles."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT
    )
    pledge = models.TextField(_("pledge (giao ước)"), blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "unit__sort_key"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_registration_per_unit")]

    def __str__(self):
        return f"{self.unit} — {self.campaign}"

    @property
    def editable(self):
        return self.status in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)


class RegistrationEntry(models.Model):
    """One target: the unit itself (no person) or one of its people, for one title."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(
        "thiduakt.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="registrations",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=16, choices=EmulationTitle.choices)

    class Meta:
        ordering = ["registration", "person__sort_key", "title"]
        verbose_name = _("registered title")
        verbose_name_plural = _("registered titles")
        constraints = [
            models.UniqueConstraint(fields=["registration", "person", "title"], name="registration_entry_unique"),
            models.UniqueConstraint(
                fields=["registration", "title"],
                condition=Q(person__isnull=True),
                name="registration_unit_title_unique",
            ),
        ]

    def __str__(self):
        return f"{self.person or self.registration.unit}: {self.get_title_display()}"


class ScoreSheet(models.Model):
    """A cluster member's scores for one campaign: its own, then the cluster's."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="score_sheets")
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="score_sheets")
    unit = models.ForeignKey("thiduakt.Unit", on_delete=models.PROTECT, related_name="score_sheets")
    self_scored_at = models.DateTimeField(_("self-scored at"), null=True, blank=True)
    cluster_scored_at = models.DateTimeField(_("scored by the cluster at"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    proposed_for_flag = models.BooleanField(_("proposed for the emulation flag"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["rank", "unit__sort_key"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "cluster", "unit"], name="one_score_sheet_per_member"),
        ]

    def __str__(self):
        return f"{self.unit} — {self.campaign}"


class ClusterRanking(models.Model):
    """Whether a cluster's ranking in a campaign is final: recorded once, reopened only on purpose."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="cluster_rankings")
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="rankings")
    status = models.CharField(_("status"), max_length=16, choices=RankingStatus.choices, default=RankingStatus.OPEN)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("cluster ranking")
        verbose_name_plural = _("cluster rankings")
        constraints = [models.UniqueConstraint(fields=["campaign", "cluster"], name="one_ranking_per_cluster")]

    def __str__(self):
        return _("Ranking of %(cluster)s — %(campaign)s") % {"cluster": self.cluster, "campaign": self.campaign}

    @property
    def unit(self):
        return self.cluster.owner


class ScoreLine(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="score_lines")
    self_points = models.DecimalField(_("self-assessed points"), max_digits=6, decimal_places=2, null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_file_path, blank=True)
    cluster_points = models.DecimalField(_("cluster's points"), max_digits=6, decimal_places=2, null=True, blank=True)
    cluster_note = models.TextField(_("cluster's note"), blank=True)

    class Meta:
        ordering = ["sheet", "criterion__order"]
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="one_line_per_criterion")]

    def __str__(self):
        return f"{self.sheet.unit} — {self.criterion}"


class Review(models.Model):
    """A dated interim (sơ kết) or final (tổng kết) review of a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=16, choices=ReviewKind.choices)
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("summary"))
    participating_units = models.PositiveIntegerField(_("participating units"), null=True, blank=True)
    collectives_commended = models.PositiveIntegerField(_("collectives commended"), null=True, blank=True)
    individuals_commended = models.PositiveIntegerField(_("individuals commended"), null=True, blank=True)
    figures_note = models.TextField(_("other figures"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "held_on", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"


class ReviewAttachment(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=review_file_path)

    class Meta:
        ordering = ["review", "pk"]
        verbose_name = _("review attachment")
        verbose_name_plural = _("review attachments")

    def __str__(self):
        return self.title
