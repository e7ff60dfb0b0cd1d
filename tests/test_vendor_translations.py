"""locale_vendor/: the Vietnamese strings of Django and the third-party apps that their own
vi catalogues lack (see the header of locale_vendor/vi/LC_MESSAGES/django.po)."""

import json
import re
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation.reloader import translation_file_changed
from django.views.i18n import JSONCatalog

VENDOR = Path(settings.BASE_DIR) / "locale_vendor" / "vi" / "LC_MESSAGES"
CATALOGUES = [VENDOR / "django.po", VENDOR / "djangojs.po"]
OVERRIDE_MARK = "Overrides the shipped translation"

# %(name)s / %(num)d / %(value)r, bare %s / %d, and {name} / {}.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\w*\}")
TAG = re.compile(r"</?([a-zA-Z]+)")


def _needs_compiling():
    return any(
        not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
        for po in CATALOGUES
    )


@pytest.fixture(scope="module")
def compiled():
    """The .mo files are git-ignored (`make` builds them): build them here when stale."""
    if _needs_compiling():
        with pytest.MonkeyPatch.context() as mp:
            mp.chdir(settings.BASE_DIR)  # compilemessages also walks the working directory
            call_command("compilemessages", locale=["vi"], ignore_patterns=[".venv"], verbosity=0)
        # Django and Python's gettext cache the catalogues they have read (django.setup() reads
        # some): drop them the way runserver's autoreloader does when a .mo file changes.
        translation_file_changed(sender=None, file_path=VENDOR / "django.mo")
    assert not _needs_compiling()


def _entries(path):
    return list(polib.pofile(str(path)))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_catalogue_header(path):
    po = polib.pofile(str(path))
    assert po.metadata["Language"] == "vi"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_every_entry_is_translated_and_live(path):
    po = polib.pofile(str(path))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert po.obsolete_entries() == []
    assert all(e.msgstr_plural.get(0) for e in po if e.msgid_plural)
    keys = [(e.msgctxt, e.msgid) for e in po]
    assert len(keys) == len(set(keys)), "the same msgid (and msgctxt) twice"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_placeholders_tags_and_edge_whitespace_are_preserved(path):
    problems = []
    for e in _entries(path):
        # Vietnamese has one plural form: msgstr[0] serves every count, so it follows msgid_plural.
        source = e.msgid_plural or e.msgid
        target = e.msgstr_plural[0] if e.msgid_plural else e.msgstr
        if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(target)):
            problems.append(f"placeholders: {e.msgid!r}")
        if set(PLACEHOLDER.findall(e.msgid)) - set(PLACEHOLDER.findall(target)):
            problems.append(f"placeholders of the singular: {e.msgid!r}")
        if sorted(TAG.findall(source)) != sorted(TAG.findall(target)):
            problems.append(f"HTML tags: {e.msgid!r}")
        if (source[:1].isspace(), source[-1:].isspace()) != (target[:1].isspace(), target[-1:].isspace()):
            problems.append(f"leading/trailing whitespace: {e.msgid!r}")
    assert problems == []


def _shipped_vi_keys():
    """(msgctxt, msgid, is_plural) of every string Django's own vi catalogues translate."""
    root = Path(django.__file__).parent
    keys = set()
    for mo in [root / "conf/locale/vi/LC_MESSAGES/django.mo", *root.glob("contrib/*/locale/vi/LC_MESSAGES/*.mo")]:
        for e in polib.mofile(str(mo)):
            if e.msgstr or any(e.msgstr_plural.values()):
                keys.add((mo.stem, e.msgctxt, e.msgid, bool(e.msgid_plural)))
    return keys


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_only_gaps_unless_marked_as_override(path):
    """An entry Django already translates would silently shadow it: keep only the gaps, and
    the overrides of wrong shipped translations, which say so. After a Django upgrade that
    fills a gap upstream, this names the entry to delete."""
    shipped = _shipped_vi_keys()
    redundant = [
        e.msgid
        for e in _entries(path)
        if (path.stem, e.msgctxt, e.msgid, bool(e.msgid_plural)) in shipped and OVERRIDE_MARK not in e.tcomment
    ]
    assert redundant == []


# Gaps of Django's vi catalogues that this catalogue fills (msgid, msgid_plural or None).
FILLED_GAPS = [
    ("Skip to main content", None),  # admin/base.html, every admin page
    ("Toggle navigation", None),  # admin sidebar; empty in Django's vi catalogue
    ("Set password", None),  # admin user change form, auth forms
    ("Password-based authentication", None),  # auth: the admin's add-user form
    ("Please correct the error below.", "Please correct the errors below."),  # admin: now plural upstream
]


@pytest.mark.parametrize(("msgid", "plural"), FILLED_GAPS, ids=[m for m, _ in FILLED_GAPS])
def test_filled_gaps_come_back_translated(compiled, msgid, plural):
    with translation.override("vi"):
        if plural:
            assert ngettext(msgid, plural, 1) not in (msgid, plural)
            assert ngettext(msgid, plural, 3) not in (msgid, plural)
        else:
            assert gettext(msgid) != msgid


def test_django_core_message_is_translated(compiled):
    with translation.override("vi"):
        assert gettext("This field is required.") != "This field is required."


def test_override_beats_the_shipped_translation(compiled):
    with translation.override("vi"):
        # Shipped as “Thêm vào %(name)s” (“add to X”) on the changelist's Add button.
        assert gettext("Add %(name)s") not in ("Add %(name)s", "Thêm vào %(name)s")


def test_admin_javascript_catalogue_includes_vendor_strings(compiled):
    """The admin's calendar and SelectFilter strings come from the djangojs domain, which the
    JavaScriptCatalog view builds from the admin package plus settings.LOCALE_PATHS."""
    with translation.override("vi"):
        response = JSONCatalog.as_view(packages=["django.contrib.admin"])(RequestFactory().get("/jsi18n/"))
    catalog = json.loads(response.content)["catalog"]
    assert catalog.get("Choose all %s") not in (None, "Choose all %s")
    assert catalog.get("abbrev. day Monday\x04Mon") not in (None, "Mon")
    assert catalog.get("Choose all") == "Chọn tất cả"  # Django's own vi strings are still there
