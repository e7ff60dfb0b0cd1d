import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS

PASSWORD = "Thiduakt@2026"


@pytest.fixture
def demo(transactional_db):
    # An earlier transactional test may have flushed the database without re-running the
    # post-migrate handlers (serialized rollback): restore content types and the seeded
    # award catalogue the way migrating does, then load the demo.
    ContentType.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
    importlib.import_module("awards.migrations.0002_seed_catalogue").seed(django_apps, None)
    call_command("load_demo", verbosity=0)


@pytest.fixture
def login(page, live_server):
    def _login(username):
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login
