"""Councils (Hội đồng Thi đua – Khen thưởng), their sessions and ballots.

An open vote is a named `Vote`. A secret vote is never written in clear, not even for a
moment: the member's `BallotReceipt` holds it sealed to the session's vote-counting key
(see `awards.council.ballot_box`), whose passphrase the server does not keep; closing the vote
opens the ballots in memory, stores only each item's tallies and erases the sealed ballots.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import CouncilRole, SessionStatus, VoteDenominator


class Council(models.Model):
    unit = models.ForeignKey("thiduakt.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="councils")
    name = models.CharField(_("name"), max_length=255)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        ordering = ["unit__path", "-term_start"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_seats")
    role = models.CharField(_("role"), max_length=16, choices=CouncilRole.choices, default=CouncilRole.MEMBER)
    position = models.CharField(_("position"), max_length=255, blank=True)
    is_active = models.BooleanField(_("serving"), default=True)

    class Meta:
        ordering = ["council", "role", "user__full_name"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="one_seat_per_user")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class CouncilSession(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.DRAFT)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The public half of the vote-counting key and how its private half is derived from the
    # passphrase; set when a vote with secret items opens, erased when it closes.
    ballot_key = models.BinaryField(null=True, editable=False)
    ballot_kdf = models.CharField(max_length=200, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")

    def __str__(self):
        return f"{self.council} — {self.held_on:%d/%m/%Y}"

    @property
    def unit(self):
        return self.council.unit


class AgendaItem(models.Model):
    """One nomination put to the vote, with the vote rule it had when put on the agenda."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    nomination = models.ForeignKey("awards.Nomination", on_delete=models.PROTECT, related_name="agenda_items")
    secret = models.BooleanField(_("secret ballot"))
    threshold = models.DecimalField(_("share of votes needed"), max_digits=4, decimal_places=3)
    denominator = models.CharField(_("counted against"), max_length=8, choices=VoteDenominator.choices)
    quorum = models.DecimalField(_("quorum"), max_digits=4, decimal_places=3)
    written_opinions_count = models.BooleanField(_("written opinions count"), default=True)
    agree = models.PositiveSmallIntegerField(_("agree"), null=True, blank=True)
    disagree = models.PositiveSmallIntegerField(_("disagree"), null=True, blank=True)
    written = models.PositiveSmallIntegerField(_("written opinions counted"), null=True, blank=True)
    counted_against = models.PositiveSmallIntegerField(_("counted against"), null=True, blank=True)
    quorum_met = models.BooleanField(_("quorum met"), null=True, blank=True)
    passed = models.BooleanField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["session", "nomination__award_type__position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["session", "nomination"], name="nomination_once_per_session")]
        indexes = [models.Index(fields=["passed", "nomination"], name="agenda_item_passed_nomination")]  # dashboards

    def __str__(self):
        return str(self.nomination)

    @property
    def share(self):
        if not self.counted_against:
            return None
        return self.agree / self.counted_against


class Attendance(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("present"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="attendance_once")]

    def __str__(self):
        return f"{self.member}: {'present' if self.present else 'absent'}"


class BallotReceipt(models.Model):
    """That a member has voted on an item; how, only sealed, and only until the vote closes."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="receipts")
    written = models.BooleanField(_("written opinion"), default=False)
    sealed = models.BinaryField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_receipt_per_member")]

    def __str__(self):
        return f"{self.member} → {self.item}"


class Vote(models.Model):
    """An open vote, named and visible to the council. Secret votes are never stored here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    agree = models.BooleanField()
    written = models.BooleanField(default=False)
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="open_votes")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_open_vote_per_member")]

    def __str__(self):
        return f"{self.item}: {'agree' if self.agree else 'disagree'}"
