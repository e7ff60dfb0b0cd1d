"""A submission's form sent twice makes one list; a list proposes a nominee for an award once."""

import uuid

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from awards.catalogue.models import AwardType
from awards.enums import NominationStatus
from awards.importing import nominations as nomination_import
from awards.nominations.models import Nomination, Submission
from awards.nominations.services import add_nomination, add_nominations, update_nomination
from tests.awards.importing.test_import_nominations import GOOD, check
from tests.awards.importing.test_import_nominations import office as office  # noqa: F401 - the import tests' fixture
from tests.awards.world import build_world
from tests.concurrency import at_once, logged_in
from tests.factories import PersonFactory, UnitFactory
from thiduakt.errors import DomainError


def _form(world, token):
    return {"proposing_unit": world.kt.pk, "year": 2024, "method": "regular", "number": "15/TTr-UBND", "token": token}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_identical_requests_at_once_create_one_submission(catalogue):
    world = build_world()
    data = _form(world, str(uuid.uuid4()))

    def send(client):
        response = client.post(reverse("nominations:submission_create"), data)
        return response.status_code, response["Location"]

    answers = at_once(2, send, setup=logged_in(world.users.kt_staff))
    made = Submission.objects.get(number="15/TTr-UBND")
    assert answers == [(302, reverse("nominations:submission_detail", args=[made.pk]))] * 2
    assert made.request_token == uuid.UUID(data["token"]) and made.created_by == world.users.kt_staff


@pytest.mark.django_db
def test_the_same_form_twice_is_one_submission_a_new_form_another(client):
    world = build_world()
    client.force_login(world.users.kt_staff)
    page = client.get(reverse("nominations:submission_create")).content.decode()
    token = client.get(reverse("nominations:submission_create")).context["form"]["token"].value()
    assert 'name="token"' in page and str(token) not in page  # every form shown has its own token
    data = _form(world, str(token))
    first, second = (
        client.post(reverse("nominations:submission_create"), data),
        client.post(reverse("nominations:submission_create"), data),
    )
    assert first["Location"] == second["Location"] and Submission.objects.filter(number="15/TTr-UBND").count() == 1
    client.post(reverse("nominations:submission_create"), {**data, "token": str(uuid.uuid4())})
    assert Submission.objects.filter(number="15/TTr-UBND").count() == 2


@pytest.fixture
def world(db):
    return build_world()


def test_a_person_is_proposed_once_for_an_award_in_a_list(world):
    with pytest.raises(DomainError) as refusal:
        add_nomination(world.submission, actor=world.users.kt_staff,
                       data={"person": world.an, "award_type": world.ldtt, "achievement": "Lần hai."})  # fmt: skip
    assert refusal.value.field == "person"
    assert refusal.value.message == ("Nguyễn Văn An đã có trong danh sách này với đề nghị “Lao động tiên tiến”.")
    cstd = AwardType.objects.get(code="CSTD_CS")  # another award for the same person is another line
    add_nomination(world.submission, actor=world.users.kt_staff,
                   data={"person": world.an, "award_type": cstd, "achievement": "Hoàn thành xuất sắc."})  # fmt: skip
    assert world.submission.nominations.count() == 2


def test_a_collective_is_proposed_once_for_an_award_in_a_list(world):
    group = UnitFactory(name="Tổ dân phố số 3", parent=world.kt)
    ttldtt = AwardType.objects.get(code="TTLDTT")
    data = {"unit": group, "award_type": ttldtt, "achievement": "Hoàn thành tốt."}
    add_nomination(world.submission, actor=world.users.kt_staff, data=data)
    with pytest.raises(DomainError) as refusal:
        add_nomination(world.submission, actor=world.users.kt_staff, data=data)
    assert refusal.value.field == "unit" and "Tổ dân phố số 3" in refusal.value.message


def test_an_edit_cannot_make_a_line_repeat_another(world):
    hoa = PersonFactory(full_name="Lê Thị Hoa", unit=world.kt)
    second = add_nomination(world.submission, actor=world.users.kt_staff,
                            data={"person": hoa, "award_type": world.ldtt, "achievement": "Tốt."})  # fmt: skip
    with pytest.raises(DomainError):
        update_nomination(second, actor=world.users.kt_staff, data={"person": world.an})
    assert Nomination.objects.get(pk=second.pk).person == hoa


def test_the_database_refuses_a_repeated_line_but_not_beside_a_rejected_one(world):
    line = {"submission": world.submission, "year": 2024, "award_type": world.ldtt, "achievement": "x"}
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(person=world.an, **line)
    Nomination.objects.filter(pk=world.nomination.pk).update(status=NominationStatus.REJECTED)
    Nomination.objects.create(person=world.an, **line)  # the rejected line no longer counts
    group = UnitFactory(name="Tổ dân phố số 4", parent=world.kt)
    Nomination.objects.create(unit=group, **line)
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(unit=group, **line)


def test_a_list_added_at_once_cannot_repeat_a_line(world):
    hoa = PersonFactory(full_name="Lê Thị Hoa", unit=world.kt)
    row = {"person": hoa, "award_type": world.ldtt, "achievement": "Tốt."}
    with pytest.raises(DomainError) as refusal:
        add_nominations(world.submission, actor=world.users.kt_staff, rows=[row, row])
    assert "Lê Thị Hoa" in refusal.value.message and "2" in refusal.value.message
    with pytest.raises(DomainError):  # already in the list
        add_nominations(world.submission, actor=world.users.kt_staff, rows=[{**row, "person": world.an}])
    assert world.submission.nominations.count() == 1


def test_the_add_form_shows_the_repeat_on_the_person_field(client, world):
    client.force_login(world.users.kt_staff)
    response = client.post(
        reverse("nominations:add", args=[world.submission.pk]),
        {"person": world.an.pk, "award_type": world.ldtt.pk, "achievement": "Lần hai."},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["person"] == [
        "Nguyễn Văn An đã có trong danh sách này với đề nghị “Lao động tiên tiến”."
    ]
    assert world.submission.nominations.count() == 1


def test_the_same_file_confirmed_twice_adds_its_rows_once(office):  # noqa: F811 - the fixture
    first, second = check(office, GOOD), check(office, GOOD)  # both checked before either is imported
    nomination_import.confirm(first.pk, user=office.staff, accept_partial=False)
    with pytest.raises(DomainError) as refusal:
        nomination_import.confirm(second.pk, user=office.staff, accept_partial=False)
    assert "Nguyễn Văn An" in refusal.value.message and "đã có trong danh sách này" in refusal.value.message
    assert office.submission.nominations.count() == 2
