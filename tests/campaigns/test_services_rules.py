"""Permissions from campaigns/rules.py, asked the way views ask: user.has_perm(name, obj)."""

from campaigns.enums import ClusterRole
from campaigns.models import ClusterMembership
from tests.factories import UserFactory
from thiduakt.enums import Role

from .conftest import YEAR


def test_unit_staff_register_for_their_home_unit_only(org):
    staff = org.users.staff_a1
    assert staff.has_perm("campaigns.register", org.a1)
    assert not staff.has_perm("campaigns.register", org.a2)
    assert not staff.has_perm("campaigns.register", org.a1_group)  # not even a unit below
    assert not staff.has_perm("campaigns.register", org.a)  # nor the district above


def test_a_council_member_does_not_register(org):
    member = UserFactory(role=Role.COUNCIL_MEMBER, unit=org.a1)
    assert not member.has_perm("campaigns.register", org.a1)


def test_only_the_launching_side_changes_a_campaign(org, district_campaign):
    assert org.users.sec_a.has_perm("campaigns.change_campaign", district_campaign)
    assert org.users.sec_city.has_perm("campaigns.change_campaign", district_campaign)
    assert not org.users.sec_b.has_perm("campaigns.change_campaign", district_campaign)
    assert not org.users.staff_a1.has_perm("campaigns.change_campaign", district_campaign)


def test_the_leaders_staff_score_for_the_cluster_and_a_members_staff_do_not(org, scoring):
    target = (scoring.campaign, scoring.cluster)
    assert org.users.staff_a1.has_perm("campaigns.cluster_score", target)  # a1 leads in 2025
    assert not org.users.staff_a2.has_perm("campaigns.cluster_score", target)  # deputy
    assert not org.users.staff_b1.has_perm("campaigns.cluster_score", target)  # member
    assert org.users.sec_city.has_perm("campaigns.cluster_score", target)  # owns the cluster
    assert not org.users.sec_b.has_perm("campaigns.cluster_score", target)


def test_leadership_is_read_for_the_campaigns_scoring_year(org, scoring):
    ClusterMembership.objects.filter(cluster=scoring.cluster, year=YEAR).update(role=ClusterRole.MEMBER)
    ClusterMembership.objects.create(cluster=scoring.cluster, unit=org.a1, year=YEAR - 1, role=ClusterRole.LEADER)
    assert not org.users.staff_a1.has_perm("campaigns.cluster_score", (scoring.campaign, scoring.cluster))


def test_members_self_score_for_their_own_unit(org):
    assert org.users.staff_b1.has_perm("campaigns.self_score", org.b1)
    assert not org.users.staff_b1.has_perm("campaigns.self_score", org.a1)
