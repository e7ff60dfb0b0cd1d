"""What the awards app adds to each user's dashboard."""

from django.db.models import Count

from awards.enums import NominationStatus
from awards.history.models import Award
from awards.nominations.selectors import inbox_for_user, nominations_for_user
from thiduakt.enums import Role


def panel_context(user):
    context = {}
    if user.role in (Role.UNIT_STAFF, Role.SECRETARIAT) and user.unit_id:
        own = nominations_for_user(user).filter(submission__proposing_unit=user.unit)
        context["returned"] = list(own.filter(status=NominationStatus.RETURNED)[:10])
        context["granted"] = list(
            Award.objects.filter(nomination__submission__proposing_unit=user.unit)
            .select_related("award_type", "person", "unit")
            .order_by("-decision_date", "-pk")[:8]
        )
        counts = dict(own.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        context["own_counts"] = [(s.value, s.label, counts[s.value]) for s in NominationStatus if counts.get(s.value)]
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        waiting = inbox_for_user(user).exclude(submission__proposing_unit=user.unit)
        context["inbox_count"] = waiting.count()
    return context if any(context.values()) else None
