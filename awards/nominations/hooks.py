"""What the nominations feature adds to the shell: its menu items, its dashboard panel and the
person page's award history (the timeline of ratings, awards and nominations)."""

from django.utils.translation import gettext_lazy as _

from awards.nominations.dashboard import panel_context
from awards.nominations.person_section import person_section
from thiduakt import extensions
from thiduakt.enums import Role

extensions.add_nav_item(
    extensions.NavItem(
        "nominations:submission_list", _("Nominations"), "folder2-open", 30,
        visible=lambda user: user.role in (Role.UNIT_STAFF, Role.SECRETARIAT, Role.ADMIN),
    )
)  # fmt: skip
extensions.add_nav_item(
    extensions.NavItem(
        "nominations:inbox", _("Verification"), "clipboard-check", 35,
        visible=lambda user: user.has_perm("awards.verify"),
    )
)  # fmt: skip
extensions.add_dashboard_panel(extensions.DashboardPanel("awards/nominations/dashboard_panel.html", panel_context, 20))
extensions.add_person_section(extensions.PersonSection("awards/history/person_history.html", person_section, 10))
