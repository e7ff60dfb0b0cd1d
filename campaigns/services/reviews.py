"""Interim and final reviews; recording one moves the campaign to that stage."""

from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.enums import CampaignStatus, ReviewKind
from campaigns.models import Campaign, Review, ReviewAttachment
from thiduakt.errors import DomainError
from thiduakt.services import audit

from .campaigns import set_campaign_state

STAGE_OF = {ReviewKind.INTERIM: CampaignStatus.INTERIM_REVIEW, ReviewKind.FINAL: CampaignStatus.FINAL_REVIEW}
ALLOWED_FROM = {
    ReviewKind.INTERIM: {CampaignStatus.LAUNCHED, CampaignStatus.INTERIM_REVIEW},
    ReviewKind.FINAL: {CampaignStatus.LAUNCHED, CampaignStatus.INTERIM_REVIEW, CampaignStatus.FINAL_REVIEW},
}


def record_review(campaign, *, actor, data, attachments=()):
    """Save the review and its files; the first review of a kind moves the campaign on."""
    kind = data["kind"]
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)  # the state it has now
        if campaign.status not in ALLOWED_FROM[kind]:
            raise DomainError(
                _("A %(kind)s cannot be recorded while the campaign is “%(status)s”.")
                % {"kind": ReviewKind(kind).label.lower(), "status": campaign.get_status_display()}
            )
        if data["held_on"] < campaign.start_date:
            raise DomainError(_("A review cannot be held before the campaign starts."), field="held_on")
        review = Review(campaign=campaign, created_by=actor, **data)
        review.full_clean()
        review.save()
        for title, upload in attachments:
            ReviewAttachment.objects.create(review=review, title=title, file=upload)
        audit.record(
            actor=actor, action=f"review.{kind}", obj=campaign, unit=campaign.launcher,
            data={"held_on": review.held_on.isoformat(), "attachments": len(attachments)},
        )  # fmt: skip
        if campaign.status != STAGE_OF[kind]:
            set_campaign_state(campaign, STAGE_OF[kind], actor=actor)
    return review
