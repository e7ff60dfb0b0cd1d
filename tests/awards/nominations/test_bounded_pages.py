"""Pages that hold a district's worth of rows show a bounded number of them: a submission's
lines a page at a time, and the person picker a search of at most twenty matches."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.nominations.forms import NominationForm
from awards.nominations.services import add_nomination
from awards.nominations.views import nominations as nomination_views
from awards.nominations.views import submissions as submission_views
from tests.awards.world import build_world
from tests.factories import PersonFactory


@pytest.fixture
def world(db):
    return build_world()


def lines(world, count, prefix="Trần Thị Bích"):
    people = [PersonFactory(unit=world.kt, full_name=f"{prefix} {i}") for i in range(count)]
    for person in people:
        add_nomination(
            world.submission, actor=world.users.kt_staff, evaluate=False,
            data={"person": person, "award_type": world.ldtt, "achievement": "Hoàn thành tốt."},
        )  # fmt: skip
    return people


def queries(client, url, data=None):
    client.get(url, data)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured), response


def test_a_long_submission_shows_its_lines_a_page_at_a_time(client, world, monkeypatch):
    monkeypatch.setattr(submission_views, "LINES_PAGE", 2)
    lines(world, 4)  # five lines with Nguyễn Văn An's
    client.force_login(world.users.kt_staff)
    url = reverse("nominations:submission_detail", args=[world.submission.pk])
    few, first = queries(client, url)
    assert len(first.context["nominations"]) == 2 and first.context["nominations"].paginator.count == 5
    assert first.context["sendable"]  # the draft lines on later pages count too
    _, last = queries(client, url, {"page": 3})
    html = last.content.decode()
    assert [n.pk for n in last.context["nominations"]] == [world.submission.nominations.order_by("position").last().pk]
    assert re.search(r"<td>5</td>", html)  # numbered across pages
    lines(world, 6, "Phạm Văn Công")
    assert queries(client, url)[0] == few


def test_the_person_picker_renders_only_the_chosen_person(client, world):
    people = [PersonFactory(unit=world.kt, full_name=f"Đỗ Thị Hoa {i}") for i in range(5)]
    form = NominationForm(submission=world.submission, user=world.users.kt_staff, collective=False,
                          data={"person": people[2].pk})  # fmt: skip
    html = str(form["person"])
    assert html.count("<option") == 2 and f'value="{people[2].pk}"' in html and "Đỗ Thị Hoa 2" in html
    client.force_login(world.users.kt_staff)
    url = reverse("nominations:add", args=[world.submission.pk])
    few, page = queries(client, url)
    PersonFactory.create_batch(8, unit=world.kt)
    assert queries(client, url)[0] == few
    assert page.content.decode().count("<option") < 20  # award types and units, no people


def test_the_person_search_is_accent_insensitive_scoped_and_bounded(client, world):
    for i in range(nomination_views.PICKER_MATCHES + 5):
        PersonFactory(unit=world.kt, full_name=f"Lương Thị Huyền {i}")
    PersonFactory(unit=world.km, full_name="Lương Thị Huyền Khương Mai")  # another ward: out of the submission's scope
    PersonFactory(unit=world.kt, full_name="Lương Thị Huyền Nghỉ", is_active=False)
    client.force_login(world.users.kt_staff)
    url = reverse("nominations:people", args=[world.submission.pk])
    html = client.get(url, {"q": "luong thi HUYEN"}).content.decode()
    names = re.findall(r'<option value="\d+">([^<]+)</option>', html)
    assert len(names) == nomination_views.PICKER_MATCHES
    assert all(name.startswith("Lương Thị Huyền ") for name in names)
    assert "Khương Mai" not in html and "Nghỉ" not in html
    one = re.findall(r'<option value="(\d+)">', client.get(url, {"q": "huyền 23"}).content.decode())
    assert len(one) == 1
    # The form takes the id the search offered, and refuses one outside the scope.
    outsider = PersonFactory(unit=world.km, full_name="Lương Thị Huyền Ngoài")
    for person_id, valid in ((one[0], True), (outsider.pk, False)):
        form = NominationForm(submission=world.submission, user=world.users.kt_staff, collective=False, data={
            "person": person_id, "award_type": world.ldtt.pk, "achievement": "Tốt.", "version": 1})  # fmt: skip
        assert form.is_valid() is valid, form.errors
