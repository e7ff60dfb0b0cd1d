"""Load benchmark: the demo's size against a district at scale, under concurrent users.

    python manage.py bench_load [--nominations 100000 --people 50000 --history 300000
                                 --users 50 --spawn-rate 10 --duration 60 --workers 2]

Three PostgreSQL databases beside the configured one, built once and reused: `<name>_demo`
(`load_demo`), and two copies of it, `<name>_small` as it is and `<name>_large` with a
district at scale under Quận Thanh Xuân (bulk inserts), so the same demo accounts see a few
dozen or a hundred thousand nominations. Both get the same scene: a council session being prepared, one open
for voting, certificates to check. Then, on each in turn, gunicorn (`--workers`) on loopback
and locust headless with the mix of `awards/management/locustfile.py`; the table gives
requests/s, p50/p95/p99 per page and errors for each size, and the ratio large/small.
"""

import csv
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.urls import reverse

from awards.catalogue.models import AwardType
from awards.certificates.models import Certificate
from awards.council import services as council_service
from awards.council.models import Council, CouncilSession
from awards.enums import NominationStatus, SessionStatus, SubmissionStatus
from awards.history.models import Award
from awards.management.benchmarking import database_url, prepare_database
from awards.management.commands.bench_eligibility import ROUND, _Builder
from awards.nominations.models import Nomination, Submission
from awards.nominations.services import add_nomination, create_submission
from thiduakt.models import Person, Unit, User

LOCUSTFILE = Path(__file__).resolve().parent.parent / "locustfile.py"
DISTRICT = "TX"  # the demo's district the large size grows, and whose accounts log in
ACCOUNTS = {"secretariat": "thanhxuan.chuyenvien", "unit_staff": "thanhxuan.canbo", "member": "thanhxuan.hoidong"}
PASSWORD = "Thiduakt@2026"  # every demo account's (README)
LONG_SUBMISSION = 2_000  # lines of the one long list of the large size
# The 2024 round of the large size, by status: most lines waiting for the council or the secretariat.
STATUSES = {
    NominationStatus.VERIFIED: 45, NominationStatus.SUBMITTED: 30, NominationStatus.RETURNED: 5,
    NominationStatus.REJECTED: 5, NominationStatus.DRAFT: 15,
}  # fmt: skip


class Command(BaseCommand):
    help = "Measure the pages under concurrent users, on the demo's size and on a district at scale."

    def add_arguments(self, parser):
        parser.add_argument("--nominations", type=int, default=100_000)
        parser.add_argument("--people", type=int, default=50_000)
        parser.add_argument("--history", type=int, default=300_000, help="Award history rows, at least.")
        parser.add_argument("--agenda", type=int, default=500, help="Items of each council session (large size).")
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--spawn-rate", type=int, default=10)
        parser.add_argument("--duration", type=int, default=60, help="Seconds of load on each size.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--prepare", choices=["demo", "small", "large"], help=argparse_hidden())
        parser.add_argument("--targets", help=argparse_hidden())

    def handle(self, *args, **options):
        if options["prepare"]:  # in a child process, connected to the database it prepares
            return self.prepare(options)
        if connection.vendor != "postgresql":
            raise CommandError("The load benchmark runs on PostgreSQL: set DATABASE_URL (see `make bench-load`).")
        base = connection.settings_dict
        results, started = {}, time.perf_counter()
        name = base["NAME"]
        self.child(database_url({**base, "NAME": f"{name}_demo"}), "--prepare", "demo")
        with tempfile.TemporaryDirectory(prefix="bench-load-") as work:
            for size in ("small", "large"):
                url = database_url({**base, "NAME": f"{name}_{size}"})
                targets = Path(work) / f"{size}.json"
                self.stdout.write(f"[{size}] preparing {name}_{size}…")
                copy_database(f"{name}_demo", f"{name}_{size}")
                self.child(url, "--prepare", size, "--targets", str(targets), *self.size_args(options))
                summary = json.loads(targets.read_text())["summary"]
                self.stdout.write(f"[{size}] {summary}; {options['users']} users for {options['duration']} s…")
                results[size] = self.measure(url, targets, Path(work) / size, options)
        self.report(results, options, time.perf_counter() - started)

    @staticmethod
    def size_args(options):
        return [f"--{name}={options[name]}" for name in ("nominations", "people", "history", "agenda", "seed")]

    def child(self, url, *args):
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run([sys.executable, "manage.py", "bench_load", *args], cwd=settings.BASE_DIR, env=env, check=True)

    # --- The databases ----------------------------------------------------------------------

    def prepare(self, options):
        if options["prepare"] == "demo":  # the template both sizes are copied from
            prepare_database(self.stdout)
            if not Unit.objects.exists():
                call_command("load_demo", stdout=self.stdout)
            return
        call_command("migrate", interactive=False, verbosity=0)  # a copy made before a new migration
        rng = random.Random(options["seed"])
        district = Unit.objects.get(code=DISTRICT)
        if options["prepare"] == "large" and not Person.objects.filter(unit__code__startswith="BENCH-").exists():
            started = time.perf_counter()
            with transaction.atomic():
                grow(district, options, rng)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would have, before anyone measures
            self.stdout.write(f"District built in {time.perf_counter() - started:.0f} s.")
        agenda = options["agenda"] if options["prepare"] == "large" else 10
        targets = Scene(district, rng).build(agenda)
        Path(options["targets"]).write_text(json.dumps(targets))

    # --- The measurement --------------------------------------------------------------------

    def measure(self, url, targets, prefix, options):
        port, log = free_port(), Path(f"{prefix}_gunicorn.log")
        env = {
            **os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(40),
            "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0", "BEHIND_TLS_PROXY": "0", "LOG_LEVEL": "ERROR",
            # The pages, not the static files: no collectstatic manifest to build first.
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        }  # fmt: skip
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "thiduakt.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(options["workers"]), "--timeout", "120", "--preload"],
            cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"), start_new_session=True,
        )  # fmt: skip
        try:
            wait_for_port(port, server)
            warm_up(port, options["workers"])
            subprocess.run(
                [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary",
                 "-u", str(options["users"]), "-r", str(options["spawn_rate"]), "-t", f"{options['duration']}s",
                 "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--loglevel", "WARNING"],
                cwd=settings.BASE_DIR, env={**os.environ, "BENCH_LOAD_TARGETS": str(targets)},
                stdout=subprocess.DEVNULL, stderr=Path(f"{prefix}_locust.log").open("wb"),
                check=False,  # locust exits 1 when a request failed: the table reports it
            )  # fmt: skip
        finally:
            stop(server)
        stats = read_stats(Path(f"{prefix}_stats.csv"))
        if not stats.get("Aggregated", {}).get("requests"):
            raise CommandError(f"No request was measured:\n{tail(prefix, '_locust')}\n{tail(prefix, '_gunicorn')}")
        if stats["Aggregated"]["failures"]:
            self.stdout.write(f"Failures:\n{tail(prefix, '_failures', suffix='.csv')}\n{tail(prefix, '_gunicorn')}")
        return stats

    def report(self, results, options, elapsed):
        small, large = results["small"], results["large"]
        w = self.stdout.write
        w("")
        w(f"Load benchmark: {options['users']} users, {options['duration']} s on each size, "
          f"gunicorn -w {options['workers']} on loopback (took {elapsed:.0f} s)")  # fmt: skip
        header = f"{'page':<28}{'size':>6}{'req':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
        w(header)
        w("-" * len(header))
        for name in sorted(set(small) | set(large), key=lambda n: (n == "Aggregated", n)):
            for label, stats in (("small", small), ("large", large)):
                row = stats.get(name)
                if row:
                    w(f"{name:<28}{label:>6}{row['requests']:>7}{row['rps']:>8.1f}{row['p50']:>9}{row['p95']:>9}"
                      f"{row['p99']:>9}{row['failures']:>8}")  # fmt: skip
            if name in small and name in large:
                ratio = " ".join(f"{k} {ratio_of(large[name][k], small[name][k])}" for k in ("p50", "p95", "p99"))
                w(f"{'':<28}{'L/S':>6}  {ratio}")
        few, many = small.get("Aggregated", {}), large.get("Aggregated", {})
        w(f"Errors: small {few.get('failures', 0)}, large {many.get('failures', 0)}; "
          f"requests/s large/small {ratio_of(many.get('rps', 0), few.get('rps', 0))}")  # fmt: skip


def copy_database(source, target):
    """Each size starts as a copy of the demo's database (loaded once, not once a size)."""
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target])
        if cursor.fetchone() is None:
            quote = connection.ops.quote_name
            cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS


def ratio_of(large, small):
    return f"{large / small:.1f}×" if small else "—"


def read_stats(path):
    """locust's `_stats.csv`: one row per page name, and the `Aggregated` row."""
    stats = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            stats[row["Name"]] = {
                "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]), "p50": _ms(row["50%"]), "p95": _ms(row["95%"]),
                "p99": _ms(row["99%"]),
            }  # fmt: skip
    return stats


def _ms(value):
    return int(float(value)) if value not in ("", "N/A") else 0


def stop(process):
    """gunicorn's graceful stop, then whatever is left of its process group."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def tail(prefix, name, suffix=".log", lines=30):
    return "\n".join(Path(f"{prefix}{name}{suffix}").read_text(errors="replace").splitlines()[-lines:])


def warm_up(port, workers):
    """A few requests first, so no worker's first page (its lazy imports, its connection) is measured."""
    for _ in range(4 * workers):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=60) as response:
            response.read()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError(f"gunicorn exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise CommandError("gunicorn did not start listening")


# --- The district at scale ------------------------------------------------------------------


def grow(district, options, rng):
    """Wards and schools under the demo's district, their people and history (the eligibility
    benchmark's builder), a sixth of the people moved to the unit staff's ward, and nominations."""
    builder = _Builder(rng)
    builder.build(options["people"], options["history"], parent=district)
    ward = User.objects.get(username=ACCOUNTS["unit_staff"]).unit
    people = list(Person.objects.filter(unit__code__startswith="BENCH-").values_list("pk", flat=True))
    Person.objects.filter(pk__in=people[::6]).update(unit=ward)
    nominations(district, ward, options["nominations"], rng)


def nominations(district, ward, count, rng):
    """`count` lines over two rounds: per unit and round a draft list and a sent one, and one
    long list of the ward's; collectives about one line in ten."""
    units = list(Unit.objects.filter(code__startswith="BENCH-").order_by("pk"))
    types = dict(AwardType.objects.values_list("code", "pk"))
    people = list(Person.objects.filter(unit__in=[ward, *units]).values_list("pk", "unit_id"))
    actor = User.objects.get(username=ACCOUNTS["unit_staff"])
    rounds = (ROUND - 1, ROUND)
    now = time_now()
    lists = {}
    for year in rounds:
        for unit in [ward, *units]:
            for status in (SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED):
                lists[(unit.pk, year, status)] = Submission(
                    proposing_unit=unit, year=year, status=status, created_by=actor, number=f"{unit.pk}/{year}/TTr",
                    submitted_at=now if status == SubmissionStatus.SUBMITTED else None,
                )  # fmt: skip
    Submission.objects.bulk_create(lists.values(), batch_size=2000)
    long_list = Submission.objects.create(
        proposing_unit=ward, year=ROUND, status=SubmissionStatus.SUBMITTED, submitted_at=now, created_by=actor,
        number="2000/TTr-UBND",
    )  # fmt: skip
    slots = [(pk, unit_id, year) for pk, unit_id in people for year in rounds]
    rng.shuffle(slots)
    collective = count // 10
    statuses, weights = list(STATUSES), list(STATUSES.values())
    individual = ["LDTT"] * 8 + ["CSTD_CS"] * 4 + ["BK_TP", "CSTD_TP", "GK_QUAN"]
    made, positions, listed = [], {}, set()

    def line(submission, **who):
        # A list proposes a nominee for an award once (a database constraint): a repeat is left out.
        key = (submission.pk, who.get("person_id"), who.get("unit"), who["award_type_id"])
        if key in listed:
            return
        listed.add(key)
        positions[submission.pk] = positions.get(submission.pk, 0) + 1
        status = (
            NominationStatus.DRAFT if submission.status == SubmissionStatus.DRAFT
            else NominationStatus.SUBMITTED if submission is long_list
            else rng.choices(statuses[:-1], weights[:-1])[0]
        )  # fmt: skip
        outcome = rng.choices(["pass", "fail", "manual"], weights=[70, 15, 15])[0]
        made.append(Nomination(
            submission=submission, year=submission.year, status=status, position=positions[submission.pk],
            achievement="Hoàn thành xuất sắc nhiệm vụ được giao.", eligibility={"outcome": outcome, "results": []},
            **who,
        ))  # fmt: skip

    def proposed(person_id, unit_id, year):
        status = SubmissionStatus.DRAFT if rng.random() < weights[-1] / 100 else SubmissionStatus.SUBMITTED
        line(lists[(unit_id, year, status)], person_id=person_id, award_type_id=types[rng.choice(individual)])

    for slot in slots[: count - collective - LONG_SUBMISSION]:
        proposed(*slot)
    for person_id, _unit, _year in slots[-LONG_SUBMISSION:]:
        line(long_list, person_id=person_id, award_type_id=types["LDTT"])
    for index in range(collective):
        unit, year = units[index % len(units)], rounds[index % 2]
        code = ("TTLDTT", "TTLDXS", "BK_TP", "CO_TP")[(index // len(units)) % 4]
        line(lists[(unit.pk, year, SubmissionStatus.SUBMITTED)], unit=unit, award_type_id=types[code])
    # Once every unit has each collective award in its lists, a collective line would repeat: people make up the count.
    for slot in slots[count - collective - LONG_SUBMISSION : -LONG_SUBMISSION][: max(0, count - len(made))]:
        proposed(*slot)
    Nomination.objects.bulk_create(made, batch_size=5000)


def time_now():
    from django.utils import timezone

    return timezone.now()


# --- What every size holds for the users ----------------------------------------------------


class Scene:
    """A session being prepared and one open for voting (the member present), certificates,
    and the addresses the locust users open — the same on both sizes."""

    def __init__(self, district, rng):
        self.district, self.rng = district, rng
        self.secretariat = User.objects.get(username=ACCOUNTS["secretariat"])
        self.staff = User.objects.get(username=ACCOUNTS["unit_staff"])
        self.council = Council.objects.get(unit=district)

    def build(self, agenda):
        sessions = CouncilSession.objects.filter(council=self.council, place="Phòng họp (bench_load)")
        with transaction.atomic():
            if not sessions.exists():
                self.sessions(agenda)
            if not Certificate.objects.exists():
                self.certificates(agenda * 20)
            if not Submission.objects.filter(proposing_unit=self.staff.unit, status=SubmissionStatus.DRAFT).exists():
                self.ward_list()
        draft = sessions.get(status=SessionStatus.DRAFT)
        voting = sessions.get(status=SessionStatus.VOTING)
        return self.targets(draft, voting)

    def sessions(self, agenda):
        verified = list(
            Nomination.objects.filter(
                status=NominationStatus.VERIFIED, award_type__public_posting=False,
                submission__proposing_unit__path__startswith=self.district.path,
            ).order_by("pk")[: 2 * agenda]
        )  # fmt: skip
        for status, chosen in ((SessionStatus.VOTING, verified[agenda:]), (SessionStatus.DRAFT, verified[:agenda])):
            session = council_service.create_session(
                actor=self.secretariat, council=self.council, held_on=time_now().date(), place="Phòng họp (bench_load)"
            )
            council_service.add_to_agenda(session, chosen, actor=self.secretariat)
            if status == SessionStatus.VOTING:
                council_service.record_attendance(session, self.council.members.all(), actor=self.secretariat)
                # A benchmark's scene: the passphrase only seals the secret ballots nobody counts here.
                council_service.open_voting(session, actor=self.secretariat, passphrase="bench-load ballot box")

    def certificates(self, count):
        awards = Award.objects.filter(decision_line__isnull=False, certificate__isnull=True)  # as printed
        Certificate.objects.bulk_create(
            [Certificate(award=award, name_lines=str(award.person_id), detail_lines=str(award.year))
             for award in awards.order_by("pk")[:count]], batch_size=5000,
        )  # fmt: skip

    def ward_list(self):
        """The demo has no list of the unit staff's ward: a draft one, as the staff would make it."""
        submission = create_submission(
            actor=self.staff, data={"proposing_unit": self.staff.unit, "year": ROUND, "method": "regular"}
        )
        ldtt = AwardType.objects.get(code="LDTT")
        for person in Person.objects.filter(unit=self.staff.unit, is_active=True).order_by("pk")[:10]:
            data = {"person": person, "award_type": ldtt, "achievement": "Hoàn thành tốt nhiệm vụ."}
            add_nomination(submission, actor=self.staff, evaluate=False, data=data)

    def targets(self, draft, voting):
        own = Submission.objects.filter(proposing_unit__path__startswith=self.staff.unit.path)
        submissions = list(own.order_by("-pk").values_list("pk", flat=True)[:40])
        drafts = list(own.filter(status=SubmissionStatus.DRAFT).values_list("pk", flat=True)[:10])
        codes = list(Certificate.objects.order_by("?").values_list("code", flat=True)[:200])
        award_types = list(AwardType.objects.filter(is_active=True).values_list("pk", flat=True))
        return {
            "summary": (
                f"{Nomination.objects.count():,} nominations, {Person.objects.count():,} people, "
                f"{Award.objects.count():,} awards, {CouncilSession.objects.get(pk=draft.pk).items.count()} "
                f"agenda items a session, {Certificate.objects.count():,} certificates"
            ),
            "password": PASSWORD, "accounts": ACCOUNTS, "login": reverse("login"),
            "dashboard": reverse("dashboard"), "inbox": reverse("nominations:inbox"),
            "submission_list": reverse("nominations:submission_list"), "session_list": reverse("council:session_list"),
            "inbox_filters": [{"award_type": pk} for pk in award_types] + [{"q": q} for q in ("nguyen van", "thi")],
            "submissions": [reverse("nominations:submission_detail", args=[pk]) for pk in submissions],
            "nomination_forms": [reverse("nominations:add", args=[pk]) + "?nominee=person" for pk in drafts],
            "person_searches": [reverse("nominations:people", args=[pk]) for pk in drafts],
            "draft_session": reverse("council:session_detail", args=[draft.pk]),
            "ballot": reverse("council:session_ballot", args=[voting.pk]),
            "certificates": [reverse("public:verify", args=[code]) for code in codes],
        }  # fmt: skip
