"""The Vietnamese catalogue covers every string of the project's code and templates."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
SOURCES = ["manage.py", "thiduakt", "campaigns", "awards", "exemplars", "demo", "templates", "locale"]


def _problems(po):
    return {
        "untranslated": [e.msgid for e in po.untranslated_entries()],
        "fuzzy": [e.msgid for e in po.fuzzy_entries()],
        "obsolete": [e.msgid for e in po.obsolete_entries()],
    }


def test_catalogue_has_no_untranslated_fuzzy_or_obsolete_entries():
    assert _problems(polib.pofile(str(CATALOGUE))) == {"untranslated": [], "fuzzy": [], "obsolete": []}


def test_catalogue_is_up_to_date_with_the_sources(tmp_path):
    """Regenerate the catalogue from a copy of the sources: nothing new may appear."""
    for name in SOURCES:
        source = Path(settings.BASE_DIR) / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, target)
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data")}
    subprocess.run([sys.executable, "manage.py", "update_translations", "-v", "0"], cwd=tmp_path, env=env, check=True)
    regenerated = polib.pofile(str(tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    assert _problems(regenerated) == {"untranslated": [], "fuzzy": [], "obsolete": []}


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [("Dashboard", "Tổng quan"), ("Log in", "Đăng nhập"), ("Unit staff", "Cán bộ đơn vị")],
)
def test_compiled_catalogue_is_used(english, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(english) == vietnamese


def test_only_vietnamese_is_offered(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in response.content.decode()
    assert settings.LANGUAGES == [("vi", settings.LANGUAGES[0][1])]
