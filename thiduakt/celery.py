import os
from pathlib import Path

from celery import Celery, beat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")

app = Celery("thiduakt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class PersistentScheduler(beat.PersistentScheduler):
    """Celery's, making its schedule file's folder first: the settings do not make DATA_DIR for
    every process, only for the embedded defaults in use."""

    def setup_schedule(self):
        Path(self.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
        super().setup_schedule()
