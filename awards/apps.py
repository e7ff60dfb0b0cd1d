from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from thiduakt import extensions
        from thiduakt.audit_display import register_action_labels
        from thiduakt.enums import Role

        from . import council_rules  # noqa: F401 - registers the council permissions
        from .audit_labels import ACTION_LABELS
        from .certificates import rules as certificate_rules  # noqa: F401 - registers the printing permissions
        from .dashboard import panel_context
        from .dashboard_council import council_panel_context
        from .importing import history, nominations  # noqa: F401 - register their steps for the worker
        from .person_page import person_section

        register_action_labels(ACTION_LABELS)
        extensions.add_nav_item(
            extensions.NavItem(
                "submission_list", _("Nominations"), "folder2-open", 30,
                visible=lambda user: user.role in (Role.UNIT_STAFF, Role.SECRETARIAT, Role.ADMIN),
            )
        )  # fmt: skip
        extensions.add_nav_item(
            extensions.NavItem(
                "verification_inbox", _("Verification"), "clipboard-check", 35,
                visible=lambda user: user.has_perm("awards.verify"),
            )
        )  # fmt: skip
        extensions.add_nav_item(
            extensions.NavItem(
                "council_session_list", _("Council"), "people-fill", 42,
                visible=lambda user: user.role != Role.UNIT_STAFF,
            )
        )  # fmt: skip
        extensions.add_dashboard_panel(
            extensions.DashboardPanel("awards/council/dashboard_panel.html", council_panel_context, 25)
        )
        extensions.add_nav_item(
            extensions.NavItem(
                "decision_list", _("Decisions"), "file-earmark-text", 45,
                visible=lambda user: user.role != Role.UNIT_STAFF,
            )
        )  # fmt: skip
        extensions.add_nav_item(
            extensions.NavItem(
                "certificate_list", _("Certificates"), "award", 47,
                visible=lambda user: user.role in (Role.SECRETARIAT, Role.ADMIN),
            )
        )  # fmt: skip
        extensions.add_dashboard_panel(extensions.DashboardPanel("awards/dashboard_panel.html", panel_context, 20))
        extensions.add_person_section(extensions.PersonSection("awards/person_history.html", person_section, 10))
