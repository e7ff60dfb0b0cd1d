from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Emulation campaigns")

    def ready(self):
        from thiduakt import extensions
        from thiduakt.audit_display import register_action_labels

        from .audit_labels import ACTION_LABELS
        from .dashboard import panel_context

        register_action_labels(ACTION_LABELS)
        extensions.add_nav_item(extensions.NavItem("campaign_list", _("Campaigns"), "flag", 10))
        extensions.add_nav_item(extensions.NavItem("cluster_list", _("Clusters"), "grid-3x3-gap", 20))
        extensions.add_dashboard_panel(
            extensions.DashboardPanel("campaigns/dashboard_panel.html", panel_context, position=10)
        )
