import datetime
from decimal import Decimal

from campaigns.enums import CampaignScope, ClusterRole, EmulationTitle, RegistrationStatus
from campaigns.models import ClusterMembership, Registration, ScoreLine, ScoreSheet
from campaigns.selectors import campaigns_for_user, coverage, participant_units, ranking
from tests.factories import UnitFactory, UserFactory
from thiduakt.enums import Role

from .conftest import YEAR

D = datetime.date


def _ids(queryset):
    return sorted(queryset.values_list("pk", flat=True))


def _pks(*units):
    return sorted(u.pk for u in units)


# --- participant_units ------------------------------------------------------------------------


def test_subtree_takes_every_unit_below_the_launcher_but_not_the_launcher(org, new_campaign):
    campaign = new_campaign(org.a)
    assert _ids(participant_units(campaign)) == _pks(org.a1, org.a2, org.a3, org.a1_group)


def test_a_city_subtree_reaches_districts_and_wards(org, new_campaign):
    campaign = new_campaign(org.city)
    assert _ids(participant_units(campaign)) == _pks(org.a, org.b, org.a1, org.a2, org.a3, org.b1, org.a1_group)


def test_subtree_skips_units_not_active_on_the_start_date(org, new_campaign):
    start = D(YEAR, 3, 1)
    dissolved = UnitFactory(parent=org.a, valid_to=start - datetime.timedelta(days=1))
    founded_later = UnitFactory(parent=org.a, valid_from=start + datetime.timedelta(days=1))
    ends_on_start = UnitFactory(parent=org.a, valid_to=start)
    begins_on_start = UnitFactory(parent=org.a, valid_from=start)
    campaign = new_campaign(org.a, start_date=start)

    ids = _ids(participant_units(campaign))
    assert dissolved.pk not in ids and founded_later.pk not in ids
    assert ends_on_start.pk in ids and begins_on_start.pk in ids
    assert ids == _pks(org.a1, org.a2, org.a3, org.a1_group, ends_on_start, begins_on_start)


def test_cluster_scope_takes_the_members_of_the_scoring_year(org, cluster, new_campaign):
    ClusterMembership.objects.create(cluster=cluster, unit=org.a, year=YEAR - 1)  # only last year
    # Runs from mid-2024 to mid-2025: the year it ends decides.
    campaign = new_campaign(
        org.city, scope=CampaignScope.CLUSTER, cluster=cluster, start_date=D(YEAR - 1, 6, 1), end_date=D(YEAR, 5, 31)
    )
    assert _ids(participant_units(campaign)) == _pks(org.a1, org.a2, org.a3, org.b1)

    earlier = new_campaign(
        org.city, scope=CampaignScope.CLUSTER, cluster=cluster,
        start_date=D(YEAR - 1, 1, 1), end_date=D(YEAR - 1, 12, 31),
    )  # fmt: skip
    assert _ids(participant_units(earlier)) == _pks(org.a)


def test_chosen_scope_takes_exactly_the_chosen_units(org, new_campaign):
    campaign = new_campaign(org.city, scope=CampaignScope.CHOSEN)
    campaign.chosen_units.set([org.a2, org.b1])
    assert _ids(participant_units(campaign)) == _pks(org.a2, org.b1)


def test_coverage_lists_who_registered_and_who_has_not(org, district_campaign):
    reg = Registration.objects.create(campaign=district_campaign, unit=org.a2, status=RegistrationStatus.SUBMITTED)
    reg.entries.create(title=EmulationTitle.TTLDTT)
    Registration.objects.create(campaign=district_campaign, unit=org.a1_group)
    Registration.objects.create(campaign=district_campaign, unit=org.b1)  # not a participant: ignored

    result = coverage(district_campaign)

    assert sorted((u.pk, status) for u, status in result.registered) == sorted(
        [(org.a2.pk, "submitted"), (org.a1_group.pk, "draft")]
    )
    assert _pks(*result.missing) == _pks(org.a1, org.a3)
    assert result.total == 4


# --- campaigns_for_user -----------------------------------------------------------------------


def test_a_ward_sees_campaigns_from_above_and_below_but_not_from_a_sibling(org, new_campaign):
    city = new_campaign(org.city, title="Thành phố")
    district_a = new_campaign(org.a, title="Quận Thanh Xuân")
    ward_a1 = new_campaign(org.a1, title="Phường Khương Trung")
    group = new_campaign(org.a1_group, title="Tổ dân phố")
    new_campaign(org.b, title="Quận Tây Hồ")
    new_campaign(org.b1, title="Phường Bưởi")
    new_campaign(org.a2, title="Phường Nhân Chính")

    seen = campaigns_for_user(org.users.staff_a1)
    assert _ids(seen) == _pks(city, district_a, ward_a1, group)


def test_a_district_secretariat_sees_its_subtree_and_the_city(org, new_campaign):
    city = new_campaign(org.city)
    district_a = new_campaign(org.a)
    ward_a2 = new_campaign(org.a2)
    new_campaign(org.b)
    new_campaign(org.b1)
    assert _ids(campaigns_for_user(org.users.sec_a)) == _pks(city, district_a, ward_a2)


def test_a_user_without_a_unit_sees_nothing(org, new_campaign):
    new_campaign(org.city)
    nobody = UserFactory(role=Role.UNIT_STAFF, unit=None)
    assert not campaigns_for_user(nobody).exists()


# --- ranking ----------------------------------------------------------------------------------


def _score(sheet_unit, scoring, points, *, self_points=None):
    sheet, _ = ScoreSheet.objects.get_or_create(campaign=scoring.campaign, cluster=scoring.cluster, unit=sheet_unit)
    for criterion, value in zip((scoring.c1, scoring.c2, scoring.c3), points, strict=True):
        if value is None and self_points is None:
            continue
        ScoreLine.objects.update_or_create(
            sheet=sheet, criterion=criterion,
            defaults={
                "cluster_points": None if value is None else Decimal(value),
                "self_points": None if self_points is None else Decimal(self_points[criterion.order - 1]),
            },
        )  # fmt: skip
    return sheet


def test_ranking_weighs_ranks_with_ties_and_holds_back_incomplete_members(org, scoring):
    # weights: c1 × 2, c2 × 1.5, c3 × 0.5 (optional)
    _score(org.a1, scoring, ("9.5", "18", "3"), self_points=("10", "20", "5"))  # 19 + 27 + 1.5 = 47.5
    _score(org.a2, scoring, ("8", "20", None))  # 16 + 30 + 0 = 46 (optional c3 empty counts as zero)
    _score(org.a3, scoring, ("9", "18", "2"))  # 18 + 27 + 1 = 46
    _score(org.b1, scoring, ("5", None, "5"))  # mandatory c2 missing: not ranked
    extra = UnitFactory(parent=org.b, name="Phường Nhật Tân")
    ClusterMembership.objects.create(cluster=scoring.cluster, unit=extra, year=YEAR)
    _score(extra, scoring, ("2.25", "4", "1"))  # 4.5 + 6 + 0.5 = 11

    rows = ranking(scoring.campaign, scoring.cluster)

    table = [(r.unit.pk, r.total, r.rank, r.tied) for r in rows]
    assert table[0] == (org.a1.pk, Decimal("47.5"), 1, False)
    assert sorted(table[1:3]) == sorted([(org.a2.pk, Decimal("46"), 2, True), (org.a3.pk, Decimal("46"), 2, True)])
    assert table[3] == (extra.pk, Decimal("11"), 4, False)
    assert table[4] == (org.b1.pk, None, None, False)
    assert rows[4].missing == [scoring.c2]
    assert all(r.missing == [] for r in rows[:4])
    assert rows[0].self_total == Decimal("20") + Decimal("30") + Decimal("2.5")
    assert rows[0].sheet.unit_id == org.a1.pk


def test_a_member_without_a_sheet_lacks_every_mandatory_criterion(org, scoring):
    _score(org.a1, scoring, ("1", "1", None))
    rows = {r.unit.pk: r for r in ranking(scoring.campaign, scoring.cluster)}
    assert rows[org.a2.pk].sheet is None
    assert rows[org.a2.pk].missing == [scoring.c1, scoring.c2]
    assert rows[org.a2.pk].rank is None and rows[org.a2.pk].total is None
    assert rows[org.a1.pk].rank == 1 and rows[org.a1.pk].total == Decimal("3.5")


def test_ranking_only_counts_members_of_the_scoring_year(org, scoring):
    ClusterMembership.objects.filter(unit=org.b1, year=YEAR).delete()
    ClusterMembership.objects.create(cluster=scoring.cluster, unit=org.b1, year=YEAR - 1, role=ClusterRole.MEMBER)
    units = [r.unit.pk for r in ranking(scoring.campaign, scoring.cluster)]
    assert org.b1.pk not in units and len(units) == 3


def test_ties_are_competition_ranked_at_every_position(org, scoring):
    _score(org.a1, scoring, ("5", "10", None))  # 25
    _score(org.a2, scoring, ("5", "10", None))  # 25
    _score(org.a3, scoring, ("10", "0", "0"))  # 20
    _score(org.b1, scoring, ("0", "10", "5"))  # 15 + 2.5 = 17.5
    rows = ranking(scoring.campaign, scoring.cluster)
    assert [(r.rank, r.tied) for r in rows] == [(1, True), (1, True), (3, False), (4, False)]
    assert [r.total for r in rows] == [Decimal("25"), Decimal("25"), Decimal("20"), Decimal("17.5")]


def test_an_optional_criterion_alone_missing_still_ranks(org, scoring):
    for unit in (org.a1, org.a2, org.a3, org.b1):
        _score(unit, scoring, ("1", "1", None))
    rows = ranking(scoring.campaign, scoring.cluster)
    assert all(r.rank == 1 and r.total == Decimal("3.5") and r.tied for r in rows)
