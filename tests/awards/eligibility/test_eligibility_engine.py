"""The engine: overall outcome, what is stored, batch = single, and a bounded number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.eligibility import RuleResult, evaluate
from awards.eligibility.engine import _overall
from awards.eligibility.models import ManualCheck
from awards.enums import Method, Outcome
from awards.nominations.models import Nomination
from awards.nominations.services import evaluate_and_store
from campaigns.enums import CampaignKind, CampaignStatus, ClusterKind
from campaigns.models import Campaign, Cluster, ScoreSheet
from tests.awards.conftest import YEAR

pytestmark = pytest.mark.django_db

P, F, M = Outcome.PASS, Outcome.FAIL, Outcome.MANUAL


@pytest.mark.parametrize(
    ("outcomes", "overall"),
    [
        ([P, P, P], P),
        ([P, M, P], M),
        ([M, M], M),
        ([P, F, P], F),
        ([M, F], F),
        ([F, M, P], F),
    ],
)
def test_overall_outcome(outcomes, overall):
    assert _overall([RuleResult(i, "", o, "") for i, o in enumerate(outcomes)]) == overall


def test_overall_outcome_from_real_rules(desk):
    sudden = desk.person()
    evaluation = desk.evaluate(desk.nominate(sudden, "BK_TP", method=Method.SUDDEN))
    assert [r.outcome for r in evaluation.results] == [M, P] and evaluation.outcome == M

    first = sudden.nominations.get()
    desk.award(sudden, "BK_TP", YEAR)  # a regular award on record is another achievement than a sudden one
    assert desk.evaluate(first).outcome == M
    again = desk.submission(method=Method.SUDDEN, fresh=True)  # another list: one list proposes it once
    desk.nominate(sudden, "BK_TP", method=Method.SUDDEN, submission=again)  # the same sudden ground twice: fail
    evaluation = desk.evaluate(first)
    assert [r.outcome for r in evaluation.results] == [M, F] and evaluation.outcome == F


def test_evaluate_nothing():
    assert evaluate([]) == {}


def test_evaluate_and_store_keeps_the_result_on_the_nomination(desk):
    person = desk.person()
    desk.rate(person, {YEAR: "HTNV"})
    nomination = desk.nominate(person, "LDTT")
    evaluations = evaluate_and_store([nomination])
    stored = Nomination.objects.get(pk=nomination.pk)
    assert stored.outcome == F == evaluations[nomination.pk].outcome
    assert [r["outcome"] for r in stored.eligibility["results"]] == [F, P, P]
    assert f"{YEAR}" in stored.eligibility["results"][0]["message"]
    assert stored.eligibility["at"][:4].isdigit()


def test_adding_a_nomination_through_the_service_evaluates_it(desk, org):
    from awards.catalogue.models import AwardType
    from awards.nominations.services import add_nomination

    person = desk.person()
    desk.rate(person, {YEAR: "HTTNV"})
    nomination = add_nomination(
        desk.submission(), actor=org.secretariat,
        data={"person": person, "award_type": AwardType.objects.get(code="LDTT"), "achievement": "Tốt"},
    )  # fmt: skip
    nomination.refresh_from_db()
    assert nomination.outcome == P and len(nomination.eligibility["results"]) == 3


def test_rules_of_an_unknown_kind_are_skipped(desk):
    desk.add_rule("LDTT", "no_such_check", {})
    person = desk.person()
    desk.rate(person, {YEAR: "HTTNV"})
    evaluation = desk.evaluate(desk.nominate(person, "LDTT"))
    assert len(evaluation.results) == 3 and evaluation.outcome == P


# --- a batch: same answers as one by one, in a bounded number of queries -----------------


@pytest.fixture
def grow(desk, org):
    """`grow(n)`: n nominations of every kind, with histories; returns the nominations."""
    cluster = Cluster.objects.create(name="Cụm 7", kind=ClusterKind.TERRITORIAL, owner=org.city)
    campaign = Campaign.objects.create(
        title="Thi đua cụm 7", kind=CampaignKind.REGULAR, launcher=org.city, status=CampaignStatus.CLOSED,
        start_date=datetime.date(YEAR, 1, 1), end_date=datetime.date(YEAR, 12, 31),
    )  # fmt: skip
    sudden = desk.submission(method=Method.SUDDEN)

    def make(count):
        made = []
        for index in range(count):
            kind = index % 5
            if kind == 0:  # LĐTT + CSTĐ CS with an initiative
                person = desk.person()
                desk.rate(person, {YEAR - 1: "HTXSNV", YEAR: "HTTNV"})
                desk.initiative(person, "unit", YEAR)
                desk.discipline(person, YEAR - 1, "khien_trach")
                made += [desk.nominate(person, "LDTT"), desk.nominate(person, "CSTD_CS")]
            elif kind == 1:  # BK_TTg after a BK_TP
                person = desk.person()
                desk.award(person, "BK_TP", YEAR - 5)
                desk.award(person, "CSTD_CS", YEAR - 2, YEAR - 1, YEAR)
                desk.rate(person, {y: "HTTNV" for y in range(YEAR - 4, YEAR + 1)})
                made.append(desk.nominate(person, "BK_TTG"))
            elif kind == 2:  # TTLĐXS with members
                unit, people = desk.collective(3)
                desk.rate(unit, {YEAR: "HTXSNV"})
                for person in people:
                    desk.rate(person, {YEAR: "HTTNV"})
                    desk.award(person, "LDTT", YEAR)
                desk.award(people[0], "CSTD_CS", YEAR)
                desk.discipline(people[1], YEAR, "khien_trach")
                made.append(desk.nominate(unit, "TTLDXS"))
            elif kind == 3:  # Cờ: proposed by the cluster, or ticked
                unit, _people = desk.collective(1)
                nomination = desk.nominate(unit, "CO_TP")
                if index % 2:
                    ScoreSheet.objects.create(campaign=campaign, cluster=cluster, unit=unit, proposed_for_flag=True)
                else:
                    ManualCheck.objects.create(
                        nomination=nomination, rule=desk.rule("CO_TP", "any_of"), passed=True,
                        checked_by=org.secretariat,
                    )  # fmt: skip
                made.append(nomination)
            else:  # a sudden BK_TP, ticked
                person = desk.person()
                nomination = desk.nominate(person, "BK_TP", submission=sudden)
                ManualCheck.objects.create(
                    nomination=nomination, rule=desk.rule("BK_TP", "manual"), passed=True, checked_by=org.secretariat
                )
                made.append(nomination)
        return made

    return make


def test_a_batch_gives_the_same_answers_as_one_by_one(grow, desk):
    batch = grow(10)
    together = evaluate(batch)
    assert {e.outcome for e in together.values()} == {P}  # every history above was built to pass
    for nomination in batch:
        alone = desk.evaluate(nomination)
        assert together[nomination.pk].outcome == alone.outcome
        assert [(r.rule_id, r.outcome, r.message) for r in together[nomination.pk].results] == [
            (r.rule_id, r.outcome, r.message) for r in alone.results
        ]


def queries(function, *args):
    with CaptureQueriesContext(connection) as captured:
        function(*args)
    return len(captured.captured_queries)


def test_evaluate_costs_the_same_for_5_and_40_nominations(grow):
    small = grow(4)[:5]
    large = grow(34)[:40]
    assert len(small) == 5 and len(large) == 40
    assert {n.unit_id is None for n in small} == {n.unit_id is None for n in large} == {True, False}
    cost_small, cost_large = queries(evaluate, small), queries(evaluate, large)
    assert cost_small == cost_large
    assert cost_large <= 12, cost_large  # the nominations, 7 history tables, names, rules (2), ticks


def test_evaluate_and_store_costs_the_same_for_5_and_40_nominations(grow):
    small, large = grow(4)[:5], grow(34)[:40]
    assert queries(evaluate_and_store, small) == queries(evaluate_and_store, large)
