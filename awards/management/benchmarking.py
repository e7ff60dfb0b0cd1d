"""What the benchmark commands (and the real-worker tests) share: the database they run on, clean
child processes, and a `celery worker` process of their own.

Only the standard library at module level: `render_in_child` runs in a process started with
`spawn`, which imports this module before Django is set up.
"""

import os
import resource
import secrets
import signal
import subprocess
import sys
import time
import uuid


def prepare_database(stdout):
    """Create the PostgreSQL database if it does not exist yet, then migrate it (`make bench…`)."""
    from django.core.management import call_command
    from django.db import OperationalError, connection

    if connection.vendor == "postgresql":
        try:
            connection.ensure_connection()
        except OperationalError:
            name = connection.settings_dict["NAME"]
            stdout.write(f"Creating database {name}…")
            # Django's own route to the maintenance database, as the test runner uses it.
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    call_command("migrate", interactive=False, verbosity=0)


def database_url(settings_dict):
    """The URL (as DATABASE_URL reads it) of the database Django is connected to — the test
    database too — for a worker process started by a benchmark or a test."""
    from urllib.parse import quote

    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    if not settings_dict["ENGINE"].endswith(("postgresql", "postgis")):
        raise ValueError(f"no URL for the database engine {settings_dict['ENGINE']}")
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    return f"postgres://{credentials}{host}:{settings_dict.get('PORT') or 5432}/{quote(settings_dict['NAME'], safe='')}"


def render_in_child(template_name, base_context, pages, one_per_page):
    """Render in a fresh (spawned) process, so its memory is its own: the pages as one document,
    or one document per page. Returns (seconds, pages rendered, PDF bytes, peak RSS in bytes).

    One page is rendered first, untimed: WeasyPrint's imports and font loading are paid once per
    process whichever way it is used, so they count against neither side."""
    import django

    django.setup()
    from thiduakt.pdf.render import render_pdf

    render_pdf(template_name, {**base_context, "pages": pages[:1]})
    started = time.perf_counter()
    if one_per_page:
        rendered, size = 0, 0
        for page in pages:
            pdf = render_pdf(template_name, {**base_context, "pages": [page]})
            rendered, size = rendered + pdf.pages, size + len(pdf.data)
    else:
        pdf = render_pdf(template_name, {**base_context, "pages": pages})
        rendered, size = pdf.pages, len(pdf.data)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    return seconds, rendered, size, peak


class WorkerProcess:
    """`celery worker` as `make run` starts it, on its own queue, this database and the temporary media."""

    def __init__(self, queue, node, concurrency, media):
        self.queue, self.node, self.concurrency, self.media = queue, node, concurrency, media
        self.log_path = media / "worker.log"
        self.process = None

    @property
    def pid(self):
        return self.process.pid

    def start(self):
        from django.conf import settings
        from django.db import connection

        env = {
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "MEDIA_ROOT": str(self.media),
            "THIDUAKT_PDF_QUEUE": self.queue,
            "THIDUAKT_PRINT_CHUNK_SIZE": str(settings.THIDUAKT_PRINT_CHUNK_SIZE),
        }
        if "DEBUG" not in os.environ:  # production runs without the debug query log
            env.update(DEBUG="0", SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50))
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "thiduakt", "worker", "--pool=prefork",
                 f"--concurrency={self.concurrency}", "--loglevel=warning", "-Q", self.queue, "-n", self.node,
                 "--without-heartbeat", "--without-mingle", "--without-gossip"],
                cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def wait_ready(self, timeout):
        """Seconds until a worker process answered a ping sent to the queue."""
        from celery.exceptions import TimeoutError as CeleryTimeout
        from django.core.management.base import CommandError

        from thiduakt.tasks import ping

        started = time.perf_counter()
        token = uuid.uuid4().hex
        result = ping.apply_async(args=[token], queue=self.queue)
        while True:
            try:
                answer = result.get(timeout=1)
            except CeleryTimeout:
                if not self.alive():
                    raise CommandError(f"The worker exited ({self.process.returncode}):\n{self.log_tail()}") from None
                if time.perf_counter() - started > timeout:
                    raise CommandError(f"The worker did not answer in {timeout} s:\n{self.log_tail()}") from None
                continue
            if answer.get("token") != token:
                raise CommandError(f"Unexpected answer to the ping: {answer}")
            result.forget()
            return time.perf_counter() - started

    def alive(self):
        return self.process is not None and self.process.poll() is None

    @property
    def returncode(self):
        return self.process.poll() if self.process else None

    def stop(self):
        if self.process is None:
            return
        if self.alive():
            self.process.terminate()  # warm shutdown: the main process stops its pool processes
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # whatever is left of the group
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)

    def kill(self):
        """SIGKILL the whole process group: a worker dying, with nothing acknowledged or cleaned up."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
