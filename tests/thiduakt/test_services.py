import threading

import pytest
from django.db import connection

from tests.factories import PersonFactory, UnitFactory
from thiduakt.errors import DomainError, EditConflict
from thiduakt.models import AuditLog, Person, Unit
from thiduakt.selectors import people_for_user, search, units_for_user
from thiduakt.services.people import create_person, update_person
from thiduakt.services.units import create_unit, update_unit


def test_create_person_normalises_and_audits(org):
    actor = org.users.secretariat
    person = create_person(
        actor=actor,
        data={"full_name": "  nguyễn   Thị  Hà ", "gender": "female", "unit": org.a1, "category": "other"},
    )
    assert person.full_name == "nguyễn Thị Hà"
    entry = AuditLog.objects.for_object(person).get()
    assert entry.action == "person.create" and entry.actor == actor and entry.unit == org.a1
    assert entry.data["after"]["unit"]["label"] == "Phường Khương Trung"


def test_update_records_only_the_changes(org):
    person = org.people.a1
    update_person(person, actor=org.users.unit_staff, data={"position": "Phó Chủ tịch UBND phường"}, expected_version=1)
    person.refresh_from_db()
    assert person.version == 2
    entry = AuditLog.objects.for_object(person).get()
    assert entry.data == {"changes": {"position": ["Chuyên viên", "Phó Chủ tịch UBND phường"]}}


def test_an_edit_on_a_stale_version_is_refused(org):
    person = org.people.a1
    update_person(person, actor=org.users.secretariat, data={"position": "Trưởng phòng"}, expected_version=1)
    with pytest.raises(EditConflict):
        update_person(person, actor=org.users.unit_staff, data={"position": "Chuyên viên chính"}, expected_version=1)
    person.refresh_from_db()
    assert person.position == "Trưởng phòng"


def test_moving_to_a_namesake_parent_is_a_change(org):
    twin = UnitFactory(code="TX-NC2", name="Phường Nhân Chính", parent=org.a)
    child = UnitFactory(code="TX-NC-T1", name="Tổ dân phố 1", parent=org.a2)
    update_unit(child, actor=org.users.secretariat, data={"parent": twin}, expected_version=1)
    child.refresh_from_db()
    assert child.parent == twin and child.path == f"{twin.path}{child.pk}/"


def test_moving_a_unit_moves_its_subtree_and_scope_follows(org):
    grandchild = UnitFactory(code="TX-KT-T1", name="Tổ dân phố số 1", parent=org.a1)
    update_unit(org.a1, actor=org.users.city_secretariat, data={"parent": org.b}, expected_version=1)
    grandchild.refresh_from_db()
    org.a1.refresh_from_db()
    assert grandchild.path == f"{org.b.path}{org.a1.pk}/{grandchild.pk}/"
    assert grandchild.depth == 3
    assert not units_for_user(org.users.secretariat).filter(pk=grandchild.pk).exists()


def test_a_unit_cannot_move_under_itself(org):
    with pytest.raises(DomainError):
        update_unit(org.a, actor=org.users.city_secretariat, data={"parent": org.a1})


def test_unit_codes_are_unique_whatever_the_case(org):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        create_unit(
            actor=org.users.secretariat,
            data={"code": "tx-kt", "name": "Trùng", "kind": "other", "level": org.a1.level, "parent": org.a},
        )


def test_audit_log_is_append_only(org):
    person = create_person(
        actor=org.users.secretariat, data={"full_name": "Vũ Văn Hải", "gender": "male", "unit": org.a1}
    )
    entry = AuditLog.objects.for_object(person).get()
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.update(action="x")
    assert AuditLog.objects.get(pk=entry.pk).action == "person.create"


def test_scope_is_the_home_units_subtree(org):
    assert set(people_for_user(org.users.unit_staff)) == {org.people.a1}
    assert set(people_for_user(org.users.secretariat)) == {org.people.a1, org.people.a2}
    assert set(people_for_user(org.users.city_secretariat)) == {org.people.a1, org.people.a2, org.people.b1}
    assert set(units_for_user(org.users.unit_staff)) == {org.a1}


def test_search_ignores_diacritics_and_case(org):
    people = Person.objects.all()
    assert list(search(people, "nguyen van")) == [org.people.a1]
    assert list(search(people, "NGUYỄN")) == [org.people.a1]
    assert list(search(people, "duc do")) == [org.people.b1]
    assert list(search(Unit.objects.all(), "khuong trung")) == [org.a1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_edits_one_wins_the_other_is_refused():
    """PostgreSQL row locks (SQLite: the write lock) make the second writer see version 2."""
    from tests.factories import UserFactory

    person = PersonFactory()
    actor = UserFactory(unit=person.unit, role="secretariat")
    outcomes = []
    barrier = threading.Barrier(2)

    def edit(position):
        barrier.wait()
        try:
            update_person(
                Person.objects.get(pk=person.pk), actor=actor, data={"position": position}, expected_version=1
            )
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(p,)) for p in ("Trưởng phòng", "Phó Trưởng phòng")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "saved"]
    person.refresh_from_db()
    assert person.version == 2
