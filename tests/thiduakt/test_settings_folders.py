"""Importing the settings creates folders only for the embedded defaults in use."""

import os
import subprocess
import sys

from django.conf import settings

CONFIGURED = ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "STATIC_ROOT", "MEDIA_ROOT")


def _import_settings(tmp_path, **overrides):
    env = {k: v for k, v in os.environ.items() if k not in CONFIGURED}
    env.update({"DATA_DIR": str(tmp_path / "data"), **overrides})
    subprocess.run([sys.executable, "-c", "import thiduakt.settings"], cwd=settings.BASE_DIR, env=env, check=True)
    return sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))


def test_with_everything_configured_no_folder_is_made(tmp_path):
    made = _import_settings(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert made == []


def test_the_embedded_defaults_get_their_folders(tmp_path):
    made = _import_settings(tmp_path)
    assert made == [
        "data",
        "data/celery",
        "data/celery/control",
        "data/celery/processed",
        "data/celery/queue",
        "data/celery/results",
        "data/staticfiles",
    ]  # media as before: the storage makes it with the first upload


def test_postgres_with_the_filesystem_broker_makes_only_the_broker_folders(tmp_path):
    made = _import_settings(
        tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused", STATIC_ROOT=str(tmp_path / "static")
    )
    assert made == [
        "data",
        "data/celery",
        "data/celery/control",
        "data/celery/processed",
        "data/celery/queue",
        "data/celery/results",
    ]


def test_beat_makes_the_folder_of_its_schedule(tmp_path):
    from thiduakt.celery import PersistentScheduler, app

    filename = tmp_path / "absent" / "celerybeat-schedule"
    scheduler = PersistentScheduler(app=app, schedule_filename=str(filename), lazy=True)
    scheduler.setup_schedule()
    scheduler.close()
    assert filename.parent.is_dir()
