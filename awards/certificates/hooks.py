"""What the certificates feature adds to the shell: its menu item."""

from django.utils.translation import gettext_lazy as _

from thiduakt import extensions
from thiduakt.enums import Role

extensions.add_nav_item(
    extensions.NavItem(
        "certificates:list", _("Certificates"), "award", 47,
        visible=lambda user: user.role in (Role.SECRETARIAT, Role.ADMIN),
    )
)  # fmt: skip
