"""The demo loader on an empty database: `--if-empty`, and the core accounts in and out of demo
mode (test_demo.py has the tests of a loaded demo)."""

from io import StringIO

import pytest

from tests.thiduakt.test_demo import README_USERNAMES, load
from thiduakt.models import Unit, User

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_if_empty_loads_an_empty_database():
    load("--if-empty")
    assert Unit.objects.exists()


def _load_core_accounts():
    from demo import core as demo

    demo.load(StringIO())


def test_outside_demo_mode_demo_accounts_must_change_their_password(settings):
    settings.THIDUAKT_DEMO_MODE = False
    _load_core_accounts()
    assert not User.objects.filter(username__in=README_USERNAMES, must_change_password=False).exists()


def test_in_demo_mode_demo_accounts_keep_the_demo_password(settings):
    settings.THIDUAKT_DEMO_MODE = True
    _load_core_accounts()
    assert not User.objects.filter(must_change_password=True).exists()


def test_leaving_demo_mode_flags_the_accounts_still_on_the_demo_password(settings):
    settings.THIDUAKT_DEMO_MODE = True
    _load_core_accounts()
    changed = User.objects.get(username="tayho.canbo")
    changed.set_password("Mat-khau-rieng-2026")
    changed.save()
    settings.THIDUAKT_DEMO_MODE = False
    _load_core_accounts()
    assert User.objects.get(username="thanhxuan.canbo").must_change_password
    assert not User.objects.get(username="tayho.canbo").must_change_password
