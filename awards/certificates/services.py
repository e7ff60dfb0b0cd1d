"""Writes on certificates that are not print batches (those live in `batches`)."""

from django.db import transaction
from django.utils.translation import gettext as _

from awards.certificates.batches import ensure_certificates
from awards.certificates.models import Certificate
from thiduakt.errors import DomainError, EditConflict
from thiduakt.services import audit

LINE_FIELDS = ("name_lines", "detail_lines")


def set_certificate_lines(award, *, actor, name_lines, detail_lines, expected_version):
    """Set how the recipient's name and details break into lines on this award's certificate.

    An empty text prints what the records say. `expected_version` is the certificate's
    version when the form was shown (1 for a certificate not made yet): a certificate changed
    since is refused rather than overwritten. Returns the certificate.
    """
    if award.revoked:
        raise DomainError(_("This award has been revoked: its certificate cannot be printed."))
    with transaction.atomic():
        [certificate] = ensure_certificates([award])
        current = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if expected_version is not None and current.version != expected_version:
            raise EditConflict(
                _(
                    "Someone else changed this certificate while you were editing it. "
                    "Your changes were not saved: reload the page and apply them again."
                )
            )
        before = audit.snapshot(current, LINE_FIELDS)
        current.name_lines, current.detail_lines = name_lines or "", detail_lines or ""
        current.prepare()
        diff = audit.changes(before, audit.snapshot(current, LINE_FIELDS))
        if not diff:
            return current
        current.version += 1
        current.save(update_fields=[*LINE_FIELDS, "version"])
        audit.record(
            actor=actor, action="certificate.lines", obj=award, unit=award.decision_line.decision.issuer,
            data={"model": "awards.certificate", "code": current.code, "changes": diff},
        )  # fmt: skip
    return current
