"""The seeded rules of the collective titles: TTLĐTT, TTLĐXS and the Cờ thi đua of the city."""

import datetime

import pytest
from django.utils import timezone

from awards.eligibility.models import ManualCheck
from awards.enums import Outcome
from awards.nominations.services import tick_manual_check
from campaigns.enums import CampaignKind, CampaignStatus, ClusterKind
from campaigns.models import Campaign, Cluster, ScoreSheet
from tests.awards.conftest import YEAR, numbers
from tests.factories import UserFactory
from thiduakt.errors import DomainError

pytestmark = pytest.mark.django_db


def staffed(desk, members, *, ldtt=0, rating="HTTNV", unit_rating="HTXSNV"):
    """A collective of `members` people, all rated `rating`, the first `ldtt` of them LĐTT."""
    unit, people = desk.collective(members)
    desk.rate(unit, {YEAR: unit_rating})
    for index, person in enumerate(people):
        desk.rate(person, {YEAR: rating})
        if index < ldtt:
            desk.award(person, "LDTT", YEAR)
    return unit, people


# --- Tập thể lao động tiên tiến ----------------------------------------------------------


def test_ttldtt_exactly_70_percent_of_members_ldtt_passes(desk):
    unit, _people = staffed(desk, 10, ldtt=7, unit_rating="HTTNV")
    evaluation = desk.evaluate(desk.nominate(unit, "TTLDTT"))
    share = desk.result(evaluation, "members_share")
    assert share.outcome == Outcome.PASS
    assert "7/10" in share.message and "70,0" in share.message and str(YEAR) in share.message
    rating = desk.result(evaluation, "rating_at_least")
    assert rating.outcome == Outcome.PASS and rating.label == "Tập thể hoàn thành tốt nhiệm vụ"
    assert desk.kinds(evaluation) == ["rating_at_least", "members_share", "no_discipline", "no_duplicate"]
    assert evaluation.outcome == Outcome.PASS


@pytest.mark.parametrize(("members", "ldtt", "shown"), [(23, 16, "69,6"), (9, 6, "66,7"), (10, 6, "60,0")])
def test_ttldtt_just_under_70_percent_fails(desk, members, ldtt, shown):
    unit, _people = staffed(desk, members, ldtt=ldtt, unit_rating="HTTNV")
    result, evaluation = desk.check(unit, "TTLDTT", "members_share")
    assert result.outcome == Outcome.FAIL
    assert f"{ldtt}/{members}" in result.message and shown in result.message and "70" in result.message
    assert evaluation.outcome == Outcome.FAIL


def test_ttldtt_members_nominated_ldtt_in_the_same_round_count_until_rejected(desk):
    unit, people = staffed(desk, 10, ldtt=6, unit_rating="HTTNV")
    seventh = desk.nominate(people[6], "LDTT")
    collective = desk.nominate(unit, "TTLDTT")
    share = desk.result(desk.evaluate(collective), "members_share")
    assert share.outcome == Outcome.PASS and "7/10" in share.message
    desk.reject(seventh)
    share = desk.result(desk.evaluate(collective), "members_share")
    assert share.outcome == Outcome.FAIL and "6/10" in share.message


def test_ttldtt_counts_only_current_members_of_the_unit_itself(desk):
    unit, _people = staffed(desk, 10, ldtt=7, unit_rating="HTTNV")
    desk.person(unit=unit, is_active=False)  # left the unit; counted, it would make 7/11
    desk.collective(3, parent=unit)  # a team below is a collective of its own; counted, 7/13
    result, _evaluation = desk.check(unit, "TTLDTT", "members_share")
    assert result.outcome == Outcome.PASS and "7/10" in result.message


def test_ttldtt_without_members_fails(desk):
    unit, _people = staffed(desk, 0, unit_rating="HTTNV")
    result, _evaluation = desk.check(unit, "TTLDTT", "members_share")
    assert result.outcome == Outcome.FAIL


def test_ttldtt_collective_rating_below_httnv_fails(desk):
    unit, _people = staffed(desk, 10, ldtt=10, unit_rating="HTNV")
    result, evaluation = desk.check(unit, "TTLDTT", "rating_at_least")
    assert result.outcome == Outcome.FAIL
    assert "HTNV" in result.message and "HTTNV" in result.message and str(YEAR) in result.message
    assert evaluation.outcome == Outcome.FAIL


def test_ttldtt_a_members_reprimand_does_not_block_it(desk):
    unit, people = staffed(desk, 10, ldtt=7, unit_rating="HTTNV")
    desk.discipline(people[9], YEAR, "khien_trach")
    result, evaluation = desk.check(unit, "TTLDTT", "no_discipline")
    assert result.outcome == Outcome.PASS
    assert str(YEAR) in result.message and str(YEAR - 1) not in result.message
    assert evaluation.outcome == Outcome.PASS


@pytest.mark.parametrize("level", ["canh_cao", "ha_bac_luong", "buoc_thoi_viec"])
def test_ttldtt_a_members_warning_or_worse_blocks_it(desk, level):
    unit, people = staffed(desk, 10, ldtt=10, unit_rating="HTTNV")
    desk.discipline(people[9], YEAR, level)
    result, evaluation = desk.check(unit, "TTLDTT", "no_discipline")
    assert result.outcome == Outcome.FAIL
    assert f"({YEAR})" in result.message
    assert evaluation.outcome == Outcome.FAIL


# --- Tập thể lao động xuất sắc -----------------------------------------------------------


def excellent(desk):
    unit, people = staffed(desk, 10, ldtt=7, rating="HTNV", unit_rating="HTXSNV")
    desk.award(people[0], "CSTD_CS", YEAR)
    return unit, people


def test_ttldxs_passes_with_every_rule_met(desk):
    unit, _people = excellent(desk)
    evaluation = desk.evaluate(desk.nominate(unit, "TTLDXS"))
    assert desk.kinds(evaluation) == [
        "rating_at_least", "members_all_rated", "members_share", "member_has_title", "no_discipline", "no_duplicate",
    ]  # fmt: skip
    assert {r.outcome for r in evaluation.results} == {Outcome.PASS}
    assert numbers(desk.result(evaluation, "members_all_rated").message) == {10, YEAR}
    assert numbers(desk.result(evaluation, "member_has_title").message) == {1, YEAR}
    assert evaluation.outcome == Outcome.PASS


@pytest.mark.parametrize("rating", ["KHT", None])
def test_ttldxs_one_member_below_htnv_or_unrated_fails(desk, rating):
    unit, people = excellent(desk)
    extra = desk.person(unit=unit)
    if rating:
        desk.rate(extra, {YEAR: rating})
    desk.rate(people[1], {YEAR - 1: "KHT"})  # another year: irrelevant
    result, evaluation = desk.check(unit, "TTLDXS", "members_all_rated")
    assert result.outcome == Outcome.FAIL
    assert numbers(result.message) == {1, 11, YEAR} and "HTNV" in result.message  # 1 of 11
    assert evaluation.outcome == Outcome.FAIL


def test_ttldxs_without_a_cstd_cs_member_fails(desk):
    unit, people = staffed(desk, 10, ldtt=10, rating="HTXSNV", unit_rating="HTXSNV")
    desk.award(people[0], "CSTD_CS", YEAR - 1)
    result, evaluation = desk.check(unit, "TTLDXS", "member_has_title")
    assert result.outcome == Outcome.FAIL
    assert numbers(result.message) == {1, 0, YEAR}
    assert evaluation.outcome == Outcome.FAIL


def test_ttldxs_needs_the_collective_rated_htxsnv(desk):
    unit, people = staffed(desk, 10, ldtt=10, rating="HTXSNV", unit_rating="HTTNV")
    desk.award(people[0], "CSTD_CS", YEAR)
    result, evaluation = desk.check(unit, "TTLDXS", "rating_at_least")
    assert result.outcome == Outcome.FAIL and "HTXSNV" in result.message
    assert [r.outcome for r in evaluation.results].count(Outcome.FAIL) == 1


# --- Cờ thi đua: the cluster's proposal or a manual check -------------------------------


@pytest.fixture
def cluster(org):
    return Cluster.objects.create(name="Cụm thi đua số 3", kind=ClusterKind.TERRITORIAL, owner=org.city)


def propose(org, cluster, unit, *, start, end, proposed=True, title="Thi đua cụm số 3"):
    campaign = Campaign.objects.create(
        title=title, kind=CampaignKind.REGULAR, launcher=org.city, status=CampaignStatus.CLOSED,
        start_date=start, end_date=end,
    )  # fmt: skip
    return ScoreSheet.objects.create(campaign=campaign, cluster=cluster, unit=unit, proposed_for_flag=proposed)


def test_co_tp_passes_when_proposed_by_its_cluster_that_year(desk, org, cluster):
    unit, _people = desk.collective(3)
    propose(org, cluster, unit, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31))
    evaluation = desk.evaluate(desk.nominate(unit, "CO_TP"))
    flag = desk.result(evaluation, "any_of")
    assert flag.outcome == Outcome.PASS
    assert "Cụm thi đua số 3" in flag.message and "Thi đua cụm số 3" in flag.message
    assert flag.manual_by == ""
    assert evaluation.outcome == Outcome.PASS


def test_co_tp_a_campaign_over_several_years_counts_in_its_final_year(desk, org, cluster):
    unit, _people = desk.collective(3)
    propose(org, cluster, unit, start=datetime.date(YEAR - 2, 3, 1), end=datetime.date(YEAR, 6, 30))
    result, _evaluation = desk.check(unit, "CO_TP", "any_of")
    assert result.outcome == Outcome.PASS


@pytest.mark.parametrize(
    ("start", "end", "proposed"),
    [
        (datetime.date(YEAR - 1, 1, 1), datetime.date(YEAR - 1, 12, 31), True),  # last year's ranking
        (datetime.date(YEAR, 1, 1), datetime.date(YEAR + 1, 6, 30), True),  # ends next year
        (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31), False),  # scored, not proposed
    ],
)
def test_co_tp_otherwise_needs_the_secretariats_check(desk, org, cluster, start, end, proposed):
    unit, _people = desk.collective(3)
    propose(org, cluster, unit, start=start, end=end, proposed=proposed)
    result, evaluation = desk.check(unit, "CO_TP", "any_of")
    assert result.outcome == Outcome.MANUAL
    assert str(YEAR) in result.message and "Dẫn đầu phong trào thi đua chuyên đề" in result.message
    assert "Cụm thi đua số 3" not in result.message
    assert evaluation.outcome == Outcome.MANUAL


def test_co_tp_another_units_proposal_does_not_count(desk, org, cluster):
    unit, _people = desk.collective(3)
    other, _others = desk.collective(3)
    propose(org, cluster, other, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31))
    result, _evaluation = desk.check(unit, "CO_TP", "any_of")
    assert result.outcome == Outcome.MANUAL


@pytest.mark.parametrize(("passed", "outcome"), [(True, Outcome.PASS), (False, Outcome.FAIL)])
def test_co_tp_the_secretariats_tick_decides_and_names_who_ticked(desk, org, passed, outcome):
    unit, _people = desk.collective(3)
    nomination = desk.nominate(unit, "CO_TP")
    checker = UserFactory(full_name="Phạm Văn Kiểm", unit=org.district)
    rule = desk.rule("CO_TP", "any_of")
    ManualCheck.objects.create(nomination=nomination, rule=rule, passed=passed, checked_by=checker, note="QĐ 12/QĐ")
    evaluation = desk.evaluate(nomination)
    result = desk.result(evaluation, "any_of")
    assert result.outcome == outcome
    assert result.manual_by == "Phạm Văn Kiểm"
    assert "Phạm Văn Kiểm" in result.message and result.message.endswith("QĐ 12/QĐ")
    assert timezone.localdate().strftime("%d/%m/%Y") in result.message
    assert evaluation.outcome == outcome


def test_ticking_through_the_service_stores_the_new_result(desk, org):
    unit, _people = desk.collective(3)
    nomination = desk.nominate(unit, "CO_TP")
    evaluation = tick_manual_check(
        nomination, desk.rule("CO_TP", "any_of"), actor=org.secretariat, passed=True, note="Dẫn đầu phong trào"
    )
    assert evaluation.outcome == Outcome.PASS
    nomination.refresh_from_db()
    assert nomination.outcome == Outcome.PASS
    assert nomination.eligibility["results"][0]["manual_by"] == "Nguyễn Thị Thư Ký"
    with pytest.raises(DomainError):
        tick_manual_check(nomination, desk.rule("CO_TP", "no_duplicate"), actor=org.secretariat, passed=True)


def test_a_tick_does_not_override_what_the_data_decides(desk, org, cluster):
    unit, _people = desk.collective(3)
    propose(org, cluster, unit, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31))
    nomination = desk.nominate(unit, "CO_TP")
    ManualCheck.objects.create(
        nomination=nomination, rule=desk.rule("CO_TP", "any_of"), passed=False, checked_by=org.secretariat
    )
    result = desk.result(desk.evaluate(nomination), "any_of")
    assert result.outcome == Outcome.PASS and result.manual_by == ""
