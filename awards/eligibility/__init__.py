"""The eligibility engine: named, parameterised checks read from each nominee's history.

`evaluate(nominations)` loads the history of a whole batch in a fixed number of queries
(`history.History`) and runs every rule of every nomination against it in memory. Storing
the result on the nominations is `awards.nominations.services.evaluate_and_store`; the
quotas of a submission are `awards.nominations.quota`.
"""

from awards.eligibility.engine import Evaluation, RuleResult, evaluate

__all__ = ["Evaluation", "RuleResult", "evaluate"]
