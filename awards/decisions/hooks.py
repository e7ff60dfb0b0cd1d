"""What the decisions feature adds to the shell: its menu item."""

from django.utils.translation import gettext_lazy as _

from thiduakt import extensions
from thiduakt.enums import Role

extensions.add_nav_item(
    extensions.NavItem(
        "decisions:list", _("Decisions"), "file-earmark-text", 45, visible=lambda user: user.role != Role.UNIT_STAFF
    )
)
