"""Demo data for the core: the Hà Nội unit tree, the people in it and one account per role.

`manage.py load_demo` calls `load(stdout)`. Everything comes from fixed tables and a seeded
random generator, so every run plans exactly the same rows. Rows are found again by
Unit.code, Person.citizen_id (unit and name for people without one) and User.username:
missing rows are created through the audited services, existing ones are brought back to
the demo values through the same services, which write nothing when nothing differs.
"""

import datetime
import random
from collections import Counter
from typing import NamedTuple

from django.conf import settings

from thiduakt.enums import Gender, PersonCategory, Role, UnitKind
from thiduakt.models import Person, Unit, UnitLevel, User
from thiduakt.services.people import create_person, update_person
from thiduakt.services.successions import record_succession
from thiduakt.services.units import create_unit, update_unit
from thiduakt.validators import citizen_id_century_digit

DEMO_PASSWORD = "Thiduakt@2026"
SEED = 2024
HANOI_PROVINCE_CODE = "001"
# Two-tier local government: wards were reorganised on this day.
REORGANISATION_DAY = datetime.date(2025, 7, 1)

SYSTEM_USERNAME = "he-thong"
SYSTEM_FULL_NAME = "Hệ thống"

# --- Unit levels ----------------------------------------------------------------------------

CITY = "Thành phố"
DEPARTMENT = "Sở/ngành"
DISTRICT = "Quận/Huyện"
WARD = "Phường/Xã"
OFFICE = "Phòng/ban chuyên môn"
AGENCY = "Cơ quan, đơn vị"
SCHOOL = "Trường học"
ENTERPRISE = "Doanh nghiệp"

LEVELS = (
    (CITY, 1),
    (DEPARTMENT, 2),
    (DISTRICT, 2),
    (WARD, 3),
    (OFFICE, 3),
    (AGENCY, 4),
    (SCHOOL, 4),
    (ENTERPRISE, 4),
)

# --- Staffing: who works in each kind of unit -------------------------------------------------


class Staffing(NamedTuple):
    fixed: tuple  # (position, category) filled in this order before anything else
    filler: tuple  # (position, category) repeated in turn for the rest of the headcount
    size: tuple  # (least, most) people


_C = PersonCategory

WARD_LEADERS = (
    ("Chủ tịch UBND phường", _C.OFFICE_LEADER),
    ("Phó Chủ tịch UBND phường", _C.OFFICE_LEADER),
    ("Phó Chủ tịch UBND phường", _C.OFFICE_LEADER),
)
WARD_CIVIL_SERVANTS = (
    ("Công chức Văn phòng - Thống kê", _C.OTHER),
    ("Công chức Tư pháp - Hộ tịch", _C.OTHER),
    ("Công chức Địa chính - Xây dựng", _C.OTHER),
    ("Công chức Tài chính - Kế toán", _C.OTHER),
    ("Công chức Văn hóa - Xã hội", _C.OTHER),
)

STAFFING = {
    "department": Staffing(
        fixed=(
            ("Giám đốc Sở", _C.DEPARTMENT_LEADER),
            ("Phó Giám đốc Sở", _C.DEPARTMENT_LEADER),
            ("Chánh Văn phòng Sở", _C.OFFICE_LEADER),
            ("Trưởng phòng Tổ chức cán bộ", _C.OFFICE_LEADER),
        ),
        filler=(("Chuyên viên", _C.OTHER), ("Chuyên viên chính", _C.OTHER)),
        size=(6, 8),
    ),
    "emulation_board": Staffing(
        fixed=(
            ("Trưởng Ban Thi đua - Khen thưởng", _C.DEPARTMENT_LEADER),
            ("Phó Trưởng Ban Thi đua - Khen thưởng", _C.OFFICE_LEADER),
            ("Trưởng phòng Nghiệp vụ Thi đua", _C.OFFICE_LEADER),
        ),
        filler=(("Chuyên viên", _C.OTHER), ("Chuyên viên chính", _C.OTHER)),
        size=(6, 8),
    ),
    "ward": Staffing(
        fixed=WARD_LEADERS,
        filler=WARD_CIVIL_SERVANTS,
        size=(6, 8),
    ),
    # The new ward took over the staff of the wards merged into it.
    "merged_ward": Staffing(
        fixed=WARD_LEADERS,
        filler=WARD_CIVIL_SERVANTS,
        size=(10, 12),
    ),
    # Two people not yet transferred out of a dissolved ward, so the secretariat's
    # dashboard has something in its "people in dissolved units" list.
    "dissolved_ward": Staffing(
        fixed=(
            ("Công chức Tư pháp - Hộ tịch", _C.OTHER),
            ("Công chức Văn phòng - Thống kê", _C.OTHER),
        ),
        filler=(),
        size=(2, 2),
    ),
    "interior_office": Staffing(
        fixed=(
            ("Trưởng phòng", _C.OFFICE_LEADER),
            ("Phó Trưởng phòng", _C.OFFICE_LEADER),
            ("Phó Trưởng phòng", _C.OFFICE_LEADER),
            ("Chuyên viên phụ trách Thi đua - Khen thưởng", _C.OTHER),
            ("Chuyên viên phụ trách Tổ chức - Biên chế", _C.OTHER),
        ),
        filler=(("Chuyên viên", _C.OTHER),),
        size=(9, 11),
    ),
    "education_office": Staffing(
        fixed=(
            ("Trưởng phòng", _C.OFFICE_LEADER),
            ("Phó Trưởng phòng", _C.OFFICE_LEADER),
            ("Chuyên viên phụ trách Mầm non", _C.OTHER),
            ("Chuyên viên phụ trách Tiểu học", _C.OTHER),
            ("Chuyên viên phụ trách THCS", _C.OTHER),
        ),
        filler=(("Chuyên viên", _C.OTHER), ("Nhân viên kế toán", _C.OTHER)),
        size=(6, 8),
    ),
    "people_council_office": Staffing(
        fixed=(
            ("Chánh Văn phòng", _C.OFFICE_LEADER),
            ("Phó Chánh Văn phòng", _C.OFFICE_LEADER),
            ("Phó Chánh Văn phòng", _C.OFFICE_LEADER),
            ("Nhân viên văn thư - lưu trữ", _C.OTHER),
            ("Nhân viên kế toán", _C.OTHER),
        ),
        filler=(("Chuyên viên", _C.OTHER), ("Chuyên viên tổng hợp", _C.OTHER)),
        size=(7, 9),
    ),
    "school": Staffing(
        fixed=(
            ("Hiệu trưởng", _C.OFFICE_LEADER),
            ("Phó Hiệu trưởng", _C.OFFICE_LEADER),
            ("Nhân viên kế toán", _C.OTHER),
            ("Nhân viên y tế trường học", _C.OTHER),
        ),
        filler=(("Giáo viên", _C.FRONTLINE),),
        size=(6, 8),
    ),
    "enterprise": Staffing(
        fixed=(
            ("Giám đốc", _C.ENTREPRENEUR),
            ("Phó Giám đốc", _C.OTHER),
            ("Kế toán trưởng", _C.OTHER),
            ("Tổ trưởng tổ vệ sinh môi trường", _C.FRONTLINE),
        ),
        filler=(("Công nhân môi trường", _C.FRONTLINE),),
        size=(5, 7),
    ),
}

LEADER_CATEGORIES = {
    _C.PROVINCIAL_LEADER,
    _C.DEPARTMENT_LEADER,
    _C.OFFICE_LEADER,
    _C.ENTREPRENEUR,
}

# --- The unit tree ----------------------------------------------------------------------------


class UnitSpec(NamedTuple):
    code: str
    name: str
    kind: str
    level: str
    parent: str | None
    staffing: str | None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    successor: str | None = None


CITY_UNITS = (
    UnitSpec("HN", "Thành phố Hà Nội", UnitKind.ADMINISTRATIVE, CITY, None, None),
    UnitSpec("HN-SNV", "Sở Nội vụ thành phố Hà Nội", UnitKind.AGENCY, DEPARTMENT, "HN", "department"),
    UnitSpec(
        "HN-SNV-BTDKT", "Ban Thi đua - Khen thưởng thành phố", UnitKind.AGENCY, OFFICE, "HN-SNV",
        "emulation_board",
    ),
    UnitSpec("HN-SGDDT", "Sở Giáo dục và Đào tạo", UnitKind.AGENCY, DEPARTMENT, "HN", "department"),
    # Upper secondary schools belong to the city's education department, not the district.
    UnitSpec("HN-THPT-NC", "Trường THPT Nhân Chính", UnitKind.SCHOOL, SCHOOL, "HN-SGDDT", "school"),
)  # fmt: skip


class District(NamedTuple):
    code: str
    name: str  # without "Quận"
    login: str  # prefix of the district's demo usernames
    wards: tuple  # (code suffix, name without "Phường"); the first is home to unit staff
    schools: tuple  # (code suffix, full name)
    enterprise: tuple  # (code suffix, full name)


# Real wards as they were before the reorganisation of 1/7/2025.
DISTRICTS = (
    District(
        "TX", "Thanh Xuân", "thanhxuan",
        wards=(
            ("KT", "Khương Trung"), ("KM", "Khương Mai"), ("KD", "Khương Đình"),
            ("NC", "Nhân Chính"), ("TD", "Thượng Đình"), ("KG", "Kim Giang"),
        ),
        schools=(
            ("THCS-KD", "Trường THCS Khương Đình"), ("TH-KG", "Trường Tiểu học Kim Giang"),
        ),
        enterprise=("MTDT", "Công ty TNHH MTV Môi trường đô thị Thanh Xuân"),
    ),
    District(
        "TH", "Tây Hồ", "tayho",
        wards=(
            ("BU", "Bưởi"), ("TK", "Thụy Khuê"), ("YP", "Yên Phụ"), ("QA", "Quảng An"),
            ("NT", "Nhật Tân"), ("XL", "Xuân La"),
        ),
        schools=(
            ("THCS-CVA", "Trường THCS Chu Văn An"), ("TH-QA", "Trường Tiểu học Quảng An"),
        ),
        enterprise=("MTDT", "Công ty Cổ phần Môi trường đô thị Tây Hồ"),
    ),
    District(
        "HK", "Hoàn Kiếm", "hoankiem",
        wards=(
            ("TT", "Tràng Tiền"), ("HTR", "Hàng Trống"), ("LTT", "Lý Thái Tổ"),
            ("PCT", "Phan Chu Trinh"), ("HBA", "Hàng Bạc"), ("HBU", "Hàng Buồm"),
            ("HDA", "Hàng Đào"),
        ),
        schools=(
            ("THCS-TV", "Trường THCS Trưng Vương"), ("TH-HK", "Trường Tiểu học Hoàn Kiếm"),
        ),
        enterprise=("MTDT", "Công ty TNHH MTV Môi trường đô thị Hoàn Kiếm"),
    ),
    District(
        "LB", "Long Biên", "longbien",
        wards=(
            ("BD", "Bồ Đề"), ("GT", "Gia Thụy"), ("NL", "Ngọc Lâm"), ("NTH", "Ngọc Thụy"),
            ("DG", "Đức Giang"), ("VH", "Việt Hưng"),
        ),
        schools=(
            ("THCS-NT", "Trường THCS Ngọc Thụy"), ("TH-GT", "Trường Tiểu học Gia Thụy"),
        ),
        enterprise=("MTDT", "Công ty Cổ phần Môi trường đô thị Long Biên"),
    ),
)  # fmt: skip

DISTRICT_OFFICES = (
    # (code suffix, name pattern, staffing)
    ("PNV", "Phòng Nội vụ quận {}", "interior_office"),
    ("PGD", "Phòng Giáo dục và Đào tạo quận {}", "education_office"),
    ("VP", "Văn phòng HĐND và UBND quận {}", "people_council_office"),
)

# Only Hoàn Kiếm shows the reorganisation, so the demo has both histories side by side:
# (district, new ward suffix, new ward name, suffixes of the wards merged into it).
WARD_MERGERS = (("HK", "HKM", "Phường Hoàn Kiếm (mới)", ("HBA", "HBU", "HDA")),)

# --- Names --------------------------------------------------------------------------------------

# Weights roughly follow the national shares; Huỳnh and Võ are the southern forms of
# Hoàng and Vũ and are rarer in Hà Nội.
FAMILY_NAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5.5), ("Phan", 4.5),
    ("Vũ", 4.5), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.8), ("Hồ", 1.3), ("Ngô", 1.3),
    ("Dương", 1), ("Võ", 1), ("Huỳnh", 0.6), ("Lý", 0.5),
)  # fmt: skip
MIDDLE_NAMES = {
    Gender.MALE: (
        ("Văn", 30), ("Đức", 8), ("Minh", 8), ("Quang", 6), ("Hữu", 5), ("Công", 4),
        ("Xuân", 4), ("Mạnh", 3), ("Trọng", 3), ("Tiến", 3), ("Duy", 3), ("Thanh", 3),
        ("Việt", 2), ("Ngọc", 2),
    ),
    Gender.FEMALE: (
        ("Thị", 40), ("Thu", 8), ("Ngọc", 7), ("Thanh", 6), ("Phương", 4), ("Thùy", 4),
        ("Hồng", 4), ("Minh", 3), ("Kim", 3), ("Bích", 2), ("Diệu", 2), ("Hải", 2),
    ),
}  # fmt: skip
# Many women's names carry a second middle name after "Thị": Nguyễn Thị Thu Hà.
SECOND_MIDDLE_NAMES = ("Thu", "Ngọc", "Thanh", "Phương", "Hồng", "Minh", "Kim", "Bích")
SECOND_MIDDLE_SHARE = 0.3
GIVEN_NAMES = {
    Gender.MALE: (
        "An", "Bình", "Cường", "Dũng", "Hùng", "Tuấn", "Đức", "Hải", "Hiếu", "Hoàng", "Huy",
        "Khánh", "Kiên", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Trung",
        "Tùng", "Việt", "Vinh", "Hưng", "Toàn", "Đạt", "Lâm",
    ),
    Gender.FEMALE: (
        "Hà", "Hoa", "Lan", "Hương", "Mai", "Ngọc", "Thảo", "Trang", "Hằng", "Huyền", "Linh",
        "Loan", "Nga", "Nhung", "Oanh", "Phương", "Quỳnh", "Thủy", "Vân", "Yến", "Dung",
        "Hạnh", "Hiền", "Liên", "Anh", "Chi",
    ),
}  # fmt: skip
ETHNICITIES = (("Kinh", 94), ("Tày", 2), ("Mường", 2), ("Nùng", 2))

# The Thanh Xuân unit-staff account works in Khương Trung, and a search there for
# "nguyen" must find someone: the first person of these units takes this family name.
FIRST_PERSON_FAMILY_NAME = {"TX-KT": "Nguyễn"}

BIRTH_YEARS = (1965, 2000)
LEADER_BIRTH_YEARS = (1965, 1982)
# Shares of records left incomplete, so the dashboard lists records missing information.
NO_CITIZEN_ID_SHARE = 0.10
NO_BIRTH_DATE_SHARE = 0.05

# --- Accounts -------------------------------------------------------------------------------------


class UserSpec(NamedTuple):
    username: str
    role: str
    unit: str  # home unit code
    full_name: str
    position: str
    is_superuser: bool = False


# Every district has one account per role: (username suffix, role, position). Unit staff
# live in the district's first ward, everyone else in the district itself.
DISTRICT_ACCOUNTS = (
    ("canbo", Role.UNIT_STAFF, "Công chức Văn phòng - Thống kê"),
    ("chuyenvien", Role.SECRETARIAT, "Chuyên viên Phòng Nội vụ quận {}"),
    ("hoidong", Role.COUNCIL_MEMBER, "Phó Chủ tịch UBND quận, Phó Chủ tịch Hội đồng Thi đua - Khen thưởng quận"),
    ("chutich", Role.COUNCIL_CHAIR, "Chủ tịch UBND quận, Chủ tịch Hội đồng Thi đua - Khen thưởng quận"),
    ("quantri", Role.ADMIN, "Chuyên viên công nghệ thông tin, Văn phòng HĐND và UBND quận {}"),
)
# Who holds those accounts, in the same order.
ACCOUNT_HOLDERS = {
    "TX": ("Nguyễn Thị Thu Hằng", "Trần Minh Đức", "Lê Thị Phương Thảo", "Phạm Quang Vinh", "Đỗ Duy Khánh"),
    "TH": ("Vũ Thị Ngọc Anh", "Hoàng Thanh Hương", "Ngô Văn Thắng", "Bùi Đức Long", "Nguyễn Hữu Toàn"),
    "HK": ("Đặng Thị Mai", "Nguyễn Thị Kim Oanh", "Phan Văn Sơn", "Trần Thị Bích Ngọc", "Lê Công Hiếu"),
    "LB": ("Dương Thị Lan", "Nguyễn Văn Hùng", "Hồ Thị Thanh Huyền", "Lý Mạnh Cường", "Trần Tiến Dũng"),
}
CITY_ACCOUNTS = (
    UserSpec(
        "hanoi.chuyenvien", Role.SECRETARIAT, "HN", "Phạm Thị Thùy Linh",
        "Chuyên viên Ban Thi đua - Khen thưởng thành phố",
    ),
    UserSpec(
        "hanoi.hoidong", Role.COUNCIL_MEMBER, "HN", "Vũ Xuân Trung",
        "Phó Chủ tịch UBND thành phố, Phó Chủ tịch Hội đồng Thi đua - Khen thưởng thành phố",
    ),
    UserSpec(
        "hanoi.chutich", Role.COUNCIL_CHAIR, "HN", "Nguyễn Trọng Nam",
        "Chủ tịch UBND thành phố, Chủ tịch Hội đồng Thi đua - Khen thưởng thành phố",
    ),
    UserSpec("admin", Role.ADMIN, "HN", "Hoàng Minh Quân", "Quản trị hệ thống", is_superuser=True),
)  # fmt: skip


# --- Planning: what the demo data should be (pure, no database) -------------------------------


def unit_specs():
    """Every demo unit, parents before children and successors before the units they succeed."""
    yield from CITY_UNITS
    mergers = {m[0]: m for m in WARD_MERGERS}
    for district in DISTRICTS:
        yield UnitSpec(district.code, f"Quận {district.name}", UnitKind.ADMINISTRATIVE, DISTRICT, "HN", None)
        yield from _ward_specs(district, mergers.get(district.code))
        for suffix, pattern, staffing in DISTRICT_OFFICES:
            yield UnitSpec(
                f"{district.code}-{suffix}", pattern.format(district.name), UnitKind.AGENCY, OFFICE,
                district.code, staffing,
            )  # fmt: skip
        for suffix, name in district.schools:
            yield UnitSpec(f"{district.code}-{suffix}", name, UnitKind.SCHOOL, SCHOOL, district.code, "school")
        suffix, name = district.enterprise
        yield UnitSpec(f"{district.code}-{suffix}", name, UnitKind.ENTERPRISE, ENTERPRISE, district.code, "enterprise")


def _ward_specs(district, merger):
    merged, successor = (), None
    if merger:
        _, new_suffix, new_name, merged = merger
        successor = f"{district.code}-{new_suffix}"
        yield UnitSpec(
            successor, new_name, UnitKind.ADMINISTRATIVE, WARD, district.code, "merged_ward",
            valid_from=REORGANISATION_DAY,
        )  # fmt: skip
    for suffix, name in district.wards:
        code = f"{district.code}-{suffix}"
        if suffix not in merged:
            yield UnitSpec(code, f"Phường {name}", UnitKind.ADMINISTRATIVE, WARD, district.code, "ward")
            continue
        # Only the first dissolved ward still has people; the others' staff moved to the new ward.
        staffing = "dissolved_ward" if suffix == merged[0] else None
        yield UnitSpec(
            code, f"Phường {name}", UnitKind.ADMINISTRATIVE, WARD, district.code, staffing,
            valid_to=REORGANISATION_DAY - datetime.timedelta(days=1), successor=successor,
        )  # fmt: skip


def user_specs():
    """Every demo account, the ones listed in the README."""
    for district in DISTRICTS:
        first_ward = f"{district.code}-{district.wards[0][0]}"
        holders = ACCOUNT_HOLDERS[district.code]
        for (suffix, role, position), full_name in zip(DISTRICT_ACCOUNTS, holders, strict=True):
            yield UserSpec(
                f"{district.login}.{suffix}", role,
                first_ward if role == Role.UNIT_STAFF else district.code,
                full_name, position.format(district.name),
            )  # fmt: skip
    yield from CITY_ACCOUNTS


class PersonSpec(NamedTuple):
    unit: str
    full_name: str
    gender: str
    birth_date: datetime.date | None
    citizen_id: str | None
    position: str
    category: str
    ethnicity: str


class _PeopleGenerator:
    """Draws people from one seeded generator, so every run yields the same people."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.citizen_ids = set()

    def staff(self, unit_code, staffing):
        headcount = self.rng.randint(*staffing.size)
        names = set()
        for index in range(headcount):
            position, category = self._post(staffing, index)
            family = FIRST_PERSON_FAMILY_NAME.get(unit_code) if index == 0 else None
            person = self._person(unit_code, position, category, family, taken=names)
            names.add(person.full_name)
            yield person

    @staticmethod
    def _post(staffing, index):
        if index < len(staffing.fixed):
            return staffing.fixed[index]
        return staffing.filler[(index - len(staffing.fixed)) % len(staffing.filler)]

    def _person(self, unit_code, position, category, family, taken):
        gender = self.rng.choice((Gender.MALE, Gender.FEMALE))
        # Names are unique within a unit: that is how people without a citizen ID are found again.
        full_name = self._full_name(gender, family)
        while full_name in taken:
            full_name = self._full_name(gender, family)
        birth_date = self._birth_date(LEADER_BIRTH_YEARS if category in LEADER_CATEGORIES else BIRTH_YEARS)
        citizen_id = self._citizen_id(gender, birth_date.year)
        return PersonSpec(
            unit=unit_code,
            full_name=full_name,
            gender=gender,
            birth_date=None if self.rng.random() < NO_BIRTH_DATE_SHARE else birth_date,
            citizen_id=None if self.rng.random() < NO_CITIZEN_ID_SHARE else citizen_id,
            position=position,
            category=category,
            ethnicity=self._weighted(ETHNICITIES),
        )

    def _full_name(self, gender, family):
        family = family or self._weighted(FAMILY_NAMES)
        middle = self._weighted(MIDDLE_NAMES[gender])
        if middle == "Thị" and self.rng.random() < SECOND_MIDDLE_SHARE:
            middle = f"{middle} {self.rng.choice(SECOND_MIDDLE_NAMES)}"
        given = self.rng.choice(GIVEN_NAMES[gender])
        while given == middle.split(" ")[-1]:  # "Ngọc Ngọc" is not a name
            given = self.rng.choice(GIVEN_NAMES[gender])
        return f"{family} {middle} {given}"

    def _birth_date(self, years):
        year = self.rng.randint(*years)
        return datetime.date(year, 1, 1) + datetime.timedelta(days=self.rng.randrange(365))

    def _citizen_id(self, gender, year):
        prefix = f"{HANOI_PROVINCE_CODE}{citizen_id_century_digit(gender, year)}{year % 100:02d}"
        while True:
            candidate = f"{prefix}{self.rng.randrange(10**6):06d}"
            if candidate not in self.citizen_ids:
                self.citizen_ids.add(candidate)
                return candidate

    def _weighted(self, table):
        values, weights = zip(*table, strict=True)
        return self.rng.choices(values, weights=weights)[0]


def person_specs(units):
    generator = _PeopleGenerator(SEED)
    for spec in units:
        if spec.staffing:
            yield from generator.staff(spec.code, STAFFING[spec.staffing])


# --- Loading: bring the database to the plan ------------------------------------------------


def load(stdout):
    tally = Counter()
    actor = _system_user(tally)
    levels = _sync_levels(tally)
    specs = list(unit_specs())
    units = _sync_units(specs, levels, actor, tally)
    _sync_people(person_specs(specs), units, actor, tally)
    _sync_users(units, tally)
    stdout.write(
        f"Dữ liệu mẫu: tạo mới {tally['units']} đơn vị, {tally['people']} cá nhân, "
        f"{tally['users']} tài khoản; cập nhật {tally['updated']} bản ghi."
    )


def _assign(obj, values):
    """Set the values on obj; True if any of them differed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _system_user(tally):
    """The actor of the audit entries the demo writes. It cannot log in."""
    values = {
        "full_name": SYSTEM_FULL_NAME, "role": Role.ADMIN, "unit": None,
        "is_superuser": True, "is_active": False,
    }  # fmt: skip
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = User(username=SYSTEM_USERNAME, **values)
        user.set_unusable_password()
        user.save()
        tally["users"] += 1
    elif _assign(user, values):
        user.save()
        tally["updated"] += 1
    return user


def _sync_levels(tally):
    levels = {}
    for name, rank in LEVELS:
        level, created = UnitLevel.objects.get_or_create(name=name, defaults={"rank": rank})
        if not created and _assign(level, {"rank": rank}):
            level.save()
            tally["updated"] += 1
        levels[name] = level
    return levels


def _sync_record(existing, data, *, create, update, actor, tally, key):
    if existing is None:
        tally[key] += 1
        return create(actor=actor, data=data)
    updated = update(existing, actor=actor, data=data)
    if updated.version != existing.version:
        tally["updated"] += 1
    return updated


def _sync_units(specs, levels, actor, tally):
    units = {}
    for spec in specs:
        data = {
            "code": spec.code, "name": spec.name, "kind": spec.kind, "level": levels[spec.level],
            "parent": units.get(spec.parent), "valid_from": spec.valid_from,
            "valid_to": spec.valid_to,
        }  # fmt: skip
        units[spec.code] = _sync_record(
            Unit.objects.filter(code=spec.code).first(), data,
            create=create_unit, update=update_unit, actor=actor, tally=tally, key="units",
        )  # fmt: skip
        if spec.successor and not units[spec.code].successions.exists():
            record_succession(actor=actor, predecessor=units[spec.code], successor=units[spec.successor])
    return units


def _sync_people(specs, units, actor, tally):
    for spec in specs:
        data = {**spec._asdict(), "unit": units[spec.unit]}
        _sync_record(
            _find_person(spec, data["unit"]), data,
            create=create_person, update=update_person, actor=actor, tally=tally, key="people",
        )  # fmt: skip


def _find_person(spec, unit):
    if spec.citizen_id:
        return Person.objects.filter(citizen_id=spec.citizen_id).first()
    return Person.objects.filter(unit=unit, full_name=spec.full_name, citizen_id__isnull=True).first()


def _sync_users(units, tally):
    for spec in user_specs():
        values = {
            "full_name": spec.full_name, "role": spec.role, "unit": units[spec.unit],
            "position": spec.position, "is_superuser": spec.is_superuser,
        }  # fmt: skip
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(username=spec.username, **values)
            user.set_password(DEMO_PASSWORD)
            user.must_change_password = not settings.THIDUAKT_DEMO_MODE
            user.save()
            tally["users"] += 1
            continue
        # The password stays as it is: someone may have changed it on purpose. Outside demo
        # mode, an account still on the published demo password must change it.
        if not settings.THIDUAKT_DEMO_MODE and not user.must_change_password and user.check_password(DEMO_PASSWORD):
            values["must_change_password"] = True
        if _assign(user, values):
            user.save()
            tally["updated"] += 1
