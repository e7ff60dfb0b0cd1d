"""Who may do what with campaigns: a role, and where the object sits in the unit tree."""

import rules

from campaigns.enums import ClusterRole
from campaigns.selectors import manages_campaign
from thiduakt.enums import Role
from thiduakt.rules import in_scope, is_secretariat, is_unit_staff


@rules.predicate
def manages(user, campaign):
    return campaign is None or manages_campaign(user, campaign)


@rules.predicate
def is_own_unit(user, unit):
    """Registration and self-scoring are done by the unit's own people, for their home unit."""
    return unit is None or (user.is_authenticated and user.unit_id == unit.pk)


@rules.predicate
def leads_cluster(user, target):
    """`target` is (campaign, cluster): the user's home unit leads the cluster in the scoring year."""
    if target is None:
        return True
    campaign, cluster = target
    return cluster.memberships.filter(
        unit_id=user.unit_id, year=campaign.scoring_year, role=ClusterRole.LEADER
    ).exists()


@rules.predicate
def manages_cluster(user, target):
    if target is None:
        return True
    _campaign, cluster = target
    return in_scope(user, cluster.owner)


can_act_for_unit = rules.predicate(
    lambda user: user.is_authenticated and user.role in (Role.UNIT_STAFF, Role.SECRETARIAT)
)

rules.add_perm("campaigns.add_campaign", is_secretariat)
rules.add_perm("campaigns.change_campaign", is_secretariat & manages)
rules.add_perm("campaigns.register", can_act_for_unit & is_own_unit)
rules.add_perm("campaigns.decide_registration", is_secretariat & manages)
rules.add_perm("campaigns.add_cluster", is_secretariat)
rules.add_perm("campaigns.change_cluster", is_secretariat & in_scope)
rules.add_perm("campaigns.self_score", (is_unit_staff | is_secretariat) & is_own_unit)
rules.add_perm("campaigns.cluster_score", (is_secretariat & manages_cluster) | (can_act_for_unit & leads_cluster))
