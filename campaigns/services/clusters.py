"""Clusters and blocs: membership by year, and the scoring that ranks their members."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import CampaignStatus, ClusterRole, RankingStatus
from campaigns.models import Campaign, Cluster, ClusterMembership, ClusterRanking, ScoreLine, ScoreSheet
from campaigns.selectors import members, ranking
from thiduakt.errors import DomainError
from thiduakt.services import audit
from thiduakt.services.records import create_record
from thiduakt.workflow import change_state

SCORING_STATES = (CampaignStatus.LAUNCHED, CampaignStatus.INTERIM_REVIEW, CampaignStatus.FINAL_REVIEW)


def create_cluster(*, actor, data):
    owner = data.get("owner")
    if owner is None or not owner.path.startswith(actor.scope_path() or "-"):
        raise DomainError(_("The managing unit must be in your scope."), field="owner")
    return create_record(
        Cluster, actor=actor, data=data, action="cluster.create", audit_unit=lambda c: c.owner,
        fields=("name", "kind", "owner", "description"),
    )  # fmt: skip


def set_membership(cluster, unit, year, role, *, actor):
    """Add a unit for a year, or change its role; a new leader or deputy replaces the old one."""
    with transaction.atomic():
        Cluster.objects.select_for_update().get(pk=cluster.pk)  # serialise role changes per cluster
        if role in (ClusterRole.LEADER, ClusterRole.DEPUTY):
            ClusterMembership.objects.filter(cluster=cluster, year=year, role=role).exclude(unit=unit).update(
                role=ClusterRole.MEMBER
            )
        existing = ClusterMembership.objects.filter(cluster=cluster, unit=unit, year=year).first()
        if existing and existing.role == role:
            return existing
        membership, _created = ClusterMembership.objects.update_or_create(
            cluster=cluster, unit=unit, year=year, defaults={"role": role}
        )
        audit.record(
            actor=actor, action="cluster.membership", obj=cluster, unit=cluster.owner,
            data={"unit": unit.name, "year": year, "role": role, "role_label": str(ClusterRole(role).label)},
        )  # fmt: skip
    return membership


def remove_membership(membership, *, actor):
    with transaction.atomic():
        audit.record(
            actor=actor, action="cluster.membership_remove", obj=membership.cluster, unit=membership.cluster.owner,
            data={"unit": membership.unit.name, "year": membership.year},
        )  # fmt: skip
        membership.delete()


def copy_members(cluster, from_year, to_year, *, actor):
    """Carry last year's members into a new year; leader and deputy rotate, so they start as members."""
    existing = set(ClusterMembership.objects.filter(cluster=cluster, year=to_year).values_list("unit_id", flat=True))
    with transaction.atomic():
        created = ClusterMembership.objects.bulk_create(
            ClusterMembership(cluster=cluster, unit_id=m.unit_id, year=to_year, role=ClusterRole.MEMBER)
            for m in members(cluster, from_year)
            if m.unit_id not in existing
        )
        audit.record(
            actor=actor, action="cluster.copy_members", obj=cluster, unit=cluster.owner,
            data={"from": from_year, "to": to_year, "count": len(created)},
        )  # fmt: skip
    return created


# --- Scoring ----------------------------------------------------------------------------------


def _sheet_for(campaign, cluster, unit):
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)  # the state it has now
    if campaign.status not in SCORING_STATES:
        raise DomainError(
            _("Scores are entered while the campaign runs, not before it is launched or after it closes.")
        )
    _check_ranking_open(campaign, cluster)
    if not ClusterMembership.objects.filter(cluster=cluster, unit=unit, year=campaign.scoring_year).exists():
        raise DomainError(
            _("%(unit)s is not a member of %(cluster)s in %(year)d.")
            % {"unit": unit, "cluster": cluster, "year": campaign.scoring_year}
        )
    try:
        sheet, _created = ScoreSheet.objects.get_or_create(campaign=campaign, cluster=cluster, unit=unit)
    except IntegrityError:  # two first saves at once: the other one created it
        sheet = ScoreSheet.objects.get(campaign=campaign, cluster=cluster, unit=unit)
    return ScoreSheet.objects.select_for_update().get(pk=sheet.pk)


def _check_points(criterion, points):
    if points is None:
        return
    if points < 0:
        raise DomainError(_("Points cannot be negative (criterion %(order)d).") % {"order": criterion.order})
    if points > criterion.max_points:
        raise DomainError(
            _("Criterion %(order)d allows at most %(max)s points; %(points)s were entered.")
            % {"order": criterion.order, "max": _points(criterion.max_points), "points": _points(points)}
        )


def _points(value):
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def save_scores(campaign, cluster, unit, *, actor, scores, by_cluster, expected_version=None):
    """Save a member's self-assessment, or the cluster's scores (`by_cluster`).

    `scores` maps each criterion to {"points": Decimal|None, "evidence": str, "evidence_file": file|None,
    "note": str}. Every value is checked before anything is written.
    """
    criteria = {c.pk: c for c in campaign.criteria.all()}
    for criterion_id, values in scores.items():
        _check_points(criteria[criterion_id], values.get("points"))
    with transaction.atomic():
        sheet = _sheet_for(campaign, cluster, unit)
        if expected_version is not None and sheet.version != expected_version:
            raise DomainError(_("These scores were changed by someone else meanwhile. Reload the page and try again."))
        lines = {line.criterion_id: line for line in sheet.lines.all()}
        changes = {}
        for criterion_id, values in scores.items():
            line = lines.get(criterion_id) or ScoreLine(sheet=sheet, criterion=criteria[criterion_id])
            old = line.cluster_points if by_cluster else line.self_points
            if by_cluster:
                line.cluster_points, line.cluster_note = values.get("points"), values.get("note", "")
            else:
                line.self_points, line.evidence = values.get("points"), values.get("evidence", "")
                if values.get("evidence_file"):
                    line.evidence_file = values["evidence_file"]
            line.save()
            if old != values.get("points"):
                changes[str(criteria[criterion_id].order)] = [_str(old), _str(values.get("points"))]
        stamp = "cluster_scored_at" if by_cluster else "self_scored_at"
        setattr(sheet, stamp, timezone.now())
        sheet.version += 1
        sheet.save()
        audit.record(
            actor=actor, action="scores.cluster" if by_cluster else "scores.self", obj=sheet, unit=unit,
            data={"campaign": campaign.title, "changes": changes},
        )  # fmt: skip
    return sheet


def _str(value):
    return None if value is None else _points(value)


RANKING_TRANSITIONS = {RankingStatus.OPEN: {RankingStatus.FINAL}, RankingStatus.FINAL: {RankingStatus.OPEN}}


def _ranking_row(campaign, cluster):
    try:
        with transaction.atomic():
            row, _created = ClusterRanking.objects.get_or_create(campaign=campaign, cluster=cluster)
    except IntegrityError:  # two first finalisations at once: the other one created it
        row = ClusterRanking.objects.get(campaign=campaign, cluster=cluster)
    return row


def _check_ranking_open(campaign, cluster):
    if ClusterRanking.objects.filter(campaign=campaign, cluster=cluster, status=RankingStatus.FINAL).exists():
        raise DomainError(
            _("The ranking of %(cluster)s is final; the cluster must reopen it before scores change.")
            % {"cluster": cluster}
        )


def _ranked(campaign, cluster):
    """The rows to record and the single top one, or a refusal saying why they cannot be."""
    rows = ranking(campaign, cluster)
    blocked = [r for r in rows if r.missing]
    if blocked:
        raise DomainError(
            _("Cannot rank yet: %(units)s lack the cluster's points on mandatory criteria.")
            % {"units": ", ".join(r.unit.name for r in blocked)}
        )
    ranked = [r for r in rows if r.rank is not None]
    if not ranked:
        raise DomainError(_("No member has been scored yet."))
    top = [r for r in ranked if r.rank == 1]
    if len(top) > 1:
        raise DomainError(
            _("%(units)s share first place; the cluster must break the tie before one is proposed for the flag.")
            % {"units": ", ".join(r.unit.name for r in top)}
        )
    return ranked, top[0]


def finalize_ranking(campaign, cluster, *, actor):
    """Record each member's rank and mark the single top unit as proposed for the flag, once:
    the ranking is then final (scores locked) until it is reopened on purpose."""
    outcome = {}

    def check(locked):
        # Locked like a scores save, so no save slips in between the ranking read and the write.
        Campaign.objects.select_for_update().get(pk=campaign.pk)
        outcome["ranked"], outcome["top"] = _ranked(campaign, cluster)

    def apply(locked):
        ScoreSheet.objects.filter(campaign=campaign, cluster=cluster).update(rank=None, proposed_for_flag=False)
        for row in outcome["ranked"]:
            ScoreSheet.objects.filter(pk=row.sheet.pk).update(rank=row.rank, proposed_for_flag=row.rank == 1)

    def details(locked):
        return {
            "campaign": campaign.title,
            "ranking": [[r.rank, r.unit.name, _points(r.total)] for r in outcome["ranked"]],
            "proposed": outcome["top"].unit.name,
        }

    change_state(
        _ranking_row(campaign, cluster), RankingStatus.FINAL, actor=actor, transitions=RANKING_TRANSITIONS,
        action="cluster.ranking", check=check, apply=apply, details=details,
    )  # fmt: skip
    return outcome["top"]


def reopen_ranking(campaign, cluster, *, actor, reason):
    """Reopen a final ranking (a complaint, a scoring error): the ranks and the flag proposal are
    withdrawn until it is recorded again, and the reason is kept in the audit log."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for reopening the ranking."), field="reason")

    def apply(locked):
        ScoreSheet.objects.filter(campaign=campaign, cluster=cluster).update(rank=None, proposed_for_flag=False)

    return change_state(
        _ranking_row(campaign, cluster), RankingStatus.OPEN, actor=actor, transitions=RANKING_TRANSITIONS,
        action="cluster.ranking_reopen", apply=apply, reason=reason,
    )  # fmt: skip
