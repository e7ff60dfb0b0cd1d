"""The demo loader: complete, valid, and idempotent. The demo is loaded once for the module
(tests/conftest.py: demo_output); test_demo_empty_database.py has the tests that start from an
empty database."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from demo.core import DEMO_PASSWORD, user_specs
from thiduakt.enums import Role
from thiduakt.models import AuditLog, Person, Unit, UnitLevel, User
from thiduakt.validators import validate_citizen_id

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

# The accounts the README lists.
README_USERNAMES = [
    f"{district}.{role}"
    for district in ("thanhxuan", "tayho", "hoankiem", "longbien")
    for role in ("canbo", "chuyenvien", "hoidong", "chutich", "quantri")
] + ["hanoi.chuyenvien", "hanoi.hoidong", "hanoi.chutich", "admin"]


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # The loader hashes two dozen passwords; the production hasher would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Row counts, plus what would move if any row were saved again."""
    return {
        "levels": UnitLevel.objects.count(),
        "units": sorted(Unit.objects.values_list("code", "version", "updated_at")),
        "people": sorted(Person.objects.values_list("pk", "version", "updated_at")),
        "users": sorted(User.objects.values_list("username", "password")),
        "audit": AuditLog.objects.count(),
    }


def test_second_run_creates_and_changes_nothing(demo_output):
    first = demo_output
    before = snapshot()
    second = load()
    assert snapshot() == before
    assert "tạo mới 0 đơn vị, 0 cá nhân, 0 tài khoản; cập nhật 0 bản ghi" in second
    assert "tạo mới 0" not in first


def test_new_rows_are_audited(demo_output):
    assert AuditLog.objects.filter(action="unit.create").count() == Unit.objects.count()
    assert AuditLog.objects.filter(action="person.create").count() == Person.objects.count()


def test_content(demo_output):
    people = Person.objects.all()
    assert 300 <= people.count() <= 400
    assert people.filter(full_name__startswith="Nguyễn ").count() >= 30
    assert people.filter(unit__code="TX-KT", full_name__startswith="Nguyễn ").exists()
    assert people.filter(citizen_id__isnull=True).exists()
    assert people.filter(birth_date__isnull=True).exists()
    for district in ("Quận Thanh Xuân", "Quận Tây Hồ", "Quận Hoàn Kiếm", "Quận Long Biên"):
        assert Unit.objects.filter(name=district, parent__code="HN").exists()


def test_citizen_ids_match_gender_and_birth_year(demo_output):
    people = Person.objects.exclude(citizen_id__isnull=True)
    for cid, gender, birth_date in people.values_list("citizen_id", "gender", "birth_date"):
        assert cid.startswith("001")
        validate_citizen_id(cid, gender=gender, birth_date=birth_date)


def test_hoan_kiem_wards_reorganised(demo_output):
    new_ward = Unit.objects.get(name="Phường Hoàn Kiếm (mới)")
    dissolved = Unit.objects.filter(successions__successor=new_ward)
    assert new_ward.valid_from.isoformat() == "2025-07-01"
    assert dissolved.count() == 3
    assert {u.valid_to.isoformat() for u in dissolved} == {"2025-06-30"}
    assert Person.objects.filter(unit__in=dissolved, is_active=True).count() == 2
    # Only Hoàn Kiếm shows the reorganisation.
    assert not Unit.objects.exclude(parent__code="HK").filter(valid_to__isnull=False).exists()


def test_demo_accounts_log_in(demo_output):
    assert sorted(README_USERNAMES) == sorted(spec.username for spec in user_specs())
    for username in README_USERNAMES:
        assert authenticate(username=username, password=DEMO_PASSWORD), username


def test_homes_and_roles(demo_output):
    staff = User.objects.get(username="thanhxuan.canbo")
    assert staff.role == Role.UNIT_STAFF
    assert staff.unit.name == "Phường Khương Trung"
    assert staff.unit.parent.name == "Quận Thanh Xuân"
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.unit.code == "HN"


def test_second_run_keeps_changed_passwords(demo_output):
    user = User.objects.get(username="tayho.canbo")
    user.set_password("Mat-khau-rieng-2026")
    user.save()
    load()
    assert authenticate(username="tayho.canbo", password="Mat-khau-rieng-2026")


def test_if_empty_leaves_a_loaded_database_alone(demo_output):
    before = snapshot()
    out = load("--if-empty")
    assert snapshot() == before
    assert "không nạp dữ liệu mẫu" in out
