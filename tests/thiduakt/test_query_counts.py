"""Every list costs the same number of queries whatever its length (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory, UnitFactory


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(org, n):
    for i in range(n):
        ward = UnitFactory(parent=org.a, name=f"Phường Mới {i}")
        PersonFactory(unit=ward, full_name=f"Hoàng Văn Nam {i}")


@pytest.mark.parametrize("name", ["person_list", "unit_list", "dashboard", "unit_detail"])
def test_list_query_count_does_not_grow_with_rows(client, org, name):
    client.force_login(org.users.secretariat)
    url = reverse(name, args=[org.a.pk]) if name == "unit_detail" else reverse(name)
    _grow(org, 3)
    client.get(url)  # warm the per-process caches (content types) before counting
    few = _queries(client, url)
    _grow(org, 20)
    many = _queries(client, url)
    assert many == few
    assert few <= 20


def test_history_on_a_person_page_is_bounded(client, org):
    from thiduakt.services.people import update_person

    client.force_login(org.users.secretariat)
    person = org.people.a1
    update_person(person, actor=org.users.secretariat, data={"position": "A"})
    few = _queries(client, reverse("person_detail", args=[person.pk]))
    for i in range(10):
        update_person(person, actor=org.users.secretariat, data={"position": f"B{i}"})
    assert _queries(client, reverse("person_detail", args=[person.pk])) == few
