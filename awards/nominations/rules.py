"""Who may enter, send and verify nomination files."""

import rules

from thiduakt.enums import Role
from thiduakt.rules import has_role, in_scope, is_admin, is_city_admin, is_secretariat, is_unit_staff

can_propose = is_unit_staff | is_secretariat


@rules.predicate
def receives(user, obj):
    """A re-addressed submission is received by the body it was addressed to; any other object
    (a submission that was not, a unit) by the scope above its unit, as `in_scope` says."""
    addressed_to = getattr(obj, "addressed_to", None)
    if addressed_to is None:
        return in_scope(user, obj)
    return in_scope(user, addressed_to)


rules.add_perm("awards.add_submission", can_propose)
rules.add_perm("awards.change_submission", can_propose & in_scope)
rules.add_perm("awards.verify", is_secretariat & receives)
rules.add_perm("awards.readdress_submission", is_secretariat & receives)
rules.add_perm("awards.import_history", is_secretariat)
rules.add_perm("awards.draft_decision", is_secretariat & in_scope)
rules.add_perm("awards.sign_decision", has_role(Role.COUNCIL_CHAIR) & in_scope)
rules.add_perm("awards.view_history", rules.is_authenticated & in_scope)

# The Django admin. Its pages show only the administrator's subtree (awards/admin.py); the
# catalogue is the whole city's, so only the city's administrators change it.
for model in ("yearlyrating", "discipline", "initiative", "award", "council", "councilmember"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"awards.{action}_{model}", is_admin)
for model in ("awardtype", "eligibilityrule", "holiday"):
    rules.add_perm(f"awards.view_{model}", is_admin)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"awards.{action}_{model}", is_city_admin)
rules.add_perm("awards", is_admin)
