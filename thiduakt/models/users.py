from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from thiduakt.enums import Role


class User(AbstractUser):
    """A user acts in one role from a home unit; what they see is that unit's subtree."""

    full_name = models.CharField(_("full name"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.UNIT_STAFF)
    unit = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("home unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )  # fmt: skip
    position = models.CharField(_("position"), max_length=200, blank=True)
    # Set on accounts created with a known password (the demo's): they change it before anything else.
    must_change_password = models.BooleanField(_("must change password"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        # The Django admin is the administrator's tool and nobody else's.
        self.is_staff = self.is_superuser or self.role == Role.ADMIN
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.username

    def __str__(self):
        return self.get_full_name()

    @property
    def has_global_scope(self):
        return self.is_superuser and self.unit_id is None

    def scope_path(self):
        """Prefix of the materialised paths this user may see; None means nothing."""
        if self.has_global_scope:
            return "/"
        return self.unit.path if self.unit_id else None
