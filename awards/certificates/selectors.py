"""Scoped reads of certificates and print batches.

The secretariat prints the certificates of the decisions issued within its scope, so an
award is in scope through its decision's issuer (not through the recipient's unit), and a
print batch through the unit that started it.
"""

from django.db.models import Q, Sum

from awards.certificates.batches import printable
from awards.certificates.models import CertificateTemplate, ChunkStatus, PrintBatch, Printer
from awards.enums import DecisionStatus
from awards.history.models import Award
from thiduakt.selectors import scope_filter


def printable_awards_for_user(user, *, include_revoked=False):
    """Signed, numbered awards whose decision was issued within the user's scope, with what
    the certificate pages show (recipient and unit, award, decision and issuer, certificate).

    `include_revoked` keeps the revoked awards too: their certificate page still shows the
    code and the history, but nothing can be printed for them.
    """
    if include_revoked:
        awards = Award.objects.filter(
            decision_line__decision__status=DecisionStatus.SIGNED, registry_number__isnull=False
        )
    else:
        awards = printable(Award.objects.all())
    return awards.filter(scope_filter(user, "decision_line__decision__issuer__path")).select_related(
        "award_type", "person__unit", "unit__parent", "decision_line__decision__issuer", "certificate"
    )


def batches_for_user(user):
    """Print batches started by units within the user's scope, newest first."""
    batches = PrintBatch.objects.filter(scope_filter(user, "unit__path"))
    return batches.select_related("unit", "decision", "printer", "created_by").order_by("-created_at", "-pk")


def with_done(batches):
    """Annotate `done`: the certificates of the batch's finished chunks (one query for a list)."""
    return batches.annotate(done=Sum("chunks__size", filter=Q(chunks__status=ChunkStatus.DONE), default=0))


def templates_for_user(user):
    """Templates of the issuers in the user's scope, and the templates shared by every issuer."""
    if not user.is_authenticated:
        return CertificateTemplate.objects.none()
    templates = CertificateTemplate.objects.select_related("award_type", "issuer")
    in_scope = scope_filter(user, "issuer__path")
    return templates.filter(in_scope | Q(issuer__isnull=True)) if in_scope else templates


def printers_for_user(user):
    return Printer.objects.filter(scope_filter(user, "unit__path")).select_related("unit")
