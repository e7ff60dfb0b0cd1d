"""Benchmark of certificate printing: a print batch through the real worker and broker, against one
WeasyPrint process and against one WeasyPrint call per certificate, in one run on one machine.

    python manage.py bench_certificates [--certificates 2505 --naive 200 --chunk-size 50 --concurrency 2]
    make bench-certificates [BENCH_ARGS="--chunk-size 100"]      # PostgreSQL + Redis

Setup, not timed: a district with N people (Vietnamese names), a signed decision granting them
a Giấy khen (`signed_decision`), the district's Giấy khen template (A4 landscape, the real
`certificates.html`), their certificates, and a secretariat user. Built once per database; a
second run reuses it (another N adds the missing people and a decision of that size). The files
go to a temporary MEDIA_ROOT, removed at the end (`--keep-files` keeps them).

(a) A real `celery worker` (prefork, `--concurrency` processes, a queue of its own) on the same
    database and broker; timed from `start_decision_batch` (the click: the batch and its chunks
    written, one task per chunk sent on commit) until the batch is READY (the merged PDF stored;
    the ZIP of one PDF per certificate follows in a task of its own, its time reported apart),
    polling every 0.1 s. The worker's memory is sampled meanwhile (VmRSS of its process
    tree; VmHWM of each process read at the end).
(b) The same N certificates as one WeasyPrint document in one process: no database, no worker
    (the page contents are built before, untimed).
(c) One WeasyPrint call per certificate, on the first `--naive` of them.
(b) and (c) each run in a fresh process of their own, so each memory figure is its own; each
renders one page first, untimed (imports, fonts). The targets are those of a 2-core machine.

The machine must be otherwise idle: the CPU time of other processes during each measurement is
printed, with a warning above 5 %. `--batch-only` measures (a) alone, e.g. to compare chunk sizes.
"""

import datetime
import os
import random
import resource
import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from kombu.utils.url import maybe_sanitize_url

from awards.catalogue.models import AwardType
from awards.certificates.batches import ensure_certificates, start_decision_batch
from awards.certificates.content import page_for
from awards.certificates.models import BatchStatus, Certificate, CertificateTemplate, PrintBatch
from awards.certificates.render import DOCUMENT, document_context
from awards.certificates.samples import signed_decision
from awards.decisions.models import Decision
from awards.history.models import Award
from awards.management.benchmarking import WorkerProcess, prepare_database, render_in_child
from awards.management.commands.bench_eligibility import FAMILY, GIVEN, MIDDLE
from thiduakt.enums import Gender, Role, UnitKind
from thiduakt.models import Person, Unit, UnitLevel, User

ROOT_CODE = "BENCH-PRINT"
USERNAME = "bench.inbang"
DATE = datetime.date(2026, 11, 20)
TARGETS = {"a_b": 1.5, "a_c": 5.0, "worker_mb": 800, "kb_per_page": 15}
POSITIONS = ["Giáo viên", "Chuyên viên", "Tổ trưởng chuyên môn", "Phó Hiệu trưởng", "Kế toán", "Nhân viên y tế",
             "Tổng phụ trách Đội", "Cán bộ văn thư - lưu trữ"]  # fmt: skip
UNITS = ["Phường Khương Đình", "Phường Thanh Xuân Bắc", "Trường Tiểu học Kim Giang", "Trường THCS Nguyễn Trãi",
         "Trường Mầm non Hoa Sữa", "Trạm Y tế phường Hạ Đình", "Phòng Giáo dục và Đào tạo",
         "Trung tâm Văn hóa - Thông tin và Thể thao"]  # fmt: skip
MOVEMENTS = ["phong trào thi đua “Dạy tốt - Học tốt”", "công tác chăm sóc sức khỏe ban đầu cho nhân dân",
             "phong trào thi đua “Chung sức xây dựng nông thôn mới và đô thị văn minh”",
             "công tác chuyển đổi số và cải cách hành chính",
             "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”"]  # fmt: skip


class Command(BaseCommand):
    help = "Measure certificate printing: a print batch through the worker, one WeasyPrint process, one call each."

    def add_arguments(self, parser):
        parser.add_argument("--certificates", type=int, default=2_505, help="Certificates in the batch, (a) and (b).")
        parser.add_argument("--naive", type=int, default=200, help="Certificates rendered one call each in (c).")
        parser.add_argument("--chunk-size", type=int, default=None,
                            help="THIDUAKT_PRINT_CHUNK_SIZE for the batch (default: the setting).")  # fmt: skip
        parser.add_argument("--concurrency", type=int, default=2, help="Worker processes (celery --concurrency).")
        parser.add_argument("--timeout", type=int, default=1800, help="Seconds to wait for the batch.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch-only", action="store_true", help="Only (a): e.g. to compare chunk sizes.")
        parser.add_argument("--keep-files", action="store_true", help="Keep the merged PDF and ZIP; print where.")
        parser.add_argument(
            "--prepare-database", action="store_true",
            help="Create the PostgreSQL database if it does not exist, and migrate it (make bench-certificates).",
        )  # fmt: skip

    def handle(self, *args, **options):
        count, concurrency = options["certificates"], options["concurrency"]
        naive = min(options["naive"], count)
        chunk_size = options["chunk_size"] or settings.THIDUAKT_PRINT_CHUNK_SIZE
        if count < 1 or naive < 1 or chunk_size < 1 or concurrency < 1:
            raise CommandError("--certificates, --naive, --chunk-size and --concurrency must be at least 1.")
        if options["prepare_database"]:
            prepare_database(self.stdout)
        started = time.perf_counter()
        world = PrintWorld.load_or_build(count, random.Random(options["seed"]), self.stdout)
        built = time.perf_counter() - started
        media = Path(tempfile.mkdtemp(prefix="bench-certificates-"))
        queue = f"bench-print-{uuid.uuid4().hex[:8]}"
        try:
            # As production runs: without Django's debug query log, on a queue no other worker reads.
            with override_settings(DEBUG=False, MEDIA_ROOT=str(media), THIDUAKT_PRINT_CHUNK_SIZE=chunk_size,
                                   THIDUAKT_PDF_QUEUE=queue):  # fmt: skip
                a = self.measure_batch(world, queue, media, concurrency, options["timeout"])
                b = c = prepared = None
                if not options["batch_only"]:
                    base, pages, prepared = self.prepare_pages(world)
                    b = measure_in_child(base, pages, one_per_page=False)
                    c = measure_in_child(base, pages[:naive], one_per_page=True)
        finally:
            if not options["keep_files"]:
                shutil.rmtree(media, ignore_errors=True)
        self.report(world, built, prepared, a, b, c, chunk_size, concurrency, queue)
        if options["keep_files"]:
            self.stdout.write(f"Files kept: {media / a.pdf_name}, {media / a.zip_name}")

    # --- (a) the print batch through the worker --------------------------------------------

    def measure_batch(self, world, queue, media, concurrency, timeout):
        # Batches of earlier runs (their files were temporary): none may be resumed by this worker.
        PrintBatch.objects.filter(decision__issuer=world.root).delete()
        node = f"{queue}@{os.uname().nodename}"
        worker = WorkerProcess(queue, node, concurrency, media)
        worker.start()
        try:
            ready_in = worker.wait_ready(timeout=180)
            sampler = MemorySampler(worker.pid)
            sampler.start()
            cpu = CpuWatch(tree=worker.pid)
            with transaction.atomic():  # the click: the chunks' tasks are sent when this commits
                started = time.perf_counter()
                batch = start_decision_batch(world.decision, actor=world.user)
            while True:
                status = PrintBatch.objects.filter(pk=batch.pk).values_list("status", flat=True).get()
                seconds = time.perf_counter() - started
                if status in (BatchStatus.READY, BatchStatus.FAILED):
                    break
                if seconds > timeout or not worker.alive():
                    break
                time.sleep(0.1)
            cpu.stop()
            # The ZIP of one PDF per certificate follows the PDF in a task of its own: not part of (a),
            # but its time is reported and the worker's memory is sampled until it is made.
            zip_seconds = None
            while status == BatchStatus.READY and time.perf_counter() - started < timeout and worker.alive():
                if PrintBatch.objects.filter(pk=batch.pk).exclude(archive="").exists():
                    zip_seconds = time.perf_counter() - started - seconds
                    break
                if PrintBatch.objects.filter(pk=batch.pk).exclude(archive_error="").exists():
                    break
                time.sleep(0.1)
            memory, exit_code = sampler.finish(), worker.returncode
        finally:
            worker.stop()
        batch.refresh_from_db()
        if batch.status != BatchStatus.READY:
            alive = "the worker still running" if exit_code is None else f"the worker exited with {exit_code}"
            why = batch.error or f"still {batch.status} after {seconds:.0f} s, {alive}"
            raise CommandError(f"(a) the print batch did not finish: {why}\n--- worker log ---\n{worker.log_tail()}")
        if batch.pages != world.count:
            raise CommandError(f"(a) the merged PDF has {batch.pages} pages, not {world.count}")
        chunks = list(batch.chunks.order_by("index").values("size", "seconds", "finished_at", "attempts"))
        last_chunk = max(c["finished_at"] for c in chunks)
        return BatchResult(
            pages=batch.pages, seconds=seconds, pdf_size=batch.size, pdf_name=batch.pdf.name,
            zip_size=batch.archive.size if batch.archive else 0, zip_name=batch.archive.name, chunks=len(chunks),
            zip_seconds=zip_seconds,
            render_seconds=sum(c["seconds"] or 0 for c in chunks), retried=sum(c["attempts"] > 1 for c in chunks),
            chunks_done_at=(last_chunk - batch.created_at).total_seconds(),
            merge_seconds=(batch.finished_at - last_chunk).total_seconds(), ready_in=ready_in, memory=memory, cpu=cpu,
        )  # fmt: skip

    # --- (b) one document, (c) one call per certificate ---------------------------------------

    def prepare_pages(self, world):
        """What the template reads for each certificate, built from the database before any timing."""
        started = time.perf_counter()
        certificates = (
            Certificate.objects.filter(award__decision_line__decision=world.decision)
            .select_related("award__person__unit", "award__unit__parent", "award__decision_line__decision__issuer")
            .order_by("award__registry_number", "pk")
        )
        pages = [page_for(certificate, world.template) for certificate in certificates]
        base = document_context(world.template, [], mode="full")
        return base, pages, time.perf_counter() - started

    # --- output --------------------------------------------------------------------------------

    def report(self, world, built, prepared, a, b, c, chunk_size, concurrency, queue):
        """b and c are None with --batch-only."""
        write = self.stdout.write
        cpus = len(os.sched_getaffinity(0))
        broker = maybe_sanitize_url(settings.CELERY_BROKER_URL)
        write("")
        write(f"Database: {connection.vendor} {connection.settings_dict['NAME']}; broker: {broker}; CPUs: {cpus}")
        verb = "built" if world.built else "reused"
        write(f"World ({verb} in {built:.1f} s): {world.summary()}")
        write(
            f"Worker: celery prefork, concurrency {concurrency}, queue {queue}, answered a ping {a.ready_in:.1f} s "
            f"after start; chunks of {chunk_size} → {a.chunks} chunks"
        )
        if b is not None:
            write(f"Page contents for (b) and (c) built from the database in {prepared:.1f} s (not timed)")
        write("")
        write(f"{'measurement':<50}{'pages':>7}{'seconds':>10}{'pages/s':>9}  memory (peak)")
        m = a.memory
        rows = [
            ("(a) print batch: click → merged PDF, worker+broker", a.pages, a.seconds,
             f"largest worker process {mb(m.peak_process)}; all {m.processes} together {mb(m.peak_total_rss)} RSS, "
             f"{mb(m.peak_total_pss)} PSS"),
        ]  # fmt: skip
        if b is not None:
            rows += [
                ("(b) one WeasyPrint document, one process", b.pages, b.seconds, f"{mb(b.peak_rss)} (its process)"),
                ("(c) one WeasyPrint call per certificate", c.pages, c.seconds, f"{mb(c.peak_rss)} (its process)"),
            ]
        for label, pages, seconds, memory in rows:
            write(f"{label:<50}{pages:>7,}{seconds:>10.2f}{rate(pages, seconds):>9.1f}  {memory}")
        write("")
        capacity = concurrency * a.chunks_done_at
        write(
            f"(a) in detail: last chunk done {a.chunks_done_at:.1f} s after the click, merge "
            f"{a.merge_seconds:.1f} s more; the ZIP {_after(a.zip_seconds)} after the PDF; "
            f"WeasyPrint time in the chunks {a.render_seconds:.1f} s of the "
            f"{capacity:.1f} process-seconds available until the last chunk ({percent(a.render_seconds, capacity)}); "
            f"chunks tried more than once: {a.retried}"
        )
        watched = [("(a)", a.cpu)] + ([("(b)", b.cpu), ("(c)", c.cpu)] if b is not None else [])
        write("CPU time used while measuring:")
        for label, cpu in watched:
            write(f"  {label} {cpu.seconds:.0f} s: {cpu.describe()}")
        busy = max(cpu.others / cpu.capacity for _label, cpu in watched if cpu.capacity)
        if busy > 0.05:
            write(f"  WARNING: other processes used up to {busy:.0%} of the machine: the figures are not clean.")
        a_rate = rate(a.pages, a.seconds)
        kb_per_page = a.pdf_size / a.pages / 1024
        checks = []
        if b is not None:
            a_b, a_c = a_rate / rate(b.pages, b.seconds), a_rate / rate(c.pages, c.seconds)
            checks += [
                ("a / b (parallel chunks beat one process)", f"{a_b:.2f}×", f"≥ {TARGETS['a_b']}×",
                 a_b >= TARGETS["a_b"]),
                ("a / c (chunks beat one call per certificate)", f"{a_c:.2f}×", f"≥ {TARGETS['a_c']:g}×",
                 a_c >= TARGETS["a_c"]),
            ]  # fmt: skip
        checks += [
            ("peak memory of a worker process", mb(m.peak_process), f"< {TARGETS['worker_mb']} MB",
             m.peak_process < TARGETS["worker_mb"] * 2**20),
            ("merged PDF per page", f"{kb_per_page:.1f} KB", f"≤ {TARGETS['kb_per_page']} KB",
             kb_per_page <= TARGETS["kb_per_page"]),
        ]  # fmt: skip
        write("")
        write(f"{'target (2-core machine)':<50}{'measured':>10}{'target':>10}")
        for label, measured, target, ok in checks:
            write(f"{label:<50}{measured:>10}{target:>10}  {'PASS' if ok else 'MISS'}")
        write("")
        write(
            f"Merged PDF: {mb(a.pdf_size)} for {a.pages:,} pages; ZIP of one PDF per certificate: {mb(a.zip_size)} "
            f"({a.zip_size / a.pages / 1024:.1f} KB per certificate)"
        )
        if b is not None:
            write(
                f"For comparison: (b)'s one document {b.pdf_size / b.pages / 1024:.1f} KB/page; "
                f"(c)'s single PDFs {c.pdf_size / c.pages / 1024:.1f} KB/page"
            )
        write(
            f"Worker memory, per process (VmHWM): {', '.join(mb(v) for v in m.per_process)}; "
            "sum of RSS counts pages shared by the prefork processes more than once, PSS shares them out"
        )


def rate(pages, seconds):
    return pages / seconds if seconds else float("inf")


def percent(part, whole):
    return f"{part / whole:.0%}" if whole else "–"


def mb(size):
    return f"{size / 2**20:,.1f} MB" if size < 100 * 2**20 else f"{size / 2**20:,.0f} MB"


def _after(seconds):
    return "not made" if seconds is None else f"{seconds:.1f} s"


class BatchResult:
    def __init__(self, **fields):
        self.__dict__.update(fields)


class ChildResult:
    def __init__(self, seconds, pages, pdf_size, peak_rss, cpu):
        self.seconds, self.pages, self.pdf_size, self.peak_rss, self.cpu = seconds, pages, pdf_size, peak_rss, cpu


def measure_in_child(base, pages, *, one_per_page):
    cpu = CpuWatch()
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        figures = pool.submit(render_in_child, DOCUMENT, base, pages, one_per_page).result()
    cpu.stop()  # the child has been waited for: its CPU time is in RUSAGE_CHILDREN
    return ChildResult(*figures, cpu=cpu)


# --- was the machine free? -----------------------------------------------------------------------

SERVICES = ("postgres", "redis-server")


class CpuWatch:
    """The machine's CPU time over a span, shared out: this benchmark (this process, its children
    once they have been waited for, and the live process tree `tree`, the worker), PostgreSQL and
    Redis, and everything else — another job on a shared machine slows every figure down, and
    this says so."""

    def __init__(self, tree=None):
        self.tree = tree
        self.started = time.perf_counter()
        self.start = self._read()

    def stop(self):
        end = self._read()
        self.seconds = time.perf_counter() - self.started
        self.machine, self.ours, self.services, self.steal = (b - a for a, b in zip(self.start, end, strict=True))
        self.others = max(0.0, self.machine - self.ours - self.services)
        self.capacity = self.seconds * len(os.sched_getaffinity(0))

    def _read(self):
        tick = os.sysconf("SC_CLK_TCK")
        with open("/proc/stat") as handle:
            fields = [int(v) for v in handle.readline().split()[1:]]
        user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        ours = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
        if self.tree is not None:
            ours += sum(_cpu_ticks(pid) or 0 for pid in process_tree(self.tree)) / tick
        services = sum(_cpu_ticks(pid) or 0 for pid in _pids() if _name(pid).startswith(SERVICES)) / tick
        return (user + nice + system + irq + softirq) / tick, ours, services, steal / tick

    def describe(self):
        return (
            f"this benchmark {self.ours:.0f} s, PostgreSQL + Redis {self.services:.0f} s, other processes "
            f"{self.others:.0f} s ({percent(self.others, self.capacity)} of the machine), steal {self.steal:.0f} s"
        )


def _pids():
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _stat(pid):
    """(name, the fields after it) of /proc/<pid>/stat; None when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            text = handle.read()
    except OSError:
        return None
    return text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()


def _name(pid):
    stat = _stat(pid)
    return stat[0] if stat else ""


def _cpu_ticks(pid):
    """utime + stime of a process and of the children it has waited for (for PostgreSQL's
    postmaster, the backends of connections already closed)."""
    stat = _stat(pid)
    return sum(int(v) for v in stat[1][11:15]) if stat else None


# --- the worker and its memory ----------------------------------------------------------------


def process_tree(pid):
    """The pid and all its descendants that are alive."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo.extend(int(child) for child in handle.read().split())
            except OSError:
                pass
    return found


def proc_kb(path, key):
    """A 'Key:  123 kB' line of a /proc file, in bytes (None when the process is gone)."""
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


class Memory:
    def __init__(self, peak_process, peak_total_rss, peak_total_pss, per_process, processes):
        self.peak_process, self.peak_total_rss, self.peak_total_pss = peak_process, peak_total_rss, peak_total_pss
        self.per_process, self.processes = per_process, processes


class MemorySampler(threading.Thread):
    """Samples the memory of the worker's process tree every 0.2 s until `finish`."""

    def __init__(self, pid, interval=0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.done = threading.Event()
        self.peaks = {}  # pid → highest VmRSS seen
        self.total_rss = self.total_pss = 0

    def run(self):
        while not self.done.wait(self.interval):
            self.sample()

    def sample(self):
        rss = pss = 0
        for pid in process_tree(self.pid):
            resident = proc_kb(f"/proc/{pid}/status", "VmRSS")
            if resident is None:
                continue
            self.peaks[pid] = max(self.peaks.get(pid, 0), resident)
            rss += resident
            pss += proc_kb(f"/proc/{pid}/smaps_rollup", "Pss") or 0
        self.total_rss, self.total_pss = max(self.total_rss, rss), max(self.total_pss, pss)

    def finish(self):
        """Stop sampling; the peaks, with each live process's own high-water mark (VmHWM)."""
        self.done.set()
        self.join()
        self.sample()
        for pid in process_tree(self.pid):
            self.peaks[pid] = max(self.peaks.get(pid, 0), proc_kb(f"/proc/{pid}/status", "VmHWM") or 0)
        per_process = sorted(self.peaks.values(), reverse=True)
        return Memory(max(per_process, default=0), self.total_rss, self.total_pss, per_process, len(per_process))


# --- the world: a district, its people, a signed decision, the template ---------------------------


class PrintWorld:
    def __init__(self, root, decision, template, user, count, built):
        self.root, self.decision, self.template, self.user = root, decision, template, user
        self.count, self.built = count, built

    @classmethod
    def load_or_build(cls, count, rng, out):
        with transaction.atomic():
            root = Unit.objects.filter(code=ROOT_CODE).first()
            built = root is None
            if built:
                out.write(f"Building the printing world ({count:,} people and their Giấy khen)…")
                root = _units()
            units = list(Unit.objects.filter(parent=root).order_by("pk"))
            people = list(Person.objects.filter(unit__path__startswith=root.path).order_by("pk"))
            if len(people) < count:
                built = True
                people += _people(units, count - len(people), rng, start=len(people))
            # The template as the demo's (update: a database built by an earlier version keeps up).
            template, made = CertificateTemplate.objects.update_or_create(
                award_type=AwardType.objects.get(code="GK_QUAN"), issuer=root,
                defaults={"name": "Giấy khen của Chủ tịch UBND quận (benchmark)", "heading": "GIẤY KHEN",
                          "issuer_title": "CHỦ TỊCH ỦY BAN NHÂN DÂN\nQUẬN THỬ NGHIỆM", "place": "Thử Nghiệm",
                          "page_size": "A4", "orientation": "landscape", "frame_style": "classic",
                          "emblem": "emblem-star.png"},
            )  # fmt: skip
            user, made_user = User.objects.get_or_create(
                username=USERNAME, defaults={"role": Role.SECRETARIAT, "unit": root, "full_name": "Văn thư Thử Nghiệm"}
            )
            number = f"{count}/QĐ-UBND"
            decision = Decision.objects.filter(issuer=root, number=number).first()
            if decision is None:
                built = True
                decision = signed_decision(
                    issuer=root, award_type=template.award_type, nominees=people[:count], number=number, date=DATE,
                    signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", signer_name="Trần Văn Minh", year=2026,
                    achievement=lambda person: _achievement(rng),
                )  # fmt: skip
            awards = Award.objects.filter(decision_line__decision=decision).order_by("registry_number", "pk")
            # Created now, untimed, so that every run's (a) does the same work.
            ensure_certificates(list(awards))
        return cls(root, decision, template, user, count, built or made or made_user)

    def summary(self):
        people = Person.objects.filter(unit__path__startswith=self.root.path).count()
        units = Unit.objects.filter(path__startswith=self.root.path).count()
        t = self.template
        return (
            f"{people:,} people in {units} units; decision {self.decision.number} with {self.count:,} Giấy khen; "
            f"template “{t.name}” {t.page_size} {t.orientation}, frame {t.frame_style}"
        )


def _units():
    level = {
        name: UnitLevel.objects.get_or_create(name=name, defaults={"rank": rank})[0]
        for name, rank in (("Quận/Huyện", 2), ("Phường/Xã", 3), ("Cơ quan, trường học", 4))
    }
    root = Unit(code=ROOT_CODE, name="Quận Thử Nghiệm", kind=UnitKind.ADMINISTRATIVE, level=level["Quận/Huyện"])
    root.save()
    for index, name in enumerate(UNITS, start=1):
        kind = UnitKind.ADMINISTRATIVE if name.startswith("Phường") else UnitKind.SCHOOL
        unit = Unit(code=f"{ROOT_CODE}-{index}", name=name, parent=root, kind=kind,
                    level=level["Phường/Xã" if kind == UnitKind.ADMINISTRATIVE else "Cơ quan, trường học"])  # fmt: skip
        unit.save()
    return root


def _people(units, count, rng, start):
    made = []
    for index in range(start, start + count):
        gender = rng.choice([Gender.MALE, Gender.FEMALE])
        middle = "Thị" if gender == Gender.FEMALE and rng.random() < 0.6 else rng.choice(MIDDLE)
        given = rng.choice(GIVEN)
        if rng.random() < 0.05:  # a long name: set smaller on the certificate
            given = f"{rng.choice(MIDDLE)} {given} {rng.choice(GIVEN)}"
        made.append(
            Person(
                full_name=f"{rng.choice(FAMILY)} {middle} {given}", gender=gender, unit=units[index % len(units)],
                birth_date=datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(35 * 365)),
                position=rng.choice(POSITIONS),
            ).prepare()
        )  # fmt: skip
    return Person.objects.bulk_create(made, batch_size=2000)


def _achievement(rng):
    text = f"Có thành tích xuất sắc trong {rng.choice(MOVEMENTS)} năm học 2025 - 2026"
    if rng.random() < 0.05:  # a long one: set smaller on the certificate
        text += ", góp phần hoàn thành thắng lợi nhiệm vụ chính trị của đơn vị và phong trào thi đua yêu nước của quận"
    return text
