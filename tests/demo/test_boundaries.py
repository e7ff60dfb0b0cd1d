"""The demo imports the apps it builds; nothing in them imports the demo."""

import ast
from pathlib import Path

from django.conf import settings

from demo.management.commands.load_demo import BUILDERS

DOMAIN_APPS = ("thiduakt", "campaigns", "awards", "exemplars")


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_no_domain_app_imports_the_demo():
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {name}"
        for app in DOMAIN_APPS
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py"))
        for name in _imports(path)
        if name == "demo" or name.startswith("demo.")
    ]
    assert offenders == []


def test_no_domain_app_keeps_a_demo_module():
    assert sorted(str(p) for app in DOMAIN_APPS for p in (Path(settings.BASE_DIR) / app).rglob("demo.py")) == []


def test_the_builders_load_in_dependency_order():
    assert [b.__name__ for b in BUILDERS] == ["demo.core", "demo.campaigns", "demo.awards"]


def test_the_demo_app_comes_after_the_apps_it_builds():
    apps = settings.INSTALLED_APPS
    assert all(apps.index("demo") > apps.index(app) for app in DOMAIN_APPS)
