from decimal import Decimal

import pytest

from campaigns.enums import CampaignStatus, ClusterRole
from campaigns.models import Campaign, ClusterMembership, ScoreLine, ScoreSheet
from campaigns.services.clusters import copy_members, finalize_ranking, reopen_ranking, save_scores, set_membership
from tests.concurrency import at_once
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog

from .conftest import YEAR

LEADER, DEPUTY, MEMBER = ClusterRole.LEADER, ClusterRole.DEPUTY, ClusterRole.MEMBER


def _roles(cluster, year):
    return dict(ClusterMembership.objects.filter(cluster=cluster, year=year).values_list("unit_id", "role"))


# --- Membership -------------------------------------------------------------------------------


def test_a_new_leader_demotes_the_old_one_for_that_year_only(org, cluster):
    ClusterMembership.objects.create(cluster=cluster, unit=org.a1, year=YEAR - 1, role=LEADER)
    ClusterMembership.objects.create(cluster=cluster, unit=org.a3, year=YEAR - 1, role=MEMBER)

    membership = set_membership(cluster, org.a3, YEAR, LEADER, actor=org.users.sec_city)

    assert membership.role == LEADER
    assert _roles(cluster, YEAR) == {org.a1.pk: MEMBER, org.a2.pk: DEPUTY, org.a3.pk: LEADER, org.b1.pk: MEMBER}
    assert _roles(cluster, YEAR - 1) == {org.a1.pk: LEADER, org.a3.pk: MEMBER}
    entry = AuditLog.objects.for_object(cluster).get()
    assert entry.action == "cluster.membership" and entry.unit == org.city
    assert entry.data == {"unit": "Phường Thượng Đình", "year": YEAR, "role": "leader", "role_label": "Cụm trưởng"}


def test_a_new_deputy_demotes_the_old_deputy_and_leaves_the_leader(org, cluster):
    set_membership(cluster, org.b1, YEAR, DEPUTY, actor=org.users.sec_city)
    assert _roles(cluster, YEAR) == {org.a1.pk: LEADER, org.a2.pk: MEMBER, org.a3.pk: MEMBER, org.b1.pk: DEPUTY}


def test_the_deputy_promoted_to_leader_leaves_no_deputy(org, cluster):
    set_membership(cluster, org.a2, YEAR, LEADER, actor=org.users.sec_city)
    assert _roles(cluster, YEAR) == {org.a1.pk: MEMBER, org.a2.pk: LEADER, org.a3.pk: MEMBER, org.b1.pk: MEMBER}


def test_adding_a_new_unit_as_member(org, cluster):
    set_membership(cluster, org.a, YEAR + 1, MEMBER, actor=org.users.sec_city)
    assert _roles(cluster, YEAR + 1) == {org.a.pk: MEMBER}
    assert ClusterMembership.objects.filter(cluster=cluster, year=YEAR).count() == 4


def test_copy_members_copies_as_members_and_skips_existing(org, cluster):
    ClusterMembership.objects.create(cluster=cluster, unit=org.a3, year=YEAR + 1, role=LEADER)

    created = copy_members(cluster, YEAR, YEAR + 1, actor=org.users.sec_city)

    assert len(created) == 3
    assert _roles(cluster, YEAR + 1) == {org.a1.pk: MEMBER, org.a2.pk: MEMBER, org.a3.pk: LEADER, org.b1.pk: MEMBER}
    assert _roles(cluster, YEAR) == {org.a1.pk: LEADER, org.a2.pk: DEPUTY, org.a3.pk: MEMBER, org.b1.pk: MEMBER}
    entry = AuditLog.objects.for_object(cluster).get()
    assert entry.action == "cluster.copy_members"
    assert entry.data == {"from": YEAR, "to": YEAR + 1, "count": 3}

    again = copy_members(cluster, YEAR, YEAR + 1, actor=org.users.sec_city)
    assert again == [] and ClusterMembership.objects.filter(year=YEAR + 1).count() == 4


# --- Scoring ----------------------------------------------------------------------------------


def _lines(sheet_unit):
    return sorted(
        ScoreLine.objects.filter(sheet__unit=sheet_unit).values_list(
            "criterion__order", "self_points", "cluster_points"
        )
    )


def test_self_and_cluster_scores_are_saved_and_audited(org, scoring):
    c1, c2 = scoring.c1, scoring.c2
    sheet = save_scores(
        scoring.campaign, scoring.cluster, org.a2, actor=org.users.staff_a2, by_cluster=False,
        scores={c1.pk: {"points": Decimal("10"), "evidence": "Báo cáo số 12"}, c2.pk: {"points": Decimal("0")}},
    )  # fmt: skip
    assert sheet.version == 2 and sheet.self_scored_at is not None and sheet.cluster_scored_at is None
    save_scores(
        scoring.campaign, scoring.cluster, org.a2, actor=org.users.staff_a1, by_cluster=True, expected_version=2,
        scores={c1.pk: {"points": Decimal("8.5"), "note": "Thiếu minh chứng"}},
    )  # fmt: skip

    assert _lines(org.a2) == [(1, Decimal("10"), Decimal("8.5")), (2, Decimal("0"), None)]
    sheet.refresh_from_db()
    assert sheet.version == 3 and sheet.cluster_scored_at is not None
    entries = list(AuditLog.objects.for_object(sheet).order_by("pk"))
    assert [e.action for e in entries] == ["scores.self", "scores.cluster"]
    assert entries[0].data["changes"] == {"1": [None, "10"], "2": [None, "0"]}
    assert entries[1].data["changes"] == {"1": [None, "8,5"]}
    assert ScoreLine.objects.get(sheet=sheet, criterion=c1).evidence == "Báo cáo số 12"


@pytest.mark.parametrize("by_cluster", [False, True])
@pytest.mark.parametrize("bad", ["10.01", "11", "-0.01", "-5"])
def test_points_out_of_range_are_refused_and_nothing_is_written(org, scoring, by_cluster, bad):
    campaign, cluster, c1, c2 = scoring.campaign, scoring.cluster, scoring.c1, scoring.c2
    kwargs = {"actor": org.users.staff_a2, "by_cluster": by_cluster}
    # Nothing yet: the refusal creates neither a sheet nor a line.
    with pytest.raises(DomainError):
        save_scores(
            campaign,
            cluster,
            org.a2,
            scores={c2.pk: {"points": Decimal("5")}, c1.pk: {"points": Decimal(bad)}},
            **kwargs,
        )
    assert not ScoreSheet.objects.exists() and not ScoreLine.objects.exists()

    save_scores(
        campaign, cluster, org.a2, scores={c1.pk: {"points": Decimal("7")}, c2.pk: {"points": Decimal("5")}}, **kwargs
    )
    before = _lines(org.a2)
    audit_count = AuditLog.objects.count()

    with pytest.raises(DomainError):
        save_scores(
            campaign, cluster, org.a2, scores={c2.pk: {"points": Decimal("20")}, c1.pk: {"points": Decimal(bad)}},
            **kwargs,
        )  # fmt: skip

    assert _lines(org.a2) == before
    assert ScoreLine.objects.count() == 2
    assert ScoreSheet.objects.get().version == 2
    assert AuditLog.objects.count() == audit_count


def test_the_maximum_and_zero_are_accepted(org, scoring):
    save_scores(
        scoring.campaign, scoring.cluster, org.a2, actor=org.users.staff_a2, by_cluster=False,
        scores={scoring.c1.pk: {"points": Decimal("10")}, scoring.c2.pk: {"points": Decimal("0")}},
    )  # fmt: skip
    assert _lines(org.a2) == [(1, Decimal("10"), None), (2, Decimal("0"), None)]


def test_a_unit_not_in_the_cluster_for_the_scoring_year_is_refused(org, scoring):
    ClusterMembership.objects.create(cluster=scoring.cluster, unit=org.a, year=YEAR - 1)
    for outsider in (org.a, org.city):
        with pytest.raises(DomainError):
            save_scores(
                scoring.campaign, scoring.cluster, outsider, actor=org.users.sec_city, by_cluster=False,
                scores={scoring.c1.pk: {"points": Decimal("1")}},
            )  # fmt: skip
    assert not ScoreSheet.objects.exists() and not ScoreLine.objects.exists()


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.CLOSED])
def test_scores_are_refused_unless_the_campaign_runs(org, scoring, status):
    Campaign.objects.filter(pk=scoring.campaign.pk).update(status=status)
    scoring.campaign.refresh_from_db()
    with pytest.raises(DomainError):
        save_scores(
            scoring.campaign, scoring.cluster, org.a2, actor=org.users.staff_a2, by_cluster=False,
            scores={scoring.c1.pk: {"points": Decimal("1")}},
        )  # fmt: skip
    assert not ScoreSheet.objects.exists() and not ScoreLine.objects.exists()


def test_a_stale_version_is_refused(org, scoring):
    campaign, cluster, c1 = scoring.campaign, scoring.cluster, scoring.c1
    save_scores(
        campaign, cluster, org.a2, actor=org.users.staff_a2, by_cluster=False, expected_version=1,
        scores={c1.pk: {"points": Decimal("6")}},
    )  # fmt: skip
    with pytest.raises(DomainError):
        save_scores(
            campaign, cluster, org.a2, actor=org.users.staff_a2, by_cluster=False, expected_version=1,
            scores={c1.pk: {"points": Decimal("9")}},
        )  # fmt: skip
    assert _lines(org.a2) == [(1, Decimal("6"), None)]
    assert ScoreSheet.objects.get().version == 2
    assert AuditLog.objects.filter(action="scores.self").count() == 1


# --- finalize_ranking -------------------------------------------------------------------------


def _cluster_score(org, scoring, unit, c1, c2, c3=None):
    scores = {scoring.c1.pk: {"points": Decimal(c1)}, scoring.c2.pk: {"points": Decimal(c2)}}
    if c3 is not None:
        scores[scoring.c3.pk] = {"points": Decimal(c3)}
    save_scores(scoring.campaign, scoring.cluster, unit, actor=org.users.staff_a1, by_cluster=True, scores=scores)


def _sheets(scoring):
    return dict(ScoreSheet.objects.filter(campaign=scoring.campaign).values_list("unit_id", "rank"))


def _flags(scoring):
    return list(ScoreSheet.objects.filter(proposed_for_flag=True).values_list("unit_id", flat=True))


def test_finalize_is_refused_while_a_member_is_blocked(org, scoring):
    _cluster_score(org, scoring, org.a1, "10", "20")
    _cluster_score(org, scoring, org.a2, "9", "20")
    _cluster_score(org, scoring, org.a3, "8", "20")
    # b1 has no cluster points on c2 (mandatory)
    save_scores(
        scoring.campaign, scoring.cluster, org.b1, actor=org.users.staff_a1, by_cluster=True,
        scores={scoring.c1.pk: {"points": Decimal("10")}, scoring.c3.pk: {"points": Decimal("5")}},
    )  # fmt: skip

    with pytest.raises(DomainError) as refusal:
        finalize_ranking(scoring.campaign, scoring.cluster, actor=org.users.sec_city)

    assert "Phường Bưởi" in refusal.value.message
    assert set(_sheets(scoring).values()) == {None}
    assert _flags(scoring) == []
    assert not AuditLog.objects.filter(action="cluster.ranking").exists()


def test_finalize_is_refused_when_first_place_is_shared(org, scoring):
    _cluster_score(org, scoring, org.a1, "10", "20")  # 50
    _cluster_score(org, scoring, org.a2, "10", "20")  # 50
    _cluster_score(org, scoring, org.a3, "8", "20")
    _cluster_score(org, scoring, org.b1, "8", "10")
    with pytest.raises(DomainError) as refusal:
        finalize_ranking(scoring.campaign, scoring.cluster, actor=org.users.sec_city)
    assert "Phường Khương Trung" in refusal.value.message and "Phường Nhân Chính" in refusal.value.message
    assert set(_sheets(scoring).values()) == {None}
    assert _flags(scoring) == []
    assert not AuditLog.objects.filter(action="cluster.ranking").exists()


def test_finalize_records_ranks_and_proposes_exactly_one_for_the_flag(org, scoring):
    _cluster_score(org, scoring, org.a1, "8", "20")  # 16 + 30 = 46
    _cluster_score(org, scoring, org.a2, "9", "18", "2")  # 18 + 27 + 1 = 46
    _cluster_score(org, scoring, org.a3, "10", "20", "1")  # 20 + 30 + 0.5 = 50.5
    _cluster_score(org, scoring, org.b1, "1", "1")  # 3.5

    top = finalize_ranking(scoring.campaign, scoring.cluster, actor=org.users.sec_city)

    assert top.unit == org.a3
    assert _sheets(scoring) == {org.a3.pk: 1, org.a1.pk: 2, org.a2.pk: 2, org.b1.pk: 4}
    assert _flags(scoring) == [org.a3.pk]
    entry = AuditLog.objects.filter(action="cluster.ranking").get()
    assert entry.actor == org.users.sec_city and entry.unit == org.city
    assert entry.data["proposed"] == "Phường Thượng Đình"
    assert entry.data["ranking"][0] == [1, "Phường Thượng Đình", "50,5"]
    assert sorted(entry.data["ranking"][1:3]) == [[2, "Phường Khương Trung", "46"], [2, "Phường Nhân Chính", "46"]]
    assert entry.data["ranking"][3] == [4, "Phường Bưởi", "3,5"]

    # Once recorded, the ranking is final: not recorded again, and its scores stay as ranked.
    with pytest.raises(DomainError) as refusal:
        finalize_ranking(scoring.campaign, scoring.cluster, actor=org.users.sec_city)
    assert refusal.value.message == "Hồ sơ đã ở trạng thái “Đã chốt”."
    with pytest.raises(DomainError) as refusal:
        _cluster_score(org, scoring, org.b1, "10", "20", "5")
    assert "mở lại" in refusal.value.message
    assert AuditLog.objects.filter(action="cluster.ranking").count() == 1
    # Reopened on purpose, with a reason, the flag is withdrawn until the ranking is recorded again.
    with pytest.raises(DomainError):
        reopen_ranking(scoring.campaign, scoring.cluster, actor=org.users.sec_city, reason=" ")
    reopen_ranking(scoring.campaign, scoring.cluster, actor=org.users.sec_city, reason="Phường Bưởi khiếu nại điểm")
    assert _flags(scoring) == [] and set(_sheets(scoring).values()) == {None}
    reopened = AuditLog.objects.get(action="cluster.ranking_reopen")
    assert reopened.actor == org.users.sec_city and reopened.data["reason"] == "Phường Bưởi khiếu nại điểm"
    # The cluster rescores b1 to the top: finalising again moves the flag, it does not add one.
    _cluster_score(org, scoring, org.b1, "10", "20", "5")  # 52.5
    assert finalize_ranking(scoring.campaign, scoring.cluster, actor=org.users.sec_city).unit == org.b1
    assert _sheets(scoring) == {org.b1.pk: 1, org.a3.pk: 2, org.a1.pk: 3, org.a2.pk: 3}
    assert _flags(scoring) == [org.b1.pk]
    assert AuditLog.objects.filter(action="cluster.ranking").count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_finalisations_at_once_record_the_ranking_once(org, scoring):
    for unit, c1 in ((org.a1, "8"), (org.a2, "9"), (org.a3, "10"), (org.b1, "1")):
        _cluster_score(org, scoring, unit, c1, "20")
    outcomes = at_once(2, lambda _: finalize_ranking(scoring.campaign, scoring.cluster, actor=org.users.sec_city).unit)
    shown = sorted(o.message if isinstance(o, DomainError) else str(o) for o in outcomes)
    assert shown == ["Hồ sơ đã ở trạng thái “Đã chốt”.", "Phường Thượng Đình"]
    assert AuditLog.objects.filter(action="cluster.ranking").count() == 1
    assert _flags(scoring) == [org.a3.pk]


def test_the_ranking_page_locks_a_final_ranking_and_reopens_it_with_a_reason(client, org, scoring):
    from django.urls import reverse

    for unit, c1 in ((org.a1, "8"), (org.a2, "9"), (org.a3, "10"), (org.b1, "1")):
        _cluster_score(org, scoring, unit, c1, "20")
    client.force_login(org.users.sec_city)
    page = reverse("cluster_ranking", args=[scoring.campaign.pk, scoring.cluster.pk])
    client.post(reverse("cluster_ranking_finalize", args=[scoring.campaign.pk, scoring.cluster.pk]))
    html = client.get(page).content.decode()
    assert "Xếp hạng đã chốt" in html
    finalize = reverse("cluster_ranking_finalize", args=[scoring.campaign.pk, scoring.cluster.pk])
    assert finalize not in html
    again = client.post(finalize, follow=True)
    assert "Hồ sơ đã ở trạng thái “Đã chốt”." in again.content.decode()
    reopen = reverse("cluster_ranking_reopen", args=[scoring.campaign.pk, scoring.cluster.pk])
    assert "Nêu lý do mở lại xếp hạng." in client.post(reopen, {"reason": ""}, follow=True).content.decode()
    client.post(reopen, {"reason": "Chấm nhầm tiêu chí 2"})
    assert _flags(scoring) == [] and "Xếp hạng đã chốt" not in client.get(page).content.decode()
    assert AuditLog.objects.get(action="cluster.ranking_reopen").data["reason"] == "Chấm nhầm tiêu chí 2"
