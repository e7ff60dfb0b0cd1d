"""Permissions as django-rules predicates: a role, and the home unit's subtree."""

import rules

from thiduakt.enums import Role


def has_role(*roles):
    @rules.predicate(name=f"has_role_{'_'.join(roles)}")
    def predicate(user):
        return user.is_authenticated and (user.role in roles or user.is_superuser)

    return predicate


is_unit_staff = has_role(Role.UNIT_STAFF)
is_secretariat = has_role(Role.SECRETARIAT, Role.ADMIN)
is_admin = has_role(Role.ADMIN)
is_council = has_role(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR)


@rules.predicate
def has_whole_tree(user):
    """The city's own staff: their home unit is the root of the tree (or they are the global superuser)."""
    if not user.is_authenticated:
        return False
    return user.has_global_scope or (user.unit_id is not None and user.unit.parent_id is None)


is_city_admin = is_admin & has_whole_tree


def _unit_of(obj):
    from thiduakt.models import Unit

    return obj if isinstance(obj, Unit) else getattr(obj, "unit", None)


@rules.predicate
def in_scope(user, obj):
    """Without an object (list pages, the admin index) the role alone decides."""
    if obj is None:
        return True
    prefix = user.scope_path() if user.is_authenticated else None
    unit = _unit_of(obj)
    return prefix is not None and unit is not None and unit.path.startswith(prefix)


can_manage_people = (is_unit_staff | is_secretariat) & in_scope

rules.add_perm("thiduakt.view_person", rules.is_authenticated & in_scope)
rules.add_perm("thiduakt.add_person", can_manage_people)
rules.add_perm("thiduakt.change_person", can_manage_people)
rules.add_perm("thiduakt.import_people", is_unit_staff | is_secretariat)

rules.add_perm("thiduakt.view_unit", rules.is_authenticated & in_scope)
rules.add_perm("thiduakt.add_unit", is_secretariat & in_scope)
rules.add_perm("thiduakt.change_unit", is_secretariat & in_scope)

# The Django admin belongs to the administrator role.
rules.add_perm("thiduakt", is_admin)
rules.add_perm("thiduakt.view_user", is_admin & in_scope)
rules.add_perm("thiduakt.add_user", is_admin)
rules.add_perm("thiduakt.change_user", is_admin & in_scope)
# The unit levels are the city's catalogue: every administrator reads it, the city's changes it.
# A reorganisation is decided for the whole city: its successions are recorded by the city's
# secretariat and administrators (a successor ward lies outside the closed district's subtree).
can_record_successions = is_secretariat & has_whole_tree
rules.add_perm("thiduakt.record_succession", can_record_successions)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"thiduakt.{action}_succession", is_admin & has_whole_tree)
rules.add_perm("thiduakt.view_unitlevel", is_admin)
for action in ("add", "change", "delete"):
    rules.add_perm(f"thiduakt.{action}_unitlevel", is_city_admin)
rules.add_perm("thiduakt.view_auditlog", is_admin)
