from importlib import import_module, util

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The features of the awards app, in the order of the dependency rule (a feature imports only
# those before it; docs/architecture.md). Each may have a rules.py (its permissions) and a
# hooks.py (what it adds to the shell: menu items, dashboard panels, person-page sections).
FEATURES = (
    "catalogue", "history", "eligibility", "nominations", "importing", "posting", "council", "decisions",
    "documents", "certificates",
)  # fmt: skip


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from awards.audit_labels import ACTION_LABELS
        from thiduakt.audit_display import register_action_labels

        register_action_labels(ACTION_LABELS)
        for feature in FEATURES:
            for part in ("rules", "hooks"):
                name = f"awards.{feature}.{part}"
                if util.find_spec(name) is not None:
                    import_module(name)
