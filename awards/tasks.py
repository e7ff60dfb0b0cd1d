"""Celery's autodiscovery imports ``<app>.tasks`` only: this registers the awards features'
tasks and connects their worker signals (resume of print batches after a crash)."""

from awards.certificates import tasks as certificates  # noqa: F401
from awards.documents import tasks as documents  # noqa: F401
