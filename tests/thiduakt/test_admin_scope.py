"""The Django admin's accounts, units and people: a district's administrator manages their own
subtree and grants nothing above it — no unit, no role, no flag they do not hold."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import UserFactory
from thiduakt.admin import grantable_roles
from thiduakt.enums import Role
from thiduakt.models import User


@pytest.fixture
def admin_client(client, org):
    client.force_login(org.users.admin)  # the administrator of district a
    return client


def new_account(unit, role, username="moi.quantri"):
    return {"username": username, "full_name": "Trương Văn Mới", "role": role, "unit": unit.pk,
            "usable_password": "true", "password1": "Hoa-Sen#2027xy", "password2": "Hoa-Sen#2027xy"}  # fmt: skip


def test_a_district_administrator_cannot_create_a_city_wide_account(admin_client, org):
    response = admin_client.post(reverse("admin:thiduakt_user_add"), new_account(org.city, Role.ADMIN))
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="moi.quantri").exists()

    # The same form makes an administrator of one of the district's wards.
    assert admin_client.post(reverse("admin:thiduakt_user_add"), new_account(org.a1, Role.ADMIN)).status_code == 302
    assert User.objects.get(username="moi.quantri").unit == org.a1


def test_a_district_administrator_cannot_create_an_account_in_another_district(admin_client, org):
    response = admin_client.post(reverse("admin:thiduakt_user_add"), new_account(org.b1, Role.UNIT_STAFF))
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="moi.quantri").exists()


def test_a_district_administrator_cannot_move_their_own_account_to_the_city(admin_client, org):
    url = reverse("admin:thiduakt_user_change", args=[org.users.admin.pk])
    data = form_data(admin_client.get(url))
    refused = admin_client.post(url, data | {"unit": org.city.pk})
    assert refused.status_code == 200 and "unit" in refused.context["adminform"].form.errors
    assert admin_client.post(url, data | {"position": "Quản trị hệ thống quận"}).status_code == 302
    org.users.admin.refresh_from_db()
    assert (org.users.admin.unit, org.users.admin.position) == (org.a, "Quản trị hệ thống quận")


def test_no_flag_group_or_permission_is_granted_through_the_form(admin_client, org):
    group = Group.objects.create(name="Toàn quyền")
    url = reverse("admin:thiduakt_user_change", args=[org.users.unit_staff.pk])
    data = form_data(admin_client.get(url)) | {
        "is_superuser": "on", "is_staff": "on", "groups": [group.pk],
        "user_permissions": [Permission.objects.get(codename="change_user").pk],
    }  # fmt: skip
    assert admin_client.post(url, data).status_code == 302
    staff = User.objects.get(pk=org.users.unit_staff.pk)
    assert not staff.is_superuser and not staff.is_staff
    assert not staff.groups.exists() and not staff.user_permissions.exists()


def test_a_superusers_account_in_scope_is_read_only_to_other_administrators(admin_client, org):
    root = UserFactory(username="sieu.quantri", role=Role.ADMIN, unit=org.a1, is_superuser=True)
    url = reverse("admin:thiduakt_user_change", args=[root.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert admin_client.post(url, {"username": "sieu.quantri", "unit": org.a1.pk, "role": "admin"}).status_code == 403
    password = reverse("admin:auth_user_password_change", args=[root.pk])
    assert admin_client.post(password, {"password1": "Doi@matkhau1", "password2": "Doi@matkhau1"}).status_code == 403
    root.refresh_from_db()
    assert root.check_password("Thiduakt@2026")


def test_roles_are_granted_up_to_ones_own():
    assert [value for value, _label in grantable_roles(User(role=Role.SECRETARIAT))] == ["unit_staff", "secretariat"]
    assert grantable_roles(User(role=Role.ADMIN)) == Role.choices
    assert grantable_roles(User(role=Role.UNIT_STAFF, is_superuser=True)) == Role.choices


def test_a_unit_stays_inside_the_district_and_never_under_itself(admin_client, org):
    ward = reverse("admin:thiduakt_unit_change", args=[org.a1.pk])
    refused = admin_client.post(ward, form_data(admin_client.get(ward)) | {"parent": org.b.pk})
    assert refused.status_code == 200 and "parent" in refused.context["adminform"].form.errors

    home = reverse("admin:thiduakt_unit_change", args=[org.a.pk])
    data = form_data(admin_client.get(home))
    assert admin_client.post(home, data | {"parent": org.a1.pk}).status_code == 200  # under its own ward: refused
    # The district keeps the city above it, which its administrator could not choose.
    assert admin_client.post(home, data | {"email": "thanhxuan@hanoi.gov.vn"}).status_code == 302
    org.a.refresh_from_db()
    org.a1.refresh_from_db()
    assert (org.a.parent, org.a.email, org.a1.parent) == (org.city, "thanhxuan@hanoi.gov.vn", org.a)


def test_a_new_unit_has_a_parent_within_the_district(admin_client, org):
    data = {"code": "TX-MOI", "name": "Phường Mới", "kind": "administrative", "level": org.a1.level.pk}
    for parent in ({}, {"parent": org.city.pk}, {"parent": org.b.pk}):
        response = admin_client.post(reverse("admin:thiduakt_unit_add"), data | parent)
        assert response.status_code == 200 and "parent" in response.context["adminform"].form.errors
    assert admin_client.post(reverse("admin:thiduakt_unit_add"), data | {"parent": org.a.pk}).status_code == 302
    assert org.a.children.filter(code="TX-MOI").exists()


def test_a_person_is_not_moved_to_another_district(admin_client, org):
    url = reverse("admin:thiduakt_person_change", args=[org.people.a1.pk])
    refused = admin_client.post(url, form_data(admin_client.get(url)) | {"unit": org.b1.pk})
    assert refused.status_code == 200 and "unit" in refused.context["adminform"].form.errors
    org.people.a1.refresh_from_db()
    assert org.people.a1.unit == org.a1


def test_another_districts_rows_are_a_404_not_a_redirect(admin_client, org):
    for name, obj in (("person", org.people.b1), ("unit", org.b1), ("user", UserFactory(unit=org.b1))):
        for page in ("change", "history"):
            assert admin_client.get(reverse(f"admin:thiduakt_{name}_{page}", args=[obj.pk])).status_code == 404
