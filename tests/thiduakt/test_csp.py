"""The Content-Security-Policy of the application (issue 17), and templates that satisfy it."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from thiduakt.enums import Role

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
# The project's template folders: the project level and each app's templates/ (not the venv's).
TEMPLATE_DIRS = [TEMPLATES, *sorted(p for p in ROOT.glob("*/templates") if p != TEMPLATES)]
# Rendered to PDF by WeasyPrint on the server, never served to a browser.
PDF_TEMPLATES = ("awards/documents/pdf/", "awards/certificates/pdf/", "pdf/")
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "on* attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


@pytest.mark.parametrize("url_name", ["login", "dashboard"])
def test_every_page_has_the_policy(client, db, url_name):
    client.force_login(UserFactory(role=Role.SECRETARIAT))
    policy = client.get(reverse(url_name))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["form-action"] == "'self'"
    assert "unsafe" not in policy


def test_no_template_served_to_a_browser_has_inline_script_or_style():
    found = []
    paths = [(root, path) for root in TEMPLATE_DIRS for path in root.rglob("*.html")]
    assert {root.parent.name for root in TEMPLATE_DIRS} >= {"awards", "campaigns", "thiduakt"}
    for root, path in paths:
        name = path.relative_to(root).as_posix()
        if name.startswith(PDF_TEMPLATES):
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{name}: {kind}" for kind, pattern in INLINE.items() if pattern.search(text)]
    assert found == []


def test_htmx_neither_evals_nor_injects_its_indicator_style():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert '"includeIndicatorStyles": false' in base and '"allowEval": false' in base
