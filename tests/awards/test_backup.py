"""`manage.py backup` then `manage.py restore` into an EMPTY database and media folder: every
table has the same rows, every file a row names is there with the same checksum.

The backup runs here, on the test database (PostgreSQL: pg_dump; SQLite: the online backup
API); the restore runs as `make restore` does, in a process of its own, configured for a new
empty database (a new PostgreSQL database, or a new SQLite file) and a new media folder.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, models

from awards.documents import services
from awards.documents.models import DocumentKind
from awards.enums import AttachmentKind
from awards.management.benchmarking import database_url
from awards.nominations.models import Attachment, Nomination
from tests.awards.documents.test_documents import make_world


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def row_counts(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def stored_files():
    """Every file a FileField of any row names."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names |= set(model.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True))
    return names


class EmptyDatabase:
    """A new database of the test database's engine, and the raw cursor to count its rows."""

    def __init__(self, folder):
        self.settings_dict = {**connection.settings_dict}
        if connection.vendor == "postgresql":
            self.settings_dict["NAME"] = f"thiduakt_restore_{uuid.uuid4().hex[:8]}"
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.settings_dict["NAME"]}"')
        else:
            self.settings_dict["NAME"] = str(folder / "restored.sqlite3")
        self.url = database_url(self.settings_dict)

    def connect(self):
        if connection.vendor == "postgresql":
            s = self.settings_dict
            return psycopg2.connect(dbname=s["NAME"], host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432,
                                    user=s["USER"], password=s["PASSWORD"] or None)  # fmt: skip
        return sqlite3.connect(self.settings_dict["NAME"])

    def drop(self):
        if connection.vendor == "postgresql":
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.settings_dict["NAME"]}"')


def restore(archive, database, media):
    env = {**os.environ, "DATABASE_URL": database.url, "MEDIA_ROOT": str(media)}
    return subprocess.run([sys.executable, "manage.py", "restore", str(archive)], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True)  # fmt: skip


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("catalogue")
def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(tmp_path):
    world = make_world()
    document, _sent = services.request_document(DocumentKind.MINUTES, world.session, world.users.tx_secretariat)
    services.render(document.pk)  # a real PDF in the media folder
    nomination = Nomination.objects.filter(submission=world.submission).first()
    Attachment.objects.create(
        nomination=nomination, kind=AttachmentKind.ACHIEVEMENT_REPORT, original_name="bao-cao.pdf", file_type="pdf",
        size=16, file=ContentFile(b"%PDF-1.4 bao cao", name="bao-cao.pdf"),
    )  # fmt: skip
    media = Path(settings.MEDIA_ROOT)
    files = stored_files()
    assert len(files) >= 2
    checksums = {name: sha256(media / name) for name in files}
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        before = row_counts(cursor, tables)
    assert before["awards_nomination"] > 0 and before["thiduakt_auditlog"] > 0

    call_command("backup", output=str(tmp_path / "backups"), stdout=open(os.devnull, "w"))  # noqa: SIM115
    (archive,) = (tmp_path / "backups").glob("thiduakt-backup-*.tar")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"] == connection.vendor and set(manifest["media"]) >= files

    database, restored_media = EmptyDatabase(tmp_path), tmp_path / "restored-media"
    try:
        done = restore(archive, database, restored_media)
        assert done.returncode == 0, done.stderr
        with closing(database.connect()) as raw:
            after = row_counts(raw.cursor(), tables)
        assert after == before
        for name, checksum in checksums.items():
            assert (restored_media / name).is_file(), name
            assert sha256(restored_media / name) == checksum, name
        again = restore(archive, database, tmp_path / "other-media")  # never over live data
        assert again.returncode != 0 and "not empty" in again.stderr
    finally:
        database.drop()
