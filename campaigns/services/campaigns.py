"""Campaigns: create, edit, move through their life, and their criteria."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from campaigns.enums import CampaignScope, CampaignStatus, ReviewKind
from campaigns.models import Campaign, Criterion
from thiduakt.errors import DomainError
from thiduakt.services import audit
from thiduakt.services.records import create_record, update_record
from thiduakt.services.successions import ensure_open
from thiduakt.workflow import change_state

AUDITED_FIELDS = (
    "title", "kind", "launcher", "scope", "cluster", "plan_number", "plan_date", "plan_signer", "theme",
    "start_date", "end_date", "submissions_open", "submissions_close", "content", "targets", "plan_file",
)  # fmt: skip

TRANSITIONS = {
    CampaignStatus.DRAFT: {CampaignStatus.LAUNCHED},
    CampaignStatus.LAUNCHED: {CampaignStatus.INTERIM_REVIEW, CampaignStatus.FINAL_REVIEW},
    CampaignStatus.INTERIM_REVIEW: {CampaignStatus.FINAL_REVIEW},
    CampaignStatus.FINAL_REVIEW: {CampaignStatus.CLOSED},
    CampaignStatus.CLOSED: set(),
}


def _launcher_unit(campaign):
    return campaign.launcher


def _check_scope(data, actor):
    launcher = data.get("launcher")
    if launcher is not None and not launcher.path.startswith(actor.scope_path() or "-"):
        raise DomainError(_("You can only launch campaigns for units in your scope."), field="launcher")
    ensure_open(launcher, field="launcher")
    if data.get("scope") == CampaignScope.CLUSTER and not data.get("cluster"):
        raise DomainError(_("Choose the cluster or bloc that takes part."), field="cluster")
    opens, closes = data.get("submissions_open"), data.get("submissions_close")
    if opens and closes and closes < opens:
        raise DomainError(_("The nomination window closes before it opens."), field="submissions_close")


def create_campaign(*, actor, data, chosen_units=()):
    _check_scope(data, actor)
    with transaction.atomic():
        campaign = create_record(
            Campaign, actor=actor, data={**data, "created_by": actor}, action="campaign.create",
            audit_unit=_launcher_unit, fields=AUDITED_FIELDS,
        )  # fmt: skip
        campaign.chosen_units.set(chosen_units)
    return campaign


def update_campaign(campaign, *, actor, data, expected_version=None, chosen_units=None):
    if campaign.status == CampaignStatus.CLOSED:
        raise DomainError(_("A closed campaign can no longer be edited."))
    _check_scope(data, actor)
    with transaction.atomic():
        updated = update_record(
            campaign, actor=actor, data=data, expected_version=expected_version, action="campaign.update",
            audit_unit=_launcher_unit, fields=AUDITED_FIELDS,
        )  # fmt: skip
        if chosen_units is not None:
            updated.chosen_units.set(chosen_units)
    return updated


def _ready_to_launch(campaign):
    ensure_open(campaign.launcher)
    missing = []
    if not campaign.plan_number or not campaign.plan_date:
        missing.append(_("the plan's number and date"))
    if not campaign.criteria.exists():
        missing.append(_("at least one criterion"))
    if campaign.scope == CampaignScope.CHOSEN and not campaign.chosen_units.exists():
        missing.append(_("the participating units"))
    if missing:
        raise DomainError(_("Before launching, add %(missing)s.") % {"missing": ", ".join(missing)})


def _has_review(kind, message):
    def check(campaign):
        if not campaign.reviews.filter(kind=kind).exists():
            raise DomainError(message())

    return check


# Review stages are entered by recording the review itself (services.reviews).
_CHECKS = {
    CampaignStatus.LAUNCHED: _ready_to_launch,
    CampaignStatus.INTERIM_REVIEW: _has_review(ReviewKind.INTERIM, lambda: _("Record the interim review first.")),
    CampaignStatus.FINAL_REVIEW: _has_review(ReviewKind.FINAL, lambda: _("Record the final review first.")),
    CampaignStatus.CLOSED: _has_review(
        ReviewKind.FINAL, lambda: _("Record the final review before closing the campaign.")
    ),
}


def set_campaign_state(campaign, new_state, *, actor, reason=""):
    return change_state(
        campaign, new_state, actor=actor, transitions=TRANSITIONS, action=f"campaign.{new_state}",
        check=_CHECKS.get(new_state), reason=reason,
    )  # fmt: skip


# --- Criteria ---------------------------------------------------------------------------------


def _editable_criteria(campaign):
    if campaign.status != CampaignStatus.DRAFT:
        raise DomainError(_("Criteria can only be changed before the campaign is launched."))


def save_criterion(campaign, *, actor, data, criterion=None):
    _editable_criteria(campaign)
    with transaction.atomic():
        if criterion is None:
            next_order = (campaign.criteria.aggregate(m=Max("order"))["m"] or 0) + 1
            criterion = Criterion(campaign=campaign, order=data.pop("order", None) or next_order)
        before = audit.snapshot(criterion, ("order", "description", "max_points", "weight", "mandatory"))
        for name, value in data.items():
            setattr(criterion, name, value)
        criterion.full_clean()
        criterion.save()
        after = audit.snapshot(criterion, ("order", "description", "max_points", "weight", "mandatory"))
        changes = audit.changes(before, after)
        audit.record(
            actor=actor, action="campaign.criterion", obj=campaign, unit=campaign.launcher,
            data={"model": "campaigns.criterion", "criterion": criterion.order, "changes": changes},
        )  # fmt: skip
    return criterion


def delete_criterion(criterion, *, actor):
    campaign = criterion.campaign
    _editable_criteria(campaign)
    with transaction.atomic():
        audit.record(
            actor=actor, action="campaign.criterion_delete", obj=campaign, unit=campaign.launcher,
            data={"criterion": criterion.order, "description": criterion.description},
        )  # fmt: skip
        criterion.delete()


def copy_criteria(campaign, source, *, actor):
    """Append the criteria of an earlier campaign, keeping their order."""
    _editable_criteria(campaign)
    if source.pk == campaign.pk:
        raise DomainError(_("Choose another campaign to copy from."))
    with transaction.atomic():
        start = campaign.criteria.aggregate(m=Max("order"))["m"] or 0
        copies = [
            Criterion(
                campaign=campaign,
                order=start + i,
                description=c.description,
                max_points=c.max_points,
                weight=c.weight,
                mandatory=c.mandatory,
            )
            for i, c in enumerate(source.criteria.all(), start=1)
        ]
        Criterion.objects.bulk_create(copies)
        audit.record(
            actor=actor, action="campaign.criteria_copy", obj=campaign, unit=campaign.launcher,
            data={"from": source.title, "count": len(copies)},
        )  # fmt: skip
    return copies
