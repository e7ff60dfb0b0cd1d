"""The campaigns demo: loaded through the services, idempotent, and showing what the pages need."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.enums import CampaignStatus, RegistrationStatus
from campaigns.models import (
    Campaign,
    ClusterMembership,
    Criterion,
    Registration,
    RegistrationEntry,
    Review,
    ScoreLine,
    ScoreSheet,
)
from campaigns.selectors import coverage, ranking
from thiduakt.models import AuditLog

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    """Row counts, plus the versions and states a second run would move if it wrote anything."""
    models = (
        Campaign, Criterion, Registration, RegistrationEntry, ClusterMembership, ScoreSheet, ScoreLine, Review,
        AuditLog,
    )  # fmt: skip
    return {
        "counts": {model.__name__: model.objects.count() for model in models},
        "campaigns": sorted(Campaign.objects.values_list("pk", "status", "version", "updated_at")),
        "registrations": sorted(Registration.objects.values_list("pk", "status", "version")),
        "sheets": sorted(ScoreSheet.objects.values_list("pk", "version", "rank", "proposed_for_flag")),
        "memberships": sorted(ClusterMembership.objects.values_list("pk", "role")),
    }


def campaign(plan_number):
    return Campaign.objects.get(plan_number=plan_number)


def test_second_run_creates_and_changes_nothing(demo_output):
    first = demo_output
    before = snapshot()
    second = load()
    assert snapshot() == before
    assert "Phong trào mẫu: 7 phong trào, 1 cụm thi đua, 5 bản đăng ký" in first
    assert "tạo mới 0 bản ghi, 0 bước xử lý, cập nhật 0 bản ghi" in second
    # Written through the services: every campaign has its audited creation.
    assert AuditLog.objects.filter(action="campaign.create").count() == Campaign.objects.count() == 7


def test_campaigns_and_their_stages(demo_output):
    city_2024 = campaign("282/KH-UBND")
    assert city_2024.launcher.code == "HN"
    assert city_2024.plan_date == datetime.date(2023, 11, 30)
    assert city_2024.status == CampaignStatus.FINAL_REVIEW
    assert sum(c.max_points for c in city_2024.criteria.all()) == 100
    assert city_2024.reviews.get().held_on == datetime.date(2024, 12, 20)

    assert campaign("10/KH-HĐTĐKT").status == CampaignStatus.CLOSED

    thematic = campaign("3452/KH-UBND")
    assert thematic.status == CampaignStatus.INTERIM_REVIEW
    assert thematic.may_lead_to_flag
    assert thematic.accepts_registrations

    statuses = dict(Campaign.objects.filter(launcher__code="TX").values_list("plan_number", "status"))
    assert sorted(statuses.values()) == ["closed", "launched", "launched", "launched"]


def test_cluster_ranking_and_registrations(demo_output):
    cluster_campaign = Campaign.objects.get(scope="cluster")
    rows = ranking(cluster_campaign, cluster_campaign.cluster)
    top = [r for r in rows if r.rank == 1]
    assert len(top) == 1 and top[0].sheet.proposed_for_flag
    assert any(r.tied and r.rank > 1 for r in rows)
    assert all(r.sheet.self_scored_at and r.sheet.cluster_scored_at for r in rows)
    leaders = dict(
        ClusterMembership.objects.filter(cluster=cluster_campaign.cluster, role="leader").values_list("year", "unit")
    )
    assert set(leaders) == {2023, 2024} and leaders[2023] != leaders[2024]

    cov = coverage(campaign("282/KH-UBND"))
    assert cov.registered and cov.missing
    assert {status for _unit, status in cov.registered} >= {
        RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED, RegistrationStatus.RETURNED
    }  # fmt: skip
    returned = Registration.objects.get(status=RegistrationStatus.RETURNED)
    assert "Chiến sĩ thi đua cơ sở" in returned.return_reason
    # The browser journey registers Khương Trung itself.
    assert not Registration.objects.filter(unit__code="TX-KT").exists()
