"""What the campaigns app adds to each user's dashboard."""

from campaigns.models import Registration
from campaigns.selectors import campaigns_open_to, registration_inbox
from thiduakt.enums import Role


def panel_context(user):
    context = {}
    if user.role in (Role.UNIT_STAFF, Role.SECRETARIAT) and user.unit_id:
        open_campaigns = campaigns_open_to(user.unit)
        registrations = {
            r.campaign_id: r
            for r in Registration.objects.filter(unit=user.unit, campaign__in=open_campaigns).select_related("campaign")
        }
        context["to_register"] = [c for c in open_campaigns if c.pk not in registrations]
        context["returned"] = [r for r in registrations.values() if r.status == "returned"]
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        context["inbox"] = list(registration_inbox(user)[:10])
    return context if any(context.values()) else None
