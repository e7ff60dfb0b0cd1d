"""Role × URL → status. Outside one's scope is 404; inside but not allowed is 403."""

import pytest
from django.urls import reverse

ROLES = ["anonymous", "unit_staff", "secretariat", "council_member", "council_chair", "admin"]

# url key: expected status per role, in the order of ROLES.
TABLE = {
    "dashboard":            [302, 200, 200, 200, 200, 200],
    "unit_list":            [302, 200, 200, 200, 200, 200],
    "unit_detail_a1":       [302, 200, 200, 200, 200, 200],
    "unit_detail_a":        [302, 404, 200, 200, 200, 200],
    "unit_detail_b1":       [302, 404, 404, 404, 404, 404],
    "unit_create":          [302, 403, 200, 403, 403, 200],
    "unit_update_a1":       [302, 403, 200, 403, 403, 200],
    "unit_update_b1":       [302, 404, 404, 404, 404, 404],
    "person_list":          [302, 200, 200, 200, 200, 200],
    "person_detail_a1":     [302, 200, 200, 200, 200, 200],
    "person_detail_a2":     [302, 404, 200, 200, 200, 200],
    "person_detail_b1":     [302, 404, 404, 404, 404, 404],
    "person_create":        [302, 200, 200, 403, 403, 200],
    "person_update_a1":     [302, 200, 200, 403, 403, 200],
    "person_update_b1":     [302, 404, 404, 404, 404, 404],
    "people_import":        [302, 200, 200, 403, 403, 200],
    "people_import_template": [302, 200, 200, 403, 403, 200],
    "password_change":      [302, 200, 200, 200, 200, 200],
    "admin_index":          [302, 302, 302, 302, 302, 200],
    "admin_person_list":    [302, 302, 302, 302, 302, 200],
}  # fmt: skip


def _url(key, org):
    objects = {
        "a1": (org.a1, org.people.a1),
        "a2": (None, org.people.a2),
        "a": (org.a, None),
        "b1": (org.b1, org.people.b1),
    }
    if key == "admin_index":
        return reverse("admin:index")
    if key == "admin_person_list":
        return reverse("admin:thiduakt_person_changelist")
    for suffix, (unit, person) in objects.items():
        if key.endswith("_" + suffix):
            name = key[: -len(suffix) - 1]
            target = unit if name.startswith("unit") else person
            return reverse(name, args=[target.pk])
    return reverse(key)


CASES = [(key, role, statuses[i]) for key, statuses in TABLE.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("key", "role", "expected"), CASES, ids=[f"{k}-{r}" for k, r, _ in CASES])
def test_permission_table(client, org, key, role, expected):
    if role != "anonymous":
        client.force_login(getattr(org.users, role))
    response = client.get(_url(key, org))
    assert response.status_code == expected


def test_every_named_url_is_in_the_table():
    from thiduakt.urls import urlpatterns

    covered = {k.rsplit("_", 1)[0] if k.rsplit("_", 1)[-1] in {"a1", "a2", "a", "b1"} else k for k in TABLE}
    names = {p.name for p in urlpatterns if getattr(p, "name", None)}
    # Login/logout are exercised by the browser test; confirm/review/progress need an upload first;
    # the successions are POST only, by role in test_successions; their import's pages by role in
    # test_succession_import (the city's secretariat only).
    untested = names - covered - {
        "login", "logout", "password_change_done", "people_import_review", "people_import_confirm", "import_progress",
        "unit_succession_add", "unit_succession_remove",
        "succession_import", "succession_import_template", "succession_import_review", "succession_import_confirm",
    }  # fmt: skip
    assert not untested


def test_posting_an_edit_outside_scope_is_404(client, org):
    client.force_login(org.users.secretariat)
    response = client.post(reverse("person_update", args=[org.people.b1.pk]), {"full_name": "X"})
    assert response.status_code == 404
    org.people.b1.refresh_from_db()
    assert org.people.b1.full_name == "Đỗ Minh Đức"


def test_refusals_are_explained_in_vietnamese(client, org):
    client.force_login(org.users.council_member)
    forbidden = client.get(reverse("person_create"))
    assert forbidden.status_code == 403 and "không cho phép" in forbidden.content.decode()
    missing = client.get(reverse("person_detail", args=[org.people.b1.pk]))
    assert missing.status_code == 404 and "ngoài phạm vi" in missing.content.decode()
