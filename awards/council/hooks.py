"""What the council feature adds to the shell: its menu item and its dashboard panels (what it did not
approve, shown to the proposing unit right after the nominations panel; the ballots and sessions)."""

from django.utils.translation import gettext_lazy as _

from awards.council.dashboard import council_panel_context, declined_panel_context
from thiduakt import extensions
from thiduakt.enums import Role

extensions.add_nav_item(
    extensions.NavItem(
        "council:session_list", _("Council"), "people-fill", 42, visible=lambda user: user.role != Role.UNIT_STAFF
    )
)
extensions.add_dashboard_panel(
    extensions.DashboardPanel("awards/council/dashboard_panel.html", council_panel_context, 25)
)
extensions.add_dashboard_panel(
    extensions.DashboardPanel("awards/council/declined_panel.html", declined_panel_context, 21)
)
