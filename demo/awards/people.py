"""The people and collectives the awards demo works with: the year, the named cases whose
2024 nominations pass or fail the rules on purpose, and the world (units and people) as the
core demo made them.

PERSON_CASES and UNIT_CASES fix the history of named people and collectives so that the 2024
nominations in demo.awards.nominations pass or fail on purpose; each case is described where it
is defined, with the person's name as the core demo generates it today. tests/awards/test_demo.py
checks every one of them.
"""

import datetime
from collections import defaultdict
from typing import NamedTuple

from awards.enums import AttachmentKind, DisciplineLevel, InitiativeLevel, Rating
from demo.core import DISTRICT, unit_specs
from thiduakt.enums import PersonCategory
from thiduakt.models import Person, Unit

D = datetime.date
SEED = 2024
YEAR = 2024  # the year of achievement the submissions propose awards for
FULL_DISTRICTS = ("TX", "TH")
FULL_YEARS = range(2019, YEAR + 1)
LIGHT_YEARS = range(2022, YEAR + 1)
SECRETARY_USERNAME = "thanhxuan.chuyenvien"
CITY_CHAIR = "Chủ tịch UBND thành phố Hà Nội"
PM = "Thủ tướng Chính phủ"

XS, TOT, HT, KHT = Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.FAILED
REPRIMAND, WARNING = DisciplineLevel.REPRIMAND, DisciplineLevel.WARNING
PASS, FAIL, MANUAL = "pass", "fail", "manual"
REPORT, MINUTES = AttachmentKind.ACHIEVEMENT_REPORT, AttachmentKind.MINUTES

# Generated history: shares and chances.
START_WORK_AGE = 22  # nobody is rated before this age (when the birth date is known)
FAILED_SHARE, COMPLETED_SHARE = 0.012, 0.07  # rest: HTXSNV by the person's tendency, else HTTNV
LDTT_CHANCE = 0.95  # HTTNV or better, not disciplined: recognised LĐTT
REPRIMAND_CHANCE = 0.006  # per person and year, Thanh Xuân and Tây Hồ only, never 2024
CSTD_SHARE = 0.15  # CSTĐ cơ sở at most this share of LĐTT, per district or department and year

# --- Named cases ------------------------------------------------------------------------------

KM, BU = "TX-KM", "TH-BU"
CHAIR, VICE_CHAIR = "Chủ tịch UBND phường", "Phó Chủ tịch UBND phường"
OFFICE_CLERK, JUSTICE_CLERK = "Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch"
LAND_CLERK, FINANCE_CLERK = "Công chức Địa chính - Xây dựng", "Công chức Tài chính - Kế toán"
ALL_YEARS = tuple(range(2019, 2024))  # LĐTT every year 2019–2023


class PersonCase(NamedTuple):
    key: str  # how the tables below (and the tests) refer to the person
    unit: str
    position: str
    nth: int = 0  # the nth holder of the position, in the order the core demo created them
    ratings: tuple = ()  # (first year, "rating rating …"); empty: generated like everyone else's
    awards: tuple = ()  # ((award code, year, year, …), …)
    disciplines: tuple = ()  # ((year, level, date), …)


PERSON_CASES = (
    # Lê Hữu Long, Chủ tịch UBND phường Khương Mai: CSTĐ cơ sở 2022 and 2023, and his initiative
    # was recognised by the city in 2023 → CSTĐ thành phố 2024 passes, the third year of the
    # chain being his CSTĐ cơ sở 2024 proposed in the same list (itself passing on HTXSNV).
    PersonCase(
        "km-chu-tich", KM, CHAIR, ratings=(2019, "HTTNV HTTNV HTXSNV HTXSNV HTXSNV HTXSNV"),
        awards=(("LDTT", *ALL_YEARS), ("GK_QUAN", 2021), ("CSTD_CS", 2022, 2023)),
    ),
    # Nguyễn Minh Vân, Phó Chủ tịch: Bằng khen of the city chair for 2018, then 2019–2024 all
    # HTTNV or better with CSTĐ cơ sở 2020, 2021 and 2023 → Bằng khen Thủ tướng passes (for
    # 2024, and would have for 2023).
    PersonCase(
        "km-pho-chu-tich", KM, VICE_CHAIR, 0, ratings=(2019, "HTXSNV HTXSNV HTXSNV HTTNV HTXSNV HTTNV"),
        awards=(("BK_TP", 2018), ("LDTT", *ALL_YEARS), ("CSTD_CS", 2020, 2021, 2023)),
    ),
    # Lê Thu Loan, Phó Chủ tịch: HTXSNV 2023 and 2024 with two unit-level initiatives (2023,
    # 2024) → Bằng khen thành phố passes on the second ground (no CSTĐ cơ sở chain).
    PersonCase(
        "km-pho-chu-tich-2", KM, VICE_CHAIR, 1, ratings=(2019, "HTTNV HTTNV HTTNV HTTNV HTXSNV HTXSNV"),
        awards=(("LDTT", *ALL_YEARS),),
    ),
    # Trần Văn An, Văn phòng - Thống kê: rated HTNV in 2024 → LĐTT 2024 fails.
    PersonCase(
        "km-van-phong", KM, OFFICE_CLERK, ratings=(2019, "HTTNV HTTNV HTTNV HTTNV HTTNV HTNV"),
        awards=(("LDTT", *ALL_YEARS),),
    ),
    # Phạm Minh Đức, Tư pháp - Hộ tịch (born 1998, rated from 2020): LĐTT 2024 already granted
    # by the ward chair (286/QĐ-UBND of 28/11/2024, see EARLY_DECISIONS) and proposed again →
    # fails Article 5 (no duplicate); the secretariat returns it.
    PersonCase(
        "km-tu-phap", KM, JUSTICE_CLERK, ratings=(2020, "HTTNV HTTNV HTTNV HTTNV HTTNV"),
        awards=(("LDTT", 2020, 2021, 2022, 2023, 2024),),
    ),
    # Phạm Ngọc Phương, Địa chính - Xây dựng: reprimanded in 2020 (so no LĐTT that year, and
    # rated HTNV), otherwise HTTNV → LĐTT 2024 passes.
    PersonCase(
        "km-dia-chinh", KM, LAND_CLERK, ratings=(2019, "HTTNV HTNV HTTNV HTTNV HTTNV HTTNV"),
        awards=(("LDTT", 2019, 2021, 2022, 2023),), disciplines=((2020, REPRIMAND, D(2020, 7, 14)),),
    ),
    # Nguyễn Ngọc Hiếu, Tài chính - Kế toán: two unit-level initiatives (2023, 2024) but only
    # HTTNV in 2023 and no CSTĐ cơ sở → Bằng khen thành phố fails on both grounds.
    PersonCase(
        "km-tai-chinh", KM, FINANCE_CLERK, ratings=(2019, "HTTNV HTTNV HTTNV HTTNV HTTNV HTXSNV"),
        awards=(("LDTT", *ALL_YEARS), ("GK_QUAN", 2022)),
    ),
    # Vũ Ngọc Thảo, Phó Chủ tịch UBND phường Bưởi: CSTĐ cơ sở 2021 ✓, 2022 ✗, 2023 ✓ and a
    # city-level initiative in 2023 → CSTĐ thành phố 2024 fails the 3-year chain on 2022, even
    # with CSTĐ cơ sở 2024 proposed beside it (which passes).
    PersonCase(
        "bu-pho-chu-tich", BU, VICE_CHAIR, 0, ratings=(2019, "HTTNV HTTNV HTXSNV HTTNV HTXSNV HTXSNV"),
        awards=(("LDTT", *ALL_YEARS), ("CSTD_CS", 2021, 2023)),
    ),
    # Vũ Thị Mai, Địa chính - Xây dựng, Bưởi: warned (cảnh cáo) in September 2024, so rated no
    # better than HTNV → her LĐTT 2024 fails, and Phường Bưởi's TTLĐTT fails on her discipline.
    PersonCase(
        "bu-dia-chinh", BU, LAND_CLERK, ratings=(2019, "HTTNV HTTNV HTTNV HTTNV HTTNV HTNV"),
        awards=(("LDTT", *ALL_YEARS),), disciplines=((2024, WARNING, D(2024, 9, 16)),),
    ),
    # The other people of Phường Bưởi, nominated for LĐTT with generated history (rated at
    # least HTTNV in 2024, see RATING_FLOORS).
    PersonCase("bu-chu-tich", BU, CHAIR),
    PersonCase("bu-pho-chu-tich-2", BU, VICE_CHAIR, 1),
    PersonCase("bu-van-phong", BU, OFFICE_CLERK),
    PersonCase("bu-tu-phap", BU, JUSTICE_CLERK),
    PersonCase("bu-tai-chinh", BU, FINANCE_CLERK),
)  # fmt: skip

# Decisions given outright instead of generated: (case key, award, year) -> (number, date).
EARLY_DECISIONS = {("km-tu-phap", "LDTT", 2024): ("286/QĐ-UBND", D(2024, 11, 28))}


class InitiativeCase(NamedTuple):
    title: str
    level: str
    year: int
    authors: tuple  # case keys, lead author first


_U, _DI, _C = InitiativeLevel.UNIT, InitiativeLevel.DISTRICT, InitiativeLevel.CITY
INITIATIVE_CASES = (
    InitiativeCase("Quy trình phối hợp xử lý phản ánh của người dân qua ứng dụng iHanoi tại phường Khương Mai",
                   _U, 2022, ("km-chu-tich",)),
    InitiativeCase("Ứng dụng phần mềm quản lý hồ sơ hộ tịch điện tử tại phường Khương Mai",
                   _C, 2023, ("km-chu-tich", "km-tu-phap")),
    InitiativeCase("Mô hình “Tổ dân phố không rác thải nhựa” trên địa bàn phường Khương Mai",
                   _DI, 2021, ("km-pho-chu-tich",)),
    InitiativeCase("Số hóa hồ sơ địa chính và tài liệu lưu trữ của UBND phường Khương Mai",
                   _U, 2023, ("km-pho-chu-tich-2", "km-dia-chinh")),
    InitiativeCase("Giải pháp nâng cao tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình tại Bộ phận "
                   "Một cửa phường Khương Mai", _U, 2024, ("km-pho-chu-tich-2",)),
    InitiativeCase("Nâng cao hiệu quả thu ngân sách nhà nước ngoài quốc doanh trên địa bàn phường Khương Mai",
                   _U, 2023, ("km-tai-chinh",)),
    InitiativeCase("Mô hình “Chi trả an sinh xã hội không dùng tiền mặt” tại phường Khương Mai",
                   _U, 2024, ("km-tai-chinh", "km-van-phong")),
    InitiativeCase("Mô hình “Camera an ninh khu dân cư” bảo đảm trật tự an toàn xã hội tại phường Bưởi",
                   _U, 2021, ("bu-pho-chu-tich",)),
    InitiativeCase("Giải pháp quản lý, cập nhật dữ liệu dân cư phục vụ triển khai Đề án 06 tại phường Bưởi",
                   _C, 2023, ("bu-pho-chu-tich",)),
)  # fmt: skip

# Collectives whose own rating is fixed: code -> (first year, "rating …").
UNIT_CASES = {
    # Khương Mai: HTXSNV in 2024 → Tập thể lao động xuất sắc 2024 passes (all 7 members rated
    # HTNV or better, all 7 proposed or holding LĐTT 2024, Lê Hữu Long proposed CSTĐ cơ sở).
    # Not the cluster's leader in 2024 (Khương Đình is) → Cờ thi đua needs a manual check.
    KM: (2019, "HTTNV HTXSNV HTXSNV HTTNV HTTNV HTXSNV"),
    BU: (2024, "HTTNV"),
    "HK-PNV": (2024, "HTTNV"),
    "HK-MTDT": (2024, "HTTNV"),
}
# Generated members of these units are rated at least this in that year.
RATING_FLOORS = {(BU, 2024): TOT}
# Percent of a collective's members (in the order created) who hold LĐTT that year; the
# others are rated HTNV. Phòng Nội vụ quận Hoàn Kiếm has 10 people: 7 is exactly 70% →
# TTLĐTT 2024 passes; Công ty Môi trường đô thị Hoàn Kiếm has 5: 3 is 60% → fails.
MEMBER_SHARES = {("HK-PNV", 2024): 70, ("HK-MTDT", 2024): 60}


# What kind of unit each staffing of the core demo makes, for titles and deciding authorities.
KIND_OF_STAFFING = {
    "ward": "ward", "merged_ward": "ward", "dissolved_ward": "ward",
    "interior_office": "interior_office", "education_office": "education_office",
    "people_council_office": "people_council_office", "school": "school", "enterprise": "enterprise",
    "department": "department", "emulation_board": "department",
}  # fmt: skip
DEPARTMENT_SUFFIX = {"HN-SNV": "QĐ-SNV", "HN-SGDDT": "QĐ-SGDĐT"}

# --- The world: units and people as the core demo made them ---------------------------------

LEADERS = {PersonCategory.OFFICE_LEADER, PersonCategory.DEPARTMENT_LEADER, PersonCategory.ENTREPRENEUR}


class Member(NamedTuple):
    pk: int
    name: str
    leader: bool
    first_year: int | None  # the first year they can be rated


class UnitInfo(NamedTuple):
    code: str
    pk: int
    name: str
    kind: str
    authority: str  # code of the district or department that decides its grassroots awards
    authority_name: str
    authority_is_district: bool
    years: range  # rated years
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    members: tuple

    @property
    def full(self):
        return self.years is FULL_YEARS

    def valid_in(self, year):
        return (self.valid_from is None or self.valid_from <= D(year, 12, 31)) and (
            self.valid_to is None or self.valid_to >= D(year, 1, 1)
        )

    def award_years(self, code="LDTT"):
        """Years with awards in the history: up to 2023, and LĐTT 2024 outside the wards."""
        last = YEAR if code == "LDTT" and self.kind != "ward" else YEAR - 1
        return range(self.years.start, last + 1)


def lower_first(name):
    return name[:1].lower() + name[1:]


def world():
    specs = {s.code: s for s in unit_specs()}
    db_units = {u.code: u for u in Unit.objects.filter(code__in=specs)}
    people = defaultdict(list)
    rows = Person.objects.filter(unit__in=db_units.values(), is_active=True).order_by("pk")
    for pk, unit_id, name, category, birth in rows.values_list("pk", "unit_id", "full_name", "category", "birth_date"):
        leader = category in LEADERS
        people[unit_id].append(Member(pk, name, leader, birth.year + START_WORK_AGE if birth else None))
    units = {}
    for code, spec in specs.items():
        unit = db_units.get(code)
        if unit is None or not spec.staffing or not people[unit.pk]:
            continue
        top = spec
        while top.parent and top.parent != "HN":
            top = specs[top.parent]
        units[code] = UnitInfo(
            code=code, pk=unit.pk, name=unit.name, kind=KIND_OF_STAFFING[spec.staffing], authority=top.code,
            authority_name=specs[top.code].name, authority_is_district=specs[top.code].level == DISTRICT,
            years=FULL_YEARS if top.code in FULL_DISTRICTS else LIGHT_YEARS,
            valid_from=unit.valid_from, valid_to=unit.valid_to, members=tuple(people[unit.pk]),
        )  # fmt: skip
    return units


def case_person(key):
    """The Person a PersonCase names (the tests use it too)."""
    case = next(c for c in PERSON_CASES if c.key == key)
    found = list(
        Person.objects.filter(unit__code=case.unit, position=case.position, is_active=True).order_by("pk")[
            case.nth : case.nth + 1
        ]
    )
    if not found:
        raise LookupError(f"Demo data: nobody is “{case.position}” no. {case.nth + 1} in {case.unit}.")
    return found[0]
