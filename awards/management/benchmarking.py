"""What the benchmark commands share: the database they run on, and clean child processes.

Only the standard library at module level: `render_in_child` runs in a process started with
`spawn`, which imports this module before Django is set up.
"""

import resource
import time


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
    from awards.documents.render import render_pdf

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
