"""Điều 5: one achievement is not awarded twice; and titles proposed "in this round"."""

import pytest

from awards.enums import NominationStatus, Outcome
from awards.nominations.models import Nomination
from tests.awards.conftest import YEAR
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


# --- no_duplicate ------------------------------------------------------------------------


def test_already_awarded_the_same_award_for_the_same_year_fails(desk):
    person = desk.person()
    desk.rate(person, {YEAR: "HTTNV"})
    desk.award(person, "LDTT", YEAR)
    result, evaluation = desk.check(person, "LDTT", "no_duplicate")
    assert result.outcome == Outcome.FAIL
    assert str(YEAR) in result.message and "Lao động tiên tiến" in result.message
    assert evaluation.outcome == Outcome.FAIL


@pytest.mark.parametrize(
    ("code", "year", "revoked"),
    [("LDTT", YEAR - 1, False), ("CSTD_CS", YEAR, False), ("LDTT", YEAR, True)],
    ids=["other-year", "other-award", "revoked"],
)
def test_another_year_another_award_or_a_revoked_one_is_no_duplicate(desk, code, year, revoked):
    person = desk.person()
    desk.award(person, code, year, revoked=revoked)
    result, _evaluation = desk.check(person, "LDTT", "no_duplicate")
    assert result.outcome == Outcome.PASS
    assert str(YEAR) in result.message


def test_already_proposed_in_another_live_nomination_fails_both(desk, org):
    person = desk.person()
    first = desk.nominate(person, "LDTT")
    second = desk.nominate(person, "LDTT", submission=desk.submission(unit=org.ward, fresh=True))
    for nomination in (first, second):
        result = desk.result(desk.evaluate(nomination), "no_duplicate")
        assert result.outcome == Outcome.FAIL
        assert str(YEAR) in result.message and "Lao động tiên tiến" in result.message


@pytest.mark.parametrize("status", [NominationStatus.SUBMITTED, NominationStatus.RETURNED, NominationStatus.VERIFIED])
def test_a_nomination_in_any_live_state_is_a_duplicate(desk, status):
    person = desk.person()
    earlier = desk.nominate(person, "LDTT")
    Nomination.objects.filter(pk=earlier.pk).update(status=status)
    result, _evaluation = desk.check(person, "LDTT", "no_duplicate", submission=desk.submission(fresh=True))
    assert result.outcome == Outcome.FAIL


def test_a_rejected_earlier_nomination_does_not_count(desk):
    person = desk.person()
    desk.reject(desk.nominate(person, "LDTT"))
    result, _evaluation = desk.check(person, "LDTT", "no_duplicate", submission=desk.submission(fresh=True))
    assert result.outcome == Outcome.PASS


def test_a_nomination_for_another_year_is_no_duplicate(desk):
    person = desk.person()
    desk.nominate(person, "LDTT", year=YEAR - 1)
    result, _evaluation = desk.check(person, "LDTT", "no_duplicate")
    assert result.outcome == Outcome.PASS


def test_a_nomination_is_not_its_own_duplicate(desk):
    person = desk.person()
    nomination = desk.nominate(person, "LDTT")
    assert desk.result(desk.evaluate(nomination), "no_duplicate").outcome == Outcome.PASS


def test_collective_duplicates(desk):
    unit, _people = desk.collective(1)
    desk.award(unit, "TTLDTT", YEAR)
    result, _evaluation = desk.check(unit, "TTLDTT", "no_duplicate")
    assert result.outcome == Outcome.FAIL and str(YEAR) in result.message


def test_a_person_and_a_collective_with_the_same_id_are_not_confused(desk, org):
    """Evaluated in one batch, "p90001" and "u90001" keep their own histories."""
    from awards.eligibility import evaluate

    unit = UnitFactory(id=90001, parent=org.district)
    person = PersonFactory(id=90001, unit=org.ward)
    desk.award(unit, "BK_TP", YEAR)
    desk.rate(unit, {YEAR - 1: "HTXSNV", YEAR: "HTXSNV"})
    for_person, for_unit = desk.nominate(person, "BK_TP"), desk.nominate(unit, "BK_TP")
    evaluations = evaluate([for_person, for_unit])
    person_results, unit_results = evaluations[for_person.pk], evaluations[for_unit.pk]
    assert desk.result(person_results, "no_duplicate").outcome == Outcome.PASS
    assert desk.result(person_results, "any_of").outcome == Outcome.FAIL  # the unit's ratings are not the person's
    assert desk.result(unit_results, "no_duplicate").outcome == Outcome.FAIL
    assert desk.result(unit_results, "any_of").outcome == Outcome.PASS


# --- titles proposed in this round -------------------------------------------------------


def test_cstd_cs_passes_while_the_ldtt_of_that_year_is_in_the_same_submission(desk):
    person = desk.person()
    desk.rate(person, {YEAR: "HTXSNV"})
    ldtt = desk.nominate(person, "LDTT")
    cstd = desk.nominate(person, "CSTD_CS")
    evaluation = desk.evaluate(cstd)
    title = desk.result(evaluation, "title_in_year")
    assert title.outcome == Outcome.PASS
    assert str(YEAR) in title.message and "✓" not in title.message and "✗" not in title.message
    assert evaluation.outcome == Outcome.PASS

    desk.reject(ldtt)
    evaluation = desk.evaluate(cstd)
    title = desk.result(evaluation, "title_in_year")
    assert title.outcome == Outcome.FAIL
    assert f"{YEAR} ✗" in title.message
    assert evaluation.outcome == Outcome.FAIL


def test_a_title_nominated_for_another_year_is_not_pending_for_this_one(desk):
    person = desk.person()
    desk.rate(person, {YEAR: "HTXSNV"})
    desk.nominate(person, "LDTT", year=YEAR - 1)
    result, _evaluation = desk.check(person, "CSTD_CS", "title_in_year")
    assert result.outcome == Outcome.FAIL and f"{YEAR} ✗" in result.message


def test_batch_pending_titles_see_each_other(desk):
    """Evaluated together, as on submit: the LĐTT and CSTĐ of one person, and their TTLĐTT."""
    from awards.eligibility import evaluate

    unit, people = desk.collective(1)
    desk.rate(people[0], {YEAR: "HTXSNV"})
    desk.rate(unit, {YEAR: "HTTNV"})
    batch = [desk.nominate(people[0], "LDTT"), desk.nominate(people[0], "CSTD_CS"), desk.nominate(unit, "TTLDTT")]
    evaluations = evaluate(batch)
    assert [evaluations[n.pk].outcome for n in batch] == [Outcome.PASS] * 3
    share = desk.result(evaluations[batch[2].pk], "members_share")
    assert "1/1" in share.message and "100,0" in share.message
