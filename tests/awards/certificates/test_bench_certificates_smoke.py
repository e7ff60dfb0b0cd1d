"""The certificate printing benchmark runs end to end on tiny sizes — a real worker process on
the test database and broker — so CI proves `make bench-certificates` still works."""

import io
import os
import re

import pytest
from django.core.management import call_command

from awards.certificates.models import BatchStatus, Certificate, PrintBatch
from thiduakt.models import Person

pytestmark = pytest.mark.worker

TINY = {"certificates": 12, "naive": 3, "chunk_size": 4}


# The worker reads what this test committed; serialized_rollback restores the seeded catalogue after,
# and `catalogue` seeds it again should an earlier transactional test on this worker have flushed it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bench_certificates_runs_through_a_real_worker(catalogue):
    out = io.StringIO()
    call_command("bench_certificates", stdout=out, stderr=io.StringIO(), **TINY)
    report = out.getvalue()
    for label in (
        "(a) print batch: click → merged PDF",
        "(b) one WeasyPrint document",
        "(c) one WeasyPrint call per certificate",
        "a / b",
        "a / c",
        "peak memory of a worker process",
        "merged PDF per page",
        "chunks of 4 → 3 chunks",
    ):
        assert label in report, report
    assert Person.objects.count() == 12
    assert Certificate.objects.count() == 12
    batch = PrintBatch.objects.get()
    assert batch.status == BatchStatus.READY and batch.pages == 12
    # The worker was stopped, its processes with it.
    queue = re.search(r"queue (bench-print-\w+)", report).group(1)
    assert not any(queue in _cmdline(pid) for pid in os.listdir("/proc") if pid.isdigit())


def _cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().decode(errors="replace")
    except OSError:
        return ""
