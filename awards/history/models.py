"""What each person and collective has been rated and awarded: the history every rule reads."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import DisciplineLevel, InitiativeLevel, Rating

ONE_NOMINEE = Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False)


class YearlyRating(models.Model):
    person = models.ForeignKey(
        "thiduakt.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    unit = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="ratings",
        help_text=_("For the rating of a collective."),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=8, choices=Rating.choices)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("yearly rating")
        verbose_name_plural = _("yearly ratings")
        constraints = [
            models.CheckConstraint(condition=ONE_NOMINEE, name="rating_one_nominee"),
            models.UniqueConstraint(fields=["person", "year"], name="one_rating_per_person_year"),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=Q(person__isnull=True), name="one_rating_per_unit_year"
            ),
        ]
        indexes = [models.Index(fields=["-year", "-id"], name="rating_newest_first")]  # the admin's list

    def __str__(self):
        return f"{self.person or self.unit} {self.year}: {self.rating}"


class Discipline(models.Model):
    person = models.ForeignKey(
        "thiduakt.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="disciplines"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("measure"), max_length=16, choices=DisciplineLevel.choices)
    decision = models.CharField(_("decision"), max_length=255, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("disciplinary measure")
        verbose_name_plural = _("disciplinary measures")
        indexes = [models.Index(fields=["person", "year"])]

    def __str__(self):
        return f"{self.person} {self.year}: {self.get_level_display()}"


class Initiative(models.Model):
    """An initiative or research work, and the level that recognised it."""

    title = models.CharField(_("title"), max_length=500)
    authors = models.ManyToManyField("thiduakt.Person", verbose_name=_("authors"), related_name="initiatives")
    level = models.CharField(_("recognised at"), max_length=16, choices=InitiativeLevel.choices)
    recognised_on = models.DateField(_("recognised on"))
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)

    class Meta:
        ordering = ["-recognised_on"]
        verbose_name = _("initiative or research work")
        verbose_name_plural = _("initiatives and research works")

    def __str__(self):
        return self.title

    @property
    def year(self):
        return self.recognised_on.year


class Award(models.Model):
    """An award received — by decision in this system, or entered from earlier records."""

    award_type = models.ForeignKey(
        "awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT, related_name="awards"
    )
    person = models.ForeignKey(
        "thiduakt.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    unit = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="awards"
    )
    from_records = models.BooleanField(_("entered from earlier records"), default=False)
    nomination = models.OneToOneField(
        "awards.Nomination", null=True, blank=True, on_delete=models.PROTECT, related_name="award",
        help_text=_("The nomination a signed decision granted it for."),
    )  # fmt: skip
    registry_number = models.PositiveIntegerField(_("registry number"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        ordering = ["-year", "award_type__position"]
        verbose_name = _("award received")
        verbose_name_plural = _("awards received")
        constraints = [models.CheckConstraint(condition=ONE_NOMINEE, name="award_one_nominee")]
        indexes = [
            models.Index(fields=["person", "award_type", "year"]),
            models.Index(fields=["unit", "award_type", "year"]),
        ]

    def __str__(self):
        return f"{self.award_type} {self.year} — {self.person or self.unit}"
