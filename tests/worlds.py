"""The unit tree every hand-built test world stands on, built one way.

    Thành phố Hà Nội (HN)
    ├── Quận Thanh Xuân (TX)
    │   ├── Phường Khương Trung (TX-KT)
    │   │   └── Tổ dân phố số 1 (TX-KT-1)
    │   ├── Phường Khương Mai (TX-KM)
    │   ├── Phường Nhân Chính (TX-NC)
    │   └── Phường Thượng Đình (TX-TD)
    └── Quận Tây Hồ (TH)
        └── Phường Bưởi (TH-BU)

`city_tree("TX", "TX-KT", …)` makes the city and the units asked for, in that order, each under
the unit its code names ("TX-KT" under "TX", "TX" under the city): the city at "Thành phố", the
districts at "Quận/Huyện", the rest at "Phường/Xã". Each world (tests/awards/world.py, the
conftests' `org`, the import tests' `office`…) adds its own people, accounts and records on top.
"""

from tests.factories import UnitFactory, UnitLevelFactory

CITY = "HN"
NAMES = {
    CITY: "Thành phố Hà Nội",
    "TX": "Quận Thanh Xuân",
    "TX-KT": "Phường Khương Trung",
    "TX-KT-1": "Tổ dân phố số 1",
    "TX-KM": "Phường Khương Mai",
    "TX-NC": "Phường Nhân Chính",
    "TX-TD": "Phường Thượng Đình",
    "TH": "Quận Tây Hồ",
    "TH-BU": "Phường Bưởi",
}


def city_tree(*codes):
    """{code: unit} for the city and `codes` (see above)."""
    city_level = UnitLevelFactory(name="Thành phố", rank=1)
    district_level = UnitLevelFactory(name="Quận/Huyện", rank=2)
    ward_level = UnitLevelFactory(name="Phường/Xã", rank=3)
    units = {CITY: UnitFactory(code=CITY, name=NAMES[CITY], level=city_level)}
    for code in codes:
        parent = units[code.rsplit("-", 1)[0]] if "-" in code else units[CITY]
        level = district_level if parent.code == CITY else ward_level
        units[code] = UnitFactory(code=code, name=NAMES[code], parent=parent, level=level)
    return units
