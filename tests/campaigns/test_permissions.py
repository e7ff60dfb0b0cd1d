"""Role × campaign URL → status. Outside one's scope: 404; in scope but not allowed: 403."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from campaigns.enums import CampaignKind, CampaignStatus, ClusterKind, ClusterRole
from campaigns.models import Campaign, Cluster, ClusterMembership, Criterion, Registration
from tests.factories import PersonFactory, UserFactory
from tests.worlds import city_tree
from thiduakt.enums import Role

ROLES = ["anonymous", "unit_staff", "other_ward_staff", "secretariat", "council_member", "other_district_secretariat"]


@pytest.fixture
def world(db):
    units = city_tree("TX", "TH", "TX-KT", "TX-NC", "TH-BU")
    city, tx, th, kt, nc, bu = (units[code] for code in ("HN", "TX", "TH", "TX-KT", "TX-NC", "TH-BU"))
    PersonFactory(unit=kt, full_name="Nguyễn Văn An")
    period = {"start_date": datetime.date(2026, 1, 1), "end_date": datetime.date(2026, 12, 31)}
    ours = Campaign.objects.create(
        title="Phong trào thi đua năm 2026", kind=CampaignKind.REGULAR, launcher=tx,
        status=CampaignStatus.LAUNCHED, plan_number="12/KH-UBND", **period,
    )  # fmt: skip
    theirs = Campaign.objects.create(title="Phong trào Tây Hồ", kind=CampaignKind.REGULAR, launcher=th, **period)
    criterion = Criterion.objects.create(campaign=ours, order=1, description="Tiêu chí 1", max_points=Decimal(10))
    cluster = Cluster.objects.create(name="Cụm thi đua số 1", kind=ClusterKind.TERRITORIAL, owner=tx)
    ClusterMembership.objects.create(cluster=cluster, unit=kt, year=2026, role=ClusterRole.LEADER)
    ClusterMembership.objects.create(cluster=cluster, unit=nc, year=2026)
    other_cluster = Cluster.objects.create(name="Cụm Tây Hồ", kind=ClusterKind.TERRITORIAL, owner=th)
    registration = Registration.objects.create(campaign=ours, unit=nc, status="submitted")
    users = SimpleNamespace(
        unit_staff=UserFactory(role=Role.UNIT_STAFF, unit=kt),
        other_ward_staff=UserFactory(role=Role.UNIT_STAFF, unit=nc),
        secretariat=UserFactory(role=Role.SECRETARIAT, unit=tx),
        council_member=UserFactory(role=Role.COUNCIL_MEMBER, unit=tx),
        other_district_secretariat=UserFactory(role=Role.SECRETARIAT, unit=th),
    )
    return SimpleNamespace(
        ours=ours, theirs=theirs, criterion=criterion, cluster=cluster, other_cluster=other_cluster,
        registration=registration, kt=kt, nc=nc, bu=bu, users=users,
    )  # fmt: skip


def urls(w):
    c, cl = w.ours.pk, w.cluster.pk
    return {
        "campaign_list": reverse("campaign_list"),
        "campaign_create": reverse("campaign_create"),
        "campaign_detail": reverse("campaign_detail", args=[c]),
        "campaign_detail_other_district": reverse("campaign_detail", args=[w.theirs.pk]),
        "campaign_update": reverse("campaign_update", args=[c]),
        "criterion_add": reverse("criterion_add", args=[c]),
        "criterion_edit": reverse("criterion_edit", args=[c, w.criterion.pk]),
        "campaign_register": reverse("campaign_register", args=[c]),
        "review_create": reverse("review_create", args=[c]),
        "cluster_list": reverse("cluster_list"),
        "cluster_create": reverse("cluster_create"),
        "cluster_detail": reverse("cluster_detail", args=[cl]),
        "cluster_detail_other_district": reverse("cluster_detail", args=[w.other_cluster.pk]),
        "cluster_ranking": reverse("cluster_ranking", args=[c, cl]),
        "self_score_own_unit": reverse("cluster_score", args=[c, cl, w.kt.pk, "self"]),
        "self_score_other_unit": reverse("cluster_score", args=[c, cl, w.nc.pk, "self"]),
        "cluster_score": reverse("cluster_score", args=[c, cl, w.nc.pk, "cluster"]),
    }


# anonymous, unit staff (KT, cluster leader), other ward staff (NC), secretariat TX, council TX, secretariat TH
TABLE = {
    "campaign_list":                  [302, 200, 200, 200, 200, 200],
    "campaign_create":                [302, 403, 403, 200, 403, 200],
    "campaign_detail":                [302, 200, 200, 200, 200, 404],
    "campaign_detail_other_district": [302, 404, 404, 404, 404, 200],
    "campaign_update":                [302, 403, 403, 200, 403, 404],
    "criterion_add":                  [302, 403, 403, 200, 403, 404],
    "criterion_edit":                 [302, 403, 403, 200, 403, 404],
    "campaign_register":              [302, 200, 200, 302, 403, 404],  # the launcher itself does not take part
    "review_create":                  [302, 403, 403, 200, 403, 404],
    "cluster_list":                   [302, 200, 200, 200, 200, 200],
    "cluster_create":                 [302, 403, 403, 200, 403, 200],
    "cluster_detail":                 [302, 200, 200, 200, 200, 404],
    "cluster_detail_other_district":  [302, 404, 404, 404, 404, 200],
    "cluster_ranking":                [302, 200, 200, 200, 200, 404],
    "self_score_own_unit":            [302, 200, 403, 403, 403, 404],
    "self_score_other_unit":          [302, 403, 200, 403, 403, 404],
    "cluster_score":                  [302, 200, 403, 200, 403, 404],
}  # fmt: skip

CASES = [(key, role, row[i]) for key, row in TABLE.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("key", "role", "expected"), CASES, ids=[f"{k}-{r}" for k, r, _ in CASES])
def test_campaign_permission_table(client, world, key, role, expected):
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    assert client.get(urls(world)[key]).status_code == expected


def test_every_campaign_url_name_is_covered():
    from campaigns.urls import urlpatterns

    post_only = {
        "campaign_state", "campaign_plan_file", "criterion_delete", "criteria_copy", "registration_action",
        "campaign_document", "cluster_ranking_finalize", "cluster_ranking_reopen", "cluster_member_add",
        "cluster_member_remove", "cluster_members_copy", "cluster_score",
    }  # fmt: skip
    covered = {k.split("_other")[0] for k in TABLE}
    assert {p.name for p in urlpatterns} - covered - post_only == set()


@pytest.mark.parametrize(
    ("role", "expected", "approved"),
    [("secretariat", 302, True), ("other_district_secretariat", 404, False), ("unit_staff", 403, False)],
)
def test_approving_a_registration(client, world, role, expected, approved):
    client.force_login(getattr(world.users, role))
    url = reverse("registration_action", args=[world.ours.pk, world.registration.pk, "approve"])
    assert client.post(url).status_code == expected
    world.registration.refresh_from_db()
    assert (world.registration.status == "approved") is approved


def test_state_changes_are_post_only(client, world):
    client.force_login(world.users.secretariat)
    url = reverse("campaign_state", args=[world.ours.pk])
    assert client.get(url).status_code == 405
    assert client.post(url, {"state": "closed"}).status_code == 302
    world.ours.refresh_from_db()
    assert world.ours.status == CampaignStatus.LAUNCHED  # refused: no final review yet


def test_other_district_cannot_launch_ours(client, world):
    client.force_login(world.users.other_district_secretariat)
    world.ours.status = CampaignStatus.DRAFT
    world.ours.save()
    assert client.post(reverse("campaign_state", args=[world.ours.pk]), {"state": "launched"}).status_code == 404
