"""The secretariat's ticks on the rules the data cannot decide (the nominations' manual checks)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ManualCheck(models.Model):
    """The secretariat's tick for a rule the data cannot decide, and who ticked it."""

    nomination = models.ForeignKey("awards.Nomination", on_delete=models.CASCADE, related_name="manual_checks")
    rule = models.ForeignKey("awards.EligibilityRule", on_delete=models.CASCADE, related_name="+")
    passed = models.BooleanField(_("satisfied"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("manual check")
        verbose_name_plural = _("manual checks")
        constraints = [models.UniqueConstraint(fields=["nomination", "rule"], name="one_manual_check_per_rule")]

    def __str__(self):
        return f"{self.nomination}: {self.rule}"
