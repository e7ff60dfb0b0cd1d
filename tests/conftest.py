import os
import shutil
from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make beside it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = os.path.join(os.path.dirname(__file__), "artifacts")
# The production hasher costs ~0.3 s per password; tests create many users.
TEST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def require(condition, reason):
    """In CI a missing service or browser is a failure, never a silent skip."""
    if condition:
        return
    if settings.REQUIRE_SERVICES:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(shutil.which(CHROMIUM) is not None, f"{CHROMIUM} is missing: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
        "viewport": {"width": 1366, "height": 900},
    }


@pytest.fixture
def screenshot_dir():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = TEST_PASSWORD_HASHERS


@pytest.fixture(scope="module")
def demo_loaded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The full demo, loaded once for the module that asks for it instead of once per test.

    It is loaded on the empty test database (with the test settings above, its files in a media
    folder of the module's) inside a transaction that stays open for the module: each test runs
    in a savepoint inside it (pytest-django's django_db), so what a test writes is undone after
    it, and the demo itself is rolled back after the module's last test. A test that needs an
    empty database does not belong in a module that asks for it."""
    media = tmp_path_factory.mktemp("demo-media")
    out = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=TEST_PASSWORD_HASHERS):
            call_command("load_demo", stdout=out)
        yield SimpleNamespace(output=out.getvalue(), media=media)
        transaction.set_rollback(True)


@pytest.fixture
def demo_output(demo_loaded_once, settings):
    """What the module's one `load_demo` wrote; MEDIA_ROOT is the folder its files went to."""
    settings.MEDIA_ROOT = demo_loaded_once.media
    return demo_loaded_once.output
