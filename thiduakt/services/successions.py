"""Administrative reorganisations: which units took over a closed unit's work, and the rule
that a closed unit takes on no new work (decisions, campaigns, submissions).

Nothing here rewrites history: a closed unit keeps its people's past records, its
decisions and its awards; its successions only say where its work went.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from thiduakt.errors import DomainError
from thiduakt.models import Succession, SuccessionRelation, Unit
from thiduakt.services.audit import record


def successor_names(unit):
    return ", ".join(s.name for s in unit.successor_units())


def ensure_open(unit, day=None, *, field=None):
    """Refuse new work for a unit that ended before `day`, naming where its work went."""
    if unit is None or not unit.is_closed_on(day):
        return
    values = {"unit": unit.name, "date": f"{unit.valid_to:%d/%m/%Y}"}
    names = successor_names(unit)
    if names:
        message = _("%(unit)s ended on %(date)s; its work passed to %(successors)s.") % {**values, "successors": names}
    else:
        message = _("%(unit)s ended on %(date)s and takes on no new work.") % values
    raise DomainError(message, field=field)


def _check(predecessor, successor, relation):
    if predecessor.pk == successor.pk:
        raise DomainError(_("A unit cannot succeed itself."), field="successor")
    if relation not in SuccessionRelation.values:
        raise DomainError(_("Choose what passed to the successor."), field="relation")
    if predecessor.valid_to is None:
        raise DomainError(
            _("Set the date %(unit)s ended before recording its successors.") % {"unit": predecessor.name},
            field="successor",
        )
    if successor.valid_to is not None and successor.valid_to <= predecessor.valid_to:
        raise DomainError(
            _("%(unit)s had itself ended by then and cannot take over.") % {"unit": successor.name}, field="successor"
        )


def record_succession(*, actor, predecessor, successor, relation=SuccessionRelation.WHOLE, note=""):
    """Record (or correct) that `successor` took over `predecessor`, wholly or in part."""
    _check(predecessor, successor, relation)
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=predecessor.pk).first()
        succession, created = Succession.objects.update_or_create(
            predecessor=predecessor, successor=successor, defaults={"relation": relation, "note": note.strip()}
        )
        record(
            actor=actor, action="unit.succession" if created else "unit.succession_change", obj=predecessor,
            unit=predecessor, data={"successor": {"id": successor.pk, "label": successor.name}, "relation": relation,
                                    "note": succession.note},
        )  # fmt: skip
    return succession


def remove_succession(succession, *, actor):
    with transaction.atomic():
        predecessor, successor = succession.predecessor, succession.successor
        succession.delete()
        record(
            actor=actor, action="unit.succession_remove", obj=predecessor, unit=predecessor,
            data={"successor": {"id": successor.pk, "label": successor.name}},
        )  # fmt: skip
