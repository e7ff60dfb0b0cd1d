"""The eligibility engine: named, parameterised checks read from each nominee's history.

`evaluate(nominations)` loads the history of a whole batch in a fixed number of queries
(`history.History`) and runs every rule of every nomination against it in memory.
"""

from awards.eligibility.engine import Evaluation, RuleResult, evaluate, evaluate_and_store

__all__ = ["Evaluation", "RuleResult", "evaluate", "evaluate_and_store"]
