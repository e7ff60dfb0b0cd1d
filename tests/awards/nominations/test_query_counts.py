import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.catalogue.models import AwardType
from awards.history.models import Award, YearlyRating
from awards.nominations.services import add_nomination, create_submission, submit
from tests.awards.world import build_world
from tests.factories import PersonFactory


@pytest.fixture
def world(db):
    return build_world()


def grow(world, count):
    ldtt, bk = AwardType.objects.get(code="LDTT"), AwardType.objects.get(code="BK_TP")
    for i in range(count):
        person = PersonFactory(unit=world.kt, full_name=f"Lê Văn Cường {i}")
        YearlyRating.objects.create(person=person, year=2024, rating="HTTNV")
        Award.objects.create(person=person, award_type=bk, year=2020, decision_number=f"{i}/QĐ-UBND")
        submission = create_submission(
            actor=world.users.kt_staff, data={"proposing_unit": world.kt, "year": 2024, "method": "regular"}
        )
        add_nomination(submission, actor=world.users.kt_staff, data={"person": person, "award_type": ldtt,
                                                                      "achievement": "Hoàn thành tốt."})  # fmt: skip
        add_nomination(world.submission, actor=world.users.kt_staff,
                       data={"person": person, "award_type": bk, "achievement": "Thành tích xuất sắc."})  # fmt: skip
        submit(submission, actor=world.users.kt_staff)


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "user"),
    [("nominations:submission_list", "kt_staff"), ("nominations:submission_detail", "kt_staff"),
     ("nominations:inbox", "tx_secretariat"), ("dashboard", "tx_secretariat"), ("dashboard", "kt_staff")],
)  # fmt: skip
def test_awards_pages_do_not_grow_with_rows(client, world, name, user):
    client.force_login(getattr(world.users, user))
    url = reverse(name, args=[world.submission.pk]) if name == "nominations:submission_detail" else reverse(name)
    grow(world, 2)
    few = count(client, url)
    grow(world, 6)
    assert count(client, url) == few


def test_person_timeline_is_bounded(client, world):
    client.force_login(world.users.kt_staff)
    url = reverse("person_detail", args=[world.an.pk])
    few = count(client, url)
    bk = AwardType.objects.get(code="BK_TP")
    for year in range(2010, 2024):
        Award.objects.create(person=world.an, award_type=bk, year=year)
        YearlyRating.objects.create(person=world.an, year=year, rating="HTXSNV")
    assert count(client, url) == few
