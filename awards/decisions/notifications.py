"""Telling proposing units what became of their nominations: by email and on the dashboard.

The emails are recorded in the transaction that signs (thiduakt.outbox) and sent by the worker,
which retries while the mail server refuses: signing never waits for, or fails with, the mail server.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from thiduakt import outbox
from thiduakt.models import User


def decision_signed(decision):
    """One email per proposing unit's users, listing that unit's nominees in the decision."""
    by_unit = defaultdict(list)
    for line in decision.lines.select_related("nomination__submission", "nomination__award_type", "award"):
        by_unit[line.nomination.submission.proposing_unit_id].append(line)
    recipients = defaultdict(list)
    for user in User.objects.filter(unit_id__in=by_unit, is_active=True).exclude(email=""):
        recipients[user.unit_id].append(user.email)
    mails = 0
    for unit_id, lines in by_unit.items():
        if not recipients[unit_id]:
            continue
        body = "\n".join(
            f"- {line.nomination.nominee}: {line.nomination.award_type.name} (số sổ vàng {line.award.registry_number})"
            for line in lines
        )
        subject = _("Decision %(number)s: %(count)d of your nominations awarded") % {
            "number": decision.number, "count": len(lines),
        }  # fmt: skip
        outbox.send_mail(subject, body, recipients[unit_id])
        mails += 1
    return mails
