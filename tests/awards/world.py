"""A small district for the awards workflow and permission tests (not a conftest: other
test modules in this folder keep their own fixtures)."""

from types import SimpleNamespace

from awards.catalogue.models import AwardType
from awards.nominations.services import add_nomination, create_submission
from tests.factories import PersonFactory, UserFactory
from tests.worlds import city_tree
from thiduakt.enums import Role


def build_world():
    units = city_tree("TX", "TH", "TX-KT", "TX-KM", "TH-BU")
    city, tx, th, kt, km, bu = (units[code] for code in ("HN", "TX", "TH", "TX-KT", "TX-KM", "TH-BU"))
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
