from types import SimpleNamespace

import pytest

from tests.factories import PersonFactory, UnitFactory, UnitLevelFactory, UserFactory
from thiduakt.enums import Gender, Role


@pytest.fixture
def org(db):
    """A city with two districts; district A has two wards, district B one."""
    city_level = UnitLevelFactory(name="Thành phố", rank=1)
    district_level = UnitLevelFactory(name="Quận/Huyện", rank=2)
    city = UnitFactory(code="HN", name="Thành phố Hà Nội", level=city_level)
    a = UnitFactory(code="TX", name="Quận Thanh Xuân", parent=city, level=district_level)
    b = UnitFactory(code="TH", name="Quận Tây Hồ", parent=city, level=district_level)
    a1 = UnitFactory(code="TX-KT", name="Phường Khương Trung", parent=a)
    a2 = UnitFactory(code="TX-NC", name="Phường Nhân Chính", parent=a)
    b1 = UnitFactory(code="TH-BU", name="Phường Bưởi", parent=b)
    people = SimpleNamespace(
        a1=PersonFactory(full_name="Nguyễn Văn An", unit=a1),
        a2=PersonFactory(full_name="Phạm Thị Hương", gender=Gender.FEMALE, unit=a2),
        b1=PersonFactory(full_name="Đỗ Minh Đức", unit=b1),
    )
    users = SimpleNamespace(
        unit_staff=UserFactory(username="staff_a1", role=Role.UNIT_STAFF, unit=a1),
        secretariat=UserFactory(username="sec_a", role=Role.SECRETARIAT, unit=a),
        council_member=UserFactory(username="member_a", role=Role.COUNCIL_MEMBER, unit=a),
        council_chair=UserFactory(username="chair_a", role=Role.COUNCIL_CHAIR, unit=a),
        admin=UserFactory(username="admin_a", role=Role.ADMIN, unit=a),
        city_secretariat=UserFactory(username="sec_city", role=Role.SECRETARIAT, unit=city),
    )
    return SimpleNamespace(city=city, a=a, b=b, a1=a1, a2=a2, b1=b1, people=people, users=users)
