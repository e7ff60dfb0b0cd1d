"""A small district for the awards workflow and permission tests (not a conftest: other
test modules in this folder keep their own fixtures)."""

from types import SimpleNamespace

from awards.catalogue.models import AwardType
from awards.nominations.services import add_nomination, create_submission
from tests.factories import PersonFactory, UnitFactory, UnitLevelFactory, UserFactory
from thiduakt.enums import Role


def build_world():
    district_level = UnitLevelFactory(name="Quận/Huyện", rank=2)
    city = UnitFactory(code="HN", name="Thành phố Hà Nội", level=UnitLevelFactory(name="Thành phố", rank=1))
    tx = UnitFactory(code="TX", name="Quận Thanh Xuân", parent=city, level=district_level)
    th = UnitFactory(code="TH", name="Quận Tây Hồ", parent=city, level=district_level)
    kt = UnitFactory(code="TX-KT", name="Phường Khương Trung", parent=tx)
    km = UnitFactory(code="TX-KM", name="Phường Khương Mai", parent=tx)
    bu = UnitFactory(code="TH-BU", name="Phường Bưởi", parent=th)
    users = SimpleNamespace(
        kt_staff=UserFactory(role=Role.UNIT_STAFF, unit=kt),
        km_staff=UserFactory(role=Role.UNIT_STAFF, unit=km),
        tx_secretariat=UserFactory(role=Role.SECRETARIAT, unit=tx),
        tx_council=UserFactory(role=Role.COUNCIL_MEMBER, unit=tx),
        th_secretariat=UserFactory(role=Role.SECRETARIAT, unit=th),
    )
    an = PersonFactory(full_name="Nguyễn Văn An", unit=kt)
    submission = create_submission(
        actor=users.kt_staff, data={"proposing_unit": kt, "year": 2024, "method": "regular", "number": "12/TTr-UBND"}
    )
    ldtt = AwardType.objects.get(code="LDTT")
    nomination = add_nomination(
        submission, actor=users.kt_staff, data={"person": an, "award_type": ldtt, "achievement": "Hoàn thành tốt."}
    )
    return SimpleNamespace(
        city=city, tx=tx, th=th, kt=kt, km=km, bu=bu, users=users, an=an, submission=submission,
        nomination=nomination, ldtt=ldtt,
    )  # fmt: skip
