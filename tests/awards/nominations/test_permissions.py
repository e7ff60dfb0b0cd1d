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
