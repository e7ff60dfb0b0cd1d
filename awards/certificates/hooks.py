"""What the certificates feature adds to the shell: its menu item, and its print card on a
decision's page."""

from django.utils.translation import gettext_lazy as _

from awards.certificates.decision_page import print_card
from awards.decisions.extensions import add_decision_page_part
from thiduakt import extensions
from thiduakt.enums import Role

extensions.add_nav_item(
    extensions.NavItem(
        "certificates:list", _("Certificates"), "award", 47,
        visible=lambda user: user.role in (Role.SECRETARIAT, Role.ADMIN),
    )
)  # fmt: skip
add_decision_page_part(print_card)
