"""The seeded rules of the individual titles: LĐTT, CSTĐ cơ sở, CSTĐ thành phố, CSTĐ toàn quốc.

Messages are asserted on what does not depend on the language: years, ✓/✗/… marks,
counts and rating codes.
"""

import datetime

import pytest

from awards.enums import Outcome
from awards.history.models import Initiative
from tests.awards.conftest import YEAR, numbers

pytestmark = pytest.mark.django_db

RATINGS = ["HTXSNV", "HTTNV", "HTNV", "KHT"]  # best first


# --- Lao động tiên tiến ------------------------------------------------------------------


def test_ldtt_passes_when_rated_httnv_in_the_nomination_year(desk):
    person = desk.person()
    desk.rate(person, {YEAR: "HTTNV"})
    result, evaluation = desk.check(person, "LDTT", "rating_at_least")
    assert result.outcome == Outcome.PASS
    assert "HTTNV" in result.message and str(YEAR) in result.message
    assert evaluation.outcome == Outcome.PASS
    assert desk.kinds(evaluation) == ["rating_at_least", "no_discipline", "no_duplicate"]


def test_ldtt_fails_when_rated_htnv(desk):
    person = desk.person()
    desk.rate(person, {YEAR: "HTNV"})
    result, evaluation = desk.check(person, "LDTT", "rating_at_least")
    assert result.outcome == Outcome.FAIL
    assert "HTNV" in result.message and "HTTNV" in result.message and str(YEAR) in result.message
    assert evaluation.outcome == Outcome.FAIL


def test_ldtt_fails_without_a_rating_and_says_which_year(desk):
    person = desk.person()
    desk.rate(person, {YEAR - 1: "HTXSNV"})  # a good rating, but for the wrong year
    result, _evaluation = desk.check(person, "LDTT", "rating_at_least")
    assert result.outcome == Outcome.FAIL
    assert str(YEAR) in result.message and str(YEAR - 1) not in result.message
    assert "HTTNV" in result.message


@pytest.mark.parametrize("required", RATINGS)
@pytest.mark.parametrize("actual", RATINGS)
def test_ratings_are_ordered_htxsnv_httnv_htnv_kht(desk, required, actual):
    rule = desk.add_rule("LDTT", "rating_at_least", {"rating": required})
    person = desk.person()
    desk.rate(person, {YEAR: actual})
    evaluation = desk.evaluate(desk.nominate(person, "LDTT"))
    result = next(r for r in evaluation.results if r.rule_id == rule.pk)
    better_or_equal = RATINGS.index(actual) <= RATINGS.index(required)
    assert result.outcome == (Outcome.PASS if better_or_equal else Outcome.FAIL)
    assert actual in result.message and str(YEAR) in result.message


def test_a_rule_with_year_offset_one_reads_the_year_before(desk):
    """Same check, offset 1: the year before the nomination year, not the year itself."""
    before = desk.add_rule("LDTT", "rating_at_least", {"rating": "HTXSNV", "year_offset": 1})
    good_before, good_now = desk.person(), desk.person()
    desk.rate(good_before, {YEAR - 1: "HTXSNV", YEAR: "HTTNV"})
    desk.rate(good_now, {YEAR - 1: "HTTNV", YEAR: "HTXSNV"})

    evaluation = desk.evaluate(desk.nominate(good_before, "LDTT"))
    result = next(r for r in evaluation.results if r.rule_id == before.pk)
    assert result.outcome == Outcome.PASS
    assert str(YEAR - 1) in result.message and str(YEAR) not in result.message
    assert desk.result(evaluation, "no_duplicate").outcome == Outcome.PASS

    evaluation = desk.evaluate(desk.nominate(good_now, "LDTT"))
    result = next(r for r in evaluation.results if r.rule_id == before.pk)
    assert result.outcome == Outcome.FAIL
    assert "HTTNV" in result.message and str(YEAR - 1) in result.message
    assert evaluation.outcome == Outcome.FAIL


def test_title_in_year_with_offset_one_reads_the_year_before(desk):
    rule = desk.add_rule("CSTD_CS", "title_in_year", {"title": "LDTT", "year_offset": 1})
    person = desk.person()
    desk.award(person, "LDTT", YEAR)
    desk.rate(person, {YEAR: "HTXSNV"})
    evaluation = desk.evaluate(desk.nominate(person, "CSTD_CS"))
    result = next(r for r in evaluation.results if r.rule_id == rule.pk)
    assert result.outcome == Outcome.FAIL
    assert f"{YEAR - 1} ✗" in result.message
    desk.award(person, "LDTT", YEAR - 1)
    evaluation = desk.evaluate(person.nominations.get())
    result = next(r for r in evaluation.results if r.rule_id == rule.pk)
    assert result.outcome == Outcome.PASS
    assert f"{YEAR - 1} ✓" in result.message


def test_ldtt_is_blocked_by_a_reprimand_in_the_year(desk):
    person = desk.person()
    desk.rate(person, {YEAR: "HTXSNV"})
    desk.discipline(person, YEAR, "khien_trach")
    result, evaluation = desk.check(person, "LDTT", "no_discipline")
    assert result.outcome == Outcome.FAIL
    assert f"({YEAR})" in result.message
    assert evaluation.outcome == Outcome.FAIL


@pytest.mark.parametrize("level", ["canh_cao", "ha_bac_luong", "cach_chuc", "buoc_thoi_viec"])
def test_ldtt_is_blocked_by_anything_worse_than_a_reprimand(desk, level):
    person = desk.person()
    desk.rate(person, {YEAR: "HTXSNV"})
    desk.discipline(person, YEAR, level)
    result, _evaluation = desk.check(person, "LDTT", "no_discipline")
    assert result.outcome == Outcome.FAIL
    assert f"({YEAR})" in result.message


def test_ldtt_ignores_a_reprimand_of_the_year_before(desk):
    person = desk.person()
    desk.rate(person, {YEAR: "HTTNV"})
    desk.discipline(person, YEAR - 1, "canh_cao")
    result, evaluation = desk.check(person, "LDTT", "no_discipline")
    assert result.outcome == Outcome.PASS
    assert str(YEAR) in result.message and str(YEAR - 1) not in result.message
    assert evaluation.outcome == Outcome.PASS


def test_discipline_window_of_several_years(desk):
    rule = desk.add_rule("LDTT", "no_discipline", {"level": "canh_cao", "years": 3})
    edge, outside = desk.person(), desk.person()
    desk.discipline(edge, YEAR - 2, "canh_cao")
    desk.discipline(outside, YEAR - 3, "canh_cao")
    first = next(r for r in desk.evaluate(desk.nominate(edge, "LDTT")).results if r.rule_id == rule.pk)
    assert first.outcome == Outcome.FAIL and f"({YEAR - 2})" in first.message
    second = next(r for r in desk.evaluate(desk.nominate(outside, "LDTT")).results if r.rule_id == rule.pk)
    assert second.outcome == Outcome.PASS and f"{YEAR - 2}–{YEAR}" in second.message


# --- Chiến sĩ thi đua cơ sở --------------------------------------------------------------


def test_cstd_cs_passes_with_ldtt_and_htxsnv(desk):
    person = desk.person()
    desk.award(person, "LDTT", YEAR)
    desk.rate(person, {YEAR: "HTXSNV"})
    evaluation = desk.evaluate(desk.nominate(person, "CSTD_CS"))
    title = desk.result(evaluation, "title_in_year")
    assert title.outcome == Outcome.PASS and f"{YEAR} ✓" in title.message
    either = desk.result(evaluation, "any_of")
    assert either.outcome == Outcome.PASS
    assert "HTXSNV" in either.message
    assert either.label == "Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận"
    assert evaluation.outcome == Outcome.PASS


def test_cstd_cs_fails_without_ldtt_of_that_year(desk):
    person = desk.person()
    desk.award(person, "LDTT", YEAR - 1)
    desk.rate(person, {YEAR: "HTXSNV"})
    result, evaluation = desk.check(person, "CSTD_CS", "title_in_year")
    assert result.outcome == Outcome.FAIL
    assert f"{YEAR} ✗" in result.message
    assert evaluation.outcome == Outcome.FAIL


def test_cstd_cs_a_revoked_ldtt_does_not_count(desk):
    person = desk.person()
    desk.award(person, "LDTT", YEAR, revoked=True)
    desk.rate(person, {YEAR: "HTXSNV"})
    result, _evaluation = desk.check(person, "CSTD_CS", "title_in_year")
    assert result.outcome == Outcome.FAIL


def test_cstd_cs_fails_with_httnv_and_no_initiative_and_says_both(desk):
    person = desk.person()
    desk.award(person, "LDTT", YEAR)
    desk.rate(person, {YEAR: "HTTNV"})
    desk.initiative(person, "unit", YEAR - 1)  # last year's does not count (within 1 year)
    result, evaluation = desk.check(person, "CSTD_CS", "any_of")
    assert result.outcome == Outcome.FAIL
    assert result.message.count("[") == 2
    assert "HTTNV" in result.message and "HTXSNV" in result.message
    assert f"{YEAR}–{YEAR}" in result.message
    assert numbers(result.message) == {YEAR, 0, 1}  # needs 1, found 0, in YEAR–YEAR
    assert evaluation.outcome == Outcome.FAIL


@pytest.mark.parametrize("level", ["unit", "district", "city", "national"])
def test_cstd_cs_an_initiative_at_unit_level_or_above_replaces_htxsnv(desk, level):
    person = desk.person()
    desk.award(person, "LDTT", YEAR)
    desk.rate(person, {YEAR: "HTTNV"})
    desk.initiative(person, level, YEAR, title="Số hóa hồ sơ thi đua")
    result, evaluation = desk.check(person, "CSTD_CS", "any_of")
    assert result.outcome == Outcome.PASS
    assert f"“Số hóa hồ sơ thi đua” ({YEAR})" in result.message
    assert evaluation.outcome == Outcome.PASS


def test_cstd_cs_an_initiative_of_a_co_author_counts(desk):
    author, co_author = desk.person(), desk.person()
    desk.award(co_author, "LDTT", YEAR)
    desk.rate(co_author, {YEAR: "HTTNV"})
    desk.initiative([author, co_author], "unit", YEAR)
    result, _evaluation = desk.check(co_author, "CSTD_CS", "any_of")
    assert result.outcome == Outcome.PASS


# --- Chiến sĩ thi đua thành phố ----------------------------------------------------------


def test_cstd_tp_passes_with_three_consecutive_cstd_cs_and_a_city_initiative(desk):
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR - 2, YEAR - 1, YEAR)
    desk.initiative(person, "city", YEAR - 1, title="Một cửa liên thông")
    evaluation = desk.evaluate(desk.nominate(person, "CSTD_TP"))
    chain = desk.result(evaluation, "consecutive_titles")
    assert chain.outcome == Outcome.PASS
    assert f"{YEAR - 2} ✓, {YEAR - 1} ✓, {YEAR} ✓" in chain.message
    assert numbers(chain.message) == {3, YEAR - 2, YEAR - 1, YEAR}
    found = desk.result(evaluation, "initiative")
    assert found.outcome == Outcome.PASS
    assert numbers(found.message) == {1, YEAR - 2, YEAR - 1, YEAR}  # 1 found, in YEAR-2–YEAR
    assert f"{YEAR - 2}–{YEAR}" in found.message and f"“Một cửa liên thông” ({YEAR - 1})" in found.message
    assert evaluation.outcome == Outcome.PASS


def test_cstd_tp_a_gap_breaks_the_chain(desk):
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR - 4, YEAR - 3, YEAR - 2, YEAR)  # four titles, but not consecutive
    desk.initiative(person, "city", YEAR)
    result, evaluation = desk.check(person, "CSTD_TP", "consecutive_titles")
    assert result.outcome == Outcome.FAIL
    assert f"{YEAR - 2} ✓, {YEAR - 1} ✗, {YEAR} ✓" in result.message
    assert evaluation.outcome == Outcome.FAIL


def test_cstd_tp_the_chain_must_reach_the_nomination_year(desk):
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR - 3, YEAR - 2, YEAR - 1)
    desk.initiative(person, "city", YEAR)
    result, _evaluation = desk.check(person, "CSTD_TP", "consecutive_titles")
    assert result.outcome == Outcome.FAIL
    assert f"{YEAR - 2} ✓, {YEAR - 1} ✓, {YEAR} ✗" in result.message


def test_cstd_tp_with_up_to_offset_one_the_chain_ends_the_year_before(desk):
    rule = desk.add_rule("CSTD_TP", "consecutive_titles", {"title": "CSTD_CS", "years": 3, "up_to_offset": 1})
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR - 3, YEAR - 2, YEAR - 1)
    evaluation = desk.evaluate(desk.nominate(person, "CSTD_TP"))
    shifted = next(r for r in evaluation.results if r.rule_id == rule.pk)
    assert shifted.outcome == Outcome.PASS
    assert shifted.message.endswith(f"{YEAR - 3} ✓, {YEAR - 2} ✓, {YEAR - 1} ✓.")
    seeded = next(r for r in evaluation.results if r.rule_id == desk.rule("CSTD_TP", "consecutive_titles").pk)
    assert seeded.outcome == Outcome.FAIL and f"{YEAR} ✗" in seeded.message


def test_cstd_tp_a_cstd_cs_proposed_this_round_is_shown_pending(desk):
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR - 2, YEAR - 1)
    desk.initiative(person, "city", YEAR)
    desk.nominate(person, "CSTD_CS")
    result, _evaluation = desk.check(person, "CSTD_TP", "consecutive_titles")
    assert result.outcome == Outcome.PASS
    assert f"{YEAR - 2} ✓, {YEAR - 1} ✓, {YEAR} …" in result.message


def test_cstd_tp_a_unit_level_initiative_does_not_satisfy_city(desk):
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR - 2, YEAR - 1, YEAR)
    desk.initiative(person, "unit", YEAR)
    desk.initiative(person, "district", YEAR)
    result, evaluation = desk.check(person, "CSTD_TP", "initiative")
    assert result.outcome == Outcome.FAIL
    assert f"{YEAR - 2}–{YEAR}" in result.message
    assert numbers(result.message) == {1, 0, YEAR - 2, YEAR}
    assert evaluation.outcome == Outcome.FAIL


@pytest.mark.parametrize(
    ("year", "month", "day", "outcome"),
    [
        (YEAR - 2, 1, 1, Outcome.PASS),  # first day of the three-year window
        (YEAR - 3, 12, 31, Outcome.FAIL),  # last day before it
        (YEAR, 12, 31, Outcome.PASS),  # last day of the nomination year
        (YEAR + 1, 1, 1, Outcome.FAIL),  # after the nomination year
    ],
)
def test_cstd_tp_initiative_window_edges(desk, year, month, day, outcome):
    person = desk.person()
    desk.award(person, "CSTD_CS", YEAR - 2, YEAR - 1, YEAR)
    item = desk.initiative(person, "city", year)
    Initiative.objects.filter(pk=item.pk).update(recognised_on=datetime.date(year, month, day))
    result, _evaluation = desk.check(person, "CSTD_TP", "initiative")
    assert result.outcome == outcome
    assert f"{YEAR - 2}–{YEAR}" in result.message


def test_initiative_count_needs_that_many(desk):
    rule = desk.add_rule("CSTD_TP", "initiative", {"level": "city", "within_years": 3, "count": 2})
    person = desk.person()
    desk.initiative(person, "city", YEAR)
    evaluation = desk.evaluate(desk.nominate(person, "CSTD_TP"))
    result = next(r for r in evaluation.results if r.rule_id == rule.pk)
    assert result.outcome == Outcome.FAIL
    assert numbers(result.message) == {2, 1, YEAR - 2, YEAR}  # needs 2, found 1
    desk.initiative(person, "national", YEAR - 2)
    evaluation = desk.evaluate(person.nominations.get())
    result = next(r for r in evaluation.results if r.rule_id == rule.pk)
    assert result.outcome == Outcome.PASS
    assert f"({YEAR - 2})" in result.message and f"({YEAR})" in result.message


# --- Chiến sĩ thi đua toàn quốc ----------------------------------------------------------


def test_cstd_tq_passes_with_two_consecutive_cstd_tp_and_a_national_initiative(desk):
    """CSTĐ thành phố is given every three years: "two consecutive times" is YEAR - 3 and YEAR."""
    person = desk.person()
    desk.award(person, "CSTD_TP", YEAR - 3, YEAR)
    desk.initiative(person, "national", YEAR - 5)  # the window is six years: first year included
    evaluation = desk.evaluate(desk.nominate(person, "CSTD_TQ"))
    chain = desk.result(evaluation, "consecutive_titles")
    assert chain.outcome == Outcome.PASS and f"{YEAR - 3} ✓, {YEAR} ✓" in chain.message
    found = desk.result(evaluation, "initiative")
    assert found.outcome == Outcome.PASS and f"{YEAR - 5}–{YEAR}" in found.message
    assert evaluation.outcome == Outcome.PASS


def test_cstd_tq_fails_with_a_gap_and_an_old_or_city_initiative(desk):
    person = desk.person()
    desk.award(person, "CSTD_TP", YEAR - 2, YEAR)  # not three years apart: not two consecutive times
    desk.initiative(person, "national", YEAR - 6)  # just outside the window
    desk.initiative(person, "city", YEAR)  # inside, but not national
    evaluation = desk.evaluate(desk.nominate(person, "CSTD_TQ"))
    chain = desk.result(evaluation, "consecutive_titles")
    assert chain.outcome == Outcome.FAIL and f"{YEAR - 3} ✗, {YEAR} ✓" in chain.message
    found = desk.result(evaluation, "initiative")
    assert found.outcome == Outcome.FAIL and numbers(found.message) == {1, 0, YEAR - 5, YEAR}
    assert evaluation.outcome == Outcome.FAIL
