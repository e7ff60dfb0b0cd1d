"""Scoped reads for campaigns, registrations and clusters."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from campaigns.enums import CampaignScope, CampaignStatus, RegistrationStatus
from campaigns.models import Campaign, Cluster, ClusterMembership, Registration, ScoreLine, ScoreSheet
from thiduakt.models import Unit


def _ancestor_ids(unit):
    return [int(p) for p in unit.path.strip("/").split("/") if p]


def campaigns_for_user(user):
    """Campaigns launched within one's scope or above one's home unit, and those one's units take part in."""
    prefix = user.scope_path() if user.is_authenticated else None
    queryset = Campaign.objects.select_related("launcher", "cluster")
    if prefix is None:
        return queryset.none()
    if prefix == "/":
        return queryset
    return queryset.filter(
        Q(launcher__path__startswith=prefix)
        | Q(launcher_id__in=_ancestor_ids(user.unit))
        | Q(pk__in=Campaign.objects.filter(chosen_units__path__startswith=prefix).values("pk"))
        | Q(cluster__in=ClusterMembership.objects.filter(unit__path__startswith=prefix).values("cluster"))
    )


def manages_campaign(user, campaign):
    """The launching side: the launcher lies within the user's scope."""
    prefix = user.scope_path() if user.is_authenticated else None
    return prefix is not None and campaign.launcher.path.startswith(prefix)


def participant_units(campaign):
    """The units that take part, as the campaign's scope defines them."""
    if campaign.scope == CampaignScope.CLUSTER and campaign.cluster_id:
        return Unit.objects.filter(
            cluster_memberships__cluster_id=campaign.cluster_id, cluster_memberships__year=campaign.scoring_year
        )
    if campaign.scope == CampaignScope.CHOSEN:
        return campaign.chosen_units.all()
    return Unit.objects.within(campaign.launcher).exclude(pk=campaign.launcher_id).active_on(campaign.start_date)


def registrations_for_user(user, campaign):
    queryset = Registration.objects.filter(campaign=campaign).select_related("unit").prefetch_related("entries__person")
    if manages_campaign(user, campaign):
        return queryset
    prefix = user.scope_path()
    return queryset.filter(unit__path__startswith=prefix) if prefix else queryset.none()


@dataclass
class Coverage:
    registered: list
    missing: list

    @property
    def total(self):
        return len(self.registered) + len(self.missing)


def coverage(campaign):
    """Which participating units have registered, and which have not."""
    statuses = dict(Registration.objects.filter(campaign=campaign).values_list("unit_id", "status"))
    units = list(participant_units(campaign).select_related("level").order_by("sort_key"))
    registered = [(u, statuses[u.pk]) for u in units if u.pk in statuses]
    return Coverage(registered=registered, missing=[u for u in units if u.pk not in statuses])


def clusters_for_user(user):
    """Clusters managed within one's scope, and those one's home unit belongs to."""
    prefix = user.scope_path() if user.is_authenticated else None
    queryset = Cluster.objects.select_related("owner")
    if prefix is None:
        return queryset.none()
    if prefix == "/":
        return queryset
    return queryset.filter(Q(owner__path__startswith=prefix) | Q(memberships__unit__path__startswith=prefix)).distinct()


def members(cluster, year):
    return (
        ClusterMembership.objects.filter(cluster=cluster, year=year)
        .select_related("unit")
        .order_by("role", "unit__sort_key")
    )


@dataclass
class RankingRow:
    unit: Unit
    sheet: ScoreSheet | None
    self_total: Decimal | None
    total: Decimal | None
    missing: list = field(default_factory=list)  # mandatory criteria without the cluster's points
    rank: int | None = None
    tied: bool = False


def ranking(campaign, cluster):
    """Every member's weighted total from the cluster's points, ranked with ties.

    A member missing the cluster's points on a mandatory criterion is not ranked; the
    criteria it lacks are listed instead. Optional criteria left empty count as zero.
    """
    criteria = list(campaign.criteria.all())
    lines = Prefetch("lines", queryset=ScoreLine.objects.select_related("criterion"))
    sheets = {
        s.unit_id: s for s in ScoreSheet.objects.filter(campaign=campaign, cluster=cluster).prefetch_related(lines)
    }
    rows = []
    for membership in members(cluster, campaign.scoring_year):
        sheet = sheets.get(membership.unit_id)
        by_criterion = {line.criterion_id: line for line in sheet.lines.all()} if sheet else {}
        missing = [
            c for c in criteria if c.mandatory and getattr(by_criterion.get(c.pk), "cluster_points", None) is None
        ]
        rows.append(
            RankingRow(
                unit=membership.unit,
                sheet=sheet,
                missing=missing,
                self_total=_weighted(criteria, by_criterion, "self_points"),
                total=None if missing else _weighted(criteria, by_criterion, "cluster_points"),
            )
        )
    _assign_ranks([r for r in rows if r.total is not None])
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, r.unit.sort_key))


def _weighted(criteria, by_criterion, attribute):
    values = [(c, getattr(by_criterion.get(c.pk), attribute, None)) for c in criteria]
    if all(v is None for _c, v in values):
        return None
    return sum((v or Decimal(0)) * c.weight for c, v in values)


def _assign_ranks(rows):
    """Competition ranking (1, 2, 2, 4): equal totals share a rank and are marked tied."""
    rows.sort(key=lambda r: r.total, reverse=True)
    for index, row in enumerate(rows):
        if index and row.total == rows[index - 1].total:
            row.rank = rows[index - 1].rank
            row.tied = rows[index - 1].tied = True
        else:
            row.rank = index + 1


def campaigns_open_to(unit):
    """Campaigns now taking registrations in which `unit` takes part (a fixed number of queries)."""
    if unit is None:
        return []
    candidates = (
        Campaign.objects.filter(status__in=(CampaignStatus.LAUNCHED, CampaignStatus.INTERIM_REVIEW))
        .select_related("launcher")
        .prefetch_related("chosen_units")
    )
    memberships = set(ClusterMembership.objects.filter(unit=unit).values_list("cluster_id", "year"))
    result = []
    for campaign in candidates:
        if campaign.scope == CampaignScope.SUBTREE:
            takes_part = unit.path.startswith(campaign.launcher.path) and unit.pk != campaign.launcher_id
        elif campaign.scope == CampaignScope.CHOSEN:
            takes_part = unit in campaign.chosen_units.all()
        else:
            takes_part = (campaign.cluster_id, campaign.scoring_year) in memberships
        if takes_part:
            result.append(campaign)
    return result


def registration_inbox(user):
    """Submitted registrations waiting for the launching side, within the user's scope."""
    prefix = user.scope_path()
    if prefix is None:
        return Registration.objects.none()
    return (
        Registration.objects.filter(status=RegistrationStatus.SUBMITTED, campaign__launcher__path__startswith=prefix)
        .select_related("unit", "campaign")
        .order_by("submitted_at")
    )
