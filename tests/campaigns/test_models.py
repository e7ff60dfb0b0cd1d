import datetime

import pytest
from django.db import IntegrityError, transaction

from campaigns.enums import CampaignKind, CampaignStatus, RegistrationStatus
from campaigns.models import Campaign, Registration

D = datetime.date


def period(start, end, kind=CampaignKind.THEMATIC):
    return Campaign(title="x", kind=kind, start_date=start, end_date=end)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Both ends included: a whole calendar year is one year, not one year and a day.
        (D(2025, 1, 1), D(2025, 12, 31), (1, 0, 0)),
        (D(2025, 1, 1), D(2025, 1, 1), (0, 0, 1)),
        (D(2025, 1, 1), D(2025, 1, 31), (0, 1, 0)),
        (D(2021, 1, 1), D(2023, 12, 31), (3, 0, 0)),
        (D(2021, 1, 2), D(2023, 12, 31), (2, 11, 30)),
        (D(2021, 1, 1), D(2024, 1, 1), (3, 0, 1)),
        (D(2021, 7, 15), D(2024, 7, 14), (3, 0, 0)),
        (D(2021, 7, 15), D(2024, 7, 13), (2, 11, 29)),
        # Leap days.
        (D(2021, 3, 1), D(2024, 2, 29), (3, 0, 0)),
        (D(2021, 3, 1), D(2024, 2, 28), (2, 11, 28)),
        (D(2020, 3, 1), D(2023, 2, 28), (3, 0, 0)),
        (D(2020, 2, 29), D(2023, 2, 28), (3, 0, 1)),
        (D(2020, 3, 2), D(2023, 2, 28), (2, 11, 27)),
        (D(2024, 2, 1), D(2024, 2, 29), (0, 1, 0)),
        (D(2023, 2, 1), D(2023, 2, 28), (0, 1, 0)),
        (D(2024, 1, 1), D(2024, 12, 31), (1, 0, 0)),
    ],
)
def test_duration_counts_both_ends(start, end, expected):
    assert period(start, end).duration == expected


@pytest.mark.parametrize(
    ("start", "end", "may"),
    [
        (D(2021, 1, 1), D(2023, 12, 31), True),  # exactly three years
        (D(2021, 1, 2), D(2023, 12, 31), False),  # one day short
        (D(2021, 1, 1), D(2023, 12, 30), False),  # one day short at the other end
        (D(2020, 1, 1), D(2025, 12, 31), True),
        (D(2021, 3, 1), D(2024, 2, 29), True),  # ends on a leap day
        (D(2021, 3, 1), D(2024, 2, 28), False),  # the day before a leap day
        (D(2020, 2, 29), D(2023, 2, 28), True),  # starts on a leap day
        (D(2025, 1, 1), D(2025, 12, 31), False),
    ],
)
def test_a_thematic_campaign_of_three_years_may_lead_to_a_flag(start, end, may):
    assert period(start, end).may_lead_to_flag is may


@pytest.mark.parametrize(("start", "end"), [(D(2021, 1, 1), D(2023, 12, 31)), (D(2015, 1, 1), D(2025, 12, 31))])
def test_a_regular_campaign_never_leads_to_a_flag(start, end):
    assert period(start, end, kind=CampaignKind.REGULAR).may_lead_to_flag is False


def test_the_scoring_year_is_the_year_the_campaign_ends():
    assert period(D(2024, 6, 1), D(2025, 5, 31)).scoring_year == 2025


@pytest.mark.parametrize(
    ("status", "accepts"),
    [
        (CampaignStatus.DRAFT, False),
        (CampaignStatus.LAUNCHED, True),
        (CampaignStatus.INTERIM_REVIEW, True),
        (CampaignStatus.FINAL_REVIEW, False),
        (CampaignStatus.CLOSED, False),
    ],
)
def test_registrations_are_accepted_while_the_campaign_runs(status, accepts):
    campaign = period(D(2025, 1, 1), D(2025, 12, 31))
    campaign.status = status
    assert campaign.accepts_registrations is accepts


@pytest.mark.parametrize(
    ("status", "editable"),
    [
        (RegistrationStatus.DRAFT, True),
        (RegistrationStatus.RETURNED, True),
        (RegistrationStatus.SUBMITTED, False),
        (RegistrationStatus.APPROVED, False),
    ],
)
def test_a_registration_is_editable_in_draft_or_returned(status, editable):
    assert Registration(status=status).editable is editable


def test_saving_normalises_text_and_fills_the_search_column(org):
    campaign = Campaign.objects.create(
        title="  Thi  đua   “Dân vận khéo” ", kind=CampaignKind.REGULAR, launcher=org.a,
        plan_number=" 282/KH-UBND ", theme="Đoàn kết", content="  dòng một \n\n  dòng hai  ",
        start_date=D(2025, 1, 1), end_date=D(2025, 12, 31),
    )  # fmt: skip
    campaign.refresh_from_db()
    assert campaign.title == "Thi đua “Dân vận khéo”"
    assert campaign.plan_number == "282/KH-UBND"
    assert "dan van kheo" in campaign.search_text and "doan ket" in campaign.search_text
    assert campaign.content.splitlines()[0] == "dòng một"
    assert campaign.content.splitlines()[-1] == "dòng hai"


def test_the_database_refuses_a_period_ending_before_it_starts(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.create(
            title="Ngược", kind=CampaignKind.REGULAR, launcher=org.a,
            start_date=D(2025, 12, 31), end_date=D(2025, 1, 1),
        )  # fmt: skip
