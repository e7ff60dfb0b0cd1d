"""The benchmark command runs end to end on tiny sizes, so CI proves `make bench` still works."""

import io

from django.core.management import call_command

from awards.history.models import Award
from awards.nominations.models import Nomination
from thiduakt.models import ImportBatch, Person

TINY = {"people": 200, "history": 2000, "nominations": 50, "rows": 40}


def test_bench_eligibility_runs_and_leaves_only_the_district(db):
    out = io.StringIO()
    call_command("bench_eligibility", stdout=out, stderr=io.StringIO(), **TINY)
    report = out.getvalue()
    for label in ("(a) import: check + confirm", "(b) evaluate in one batch", "(c) evaluate one by one", "(c)/(b)"):
        assert label in report
    assert "Peak RSS" in report
    assert Person.objects.count() == 200 and Award.objects.count() >= 2000
    # The measurements are rolled back: a second run measures the same district again.
    assert not Nomination.objects.exists() and not ImportBatch.objects.exists()
    call_command("bench_eligibility", stdout=(again := io.StringIO()), stderr=io.StringIO(), **TINY)
    assert "reused" in again.getvalue() and Person.objects.count() == 200
