"""The seeded rules of the forms of award: Giấy khen, Bằng khen TP, Bằng khen TTg, HCLĐ hạng Ba.

Also which rules apply: to individuals or collectives (`applies_to`), and on which grounds
(`methods`) — a "sudden" submission skips the regular rules and asks for a manual check.
"""

import datetime

import pytest

from awards.catalogue.models import EligibilityRule
from awards.eligibility.models import ManualCheck
from awards.enums import Method, Outcome
from awards.history.models import YearlyRating
from campaigns.enums import CampaignKind, CampaignStatus
from campaigns.models import Campaign
from tests.awards.conftest import YEAR, numbers

pytestmark = pytest.mark.django_db

SPAN = range(YEAR - 4, YEAR + 1)  # the five years up to the nomination year


def applied(evaluation):
    """(kind, applies_to) of each rule that applied, in order."""
    rules = EligibilityRule.objects.in_bulk([r.rule_id for r in evaluation.results])
    return [(rules[r.rule_id].kind, rules[r.rule_id].params.get("applies_to")) for r in evaluation.results]


# --- Giấy khen của Chủ tịch UBND quận ----------------------------------------------------


def test_gk_quan_regular_needs_httnv(desk):
    good, weak = desk.person(), desk.person()
    desk.rate(good, {YEAR: "HTTNV"})
    desk.rate(weak, {YEAR: "HTNV"})
    evaluation = desk.evaluate(desk.nominate(good, "GK_QUAN"))
    assert desk.kinds(evaluation) == ["rating_at_least", "no_duplicate"]
    assert evaluation.outcome == Outcome.PASS
    evaluation = desk.evaluate(desk.nominate(weak, "GK_QUAN"))
    assert desk.result(evaluation, "rating_at_least").outcome == Outcome.FAIL
    assert evaluation.outcome == Outcome.FAIL


def test_gk_quan_a_collective_is_judged_on_its_own_rating(desk):
    unit, _people = desk.collective(2)
    desk.rate(unit, {YEAR: "HTXSNV"})
    evaluation = desk.evaluate(desk.nominate(unit, "GK_QUAN"))
    assert evaluation.outcome == Outcome.PASS
    assert "HTXSNV" in desk.result(evaluation, "rating_at_least").message


@pytest.mark.parametrize("method", [Method.SUDDEN, Method.DEDICATION, Method.SENIORITY, Method.FOREIGN])
def test_gk_quan_simplified_grounds_skip_the_rating_and_ask_for_a_check(desk, method):
    person = desk.person()  # no rating at all: the regular rule would fail
    evaluation = desk.evaluate(desk.nominate(person, "GK_QUAN", method=method))
    assert desk.kinds(evaluation) == ["manual", "no_duplicate"]
    manual = desk.result(evaluation, "manual")
    assert manual.outcome == Outcome.MANUAL
    assert manual.message == "Thành tích đột xuất, cống hiến hoặc đối ngoại được xác nhận"
    assert evaluation.outcome == Outcome.MANUAL


# --- Bằng khen của Chủ tịch UBND thành phố -----------------------------------------------


def test_bk_tp_individual_two_consecutive_cstd_cs(desk):
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR - 1, YEAR)
    evaluation = desk.evaluate(desk.nominate(person, "BK_TP"))
    assert applied(evaluation) == [("any_of", "individual"), ("no_duplicate", None)]
    result = desk.result(evaluation, "any_of")
    assert result.outcome == Outcome.PASS
    assert f"{YEAR - 1} ✓, {YEAR} ✓" in result.message
    assert result.label == "2 năm liên tục CSTĐ cơ sở, hoặc 2 năm HTXSNV và 2 sáng kiến"
    assert evaluation.outcome == Outcome.PASS


def test_bk_tp_individual_two_years_htxsnv_with_two_unit_initiatives(desk):
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR - 2, YEAR)  # not consecutive: the first branch fails
    desk.rate(person, {YEAR - 1: "HTXSNV", YEAR: "HTXSNV"})
    desk.initiative(person, "unit", YEAR - 1, title="Sáng kiến A")
    desk.initiative(person, "district", YEAR, title="Sáng kiến B")
    result, evaluation = desk.check(person, "BK_TP", "any_of")
    assert result.outcome == Outcome.PASS
    assert f"{YEAR - 1} ✗, {YEAR} ✓" in result.message  # the first branch, shown all the same
    assert "“Sáng kiến A”" in result.message and "“Sáng kiến B”" in result.message
    assert evaluation.outcome == Outcome.PASS


def test_bk_tp_individual_fails_with_one_initiative_or_one_htxsnv_year(desk):
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR)
    desk.rate(person, {YEAR - 1: "HTTNV", YEAR: "HTXSNV"})
    desk.initiative(person, "unit", YEAR - 2)  # outside the two-year window
    desk.initiative(person, "unit", YEAR)
    result, evaluation = desk.check(person, "BK_TP", "any_of")
    assert result.outcome == Outcome.FAIL
    assert result.message.count(f"{YEAR - 1} ✗, {YEAR} ✓") == 2  # CSTĐ chain and rating chain
    assert f"{YEAR - 1}–{YEAR}" in result.message  # the initiative window
    assert evaluation.outcome == Outcome.FAIL


def test_bk_tp_collective_two_years_htxsnv(desk):
    unit, _people = desk.collective(2)
    desk.rate(unit, {YEAR - 1: "HTXSNV", YEAR: "HTXSNV"})
    evaluation = desk.evaluate(desk.nominate(unit, "BK_TP"))
    assert applied(evaluation) == [("any_of", "collective"), ("no_duplicate", None)]
    result = desk.result(evaluation, "any_of")
    assert result.outcome == Outcome.PASS and f"{YEAR - 1} ✓, {YEAR} ✓" in result.message
    assert result.label == "2 năm liên tục HTXSNV hoặc Tập thể lao động xuất sắc"
    assert evaluation.outcome == Outcome.PASS


def test_consecutive_ratings_with_up_to_offset_one_ends_the_year_before(desk):
    rule = desk.add_rule("BK_TP", "consecutive_ratings", {"rating": "HTXSNV", "years": 2, "up_to_offset": 1})
    person = desk.person()
    desk.rate(person, {YEAR - 2: "HTXSNV", YEAR - 1: "HTXSNV", YEAR: "HTTNV"})
    evaluation = desk.evaluate(desk.nominate(person, "BK_TP"))
    shifted = next(r for r in evaluation.results if r.rule_id == rule.pk)
    assert shifted.outcome == Outcome.PASS
    assert shifted.message.endswith(f"{YEAR - 2} ✓, {YEAR - 1} ✓.")
    assert f"{YEAR - 1} ✓, {YEAR} ✗" in desk.result(evaluation, "any_of").message  # the seeded rule: up to YEAR


@pytest.mark.parametrize(
    ("kind", "rating", "outcome"),
    [
        ("all_of", "HTXSNV", Outcome.FAIL),  # manual + fail: fail
        ("all_of", "HTTNV", Outcome.MANUAL),  # manual + pass: manual
        ("any_of", "HTTNV", Outcome.PASS),  # manual or pass: pass
        ("any_of", "HTXSNV", Outcome.MANUAL),  # manual or fail: manual
    ],
)
def test_all_of_and_any_of_with_a_manual_part(desk, kind, rating, outcome):
    parts = [
        {"kind": "manual", "params": {"text": "Xác nhận của Ban Thi đua"}},
        {"kind": "rating_at_least", "params": {"rating": rating}},
    ]
    rule = desk.add_rule("GK_QUAN", kind, {"rules": parts})
    person = desk.person()
    desk.rate(person, {YEAR: "HTTNV"})
    evaluation = desk.evaluate(desk.nominate(person, "GK_QUAN"))
    result = next(r for r in evaluation.results if r.rule_id == rule.pk)
    assert result.outcome == outcome
    assert "Xác nhận của Ban Thi đua" in result.message and "HTTNV" in result.message and str(YEAR) in result.message
    assert evaluation.outcome == outcome


def test_bk_tp_collective_two_years_ttldxs(desk):
    unit, _people = desk.collective(2)
    desk.award(unit, "TTLDXS", YEAR - 1, YEAR)
    result, _evaluation = desk.check(unit, "BK_TP", "any_of")
    assert result.outcome == Outcome.PASS
    assert result.message.count(f"{YEAR - 1} ✓, {YEAR} ✓") == 1  # TTLĐXS; ratings are ✗


def test_bk_tp_collective_fails_without_either(desk):
    unit, _people = desk.collective(2)
    desk.rate(unit, {YEAR - 1: "HTXSNV", YEAR: "HTTNV"})
    desk.award(unit, "TTLDXS", YEAR - 2, YEAR)
    result, evaluation = desk.check(unit, "BK_TP", "any_of")
    assert result.outcome == Outcome.FAIL
    assert result.message.count(f"{YEAR - 1} ✓, {YEAR} ✗") == 1
    assert result.message.count(f"{YEAR - 1} ✗, {YEAR} ✓") == 1
    assert evaluation.outcome == Outcome.FAIL


def test_bk_tp_an_individual_history_does_not_help_a_collective(desk):
    """A collective's rule reads the collective's own ratings, not its members'."""
    unit, people = desk.collective(1)
    desk.rate(people[0], {YEAR - 1: "HTXSNV", YEAR: "HTXSNV"})
    desk.award(people[0], "CSTD_CS", YEAR - 1, YEAR)
    result, _evaluation = desk.check(unit, "BK_TP", "any_of")
    assert result.outcome == Outcome.FAIL


@pytest.mark.parametrize("nominee", ["person", "collective"])
def test_bk_tp_sudden_skips_the_regular_rules_and_asks_for_a_check(desk, nominee):
    target = desk.person() if nominee == "person" else desk.collective(1)[0]
    evaluation = desk.evaluate(desk.nominate(target, "BK_TP", method=Method.SUDDEN))
    assert desk.kinds(evaluation) == ["manual", "no_duplicate"]
    manual = desk.result(evaluation, "manual")
    assert manual.outcome == Outcome.MANUAL
    assert manual.message == "Thành tích trong phong trào, đột xuất hoặc cống hiến được xác nhận"
    assert evaluation.outcome == Outcome.MANUAL


def test_bk_tp_sudden_ticked_by_the_secretariat_passes(desk, org):
    nomination = desk.nominate(desk.person(), "BK_TP", method=Method.SUDDEN)
    ManualCheck.objects.create(
        nomination=nomination, rule=desk.rule("BK_TP", "manual"), passed=True, checked_by=org.secretariat
    )
    evaluation = desk.evaluate(nomination)
    manual = desk.result(evaluation, "manual")
    assert manual.outcome == Outcome.PASS and manual.manual_by == "Nguyễn Thị Thư Ký"
    assert "Nguyễn Thị Thư Ký" in manual.message
    assert evaluation.outcome == Outcome.PASS


def test_bk_tp_campaign_ground_asks_for_a_check_too(desk, org):
    campaign = Campaign.objects.create(
        title="Phong trào chuyển đổi số", kind=CampaignKind.THEMATIC, launcher=org.city, status=CampaignStatus.CLOSED,
        start_date=datetime.date(YEAR - 2, 1, 1), end_date=datetime.date(YEAR, 12, 31),
    )  # fmt: skip
    submission = desk.submission(method=Method.CAMPAIGN, campaign=campaign)
    evaluation = desk.evaluate(desk.nominate(desk.person(), "BK_TP", submission=submission))
    assert desk.kinds(evaluation) == ["manual", "no_duplicate"]
    assert evaluation.outcome == Outcome.MANUAL


# --- Bằng khen của Thủ tướng: already holds BK_TP, then five years -----------------------


def veteran(desk, *, bk_tp=YEAR - 5, rating="HTTNV", cstd_cs=(YEAR - 3, YEAR - 2, YEAR)):
    person = desk.person()
    desk.award(person, "BK_TP", bk_tp)
    desk.rate(person, dict.fromkeys(SPAN, rating))
    desk.award(person, "CSTD_CS", *cstd_cs)
    return person


def test_bk_ttg_individual_bk_tp_then_five_years_with_three_cstd_cs(desk):
    person = veteran(desk)
    evaluation = desk.evaluate(desk.nominate(person, "BK_TTG"))
    assert applied(evaluation) == [("holds_then_consecutive", "individual"), ("no_duplicate", None)]
    result = desk.result(evaluation, "holds_then_consecutive")
    assert result.outcome == Outcome.PASS
    assert f"{YEAR - 5}" in result.message and f"{YEAR - 4}–{YEAR}" in result.message and "3/3" in result.message
    assert evaluation.outcome == Outcome.PASS


def test_bk_ttg_individual_bk_tp_too_recent_fails(desk):
    person = veteran(desk, bk_tp=YEAR - 4)
    result, evaluation = desk.check(person, "BK_TTG", "holds_then_consecutive")
    assert result.outcome == Outcome.FAIL
    assert numbers(result.message) == {YEAR - 4, 5, YEAR}
    assert evaluation.outcome == Outcome.FAIL


def test_bk_ttg_individual_without_bk_tp_fails(desk):
    person = desk.person()
    desk.rate(person, dict.fromkeys(SPAN, "HTXSNV"))
    desk.award(person, "CSTD_CS", *SPAN)
    desk.award(person, "BK_TP", YEAR - 6, revoked=True)
    result, _evaluation = desk.check(person, "BK_TTG", "holds_then_consecutive")
    assert result.outcome == Outcome.FAIL
    assert numbers(result.message) == set()


def test_bk_ttg_individual_one_year_below_httnv_fails(desk):
    person = veteran(desk)
    YearlyRating.objects.filter(person=person, year=YEAR - 2).update(rating="HTNV")
    result, _evaluation = desk.check(person, "BK_TTG", "holds_then_consecutive")
    assert result.outcome == Outcome.FAIL
    assert f"{YEAR - 3} ✓, {YEAR - 2} ✗, {YEAR - 1} ✓" in result.message
    assert "3/3" not in result.message  # the titles were fine: only the rating is reported


def test_bk_ttg_individual_a_missing_rating_year_fails(desk):
    person = veteran(desk)
    YearlyRating.objects.filter(person=person, year=YEAR - 4).delete()
    result, _evaluation = desk.check(person, "BK_TTG", "holds_then_consecutive")
    assert result.outcome == Outcome.FAIL and f"{YEAR - 4} ✗, {YEAR - 3} ✓" in result.message


def test_bk_ttg_individual_only_two_cstd_cs_fails(desk):
    person = veteran(desk, rating="HTXSNV", cstd_cs=(YEAR - 5, YEAR - 1, YEAR))  # YEAR-5 is before the span
    result, evaluation = desk.check(person, "BK_TTG", "holds_then_consecutive")
    assert result.outcome == Outcome.FAIL
    assert "2/3" in result.message
    assert "✗" not in result.message
    assert evaluation.outcome == Outcome.FAIL


def collective_veteran(desk, *, award="BK_TP", held=YEAR - 5, rating="HTXSNV"):
    unit, _people = desk.collective(1)
    desk.award(unit, award, held)
    desk.rate(unit, dict.fromkeys(SPAN, rating))
    return unit


def test_bk_ttg_collective_with_one_co_tp(desk):
    unit = collective_veteran(desk)
    desk.award(unit, "CO_TP", YEAR - 2)
    evaluation = desk.evaluate(desk.nominate(unit, "BK_TTG"))
    assert applied(evaluation) == [("holds_then_consecutive", "collective"), ("no_duplicate", None)]
    result = desk.result(evaluation, "holds_then_consecutive")
    assert result.outcome == Outcome.PASS
    assert "1/1" in result.message and "0/2" in result.message
    assert evaluation.outcome == Outcome.PASS


def test_bk_ttg_collective_with_two_more_bk_tp(desk):
    unit = collective_veteran(desk)
    desk.award(unit, "BK_TP", YEAR - 3, YEAR - 1)
    result, _evaluation = desk.check(unit, "BK_TTG", "holds_then_consecutive")
    assert result.outcome == Outcome.PASS
    assert "0/1" in result.message and "2/2" in result.message


def test_bk_ttg_collective_fails_with_neither(desk):
    unit = collective_veteran(desk)
    desk.award(unit, "BK_TP", YEAR - 1)
    desk.award(unit, "CO_TP", YEAR - 5)  # before the span
    result, evaluation = desk.check(unit, "BK_TTG", "holds_then_consecutive")
    assert result.outcome == Outcome.FAIL
    assert "0/1" in result.message and "1/2" in result.message
    assert evaluation.outcome == Outcome.FAIL


def test_bk_ttg_collective_needs_htxsnv_every_year(desk):
    unit = collective_veteran(desk, rating="HTTNV")
    desk.award(unit, "CO_TP", YEAR)
    result, _evaluation = desk.check(unit, "BK_TTG", "holds_then_consecutive")
    assert result.outcome == Outcome.FAIL
    assert ", ".join(f"{y} ✗" for y in SPAN) in result.message


# --- Huân chương Lao động hạng Ba: already holds BK_TTg, then five years ----------------


@pytest.mark.parametrize(("bk_tp", "cstd_tp", "outcome"), [
    ((YEAR - 3, YEAR), (), Outcome.PASS),
    ((), (YEAR - 4, YEAR - 1), Outcome.PASS),
    ((YEAR,), (YEAR - 3,), Outcome.FAIL),
])  # fmt: skip
def test_hcld3_individual(desk, bk_tp, cstd_tp, outcome):
    person = desk.person()
    desk.award(person, "BK_TTG", YEAR - 6)
    desk.rate(person, dict.fromkeys(SPAN, "HTXSNV"))
    desk.award(person, "BK_TP", *bk_tp)
    desk.award(person, "CSTD_TP", *cstd_tp)
    result, evaluation = desk.check(person, "HCLD3", "holds_then_consecutive")
    assert result.outcome == outcome
    assert f"{YEAR - 6}" in result.message and f"{YEAR - 4}–{YEAR}" in result.message
    assert f"{len(bk_tp)}/2" in result.message and f"{len(cstd_tp)}/2" in result.message
    assert evaluation.outcome == outcome


def test_hcld3_individual_httnv_is_not_enough(desk):
    person = desk.person()
    desk.award(person, "BK_TTG", YEAR - 5)
    desk.rate(person, {**dict.fromkeys(SPAN, "HTXSNV"), YEAR - 1: "HTTNV"})
    desk.award(person, "CSTD_TP", YEAR - 3, YEAR)
    result, _evaluation = desk.check(person, "HCLD3", "holds_then_consecutive")
    assert result.outcome == Outcome.FAIL
    assert f"{YEAR - 2} ✓, {YEAR - 1} ✗, {YEAR} ✓" in result.message


def test_hcld3_needs_bk_ttg_not_bk_tp(desk):
    person = desk.person()
    desk.award(person, "BK_TP", YEAR - 8, YEAR - 3, YEAR)
    desk.rate(person, dict.fromkeys(SPAN, "HTXSNV"))
    result, _evaluation = desk.check(person, "HCLD3", "holds_then_consecutive")
    assert result.outcome == Outcome.FAIL and numbers(result.message) == set()


@pytest.mark.parametrize(("co_tp", "bk_tp", "outcome"), [
    ((YEAR,), (), Outcome.PASS),
    ((), (YEAR - 4, YEAR - 2), Outcome.PASS),
    ((YEAR - 6,), (YEAR - 4,), Outcome.FAIL),
])  # fmt: skip
def test_hcld3_collective(desk, co_tp, bk_tp, outcome):
    unit = collective_veteran(desk, award="BK_TTG", held=YEAR - 7)
    desk.award(unit, "CO_TP", *co_tp)
    desk.award(unit, "BK_TP", *bk_tp)
    evaluation = desk.evaluate(desk.nominate(unit, "HCLD3"))
    assert applied(evaluation) == [("holds_then_consecutive", "collective"), ("no_duplicate", None)]
    result = desk.result(evaluation, "holds_then_consecutive")
    assert result.outcome == outcome
    in_span = [y for y in co_tp if y in SPAN]
    assert f"{len(in_span)}/1" in result.message and f"{len(bk_tp)}/2" in result.message
    assert evaluation.outcome == outcome
