"""A small, explicit organisation for the campaigns tests.

    Thành phố Hà Nội (city)
    ├── Quận Thanh Xuân (district A)
    │   ├── Phường Khương Trung (a1)
    │   │   └── Tổ dân phố số 1 (a1_group)
    │   ├── Phường Nhân Chính (a2)
    │   └── Phường Thượng Đình (a3)
    └── Quận Tây Hồ (district B)
        └── Phường Bưởi (b1)

One cluster, owned by the city: in 2025 a1 leads it, a2 is deputy, a3 and b1 are members.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from campaigns.enums import CampaignKind, CampaignScope, CampaignStatus, ClusterKind, ClusterRole
from campaigns.models import Campaign, Cluster, ClusterMembership, Criterion
from tests.factories import PersonFactory, UserFactory
from tests.worlds import city_tree
from thiduakt.enums import Gender, Role

YEAR = 2025


@pytest.fixture
def org(db):
    codes = ("TX", "TH", "TX-KT", "TX-NC", "TX-TD", "TH-BU", "TX-KT-1")
    units = city_tree(*codes)
    city, a, b, a1, a2, a3, b1, a1_group = (units[code] for code in ("HN", *codes))
    people = SimpleNamespace(
        a1=PersonFactory(full_name="Nguyễn Văn An", unit=a1),
        a1_group=PersonFactory(full_name="Lê Văn Tổ", unit=a1_group),
        a2=PersonFactory(full_name="Phạm Thị Hương", gender=Gender.FEMALE, unit=a2),
        b1=PersonFactory(full_name="Đỗ Minh Đức", unit=b1),
    )
    users = SimpleNamespace(
        staff_a1=UserFactory(username="staff_a1", role=Role.UNIT_STAFF, unit=a1),
        staff_a2=UserFactory(username="staff_a2", role=Role.UNIT_STAFF, unit=a2),
        staff_b1=UserFactory(username="staff_b1", role=Role.UNIT_STAFF, unit=b1),
        sec_a=UserFactory(username="sec_a", role=Role.SECRETARIAT, unit=a),
        sec_b=UserFactory(username="sec_b", role=Role.SECRETARIAT, unit=b),
        sec_city=UserFactory(username="sec_city", role=Role.SECRETARIAT, unit=city),
    )
    return SimpleNamespace(
        city=city, a=a, b=b, a1=a1, a2=a2, a3=a3, b1=b1, a1_group=a1_group, people=people, users=users
    )


def make_campaign(launcher, *, status=CampaignStatus.DRAFT, criteria=0, **fields):
    """A campaign written straight to the table (no service), in the status asked for."""
    values = {
        "title": "Phong trào thi đua thử nghiệm",
        "kind": CampaignKind.REGULAR,
        "scope": CampaignScope.SUBTREE,
        "plan_number": "282/KH-UBND",
        "plan_date": datetime.date(YEAR - 1, 11, 30),
        "start_date": datetime.date(YEAR, 1, 1),
        "end_date": datetime.date(YEAR, 12, 31),
        **fields,
    }
    campaign = Campaign.objects.create(launcher=launcher, status=status, **values)
    for order in range(1, criteria + 1):
        Criterion.objects.create(
            campaign=campaign, order=order, description=f"Tiêu chí {order}", max_points=Decimal("10")
        )
    return campaign


@pytest.fixture
def new_campaign(db):
    """`new_campaign(launcher, status=..., criteria=n, **fields)`: see `make_campaign`."""
    return make_campaign


@pytest.fixture
def district_campaign(org):
    """Launched by district A for every unit below it."""
    return make_campaign(org.a, status=CampaignStatus.LAUNCHED, criteria=1, title="Thi đua Quận Thanh Xuân 2025")


@pytest.fixture
def cluster(org):
    cluster = Cluster.objects.create(name="Cụm thi đua số 1", kind=ClusterKind.TERRITORIAL, owner=org.city)
    ClusterMembership.objects.create(cluster=cluster, unit=org.a1, year=YEAR, role=ClusterRole.LEADER)
    ClusterMembership.objects.create(cluster=cluster, unit=org.a2, year=YEAR, role=ClusterRole.DEPUTY)
    ClusterMembership.objects.create(cluster=cluster, unit=org.a3, year=YEAR, role=ClusterRole.MEMBER)
    ClusterMembership.objects.create(cluster=cluster, unit=org.b1, year=YEAR, role=ClusterRole.MEMBER)
    return cluster


@pytest.fixture
def scoring(org, cluster):
    """A launched city campaign for the cluster, with three criteria of unequal weights.

    c1: max 10, weight 2, mandatory; c2: max 20, weight 1.5, mandatory; c3: max 5, weight 0.5, optional.
    """
    campaign = make_campaign(
        org.city, status=CampaignStatus.LAUNCHED, scope=CampaignScope.CLUSTER, cluster=cluster,
        title="Thi đua cụm số 1 năm 2025",
    )  # fmt: skip
    c1 = Criterion.objects.create(
        campaign=campaign, order=1, description="Phát triển kinh tế", max_points=Decimal("10"), weight=Decimal("2")
    )
    c2 = Criterion.objects.create(
        campaign=campaign, order=2, description="Văn hóa – xã hội", max_points=Decimal("20"), weight=Decimal("1.5")
    )
    c3 = Criterion.objects.create(
        campaign=campaign, order=3, description="Điểm thưởng", max_points=Decimal("5"), weight=Decimal("0.5"),
        mandatory=False,
    )  # fmt: skip
    return SimpleNamespace(campaign=campaign, cluster=cluster, c1=c1, c2=c2, c3=c3)
