"""Role × awards URL → status: another ward's or district's files are 404, never 403."""

import pytest
from django.urls import reverse

from awards.nominations.services import create_submission, submit
from tests.awards.world import build_world

ROLES = ["anonymous", "kt_staff", "km_staff", "tx_secretariat", "tx_council", "th_secretariat"]

# kt_staff owns the submission (ward KT); km_staff is another ward of the same district.
TABLE = {
    "nominations:submission_list":        [302, 200, 200, 200, 200, 200],
    "nominations:submission_create":      [302, 200, 200, 200, 403, 200],
    "nominations:submission_detail":      [302, 200, 404, 200, 200, 404],
    "nominations:submission_update":      [302, 200, 404, 200, 403, 404],
    "nominations:add":         [302, 200, 404, 200, 403, 404],
    "nominations:people":      [302, 200, 404, 200, 403, 404],
    "nominations:detail":      [302, 200, 404, 200, 200, 404],
    "nominations:edit":        [302, 200, 404, 200, 403, 404],
    "nominations:inbox":     [302, 403, 403, 200, 403, 200],
    "draft_of_other_ward":    [302, 404, 200, 404, 404, 404],
}  # fmt: skip

CASES = [(key, role, row[i]) for key, row in TABLE.items() for i, role in enumerate(ROLES)]


@pytest.fixture
def world(db):
    world = build_world()
    submit(world.submission, actor=world.users.kt_staff)  # submitted: visible to the district's secretariat
    world.km_draft = create_submission(
        actor=world.users.km_staff, data={"proposing_unit": world.km, "year": 2024, "method": "regular"}
    )
    return world


def _url(key, w):
    s, n = w.submission.pk, w.nomination.pk
    return {
        "nominations:submission_list": reverse("nominations:submission_list"),
        "nominations:submission_create": reverse("nominations:submission_create"),
        "nominations:submission_detail": reverse("nominations:submission_detail", args=[s]),
        "nominations:submission_update": reverse("nominations:submission_update", args=[s]),
        "nominations:add": reverse("nominations:add", args=[s]),
        "nominations:people": reverse("nominations:people", args=[s]),
        "nominations:detail": reverse("nominations:detail", args=[n]),
        "nominations:edit": reverse("nominations:edit", args=[s, n]),
        "nominations:inbox": reverse("nominations:inbox"),
        "draft_of_other_ward": reverse("nominations:submission_detail", args=[w.km_draft.pk]),
    }[key]


@pytest.mark.parametrize(("key", "role", "expected"), CASES, ids=[f"{k}-{r}" for k, r, _ in CASES])
def test_awards_permission_table(client, world, key, role, expected):
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    assert client.get(_url(key, world)).status_code == expected


def test_every_awards_url_name_is_covered():
    from awards.nominations.urls import app_name, urlpatterns

    post_only = {
        "nominations:submission_submit",
        "nominations:submission_evaluate",
        "nominations:submission_decide",
        "nominations:submission_readdress",
        "nominations:state",
        "nominations:remove",
        "nominations:attach",
        "nominations:manual_check",
        "nominations:attachment_download",
    }
    names = {f"{app_name}:{p.name}" for p in urlpatterns}
    assert names - set(TABLE) - post_only == set()


@pytest.mark.parametrize(
    ("role", "expected", "status"),
    [("tx_secretariat", 302, "verified"), ("th_secretariat", 404, "submitted"), ("kt_staff", 403, "submitted"),
     ("tx_council", 403, "submitted")],
)  # fmt: skip
def test_verifying(client, world, role, expected, status):
    client.force_login(getattr(world.users, role))
    response = client.post(reverse("nominations:state", args=[world.nomination.pk]), {"state": "verified"})
    assert response.status_code == expected
    world.nomination.refresh_from_db()
    assert world.nomination.status == status


def test_state_changes_are_post_only(client, world):
    client.force_login(world.users.tx_secretariat)
    assert client.get(reverse("nominations:state", args=[world.nomination.pk])).status_code == 405
    assert client.get(reverse("nominations:submission_submit", args=[world.submission.pk])).status_code == 405
    assert client.get(reverse("nominations:submission_readdress", args=[world.submission.pk])).status_code == 405


# --- Re-addressed (issue 12): Thanh Xuân and ward KT ended on 30/6/2025; the new ward took over ---

READDRESSED_ROLES = ["kt_staff", "tx_secretariat", "ward_secretariat", "ward_staff", "th_secretariat"]

# The old district keeps reading the list it held, and no longer verifies or re-addresses it;
# the new ward's secretariat reads and verifies, and does not edit the old ward's list.
READDRESSED_TABLE = {
    "nominations:submission_detail":  [200, 200, 200, 404, 404],
    "nominations:submission_update":  [200, 200, 403, 404, 404],
    "nominations:detail":             [200, 200, 200, 404, 404],
    "nominations:edit":               [200, 200, 403, 404, 404],
    "nominations:inbox":              [403, 200, 200, 403, 200],
    "in_inbox":                       [0, 0, 1, 0, 0],
    "post:nominations:state":         [403, 403, 302, 404, 404],
    "post:nominations:submission_readdress": [403, 403, 302, 404, 404],
}  # fmt: skip

READDRESSED_CASES = [
    (key, role, row[i]) for key, row in READDRESSED_TABLE.items() for i, role in enumerate(READDRESSED_ROLES)
]


@pytest.fixture
def readdressed(world):
    import datetime

    from awards.nominations.services import readdress
    from tests.factories import UnitFactory, UserFactory
    from thiduakt.enums import Role
    from thiduakt.services.successions import record_succession

    for unit in (world.tx, world.kt):
        unit.valid_to = datetime.date(2025, 6, 30)
        unit.save()
    world.ward = UnitFactory(code="P-KT", name="Phường Khương Trung mới", parent=world.city, level=world.kt.level)
    city_secretariat = UserFactory(role=Role.SECRETARIAT, unit=world.city)
    record_succession(actor=city_secretariat, predecessor=world.kt, successor=world.ward)
    world.users.ward_secretariat = UserFactory(role=Role.SECRETARIAT, unit=world.ward)
    world.users.ward_staff = UserFactory(role=Role.UNIT_STAFF, unit=world.ward)
    readdress(world.submission, actor=city_secretariat, to=world.ward, reason="Quận kết thúc hoạt động")
    return world


@pytest.mark.parametrize(
    ("key", "role", "expected"), READDRESSED_CASES, ids=[f"{k}-{r}" for k, r, _ in READDRESSED_CASES]
)
def test_readdressed_permission_table(client, readdressed, key, role, expected):
    w = readdressed
    client.force_login(getattr(w.users, role))
    if key == "in_inbox":
        from awards.nominations.selectors import inbox_for_user

        assert inbox_for_user(getattr(w.users, role)).filter(pk=w.nomination.pk).count() == expected
    elif key == "post:nominations:state":
        response = client.post(reverse("nominations:state", args=[w.nomination.pk]), {"state": "verified"})
        assert response.status_code == expected
        w.nomination.refresh_from_db()
        assert (w.nomination.status == "verified") == (expected == 302)
    elif key == "post:nominations:submission_readdress":
        url = reverse("nominations:submission_readdress", args=[w.submission.pk])
        response = client.post(url, {"to": w.city.pk, "reason": "Bằng khen của Thành phố"})
        assert response.status_code == expected
        w.submission.refresh_from_db()
        assert (w.submission.addressed_to == w.city) == (expected == 302)
    else:
        assert client.get(_url(key, w)).status_code == expected
