"""Create and update of plain records (units, people) with optimistic locking and audit.

The models handled here define `prepare()`, which normalises input before validation.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from thiduakt.errors import EditConflict

from . import audit


def create_record(model, *, actor, data, action, audit_unit, fields):
    with transaction.atomic():
        obj = model(**data).prepare()  # normalise first, so uniqueness is checked on stored values
        obj.full_clean()
        obj.save()
        audit.record(
            actor=actor, action=action, obj=obj, unit=audit_unit(obj),
            data={"after": audit.snapshot(obj, fields)},
        )  # fmt: skip
    return obj


def update_record(obj, *, actor, data, expected_version, action, audit_unit, fields, check=None):
    """Apply `data` to a locked copy of `obj`, refusing if someone saved in between.

    `check(locked)` may refuse on the state the row has now, not on a stale copy.
    """
    fields = tuple(dict.fromkeys((*fields, *data)))  # whatever the caller changes is saved and audited
    with transaction.atomic():
        current = type(obj).objects.select_for_update().get(pk=obj.pk)
        if expected_version is not None and current.version != expected_version:
            raise EditConflict(
                _(
                    "Someone else saved this record while you were editing it. "
                    "Your changes were not saved: reload the page and apply them again."
                )
            )
        if check:
            check(current)
        before = audit.snapshot(current, fields)
        for name, value in data.items():
            setattr(current, name, value)
        current.prepare()
        current.full_clean()
        after = audit.snapshot(current, fields)
        diff = audit.changes(before, after)
        if not diff:
            return current
        current.version += 1
        current.save()
        audit.record(
            actor=actor, action=action, obj=current, unit=audit_unit(current),
            data={"changes": diff},
        )  # fmt: skip
    return current
