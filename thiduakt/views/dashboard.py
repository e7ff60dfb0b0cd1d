from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.utils import timezone
from django.views.generic import TemplateView

from thiduakt import extensions
from thiduakt.enums import Role
from thiduakt.models import ImportBatch
from thiduakt.selectors import audit_for_user, people_for_user, units_for_user, users_for_user

INCOMPLETE_PERSON = Q(birth_date__isnull=True) | Q(citizen_id__isnull=True) | Q(position="")


class DashboardView(LoginRequiredMixin, TemplateView):
    """What awaits this user: each role sees the work that is theirs to do."""

    template_name = "thiduakt/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        people = people_for_user(user).filter(is_active=True)
        context = {
            "people_count": people.count(),
            "unit_count": units_for_user(user).active_on(today).count(),
            "recent_activity": audit_for_user(user).select_related("actor")[:8],
        }
        if user.role in (Role.UNIT_STAFF, Role.SECRETARIAT, Role.ADMIN):
            incomplete = people.filter(INCOMPLETE_PERSON)
            context["incomplete_count"] = incomplete.count()
            context["incomplete_people"] = incomplete.select_related("unit")[:8]
            context["pending_imports"] = ImportBatch.objects.filter(created_by=user, status=ImportBatch.Status.PENDING)[
                :5
            ]
        if user.role in (Role.SECRETARIAT, Role.ADMIN):
            context["people_in_ended_units"] = people.filter(unit__valid_to__lt=today).select_related("unit")[:8]
        if user.role == Role.ADMIN:
            context["users_without_unit"] = users_for_user(user).filter(unit__isnull=True)[:8]
        context["panels"] = [
            {"template": panel.template, **data}
            for panel in extensions.dashboard_panels
            if (data := panel.context(user))
        ]
        return super().get_context_data(**context, **kwargs)
