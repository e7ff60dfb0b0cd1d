import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils.translation import gettext as _

from campaigns.enums import CampaignKind, CampaignScope, CampaignStatus, ReviewKind
from campaigns.models import Campaign, Criterion, Review
from campaigns.services.campaigns import (
    TRANSITIONS,
    copy_criteria,
    create_campaign,
    delete_criterion,
    save_criterion,
    set_campaign_state,
)
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog

ALLOWED = sorted((old, new) for old, targets in TRANSITIONS.items() for new in targets)
REFUSED = sorted(
    (old, new) for old, new in itertools.product(CampaignStatus.values, repeat=2) if (old, new) not in ALLOWED
)


def test_the_table_covers_every_state_and_the_lists_partition_all_pairs():
    assert set(TRANSITIONS) == set(CampaignStatus)
    assert len(ALLOWED) == 5
    assert len(ALLOWED) + len(REFUSED) == len(CampaignStatus) ** 2
    assert all((s, s) in REFUSED for s in CampaignStatus.values)


@pytest.fixture
def ready(org, new_campaign):
    """A campaign that passes every check (plan, criteria, both reviews): only the table decides."""

    def build(status):
        campaign = new_campaign(org.a, status=status, criteria=2)
        Review.objects.create(
            campaign=campaign, kind=ReviewKind.INTERIM, held_on=datetime.date(2025, 6, 30), summary="Sơ kết"
        )
        Review.objects.create(
            campaign=campaign, kind=ReviewKind.FINAL, held_on=datetime.date(2025, 12, 20), summary="Tổng kết"
        )
        return campaign

    return build


@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_every_allowed_transition_succeeds_and_is_audited(org, ready, old, new):
    campaign = ready(old)
    actor = org.users.sec_a

    result = set_campaign_state(campaign, new, actor=actor)

    campaign.refresh_from_db()
    assert result.status == campaign.status == new
    assert campaign.version == 2
    entry = AuditLog.objects.for_object(campaign).get()
    assert entry.action == f"campaign.{new}"
    assert entry.data == {"from": old, "to": new}
    assert entry.actor == actor and entry.unit == org.a


@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_every_other_transition_is_refused_and_changes_nothing(org, ready, old, new):
    campaign = ready(old)

    with pytest.raises(DomainError):
        set_campaign_state(campaign, new, actor=org.users.sec_a)

    campaign.refresh_from_db()
    assert campaign.status == old
    assert campaign.version == 1
    assert not AuditLog.objects.for_object(campaign).exists()


def test_a_double_click_launches_once(org, ready):
    campaign = ready(CampaignStatus.DRAFT)
    set_campaign_state(campaign, CampaignStatus.LAUNCHED, actor=org.users.sec_a)
    # The second click still holds the stale object that says "draft".
    assert campaign.status == CampaignStatus.DRAFT
    with pytest.raises(DomainError):
        set_campaign_state(campaign, CampaignStatus.LAUNCHED, actor=org.users.sec_a)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.LAUNCHED and campaign.version == 2
    assert AuditLog.objects.for_object(campaign).count() == 1


def _refused_launch(campaign, actor):
    with pytest.raises(DomainError) as refusal:
        set_campaign_state(campaign, CampaignStatus.LAUNCHED, actor=actor)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT and campaign.version == 1
    assert not AuditLog.objects.for_object(campaign).exists()
    return refusal.value.message


@pytest.mark.parametrize(
    "plan", [{"plan_number": ""}, {"plan_date": None}, {"plan_number": "", "plan_date": None}], ids=str
)
def test_launch_without_the_plan_number_or_date_is_refused_and_says_so(org, new_campaign, plan):
    campaign = new_campaign(org.a, criteria=1, **plan)
    message = _refused_launch(campaign, org.users.sec_a)
    assert _("the plan's number and date") in message
    assert _("at least one criterion") not in message


def test_launch_without_criteria_is_refused_and_says_so(org, new_campaign):
    campaign = new_campaign(org.a, criteria=0)
    message = _refused_launch(campaign, org.users.sec_a)
    assert _("at least one criterion") in message
    assert _("the plan's number and date") not in message


def test_launch_missing_both_names_both(org, new_campaign):
    campaign = new_campaign(org.a, criteria=0, plan_number="", plan_date=None)
    message = _refused_launch(campaign, org.users.sec_a)
    assert _("the plan's number and date") in message and _("at least one criterion") in message


def test_launch_of_a_chosen_units_campaign_without_units_is_refused(org, new_campaign):
    campaign = new_campaign(org.a, criteria=1, scope=CampaignScope.CHOSEN)
    message = _refused_launch(campaign, org.users.sec_a)
    assert _("the participating units") in message
    campaign.chosen_units.set([org.a2])
    assert set_campaign_state(campaign, CampaignStatus.LAUNCHED, actor=org.users.sec_a).status == "launched"


def test_close_is_refused_without_a_final_review(org, new_campaign):
    campaign = new_campaign(org.a, status=CampaignStatus.FINAL_REVIEW, criteria=1)
    Review.objects.create(
        campaign=campaign, kind=ReviewKind.INTERIM, held_on=datetime.date(2025, 6, 30), summary="Sơ kết"
    )
    with pytest.raises(DomainError) as refusal:
        set_campaign_state(campaign, CampaignStatus.CLOSED, actor=org.users.sec_a)
    assert refusal.value.message == _("Record the final review before closing the campaign.")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.FINAL_REVIEW and campaign.version == 1
    assert not AuditLog.objects.for_object(campaign).exists()


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        (CampaignStatus.LAUNCHED, CampaignStatus.INTERIM_REVIEW, ReviewKind.INTERIM),
        (CampaignStatus.LAUNCHED, CampaignStatus.FINAL_REVIEW, ReviewKind.FINAL),
        (CampaignStatus.INTERIM_REVIEW, CampaignStatus.FINAL_REVIEW, ReviewKind.FINAL),
    ],
)
def test_a_review_stage_is_not_entered_without_its_review(org, new_campaign, old, new, kind):
    campaign = new_campaign(org.a, status=old, criteria=1)
    with pytest.raises(DomainError):
        set_campaign_state(campaign, new, actor=org.users.sec_a)
    campaign.refresh_from_db()
    assert campaign.status == old and campaign.version == 1
    assert not AuditLog.objects.for_object(campaign).exists()


# --- create_campaign -------------------------------------------------------------------------


def _data(launcher, **overrides):
    return {
        "title": "Phong trào “Dân vận khéo”",
        "kind": CampaignKind.THEMATIC,
        "launcher": launcher,
        "scope": CampaignScope.SUBTREE,
        "start_date": datetime.date(2025, 1, 1),
        "end_date": datetime.date(2027, 12, 31),
        **overrides,
    }


def test_a_district_secretariat_creates_a_campaign_for_its_district(org):
    campaign = create_campaign(actor=org.users.sec_a, data=_data(org.a), chosen_units=[])
    assert campaign.status == CampaignStatus.DRAFT and campaign.launcher == org.a
    assert campaign.created_by == org.users.sec_a
    entry = AuditLog.objects.for_object(campaign).get()
    assert entry.action == "campaign.create" and entry.unit == org.a
    assert entry.data["after"]["launcher"] == {"id": org.a.pk, "label": "Quận Thanh Xuân"}


@pytest.mark.parametrize("launcher", ["b", "b1", "city"])
def test_a_district_secretariat_cannot_launch_outside_its_district(org, launcher):
    with pytest.raises(DomainError) as refusal:
        create_campaign(actor=org.users.sec_a, data=_data(getattr(org, launcher)))
    assert refusal.value.field == "launcher"
    assert not Campaign.objects.exists()
    assert not AuditLog.objects.filter(action="campaign.create").exists()


def test_cluster_scope_without_a_cluster_is_refused(org):
    with pytest.raises(DomainError) as refusal:
        create_campaign(actor=org.users.sec_city, data=_data(org.city, scope=CampaignScope.CLUSTER))
    assert refusal.value.field == "cluster"
    assert not Campaign.objects.exists()


def test_a_nomination_window_closing_before_it_opens_is_refused(org):
    window = {"submissions_open": datetime.date(2027, 10, 2), "submissions_close": datetime.date(2027, 10, 1)}
    with pytest.raises(DomainError) as refusal:
        create_campaign(actor=org.users.sec_a, data=_data(org.a, **window))
    assert refusal.value.field == "submissions_close"
    assert not Campaign.objects.exists()


def test_a_one_day_nomination_window_is_accepted(org):
    day = datetime.date(2027, 10, 1)
    campaign = create_campaign(actor=org.users.sec_a, data=_data(org.a, submissions_open=day, submissions_close=day))
    assert (campaign.submissions_open, campaign.submissions_close) == (day, day)


# --- Criteria ---------------------------------------------------------------------------------


def test_criteria_are_numbered_in_turn_and_audited_in_draft(org, new_campaign):
    campaign = new_campaign(org.a)
    actor = org.users.sec_a
    first = save_criterion(campaign, actor=actor, data={"description": "Hoàn thành chỉ tiêu", "max_points": 10})
    second = save_criterion(
        campaign, actor=actor, data={"description": "Cải cách hành chính", "max_points": 20, "weight": "1.5"}
    )
    assert (first.order, second.order) == (1, 2)
    second.refresh_from_db()
    assert second.weight == Decimal("1.5") and second.max_points == Decimal("20")

    save_criterion(campaign, actor=actor, criterion=first, data={"max_points": 15})
    first.refresh_from_db()
    assert first.max_points == Decimal("15")
    entries = AuditLog.objects.for_object(campaign).filter(action="campaign.criterion")
    assert entries.count() == 3
    assert entries.first().data == {
        "model": "campaigns.criterion",
        "criterion": 1,
        "changes": {"max_points": ["10", "15"]},
    }

    delete_criterion(second, actor=actor)
    assert list(campaign.criteria.values_list("order", flat=True)) == [1]
    assert AuditLog.objects.for_object(campaign).filter(action="campaign.criterion_delete").count() == 1


@pytest.mark.parametrize("status", [s for s in CampaignStatus.values if s != CampaignStatus.DRAFT])
def test_criteria_cannot_change_after_launch(org, new_campaign, status):
    campaign = new_campaign(org.a, status=status, criteria=1)
    source = new_campaign(org.a, criteria=2, title="Nguồn")
    criterion = campaign.criteria.get()
    actor = org.users.sec_a

    with pytest.raises(DomainError):
        save_criterion(campaign, actor=actor, data={"description": "Thêm", "max_points": 5})
    with pytest.raises(DomainError):
        save_criterion(campaign, actor=actor, criterion=criterion, data={"max_points": 99})
    with pytest.raises(DomainError):
        delete_criterion(criterion, actor=actor)
    with pytest.raises(DomainError):
        copy_criteria(campaign, source, actor=actor)

    criterion.refresh_from_db()
    assert criterion.max_points == Decimal("10")
    assert campaign.criteria.count() == 1
    assert not AuditLog.objects.for_object(campaign).exists()


def test_copying_criteria_keeps_their_order_and_appends_after_the_existing_ones(org, new_campaign):
    target = new_campaign(org.a, criteria=2, title="Năm 2026")
    source = new_campaign(org.a, status=CampaignStatus.CLOSED, title="Năm 2025")
    # Orders with a gap, created out of order, to prove the copy follows `order`.
    Criterion.objects.create(campaign=source, order=5, description="Ba", max_points=5, mandatory=False)
    Criterion.objects.create(campaign=source, order=1, description="Một", max_points=10, weight="2")
    Criterion.objects.create(campaign=source, order=2, description="Hai", max_points=20, weight="1.5")

    copies = copy_criteria(target, source, actor=org.users.sec_a)

    assert len(copies) == 3
    rows = list(
        target.criteria.order_by("order").values_list("order", "description", "max_points", "weight", "mandatory")
    )
    assert rows == [
        (1, "Tiêu chí 1", Decimal("10"), Decimal("1"), True),
        (2, "Tiêu chí 2", Decimal("10"), Decimal("1"), True),
        (3, "Một", Decimal("10"), Decimal("2"), True),
        (4, "Hai", Decimal("20"), Decimal("1.5"), True),
        (5, "Ba", Decimal("5"), Decimal("1"), False),
    ]
    assert source.criteria.count() == 3  # the source is untouched
    entry = AuditLog.objects.for_object(target).get()
    assert entry.action == "campaign.criteria_copy" and entry.data == {"from": "Năm 2025", "count": 3}


def test_copying_criteria_from_the_campaign_itself_is_refused(org, new_campaign):
    campaign = new_campaign(org.a, criteria=2)
    with pytest.raises(DomainError):
        copy_criteria(campaign, campaign, actor=org.users.sec_a)
    assert campaign.criteria.count() == 2
    assert not AuditLog.objects.for_object(campaign).exists()
