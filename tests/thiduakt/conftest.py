from types import SimpleNamespace

import pytest

from tests.factories import PersonFactory, UserFactory
from tests.worlds import city_tree
from thiduakt.enums import Gender, Role


@pytest.fixture
def org(db):
    """A city with two districts; district A has two wards, district B one."""
    units = city_tree("TX", "TH", "TX-KT", "TX-NC", "TH-BU")
    city, a, b, a1, a2, b1 = (units[code] for code in ("HN", "TX", "TH", "TX-KT", "TX-NC", "TH-BU"))
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
