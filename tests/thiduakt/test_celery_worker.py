"""A task crosses the configured broker to a real worker in another process and back."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from thiduakt.tasks import ping

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_process():
    queue = f"test-{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "thiduakt", "worker", "--pool=solo",
         "--loglevel=warning", "-Q", queue, "--without-heartbeat", "--without-mingle", "--without-gossip"],
        cwd=settings.BASE_DIR, env=os.environ.copy(),
    )  # fmt: skip
    yield process, queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_ping_round_trip_through_a_worker_process(worker_process):
    process, queue = worker_process
    token = uuid.uuid4().hex
    answer = ping.apply_async(args=[token], queue=queue).get(timeout=90)
    assert answer["token"] == token
    # pool=solo runs tasks in the worker's own process: not this one.
    assert answer["pid"] == process.pid != os.getpid()


def test_broker_is_the_configured_one():
    """No environment means the filesystem broker; CI's redis:// URL means Redis."""
    scheme = os.environ.get("CELERY_BROKER_URL", "filesystem://").split("://")[0]
    with ping.app.connection_for_write() as connection:
        assert connection.transport.driver_type == scheme
