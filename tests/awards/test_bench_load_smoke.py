"""The load benchmark runs end to end on tiny sizes — its databases, gunicorn and locust — so CI
proves `make bench-load` still works."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection

TINY = {"nominations": 400, "people": 200, "history": 600, "agenda": 4, "users": 4, "spawn_rate": 4,
        "duration": 8, "workers": 1}  # fmt: skip
PAGES = {"inbox", "submission", "session being prepared", "ballot", "certificate check", "login"}


@pytest.fixture
def databases_of_the_benchmark(db):
    name = connection.settings_dict["NAME"]
    yield [f"{name}_{suffix}" for suffix in ("demo", "small", "large")]
    with connection._nodb_cursor() as cursor:
        for database in (f"{name}_{suffix}" for suffix in ("demo", "small", "large")):
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(database)}")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the load benchmark runs on PostgreSQL")
def test_bench_load_measures_both_sizes_without_errors(databases_of_the_benchmark):
    out = io.StringIO()
    call_command("bench_load", stdout=out, stderr=io.StringIO(), **TINY)
    report = out.getvalue()
    assert "Load benchmark: 4 users, 8 s on each size, gunicorn -w 1" in report, report
    row = re.compile(r"^(?P<page>.{28})\s*(?P<size>small|large)\s", re.M)
    rows = {(m["page"].strip(), m["size"]) for m in row.finditer(report)}
    for size in ("small", "large"):
        assert ("Aggregated", size) in rows, report
    assert {page for page, _ in rows} & set(PAGES) - {"login"}, report  # a few seconds: not every page is drawn
    assert re.search(r"^Errors: small 0, large 0;", report, re.M), report
    assert re.search(r"\[large\] [\d,]+ nominations", report)
