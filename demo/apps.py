from django.apps import AppConfig


class DemoConfig(AppConfig):
    """No models: the `load_demo` command and the builders it calls."""

    name = "demo"
    verbose_name = "Demo data"
