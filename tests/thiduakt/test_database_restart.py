"""PostgreSQL stopped and started again under a running app: the requests made meanwhile get the
Vietnamese 503 page at once, and the first request after it is back succeeds, without
restarting the app.

The database is a private PostgreSQL cluster (initdb and pg_ctl as the postgres OS user, in a
temporary folder, on a free port), never the machine's; the app is gunicorn, as the Dockerfile
runs it, in a process of its own.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import require

PG_BIN = Path("/usr/lib/postgresql/15/bin")
FAST = 2.0  # seconds for a request while the database is down


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_postgres(*command):
    subprocess.run(["runuser", "-u", "postgres", "--", *map(str, command)], check=True, capture_output=True)


class PrivateCluster:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="thiduakt-pg-"))
        self.folder.chmod(0o755)
        shutil.chown(self.folder, "postgres")
        self.data, self.port = self.folder / "data", free_port()
        as_postgres(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/thiduakt"

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.folder / "log", "-o", options, "-w", "start")

    def stop(self):
        as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self):
        subprocess.run(["runuser", "-u", "postgres", "--", PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate",
                        "stop"], capture_output=True)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def cluster():
    require(
        (PG_BIN / "initdb").exists() and shutil.which("runuser") and os.geteuid() == 0,
        f"a private PostgreSQL cluster needs {PG_BIN}/initdb and root (runuser -u postgres)",
    )
    cluster = PrivateCluster()
    try:
        cluster.start()
        as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", cluster.port, "thiduakt")
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def app(cluster, tmp_path):
    """gunicorn (one worker, as few as can show it) on the private cluster, migrated."""
    env = {
        **os.environ, "DATABASE_URL": cluster.url, "DATA_DIR": str(tmp_path), "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }  # fmt: skip
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=settings.BASE_DIR, env=env, check=True)
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115 (closed below, after the process)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "thiduakt.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "30"],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/v/ABCD1234EFGH/"  # the public verification page: a query, no login
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(url)
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.2)
        yield process, url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def get(url):
    """(status, body, seconds) of a GET."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


def test_a_restarted_database_gives_503_then_recovers_without_restarting_the_app(cluster, app):
    process, url = app
    status, body, _seconds = get(url)
    assert status == 404, body[:500]  # an unknown code: the page asked the database
    healthy = body

    cluster.stop()
    for _ in range(3):
        status, body, seconds = get(url)
        print(f"\ndatabase stopped: {status} in {seconds:.3f} s")
        assert status == 503 and seconds < FAST
        assert "Cơ sở dữ liệu đang tạm thời không truy cập được" in body and "Traceback" not in body

    cluster.start()
    status, body, seconds = get(url)
    print(f"database started again: {status} in {seconds:.3f} s")
    assert status == 404 and "Cơ sở dữ liệu" not in body and body[:400] == healthy[:400]
    assert process.poll() is None  # the same gunicorn, never restarted
