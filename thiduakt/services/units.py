from django.db import transaction
from django.utils.translation import gettext as _

from thiduakt.errors import DomainError
from thiduakt.models import Unit

from .records import create_record, update_record

AUDITED_FIELDS = (
    "code", "statistical_code", "name", "kind", "level", "parent", "email", "valid_from", "valid_to",
)  # fmt: skip


def _own_unit(unit):
    return unit


def _check_parent(unit, parent, actor):
    if parent is None:
        if not actor.has_global_scope:
            raise DomainError(_("Choose a parent unit within your scope."), field="parent")
        return
    if unit.pk and parent.path.startswith(unit.path):
        raise DomainError(_("A unit cannot be placed under itself or its own sub-units."), field="parent")


def create_unit(*, actor, data):
    _check_parent(Unit(), data.get("parent"), actor)
    return create_record(
        Unit, actor=actor, data=data, action="unit.create", audit_unit=_own_unit, fields=AUDITED_FIELDS
    )


def update_unit(unit, *, actor, data, expected_version=None):
    _check_parent(unit, data.get("parent", unit.parent), actor)
    with transaction.atomic():
        old_path = unit.path
        updated = update_record(
            unit, actor=actor, data=data, expected_version=expected_version,
            action="unit.update", audit_unit=_own_unit, fields=AUDITED_FIELDS,
        )  # fmt: skip
        if updated.path != old_path:
            _move_subtree(old_path, updated.path)
    return updated


def _move_subtree(old_path, new_path):
    """Rewrite the paths of every descendant after their ancestor moved."""
    shift = new_path.count("/") - old_path.count("/")
    for child in Unit.objects.filter(path__startswith=old_path).exclude(path=old_path):
        child.path = new_path + child.path[len(old_path) :]
        child.depth += shift
        Unit.objects.filter(pk=child.pk).update(path=child.path, depth=child.depth)
