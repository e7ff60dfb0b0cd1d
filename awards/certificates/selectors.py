"""Scoped reads of certificates and print batches.

The secretariat prints the certificates of the decisions issued within its scope, so an
award is in scope through its decision's issuer (not through the recipient's unit), and a
print batch through the unit that started it.
"""

from django.db.models import Q, Sum

from awards.enums import DecisionStatus
from awards.models import Award, ChunkStatus, PrintBatch

from .batches import printable


def _scope_prefix(user):
    return user.scope_path() if user.is_authenticated else None


def printable_awards_for_user(user, *, include_revoked=False):
    """Signed, numbered awards whose decision was issued within the user's scope, with what
    the certificate pages show (recipient and unit, award, decision and issuer, certificate).

    `include_revoked` keeps the revoked awards too: their certificate page still shows the
    code and the history, but nothing can be printed for them.
    """
    prefix = _scope_prefix(user)
    if prefix is None:
        return Award.objects.none()
    if include_revoked:
        awards = Award.objects.filter(
            decision_line__decision__status=DecisionStatus.SIGNED, registry_number__isnull=False
        )
    else:
        awards = printable(Award.objects.all())
    if prefix != "/":
        awards = awards.filter(decision_line__decision__issuer__path__startswith=prefix)
    return awards.select_related(
        "award_type", "person__unit", "unit__parent", "decision_line__decision__issuer", "certificate"
    )


def batches_for_user(user):
    """Print batches started by units within the user's scope, newest first."""
    prefix = _scope_prefix(user)
    if prefix is None:
        return PrintBatch.objects.none()
    batches = PrintBatch.objects.select_related("unit", "decision", "printer", "created_by")
    if prefix != "/":
        batches = batches.filter(unit__path__startswith=prefix)
    return batches.order_by("-created_at", "-pk")


def with_done(batches):
    """Annotate `done`: the certificates of the batch's finished chunks (one query for a list)."""
    return batches.annotate(done=Sum("chunks__size", filter=Q(chunks__status=ChunkStatus.DONE), default=0))
