from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThiduaktConfig(AppConfig):
    name = "thiduakt"
    verbose_name = _("Organisation and users")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .importing import people  # noqa: F401 - registers the people import's steps for the worker
