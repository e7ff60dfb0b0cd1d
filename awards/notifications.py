"""Telling proposing units what became of their nominations: by email and on the dashboard."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from thiduakt.models import User


def decision_signed(decision):
    """One email per proposing unit's users, listing that unit's nominees in the decision."""
    by_unit = defaultdict(list)
    for line in decision.lines.select_related("nomination__submission", "nomination__award_type", "award"):
        by_unit[line.nomination.submission.proposing_unit_id].append(line)
    recipients = defaultdict(list)
    for user in User.objects.filter(unit_id__in=by_unit, is_active=True).exclude(email=""):
        recipients[user.unit_id].append(user.email)
    messages = []
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
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, recipients[unit_id]))
    send_mass_mail(messages, fail_silently=False)
    return len(messages)
