from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A task for the background service, recorded in the database before it is published: a
    message that cannot reach the broker stays here until `thiduakt.outbox.drain` sends it."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    queue = models.CharField(max_length=200, blank=True)
    countdown = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("background message")
        verbose_name_plural = _("background messages")

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"


class OutgoingMail(models.Model):
    """An email, written in the same transaction as what it tells and sent by the worker."""

    subject = models.CharField(max_length=500)
    body = models.TextField()
    from_email = models.CharField(max_length=320)
    to = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")

    def __str__(self):
        return self.subject
