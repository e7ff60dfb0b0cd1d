from dataclasses import asdict, dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalogue.models import AwardType
from awards.eligibility.checks import CHECKS, Context, applies, run
from awards.eligibility.history import History, nominee_key
from awards.eligibility.models import ManualCheck
from awards.enums import Outcome


@dataclass
class RuleResult:
    rule_id: int
    label: str
    outcome: str
    message: str
    manual_by: str = ""


@dataclass
class Evaluation:
    outcome: str
    results: list = field(default_factory=list)

    def as_json(self):
        return {"outcome": self.outcome, "results": [asdict(r) for r in self.results], "at": timezone.now().isoformat()}


def _overall(results):
    outcomes = {r.outcome for r in results}
    if Outcome.FAIL in outcomes:
        return Outcome.FAIL
    if Outcome.MANUAL in outcomes:
        return Outcome.MANUAL
    return Outcome.PASS


def _manual_result(rule, tick):
    if tick is None:
        return None
    who = tick.checked_by.get_full_name() if tick.checked_by else ""
    verdict = _("satisfied") if tick.passed else _("not satisfied")
    message = _("Checked by %(who)s on %(date)s: %(verdict)s.") % {
        "who": who, "date": timezone.localtime(tick.checked_at).strftime("%d/%m/%Y"), "verdict": verdict,
    }  # fmt: skip
    if tick.note:
        message += f" {tick.note}"
    return Outcome.PASS if tick.passed else Outcome.FAIL, message, who


def evaluate(nominations):
    """{nomination id: Evaluation} for a batch, with the history loaded once for all of it.

    `nominations` are the nominations feature's models (a list or a queryset): this feature
    comes before that one, so it reads them through the values it is handed.
    """
    nominations = list(nominations)
    if not nominations:
        return {}
    ids = [n.pk for n in nominations]
    # Re-read with what the rules touch (award code, submission ground), one query for all.
    model = type(nominations[0])
    nominations = list(model.objects.filter(pk__in=ids).select_related("award_type", "submission"))
    history = History(nominations)
    names = dict(AwardType.objects.values_list("code", "name"))
    type_ids = {n.award_type_id for n in nominations}
    rules_by_type = {}
    for award_type in AwardType.objects.filter(pk__in=type_ids).prefetch_related("rules"):
        rules_by_type[award_type.pk] = list(award_type.rules.all())
    ticks = {
        (t.nomination_id, t.rule_id): t
        for t in ManualCheck.objects.filter(nomination__in=ids).select_related("checked_by")
    }
    return {n.pk: _evaluate_one(n, history, names, rules_by_type.get(n.award_type_id, []), ticks) for n in nominations}


def _evaluate_one(nomination, history, names, rules, ticks):
    ctx = Context(nomination=nomination, history=history, names=names, key=nominee_key(nomination))
    results = []
    for rule in rules:
        if rule.kind not in CHECKS or not applies(rule.kind, rule.params, nomination):
            continue
        outcome, message = run(ctx, rule.kind, rule.params)
        manual_by = ""
        if outcome == Outcome.MANUAL:
            ticked = _manual_result(rule, ticks.get((nomination.pk, rule.pk)))
            if ticked:
                outcome, message, manual_by = ticked
        label = rule.label or str(CHECKS[rule.kind][1])
        results.append(RuleResult(rule.pk, label, outcome, message, manual_by))
    return Evaluation(_overall(results), results)
