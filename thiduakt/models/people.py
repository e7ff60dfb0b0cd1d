from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thiduakt.enums import Gender, PersonCategory
from thiduakt.text import fold, name_sort_key, normalize
from thiduakt.validators import validate_citizen_id


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=120)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    citizen_id = models.CharField(
        _("citizen ID number"), max_length=12, null=True, blank=True, unique=True,
        validators=[validate_citizen_id],
        help_text=_("12 digits, as on the chip-based citizen identity card."),
    )  # fmt: skip
    position = models.CharField(_("position"), max_length=200, blank=True)
    unit = models.ForeignKey("thiduakt.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people")
    category = models.CharField(
        _("category"), max_length=32, choices=PersonCategory.choices,
        default=PersonCategory.OTHER,
    )  # fmt: skip
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    is_active = models.BooleanField(_("currently working"), default=True)
    search_text = models.CharField(max_length=400, editable=False, default="", db_index=True)
    sort_key = models.CharField(max_length=800, editable=False, default="", db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_key", "birth_date", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["unit", "sort_key"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(citizen_id__isnull=True) | Q(citizen_id__regex=r"^[0-9]{12}$"),
                name="person_citizen_id_12_digits",
            )
        ]

    def __str__(self):
        return self.full_name

    def clean(self):
        super().clean()
        if self.citizen_id and self.birth_date and self.gender:
            try:
                validate_citizen_id(self.citizen_id, gender=self.gender, birth_date=self.birth_date)
            except ValidationError as error:
                raise ValidationError({"citizen_id": error.messages}) from error

    def prepare(self):
        """Normalise input and derive the search and sort columns (bulk_create skips save)."""
        self.full_name = normalize(self.full_name)
        self.position = normalize(self.position)
        self.ethnicity = normalize(self.ethnicity)
        self.citizen_id = normalize(self.citizen_id) or None
        self.search_text = " ".join(filter(None, [fold(self.full_name), self.citizen_id or "", fold(self.position)]))
        self.sort_key = name_sort_key(self.full_name)
        return self

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)
