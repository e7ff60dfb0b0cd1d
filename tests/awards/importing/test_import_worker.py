"""A large nomination list is checked, then imported, by a real worker process while the page
polls its progress; the file waits for a worker that starts late, and nothing is lost."""

import datetime
import re
import time
import uuid
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from awards.management.benchmarking import WorkerProcess
from tests.awards.importing.test_import_nominations import office, row, upload  # noqa: F401 - office is the world's fixture
from thiduakt.enums import Gender
from thiduakt.models import AuditLog, ImportBatch, Person

pytestmark = pytest.mark.worker

PEOPLE, NEW = 400, 20


def citizen_id(gender, birth, sequence):
    century = (birth.year // 100 - 19) * 2 + (1 if gender == Gender.FEMALE else 0)
    return f"001{century}{birth.year % 100:02d}{sequence:06d}"


def poll(client, batch, timeout):
    """GET the progress panel every 0.2 s, as the page does, until it asks the page to reload.
    Returns the (status, rows done) the panels showed."""
    url, shown = reverse("import_progress", args=[batch.pk]), []
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        response = client.get(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        if response.headers.get("HX-Refresh") == "true":
            return shown
        html = response.content.decode()
        status = re.search(r'data-status="(\w+)"', html).group(1)
        shown.append((status, int(re.search(r'data-done="(\d+)"', html).group(1))))
        time.sleep(0.2)
    raise AssertionError(f"the worker did not finish in {timeout} s; the panels showed {shown[-5:]}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("catalogue")
def test_a_large_list_is_checked_and_imported_by_the_worker_with_its_progress(catalogue, client, office, settings):  # noqa: F811
    queue = f"test-import-{uuid.uuid4().hex[:8]}"
    settings.THIDUAKT_IMPORT_QUEUE = queue
    settings.THIDUAKT_IMPORT_BACKGROUND_BYTES = 10 * 1024
    born = datetime.date(1980, 1, 1)
    on_record = Person.objects.bulk_create(
        Person(full_name=f"Vũ Văn Mạnh {n}", gender=Gender.MALE, birth_date=born, unit=office.ward,
               citizen_id=citizen_id(Gender.MALE, born, n)).prepare()
        for n in range(PEOPLE)
    )  # fmt: skip
    rows = [row(p.full_name, citizen_id=p.citizen_id) for p in on_record]
    rows.insert(10, row("Ai Đó", citizen_id="001080999999"))  # row 12: nobody in thiduakt
    for n in range(NEW):
        birth = born + datetime.timedelta(days=n)
        rows.append(row(f"Hồ Thị Mới {n}", birth=birth.strftime("%d/%m/%Y"), gender="Nữ", unit_code="TX-KT",
                        citizen_id=citizen_id(Gender.FEMALE, birth, 700_000 + n)))  # fmt: skip
    client.force_login(office.staff)
    pk = office.submission.pk
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    worker = WorkerProcess(queue, f"import-{uuid.uuid4().hex[:6]}@test", 1, media)
    try:
        # No worker yet: the upload answers at once and the file waits with its batch.
        started = time.monotonic()
        response = client.post(reverse("importing:submission_import", args=[pk]), {"file": upload(rows)})
        assert response.status_code == 302 and time.monotonic() - started < 5
        batch = ImportBatch.objects.get(target__submission=pk)
        assert (batch.status, batch.in_worker, batch.valid_rows) == (ImportBatch.Status.CHECKING, True, [])
        assert batch.file and Path(batch.file.path).exists()
        page = client.get(response["Location"]).content.decode()
        assert 'id="import-progress"' in page and "Đang chờ" in page
        panel = client.get(reverse("import_progress", args=[batch.pk]), HTTP_HX_REQUEST="true")
        assert "HX-Refresh" not in panel.headers and "Đang chờ" in panel.content.decode()

        worker.start()
        shown = poll(client, batch, 240)
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.PENDING, batch.problem
        assert (batch.total_rows, batch.valid_count, batch.progress_done) == (PEOPLE + 1 + NEW, PEOPLE + NEW, 421)
        assert [e["row"] for e in batch.errors] == [12]
        assert not batch.file  # the stored upload is deleted once checked
        assert shown and shown[0] == ("checking", 0)
        review = client.get(response["Location"]).content.decode()
        assert 'id="import-errors"' in review and "Dòng 12" in review and 'id="import-progress"' not in review

        confirmed = client.post(
            reverse("importing:submission_import_confirm", args=[pk, batch.pk]), {"accept_partial": "1"}
        )
        assert confirmed.status_code == 302 and confirmed["Location"] == response["Location"]
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.IMPORTING
        assert 'data-status="importing"' in client.get(response["Location"]).content.decode()
        poll(client, batch, 240)
    finally:
        worker.stop()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED, batch.problem
    assert batch.imported_count == office.submission.nominations.count() == PEOPLE + NEW
    added = Person.objects.filter(full_name__startswith="Hồ Thị Mới")
    assert added.count() == NEW
    audited = AuditLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), action="person.import",
        object_id__in=[str(p) for p in added.values_list("pk", flat=True)],
    )  # fmt: skip
    assert audited.count() == NEW
    done = client.get(response["Location"]).content.decode()
    assert 'id="import-done"' in done and f"{PEOPLE + NEW} dòng" in done
    # The confirmation is not repeated: the batch is no longer waiting.
    again = client.post(reverse("importing:submission_import_confirm", args=[pk, batch.pk]), {"accept_partial": "1"})
    assert again.status_code == 302 and office.submission.nominations.count() == PEOPLE + NEW
