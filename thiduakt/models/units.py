from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thiduakt.enums import UnitKind
from thiduakt.text import collation_key, fold, normalize


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
    1/7/2025 and the two-tier one after it: a dissolved district keeps its history and
    points at the unit that took over its work.
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
    successor = models.ForeignKey(
        "self", verbose_name=_("succeeded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="predecessors",
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
            )
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
