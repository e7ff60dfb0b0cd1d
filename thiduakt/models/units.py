from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thiduakt.enums import UnitKind
from thiduakt.text import collation_key, fold, normalize

STATISTICAL_CODE = RegexValidator(r"^\d{2,5}$", _("A statistical code is 2 to 5 digits."))


class UnitLevel(models.Model):
    """A level of the organisation tree, kept as data (Thành phố, Phường/Xã, Sở/ngành…)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("1 is the highest level; lower levels have larger numbers.")
    )

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("unit level")
        verbose_name_plural = _("unit levels")

    def __str__(self):
        return self.name


class UnitQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def within(self, unit):
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)


class Unit(models.Model):
    """A node of the organisation tree.

    Validity dates let the tree carry both the three-tier local government before
    1/7/2025 and the two-tier one after it: a closed district keeps its history, and its
    successions (below) say which units took over its work, wholly or in part.
    """

    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )  # fmt: skip
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    level = models.ForeignKey(UnitLevel, verbose_name=_("level"), on_delete=models.PROTECT)
    email = models.EmailField(_("email"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    # The official statistical code of an administrative unit (mã đơn vị hành chính:
    # 2 digits a province, 3 a district, 5 a ward or commune); empty for agencies and schools.
    statistical_code = models.CharField(
        _("statistical code"), max_length=5, blank=True, validators=[STATISTICAL_CODE],
        help_text=_("The official code of an administrative unit, e.g. 00367 for Phường Thanh Xuân."),
    )  # fmt: skip
    # Materialised path of primary keys ("/1/4/17/") so a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    search_text = models.CharField(max_length=400, editable=False, default="")
    sort_key = models.CharField(max_length=800, editable=False, default="", db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
            models.UniqueConstraint(
                fields=["statistical_code"], condition=~Q(statistical_code=""), name="unit_statistical_code_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def prepare(self):
        """Normalise input and derive the search and sort columns."""
        self.name = normalize(self.name)
        self.code = normalize(self.code).upper()
        self.search_text = f"{fold(self.name)} {fold(self.code)}"
        self.sort_key = collation_key(self.name)
        return self

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)
        expected = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if self.path != expected:
            self.path = expected
            self.depth = expected.count("/") - 2
            type(self).objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)

    def is_closed_on(self, day=None):
        """Ended before `day` (today by default): it may no longer take on new work."""
        return self.valid_to is not None and self.valid_to < (day or timezone.localdate())

    @property
    def label(self):
        """The name as history shows it: "Quận Thanh Xuân (đến 30/06/2025)" once the unit has ended."""
        if self.valid_to is None:
            return self.name
        return _("%(name)s (until %(date)s)") % {"name": self.name, "date": f"{self.valid_to:%d/%m/%Y}"}

    def successor_units(self):
        """The units that took over this one's work, in their sort order."""
        return [s.successor for s in self.successions.select_related("successor").order_by("successor__sort_key")]

    def is_active_on(self, day=None):
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)

    @property
    def is_active(self):
        return self.is_active_on()

    def contains(self, other):
        return bool(other and other.path.startswith(self.path))

    def ancestors(self):
        ids = [int(p) for p in self.path.strip("/").split("/")[:-1] if p]
        return type(self).objects.filter(pk__in=ids).order_by("depth")


class SuccessionRelation(models.TextChoices):
    WHOLE = "whole", _("the whole unit")
    PART = "part", _("a part of the unit")
    REMAINDER = "remainder", _("the remaining part of the unit")


class Succession(models.Model):
    """One line of an administrative reorganisation: `successor` took over `predecessor`,
    or a part of it. A new ward is formed from several old ones, and an old ward's parts go
    to several new ones, across the old districts' lines, so this is many-to-many."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("former unit"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("successor unit"), on_delete=models.PROTECT, related_name="predecessions"
    )
    relation = models.CharField(
        _("what passed"), max_length=16, choices=SuccessionRelation.choices, default=SuccessionRelation.WHOLE
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["predecessor__sort_key", "successor__sort_key"]
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="one_succession_per_pair"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_to_itself"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.get_relation_display()})"
