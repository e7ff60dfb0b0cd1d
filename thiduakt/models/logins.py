from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginFailure(models.Model):
    """One refused login, kept while it counts towards the login throttle (then pruned)."""

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # Lower-cased as typed, whether or not such an account exists.
    username = models.CharField(_("username"), max_length=150, db_index=True)
    client_ip = models.CharField(_("address"), max_length=45, blank=True, db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")

    def __str__(self):
        return f"{self.username} @ {self.client_ip}"
