"""Backups: the database and the media folder in one dated archive, and their restore.

The archive (`thiduakt-backup-YYYYMMDD-HHMMSS.tar`) holds `database.dump` (`pg_dump` custom
format) or `database.sqlite3` (SQLite's online backup API), the media files under `media/`, and
`manifest.json` with the SHA-256 of each. The database is dumped first, then the media copied:
a file is always stored before the row that names it is committed, so every row in the dump
finds its file in the archive. (A file deleted meanwhile — a print chunk's temporary PDF once
merged, a PDF replaced by a newer one — may be missing; nothing needs those.)

`restore` checks every checksum and restores only into an empty database and an empty media
folder: it never mixes a backup with live data.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_environment(settings_dict):
    env = {**os.environ, "PGDATABASE": settings_dict["NAME"]}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _run(command, env):
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}")


def _dump_database(folder):
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
             _pg_environment(settings_dict))  # fmt: skip
    elif connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        source, copy = sqlite3.connect(settings_dict["NAME"]), sqlite3.connect(target)
        try:
            source.backup(copy)  # a consistent copy while the app keeps writing
        finally:
            copy.close()
            source.close()
    else:
        raise BackupError(f"no backup for the database engine {connection.vendor}")
    return target


def _media_files(media_root):
    for path in sorted(media_root.rglob("*")):
        if path.is_file():
            yield path, path.relative_to(media_root).as_posix()


def backup(output_dir):
    """Write a backup archive into `output_dir`; returns its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    started = timezone.now()
    media_root = Path(settings.MEDIA_ROOT)
    archive = output_dir / f"thiduakt-backup-{timezone.localtime(started):%Y%m%d-%H%M%S}.tar"
    partial = archive.with_suffix(".tar.partial")
    with tempfile.TemporaryDirectory(dir=output_dir) as staging:
        dump = _dump_database(Path(staging))  # first: see the module's docstring
        manifest = {
            "format": FORMAT, "created_at": started.isoformat(), "database": connection.vendor,
            "database_file": dump.name, "database_sha256": _sha256(dump), "media": {},
        }  # fmt: skip
        with tarfile.open(partial, "w") as tar:
            tar.add(dump, arcname=dump.name)
            for path, name in _media_files(media_root):
                manifest["media"][name] = {"sha256": _sha256(path), "size": path.stat().st_size}
                tar.add(path, arcname=f"media/{name}")
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(started.timestamp())
            tar.addfile(info, io.BytesIO(data))
    partial.rename(archive)  # a crash leaves a .partial, never an archive that looks whole
    return archive


# --- restore --------------------------------------------------------------------------------


def _safe_member(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"unsafe path in the archive: {name}")
    return path


def _extract(tar, name, target, expected):
    """Copy one member to `target`, checking its SHA-256 on the way."""
    member = tar.getmember(name)
    if not member.isfile():
        raise BackupError(f"{name} is not a file")
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tar.extractfile(member) as source, open(target, "wb") as out:
        for block in iter(lambda: source.read(CHUNK), b""):
            digest.update(block)
            out.write(block)
    if digest.hexdigest() != expected:
        raise BackupError(f"{name}: checksum mismatch, the archive is damaged")


def read_manifest(tar):
    manifest = json.load(tar.extractfile(MANIFEST))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')}")
    return manifest


def _check_empty(media_root):
    if connection.introspection.table_names():
        raise BackupError(f"the database {connection.settings_dict['NAME']} is not empty: restore into an empty one")
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"the media folder {media_root} is not empty: restore into an empty one")


def _restore_database(path, vendor):
    if vendor != connection.vendor:
        raise BackupError(f"this backup is of a {vendor} database, the app is configured for {connection.vendor}")
    settings_dict = connection.settings_dict
    connection.close()
    if vendor == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={settings_dict['NAME']}",
              str(path)], _pg_environment(settings_dict))  # fmt: skip
    else:
        source, target = sqlite3.connect(path), sqlite3.connect(settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()


def restore(archive):
    """Restore `archive` into the configured (empty) database and media folder; returns the manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    _check_empty(media_root)
    with tarfile.open(archive, "r") as tar, tempfile.TemporaryDirectory() as staging:
        manifest = read_manifest(tar)
        dump = Path(staging) / _safe_member(manifest["database_file"]).name
        _extract(tar, manifest["database_file"], dump, manifest["database_sha256"])
        incoming = Path(staging) / "media"
        for name, entry in manifest["media"].items():
            _extract(tar, f"media/{name}", incoming / _safe_member(name), entry["sha256"])
        _restore_database(dump, manifest["database"])
        media_root.mkdir(parents=True, exist_ok=True)
        if incoming.exists():
            for item in incoming.iterdir():
                shutil.move(str(item), media_root / item.name)
    return manifest
