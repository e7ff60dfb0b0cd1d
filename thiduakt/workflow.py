"""The one way a workflow changes state: lock, check, save, audit, then follow-up work."""

from django.db import transaction
from django.utils.translation import gettext as _

from thiduakt.errors import DomainError
from thiduakt.services import audit


def change_state(
    obj, new_state, *, actor, transitions, action, check=None, apply=None, reason="", on_commit=None, details=None
):
    """Move `obj` to `new_state` if the table allows it from the state it has *now*.

    The row is re-read under a lock, so a double click or two people acting at once
    cannot both pass: the second sees the new state and is refused with a message.
    `check(locked)` may raise DomainError; `apply(locked)` sets the fields that go with
    the change; `on_commit(locked)` runs once the transaction has committed; `details(locked)`
    returns what else the audit entry records about the change.
    """
    model = type(obj)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=obj.pk)
        old_state = locked.status
        labels = dict(model._meta.get_field("status").choices)
        if new_state == old_state:
            raise DomainError(_("This is already “%(state)s”.") % {"state": labels[new_state]})
        if new_state not in transitions.get(old_state, ()):
            raise DomainError(
                _("Cannot go from “%(old)s” to “%(new)s”.") % {"old": labels[old_state], "new": labels[new_state]}
            )
        if check:
            check(locked)
        locked.status = new_state
        if apply:
            apply(locked)
        if hasattr(locked, "version"):
            locked.version += 1
        locked.save()
        data = {"from": old_state, "to": new_state}
        if reason:
            data["reason"] = reason
        if details:
            data.update(details(locked))
        audit.record(actor=actor, action=action, obj=locked, unit=locked.unit, data=data)
        if on_commit:
            transaction.on_commit(lambda: on_commit(locked))
    return locked
