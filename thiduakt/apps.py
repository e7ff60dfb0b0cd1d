from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ThiduaktConfig(AppConfig):
    name = "thiduakt"
    verbose_name = _("Organisation and users")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from thiduakt import login_throttle, session_idle  # noqa: F401  (connect their signal receivers)

        from .importing import people, successions  # noqa: F401 - register their imports' steps for the worker


class AdminConfig(admin_apps.AdminConfig):
    default = False  # thiduakt's own config stays the app's default
    default_site = "thiduakt.admin_scope.ScopedAdminSite"
