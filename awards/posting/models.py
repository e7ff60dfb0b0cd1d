"""Public posting (công khai) of nominations before the vote, and the public's feedback."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A day off that the working-day count skips, besides Saturdays and Sundays."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class PublicNotice(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "thiduakt.Unit", verbose_name=_("posting unit"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=500)
    start_date = models.DateField(_("posted from"))
    working_days = models.PositiveSmallIntegerField(_("working days"), default=10)
    end_date = models.DateField(_("feedback until"), editable=False)
    nominations = models.ManyToManyField("awards.Nomination", verbose_name=_("nominations"), related_name="notices")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")

    def __str__(self):
        return self.title


class Feedback(models.Model):
    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="feedback")
    nomination = models.ForeignKey(
        "awards.Nomination", verbose_name=_("about"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="feedback",
    )  # fmt: skip
    name = models.CharField(_("your name"), max_length=120)
    contact = models.CharField(_("phone or email"), max_length=200)
    content = models.TextField(_("content"), max_length=4000)
    sender = models.CharField(max_length=64, editable=False)  # hashed address, for the rate limit only
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [models.Index(fields=["sender", "created_at"])]

    def __str__(self):
        return f"{self.name}: {self.content[:60]}"
