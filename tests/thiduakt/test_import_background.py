"""The worker's side of a large import, run in this process: claimed once, taken again after its
lease, refusals kept on the batch and shown on the page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from thiduakt.importing import background
from thiduakt.importing import people as people_import
from thiduakt.models import ImportBatch, Person

from .xlsx import workbook_upload

LAN = ("Nguyễn Thị Lan", "Nữ", "12/03/1985", "001185012345", "Chuyên viên", "TX-KT", "", "Kinh")


@pytest.fixture(autouse=True)
def every_file_is_large(settings):
    settings.THIDUAKT_IMPORT_BACKGROUND_BYTES = 0
    settings.THIDUAKT_IMPORT_QUEUE = "test-import-unconsumed"  # what the page sends again waits there


def test_a_large_file_is_checked_by_the_worker_once(org):
    user = org.users.secretariat
    batch = people_import.check_file(workbook_upload([LAN]), user=user)
    assert (batch.status, batch.in_worker, batch.total_rows) == (ImportBatch.Status.CHECKING, True, 0)
    assert background.run(batch.pk) == "pending"
    batch.refresh_from_db()
    assert (batch.status, batch.valid_count, batch.progress_done, bool(batch.file)) == ("pending", 1, 1, False)
    assert background.run(batch.pk) == "skipped"  # the same message delivered twice


def test_a_refused_file_says_why_on_its_page(client, org):
    user = org.users.secretariat
    batch = people_import.check_file(workbook_upload([LAN], headers=["Tên", "Giới tính"]), user=user)
    assert background.run(batch.pk) == "refused"
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REFUSED and "Còn thiếu" in batch.problem
    client.force_login(user)
    page = client.get(reverse("people_import_review", args=[batch.pk])).content.decode()
    assert 'id="import-problem"' in page and "Còn thiếu" in page and 'name="confirm"' not in page


def test_a_step_held_by_a_live_worker_is_left_alone_and_one_whose_lease_ran_out_is_sent_again(client, org):
    user = org.users.secretariat
    batch = people_import.check_file(workbook_upload([LAN]), user=user)
    ImportBatch.objects.filter(pk=batch.pk).update(claimed_until=timezone.now() + datetime.timedelta(minutes=5))
    assert background.run(batch.pk) == "skipped"
    client.force_login(user)
    url = reverse("import_progress", args=[batch.pk])
    client.get(url)
    assert ImportBatch.objects.get(pk=batch.pk).claimed_until is not None  # still held: not sent again
    ImportBatch.objects.filter(pk=batch.pk).update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    panel = client.get(url)
    assert panel.status_code == 200 and 'id="import-progress"' in panel.content.decode()
    assert ImportBatch.objects.get(pk=batch.pk).claimed_until is None  # sent again, free for the next worker
    assert background.run(batch.pk) == "pending"
    assert client.get(url).headers["HX-Refresh"] == "true"  # done: the page reloads with the result


def test_the_worker_imports_once_and_a_refusal_leaves_the_batch_waiting_with_the_reason(client, org):
    user = org.users.secretariat
    batch = people_import.check_file(workbook_upload([LAN]), user=user)
    background.run(batch.pk)
    clash = PersonFactory(full_name="Người Khác", citizen_id="001185012345", unit=org.a2)  # added meanwhile
    assert background.confirm(people_import.KIND, batch.pk, user=user, accept_partial=False).status == "importing"
    assert background.run(batch.pk) == "refused"
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PENDING and "Dòng 2" in batch.problem
    assert not Person.objects.filter(full_name="Nguyễn Thị Lan").exists()

    clash.delete()
    client.force_login(user)
    response = client.post(reverse("people_import_confirm", args=[batch.pk]), {"confirm": ""})
    assert response["Location"] == reverse("people_import_review", args=[batch.pk])
    assert background.run(batch.pk) == "imported"
    assert background.run(batch.pk) == "skipped"
    batch.refresh_from_db()
    assert (batch.status, batch.imported_count, batch.problem) == ("imported", 1, "")
    assert Person.objects.filter(full_name="Nguyễn Thị Lan").count() == 1


def test_only_the_uploader_sees_the_progress_of_an_import(client, org):
    batch = people_import.check_file(workbook_upload([LAN]), user=org.users.secretariat)
    url = reverse("import_progress", args=[batch.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(org.users.admin)
    assert client.get(url).status_code == 404
    client.force_login(org.users.secretariat)
    assert client.get(url).status_code == 200
