"""Campaign lists and pages cost the same number of queries whatever their length."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.enums import CampaignKind, CampaignStatus, ClusterKind
from campaigns.models import Campaign, Cluster, ClusterMembership, Criterion, Registration, RegistrationEntry
from campaigns.services.clusters import save_scores
from tests.factories import PersonFactory, UnitFactory, UserFactory
from thiduakt.enums import Role


@pytest.fixture
def district(db):
    city = UnitFactory(code="HN", name="Thành phố Hà Nội")
    tx = UnitFactory(code="TX", name="Quận Thanh Xuân", parent=city)
    secretariat = UserFactory(role=Role.SECRETARIAT, unit=tx)
    campaign = Campaign.objects.create(
        title="Phong trào năm 2026", kind=CampaignKind.REGULAR, launcher=tx, status=CampaignStatus.LAUNCHED,
        start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 12, 31),
    )  # fmt: skip
    for order in (1, 2):
        Criterion.objects.create(campaign=campaign, order=order, description=f"Tiêu chí {order}", max_points=50)
    cluster = Cluster.objects.create(name="Cụm 1", kind=ClusterKind.TERRITORIAL, owner=tx)
    return {"tx": tx, "user": secretariat, "campaign": campaign, "cluster": cluster, "n": 0}


def grow(d, count):
    campaign, cluster = d["campaign"], d["cluster"]
    for _ in range(count):
        d["n"] += 1
        ward = UnitFactory(parent=d["tx"], name=f"Phường {d['n']}")
        person = PersonFactory(unit=ward)
        registration = Registration.objects.create(campaign=campaign, unit=ward, status="submitted")
        RegistrationEntry.objects.create(registration=registration, title="TTLDXS")
        RegistrationEntry.objects.create(registration=registration, person=person, title="LDTT")
        ClusterMembership.objects.create(cluster=cluster, unit=ward, year=2026)
        scores = {c.pk: {"points": Decimal(d["n"] % 50)} for c in campaign.criteria.all()}
        save_scores(campaign, cluster, ward, actor=d["user"], scores=scores, by_cluster=True)
        Campaign.objects.create(
            title=f"Phong trào chuyên đề {d['n']}", kind=CampaignKind.THEMATIC, launcher=ward,
            start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 6, 30),
        )  # fmt: skip


def count(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["campaign_list", "campaign_detail", "cluster_list", "cluster_ranking", "dashboard"])
def test_query_count_does_not_grow(client, district, name):
    client.force_login(district["user"])
    campaign, cluster = district["campaign"], district["cluster"]
    args = {"campaign_detail": [campaign.pk], "cluster_ranking": [campaign.pk, cluster.pk]}.get(name, [])
    url = reverse(name, args=args)
    grow(district, 2)
    few = count(client, url)
    grow(district, 8)
    assert count(client, url) == few
