"""Demo data for awards: six years of history, named eligibility cases, three 2024 submissions.

`manage.py load_demo` calls `load(stdout)` after the core and campaigns demos, so the units,
people, accounts, the system user and the Thanh Xuân cluster ranking are in place.

History (ratings, awards from earlier records, initiatives, disciplines) is not audited and
goes in with bulk_create: 2019–2024 for Thanh Xuân and Tây Hồ, 2022–2024 elsewhere. It is
generated from seeded generators, one per person and per unit (so each person's history does
not depend on anyone else's), and it follows the rules the engine checks: LĐTT only for
HTTNV or better and no discipline that year, CSTĐ cơ sở only for LĐTT with HTXSNV or an
initiative, at most 15% of LĐTT per district (or department) and year, and so on. Awards
for 2024 are what the submissions propose, so the history stops at 2023 — except LĐTT 2024
in offices, schools, enterprises and departments, whose heads decided it early in December.

On top of that, PERSON_CASES and UNIT_CASES fix the history of named people and collectives
so that the 2024 nominations in SUBMISSIONS pass or fail the rules on purpose; each case is
described where it is defined, with the person's name as the core demo generates it today.
tests/awards/test_demo.py checks every one of them.

Submissions and nominations go through awards.nominations.services with the system user as
actor; the secretariat's steps are taken by "thanhxuan.chuyenvien". Workflows are walked
only when a submission is first created, never again.

Idempotent: history rows are found again by their natural keys (person or unit, year, award
type, initiative title…); missing ones are created and differing ones brought back to the
demo values. Submissions are found by (unit, number, year) and nominations by (submission,
nominee, award). Stored eligibility is refreshed at the end, only where it is out of date.
"""

import datetime
import math
import random
import unicodedata
from collections import Counter, defaultdict
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.db.models import Q

from awards.catalogue.models import AwardType
from awards.certificates import demo as certificate_demo
from awards.council.models import Council, CouncilMember
from awards.eligibility import evaluate
from awards.enums import AttachmentKind, CouncilRole, DisciplineLevel, InitiativeLevel, Method, NominationStatus, Rating
from awards.enums import SubmissionStatus as SubStatus
from awards.history.models import Award, Discipline, Initiative, YearlyRating
from awards.nominations.models import Nomination, Submission
from awards.nominations.services import (
    add_nomination,
    attach,
    create_submission,
    evaluate_and_store,
    set_nomination_state,
    submit,
)
from thiduakt.demo import DISTRICT, SYSTEM_USERNAME, unit_specs
from thiduakt.enums import PersonCategory
from thiduakt.models import Person, Unit, User

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

# --- Submissions ----------------------------------------------------------------------------


class NominationSpec(NamedTuple):
    nominee: str  # a PersonCase key, or the code of the collective
    award: str
    achievement: str
    expect: str  # what the eligibility check says; tests/awards/test_demo.py holds it to that
    state: str = NominationStatus.SUBMITTED  # where the secretariat leaves it, once submitted
    reason: str = ""  # "{name}" is replaced by the nominee's name
    files: tuple = ()  # attachment kinds, each a small PDF


class SubmissionSpec(NamedTuple):
    unit: str
    number: str
    date: datetime.date
    signer: str
    status: str
    nominations: tuple


_RETURN_DUPLICATE = (
    "Đồng chí {name} đã được Chủ tịch UBND phường Khương Mai công nhận danh hiệu Lao động tiên tiến "
    "năm 2024 tại Quyết định số 286/QĐ-UBND ngày 28/11/2024. Đề nghị đơn vị rút tên khỏi danh sách để "
    "không khen thưởng trùng (Điều 5 Luật Thi đua, khen thưởng)."
)
_V, _R = NominationStatus.VERIFIED, NominationStatus.RETURNED

KHUONG_MAI = SubmissionSpec(
    KM, "45/TTr-UBND", D(2024, 12, 5), "Chủ tịch UBND phường Khương Mai", SubStatus.SUBMITTED, (
        NominationSpec(
            "km-chu-tich", "LDTT",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; lãnh đạo UBND phường hoàn thành 100% chỉ tiêu "
            "kinh tế - xã hội, thu ngân sách nhà nước trên địa bàn đạt 118% dự toán; chỉ đạo triển khai hiệu "
            "quả Đề án 06 và chuyển đổi số trên địa bàn phường.", PASS, _V, files=(REPORT,),
        ),
        NominationSpec(
            "km-pho-chu-tich", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; phụ trách khối văn hóa - xã hội, chỉ đạo chi trả đầy "
            "đủ, kịp thời các chế độ an sinh xã hội cho trên 1.400 đối tượng, không để xảy ra sai sót.", PASS,
        ),
        NominationSpec(
            "km-pho-chu-tich-2", "LDTT",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; phụ trách khối kinh tế - đô thị, chỉ đạo xử lý "
            "dứt điểm 12 trường hợp vi phạm trật tự xây dựng, không để phát sinh vi phạm mới.", PASS,
        ),
        NominationSpec(
            "km-van-phong", "LDTT",
            "Hoàn thành nhiệm vụ được giao năm 2024; tham mưu công tác văn phòng, tổng hợp, thống kê và "
            "tiếp nhận, phát hành văn bản của UBND phường.", FAIL,
        ),
        NominationSpec(
            "km-tu-phap", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; giải quyết đúng hạn 100% hồ sơ hộ tịch, chứng thực "
            "(trên 3.200 hồ sơ), 96% hồ sơ được tiếp nhận trực tuyến.", FAIL, _R, _RETURN_DUPLICATE,
        ),
        NominationSpec(
            "km-dia-chinh", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; tham mưu thực hiện hiệu quả công tác quản lý đất "
            "đai, trật tự xây dựng; cập nhật, chỉnh lý biến động hồ sơ địa chính kịp thời.", PASS, _V,
        ),
        NominationSpec(
            "km-tai-chinh", "LDTT",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; tham mưu quản lý, sử dụng ngân sách phường "
            "đúng quy định, công khai, minh bạch; quyết toán ngân sách năm 2023 không có sai sót.", PASS,
        ),
        NominationSpec(
            "km-chu-tich", "CSTD_CS",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; trực tiếp chỉ đạo chuyển đổi số trong giải "
            "quyết thủ tục hành chính, tỷ lệ hồ sơ trực tuyến toàn trình đạt 92%; phường xếp thứ ba Cụm thi "
            "đua số 1 các phường quận Thanh Xuân.", PASS,
        ),
        NominationSpec(
            "km-chu-tich", "CSTD_TP",
            "Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2022 – 2024); chủ nhiệm sáng kiến “Ứng "
            "dụng phần mềm quản lý hồ sơ hộ tịch điện tử tại phường Khương Mai” được công nhận hiệu quả áp "
            "dụng, phạm vi ảnh hưởng cấp thành phố năm 2023, đã được nhân rộng tại các phường trong quận.",
            PASS, files=(REPORT, MINUTES),
        ),
        NominationSpec(
            "km-pho-chu-tich-2", "BK_TP",
            "Hai năm liên tục (2023, 2024) hoàn thành xuất sắc nhiệm vụ; có 02 sáng kiến được công nhận cấp "
            "cơ sở về số hóa hồ sơ địa chính và nâng cao tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn "
            "trình tại Bộ phận Một cửa.", PASS,
        ),
        NominationSpec(
            "km-tai-chinh", "BK_TP",
            "Có thành tích xuất sắc trong công tác tài chính - ngân sách năm 2023 – 2024; có 02 sáng kiến "
            "được công nhận cấp cơ sở về quản lý thu ngân sách và chi trả an sinh xã hội không dùng tiền mặt.",
            FAIL,
        ),
        NominationSpec(
            "km-pho-chu-tich", "BK_TTG",
            "Đã được tặng Bằng khen của Chủ tịch UBND thành phố năm 2018; từ năm 2019 đến năm 2024 liên tục "
            "hoàn thành tốt nhiệm vụ trở lên, 03 lần đạt danh hiệu Chiến sĩ thi đua cơ sở (2020, 2021, 2023); "
            "chủ nhiệm mô hình “Tổ dân phố không rác thải nhựa” được công nhận cấp quận.",
            PASS, files=(REPORT, MINUTES),
        ),
        NominationSpec(
            KM, "TTLDXS",
            "Tập thể hoàn thành xuất sắc nhiệm vụ năm 2024: hoàn thành 100% chỉ tiêu kinh tế - xã hội, thu "
            "ngân sách đạt 118% dự toán; 100% cán bộ, công chức hoàn thành nhiệm vụ; không có đơn thư vượt "
            "cấp, không phát sinh điểm nóng về trật tự đô thị.", PASS, files=(REPORT, MINUTES),
        ),
        NominationSpec(
            KM, "CO_TP",
            "Dẫn đầu các phường của quận trong phong trào thi đua “Đoàn kết, đổi mới, sáng tạo, thi đua xây "
            "dựng Thủ đô văn hiến, văn minh, hiện đại” giai đoạn 2020 – 2025; Cụm phó Cụm thi đua số 1 năm "
            "2024.", MANUAL,
        ),
    ),
)  # fmt: skip

BUOI = SubmissionSpec(
    BU, "38/TTr-UBND", D(2024, 12, 10), "Chủ tịch UBND phường Bưởi", SubStatus.DRAFT, (
        NominationSpec(
            "bu-chu-tich", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; lãnh đạo UBND phường hoàn thành các chỉ tiêu kinh tế "
            "- xã hội, bảo đảm an ninh, trật tự trên địa bàn ven hồ Tây.", PASS,
        ),
        NominationSpec(
            "bu-pho-chu-tich", "LDTT",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; chỉ đạo cập nhật, làm sạch dữ liệu dân cư, "
            "100% công dân đủ điều kiện được cấp căn cước.", PASS,
        ),
        NominationSpec(
            "bu-pho-chu-tich-2", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; phụ trách công tác trật tự đô thị, vệ sinh môi "
            "trường, giải tỏa vi phạm lòng đường, vỉa hè trên các tuyến phố chính.", PASS,
        ),
        NominationSpec(
            "bu-van-phong", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; tham mưu tổng hợp, báo cáo đúng hạn, vận hành hiệu "
            "quả hệ thống quản lý văn bản và điều hành.", PASS,
        ),
        NominationSpec(
            "bu-tu-phap", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; giải quyết đúng hạn 100% hồ sơ hộ tịch, chứng thực; "
            "tổ chức 6 buổi tuyên truyền, phổ biến pháp luật tại các tổ dân phố.", PASS,
        ),
        NominationSpec(
            "bu-dia-chinh", "LDTT",
            "Hoàn thành nhiệm vụ được giao năm 2024; tham mưu quản lý đất đai, trật tự xây dựng trên địa bàn "
            "phường.", FAIL,
        ),
        NominationSpec(
            "bu-tai-chinh", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; tham mưu lập và thực hiện dự toán ngân sách phường "
            "đúng quy định.", PASS,
        ),
        NominationSpec(
            "bu-pho-chu-tich", "CSTD_CS",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; tham mưu triển khai hiệu quả Đề án 06 trên địa "
            "bàn phường, được UBND quận biểu dương.", PASS,
        ),
        NominationSpec(
            "bu-pho-chu-tich", "CSTD_TP",
            "Đạt danh hiệu Chiến sĩ thi đua cơ sở năm 2021, 2023; sáng kiến “Giải pháp quản lý, cập nhật dữ "
            "liệu dân cư phục vụ triển khai Đề án 06 tại phường Bưởi” được công nhận cấp thành phố năm 2023.",
            FAIL,
        ),
        NominationSpec(
            BU, "TTLDTT",
            "Tập thể hoàn thành tốt nhiệm vụ năm 2024; hoàn thành các chỉ tiêu kinh tế - xã hội được giao, "
            "thu ngân sách đạt 105% dự toán.", FAIL, files=(REPORT,),
        ),
    ),
)  # fmt: skip

HOAN_KIEM = SubmissionSpec(
    "HK", "318/TTr-PNV", D(2024, 12, 12), "Trưởng phòng Nội vụ quận Hoàn Kiếm", SubStatus.SUBMITTED, (
        NominationSpec(
            "HK-PNV", "TTLDTT",
            "Tập thể hoàn thành tốt nhiệm vụ năm 2024; tham mưu UBND quận chuẩn bị sắp xếp đơn vị hành chính "
            "cấp phường, thực hiện đúng quy trình tuyển dụng, đánh giá cán bộ, công chức.", PASS,
            files=(REPORT,),
        ),
        NominationSpec(
            "HK-MTDT", "TTLDTT",
            "Tập thể hoàn thành tốt nhiệm vụ năm 2024; thu gom, vận chuyển 100% rác thải sinh hoạt phát sinh "
            "trong ngày, bảo đảm vệ sinh môi trường khu vực hồ Hoàn Kiếm và phố cổ.", FAIL,
        ),
    ),
)  # fmt: skip

# Every award type the history and the submissions name.
CATALOGUE_CODES = {"LDTT", "CSTD_CS", "CSTD_TP", "TTLDTT", "TTLDXS", "CO_TP", "GK_QUAN", "BK_TP", "BK_TTG"}

# Khương Trung is left out on purpose: the browser journey makes its own submission there.
SUBMISSIONS = (KHUONG_MAI, BUOI, HOAN_KIEM)

# --- Initiative titles for the generated history ----------------------------------------------

TITLES = {
    "ward": (
        "Ứng dụng phần mềm quản lý hồ sơ hộ tịch điện tử tại phường {short}",
        "Giải pháp nâng cao tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình tại Bộ phận Một cửa phường {short}",
        "Mô hình “Tổ dân phố không rác thải nhựa” trên địa bàn phường {short}",
        "Xây dựng bản đồ số quản lý trật tự xây dựng trên địa bàn phường {short}",
        "Giải pháp quản lý, cập nhật dữ liệu dân cư phục vụ triển khai Đề án 06 tại phường {short}",
        "Nâng cao hiệu quả thu ngân sách nhà nước ngoài quốc doanh trên địa bàn phường {short}",
        "Mô hình “Camera an ninh khu dân cư” bảo đảm trật tự an toàn xã hội tại phường {short}",
        "Số hóa hồ sơ địa chính và tài liệu lưu trữ của UBND phường {short}",
        "Tuyên truyền, phổ biến pháp luật qua nhóm Zalo các tổ dân phố phường {short}",
        "Quy trình phối hợp xử lý phản ánh của người dân qua ứng dụng iHanoi tại phường {short}",
        "Mô hình “Chi trả an sinh xã hội không dùng tiền mặt” tại phường {short}",
        "Giải pháp quản lý chợ dân sinh, trật tự lòng đường, vỉa hè trên địa bàn phường {short}",
    ),
    "interior_office": (
        "Xây dựng cơ sở dữ liệu cán bộ, công chức, viên chức {district}",
        "Giải pháp số hóa hồ sơ thi đua, khen thưởng của {district}",
        "Đổi mới quy trình xét duyệt danh hiệu thi đua hằng năm tại {district}",
        "Đánh giá, xếp loại công chức cấp phường theo kết quả công việc hằng tháng tại {district}",
        "Ứng dụng chữ ký số trong phát hành văn bản của {unit}",
        "Giải pháp nâng cao Chỉ số cải cách hành chính (PAR Index) của {district}",
        "Hướng dẫn nghiệp vụ lưu trữ điện tử cho các phường trên địa bàn {district}",
        "Quy trình tuyển dụng, tiếp nhận công chức cấp phường công khai, minh bạch tại {district}",
    ),
    "education_office": (
        "Ứng dụng phần mềm tuyển sinh trực tuyến đầu cấp tại {district}",
        "Bồi dưỡng giáo viên dạy học theo Chương trình giáo dục phổ thông 2018 tại {district}",
        "Xây dựng kho học liệu số dùng chung cho các trường tiểu học {district}",
        "Nâng cao hiệu quả kiểm tra nội bộ trường học trên địa bàn {district}",
        "Giải pháp phát triển văn hóa đọc trong trường học {district}",
        "Quản lý cơ sở giáo dục mầm non ngoài công lập trên địa bàn {district}",
        "Giáo dục kỹ năng sống, phòng chống bạo lực học đường tại các trường THCS {district}",
    ),
    "people_council_office": (
        "Ứng dụng hệ thống quản lý văn bản và điều hành tại {unit}",
        "Giải pháp tổ chức họp trực tuyến kết nối UBND {district} với các phường",
        "Theo dõi, đôn đốc thực hiện nhiệm vụ UBND {district} giao trên phần mềm",
        "Nâng cao chất lượng tiếp công dân định kỳ tại Trụ sở tiếp công dân {district}",
        "Chuẩn hóa quy trình tổng hợp báo cáo kinh tế - xã hội định kỳ của {district}",
        "Giải pháp quản lý tài sản công tại {unit}",
    ),
    "school": (
        "Một số biện pháp nâng cao chất lượng dạy học môn Toán theo định hướng phát triển năng lực tại {unit}",
        "Ứng dụng công nghệ thông tin trong dạy học môn Tiếng Việt lớp 4 tại {unit}",
        "Giải pháp xây dựng thư viện thân thiện tại {unit}",
        "Tổ chức hoạt động trải nghiệm, hướng nghiệp cho học sinh {unit}",
        "Biện pháp bồi dưỡng học sinh giỏi môn Ngữ văn tại {unit}",
        "Giải pháp phòng, chống tai nạn thương tích cho học sinh {unit}",
        "Sử dụng sơ đồ tư duy trong dạy học môn Lịch sử và Địa lý tại {unit}",
        "Xây dựng mô hình “Lớp học xanh - sạch - đẹp” tại {unit}",
    ),
    "enterprise": (
        "Cải tiến xe gom rác đẩy tay giảm tiếng ồn tại {unit}",
        "Tối ưu hóa lộ trình thu gom rác thải sinh hoạt bằng bản đồ số tại {unit}",
        "Hướng dẫn phân loại rác thải tại nguồn ở khu dân cư do {unit} phụ trách",
        "Quy trình bảo dưỡng định kỳ xe ép rác chuyên dụng tại {unit}",
        "Giải pháp tưới rửa đường, giảm bụi mùa khô của {unit}",
        "Ứng dụng phần mềm quản lý nhiên liệu phương tiện vận chuyển tại {unit}",
    ),
    "department": (
        "Xây dựng cơ sở dữ liệu chuyên ngành của {unit}",
        "Giải pháp nâng cao chất lượng tham mưu, tổng hợp tại {unit}",
        "Ứng dụng chữ ký số và văn bản điện tử trong hoạt động của {unit}",
        "Chuẩn hóa quy trình giải quyết thủ tục hành chính thuộc thẩm quyền của {unit}",
        "Giải pháp số hóa tài liệu lưu trữ của {unit}",
    ),
}  # fmt: skip

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


def _lower_first(name):
    return name[:1].lower() + name[1:]


def _world():
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


# --- Who decides, with which number and date ------------------------------------------------


class Issuer(NamedTuple):
    name: str
    suffix: str  # of the decision number
    tier: str  # ward / district / department / city / state


CITY = Issuer(CITY_CHAIR, "QĐ-UBND", "city")
STATE = Issuer(PM, "QĐ-TTg", "state")

# tier -> (first day as (month, day, years after the year of achievement), days in the window,
# decisions numbered per day of the year): LĐTT of a ward around 20/12, the district's
# decisions from mid-December to mid-January, the city's in January.
DECISION_WINDOWS = {
    "ward": ((12, 10, 0), 18, 0.8),
    "district": ((12, 18, 0), 26, 14),
    "department": ((12, 15, 0), 26, 3),
    "city": ((1, 6, 1), 25, 22),
    "state": ((3, 2, 1), 40, 1.2),
}
# LĐTT 2024 of offices, schools, enterprises and departments: decided before the wards submit.
EARLY_LDTT_WINDOW = ((12, 2, 0), 3)
# Initiatives are recognised within their year: (first day, days).
INITIATIVE_WINDOWS = {
    _U: ((10, 15), 50),
    _DI: ((11, 10), 30),
    _C: ((12, 1), 20),
}
INITIATIVE_WINDOW_2024 = ((10, 1), 45)  # before the 2024 submissions


def _authority(unit):
    if unit.authority_is_district:
        return Issuer(f"Chủ tịch UBND {_lower_first(unit.authority_name)}", "QĐ-UBND", "district")
    return Issuer(f"Giám đốc {unit.authority_name}", DEPARTMENT_SUFFIX.get(unit.authority, "QĐ-UBND"), "department")


def _head(unit, year):
    """Who grants LĐTT and recognises unit-level initiatives: the ward chair, else the authority."""
    if unit.kind == "ward" and unit.valid_in(year):
        return Issuer(f"Chủ tịch UBND {_lower_first(unit.name)}", "QĐ-UBND", "ward")
    return _authority(unit)


def _issuer(code, unit, year):
    if code == "LDTT":
        return _head(unit, year)
    if code in ("CSTD_CS", "TTLDTT", "GK_QUAN"):
        return _authority(unit)
    if code == "BK_TTG":
        return STATE
    return CITY


def _working_day(date):
    """The same day, or the next one that is neither a weekend nor New Year's Day."""
    while date.weekday() >= 5 or (date.month, date.day) == (1, 1):
        date += datetime.timedelta(days=1)
    return date


class _Decisions:
    """One decision per issuer, subject and year: every award it lists shares number and date."""

    def __init__(self):
        self.made = {}
        self.numbers = set()

    def get(self, issuer, subject, year, window=None, per_day=None):
        key = (issuer.name, subject, year)
        if key not in self.made:
            rng = random.Random(f"{SEED}|decision|{issuer.name}|{subject}|{year}")
            (month, day, offset), span, rate = DECISION_WINDOWS[issuer.tier]
            if window:
                (month, day, offset), span = window
            date = _working_day(D(year + offset, month, day) + datetime.timedelta(days=rng.randrange(span)))
            rate = per_day or rate
            number = max(1, int(date.timetuple().tm_yday * rate) + rng.randrange(max(1, int(rate))))
            while (issuer.name, date.year, number) in self.numbers:
                number += 1
            self.numbers.add((issuer.name, date.year, number))
            self.made[key] = (f"{number}/{issuer.suffix}", date)
        return self.made[key]


# --- Planning the history (no writes) -----------------------------------------------------------


class History(NamedTuple):
    ratings: dict  # (person id, unit id, year) -> rating; one of the ids is None
    awards: dict  # (award code, person id, unit id, year) -> (number, date, issuer)
    initiatives: dict  # title -> (level, date, number, recognised by, frozenset of author ids)
    disciplines: dict  # (person id, year, level) -> decision text


def _expand(first_and_ratings):
    first, text = first_and_ratings
    return {first + i: rating for i, rating in enumerate(text.split())}


class _Planner:
    def __init__(self, units, cases):
        self.units = units
        self.cases = cases  # case key -> person id
        # People whose history is fixed by their case; the others' history is generated.
        self.case_ids = {cases[c.key] for c in PERSON_CASES if c.ratings}
        self.unit_of = {m.pk: u for u in units.values() for m in u.members}
        self.decisions = _Decisions()
        self.ratings = defaultdict(dict)  # person id -> {year: rating}
        self.unit_ratings = defaultdict(dict)  # unit code -> {year: rating}
        self.held = defaultdict(set)  # (person id or unit code, award code) -> {year}
        self.authored = defaultdict(list)  # person id -> [title]
        self.initiatives = {}  # title -> [level, year, date, number, by, [author ids]]
        self.disciplines = {}  # (person id, year, level) -> decision
        self.disciplined = defaultdict(dict)  # person id -> {year: level}
        self.award_rows = {}

    # --- rows -----------------------------------------------------------------------------

    def give(self, code, holder, year, unit, decision=None):
        person_id, unit_id = (None, unit.pk) if holder == unit.code else (holder, None)
        issuer = _issuer(code, unit, year)
        if decision is None:
            window = EARLY_LDTT_WINDOW if code == "LDTT" and year == YEAR else None
            decision = self.decisions.get(issuer, code, year, window=window)
        self.award_rows[(code, person_id, unit_id, year)] = (*decision, issuer.name)
        self.held[(holder, code)].add(year)

    def add_initiative(self, title, level, year, authors, unit):
        issuer = {_U: _head(unit, year), _DI: _authority(unit), _C: CITY}[level]
        (month, day), span = INITIATIVE_WINDOW_2024 if year == YEAR else INITIATIVE_WINDOWS[level]
        # The recognising decision: one per issuer, level and year.
        number, date = self.decisions.get(issuer, f"SK-{level}", year, window=((month, day, 0), span))
        self.initiatives[title] = [level, year, date, number, issuer.name, list(authors)]
        for author in authors:
            self.authored[author].append(title)

    def discipline(self, person_id, year, level, date, unit):
        issuer = _head(unit, year)
        rng = random.Random(f"{SEED}|discipline|{issuer.name}|{date}")
        number = max(1, int(date.timetuple().tm_yday * DECISION_WINDOWS[issuer.tier][2]) + rng.randrange(3))
        text = f"Quyết định số {number}/{issuer.suffix} ngày {date:%d/%m/%Y} của {issuer.name}"
        self.disciplines[(person_id, year, level)] = text
        self.disciplined[person_id][year] = level

    # --- questions --------------------------------------------------------------------------

    def has(self, holder, code, year):
        return year in self.held[(holder, code)]

    def initiatives_of(self, person_id, first, last, level=_U):
        rank = InitiativeLevel.rank(level)
        return [
            t for t in self.authored[person_id]
            if first <= self.initiatives[t][1] <= last and InitiativeLevel.rank(self.initiatives[t][0]) >= rank
        ]  # fmt: skip

    # --- the plan ---------------------------------------------------------------------------

    def plan(self):
        self._cases()
        for unit in self.units.values():
            for member in unit.members:
                if member.pk not in self.case_ids:
                    self._person(unit, member)
            self._member_shares(unit)
            self._generated_initiatives(unit)
        for year in FULL_YEARS[:-1]:
            self._titles_of_the_year(year)
        for unit in self.units.values():
            self._collective(unit)
        ratings = {(pid, None, y): r for pid, years in self.ratings.items() for y, r in years.items()}
        for code, years in self.unit_ratings.items():
            ratings.update({(None, self.units[code].pk, y): r for y, r in years.items()})
        return History(
            ratings=ratings,
            awards=self.award_rows,
            initiatives={
                t: (level, date, number, by, frozenset(authors))
                for t, (level, _y, date, number, by, authors) in self.initiatives.items()
            },
            disciplines=self.disciplines,
        )

    def _cases(self):
        for case in PERSON_CASES:
            pid = self.cases[case.key]
            unit = self.unit_of[pid]
            if not case.ratings:
                continue
            self.ratings[pid] = _expand(case.ratings)
            for year, level, date in case.disciplines:
                self.discipline(pid, year, level, date, unit)
            for code, *years in case.awards:
                for year in years:
                    decision = EARLY_DECISIONS.get((case.key, code, year))
                    self.give(code, pid, year, unit, decision)
        for item in INITIATIVE_CASES:
            authors = [self.cases[key] for key in item.authors]
            self.add_initiative(item.title, item.level, item.year, authors, self.unit_of[authors[0]])
        for code, ratings in UNIT_CASES.items():
            self.unit_ratings[code].update(_expand(ratings))

    def _person(self, unit, member):
        rng = random.Random(f"{SEED}|person|{unit.code}|{member.name}")
        excellent = 0.08 + 0.22 * rng.random() + (0.08 if member.leader else 0)
        ratings = {}
        for year in unit.years:
            x = rng.random()
            if member.first_year and year < member.first_year:
                continue
            if x < FAILED_SHARE:
                ratings[year] = KHT
            elif x < FAILED_SHARE + COMPLETED_SHARE:
                ratings[year] = HT
            elif x < FAILED_SHARE + COMPLETED_SHARE + excellent:
                ratings[year] = XS
            else:
                ratings[year] = TOT
            floor = RATING_FLOORS.get((unit.code, year))
            if floor and Rating.rank(ratings[year]) < Rating.rank(floor):
                ratings[year] = floor
        self.ratings[member.pk] = ratings
        awards = random.Random(f"{SEED}|awards|{unit.code}|{member.name}")
        for year in unit.years:
            # A reprimand: rated no better than HTNV that year, and no title.
            if unit.full and year < YEAR and year in ratings and awards.random() < REPRIMAND_CHANCE:
                ratings[year] = min(ratings[year], HT, key=Rating.rank)
                date = _working_day(D(year, 3, 1) + datetime.timedelta(days=awards.randrange(250)))
                self.discipline(member.pk, year, REPRIMAND, date, unit)
        for year in unit.award_years("LDTT"):
            chance = awards.random()
            if Rating.rank(ratings.get(year)) >= Rating.rank(TOT) and year not in self.disciplined[member.pk]:
                if chance < LDTT_CHANCE:
                    self.give("LDTT", member.pk, year, unit)

    def _member_shares(self, unit):
        for (code, year), percent in MEMBER_SHARES.items():
            if code != unit.code:
                continue
            holders = math.ceil(len(unit.members) * percent / 100)
            for index, member in enumerate(unit.members):
                assert member.pk not in self.case_ids, "member shares apply to generated people only"
                self.held[(member.pk, "LDTT")].discard(year)
                self.award_rows.pop(("LDTT", member.pk, None, year), None)
                if index < holders:
                    self.ratings[member.pk][year] = max(self.ratings[member.pk].get(year, TOT), TOT, key=Rating.rank)
                    self.give("LDTT", member.pk, year, unit)
                else:
                    self.ratings[member.pk][year] = HT

    def _generated_initiatives(self, unit):
        rng = random.Random(f"{SEED}|initiatives|{unit.code}")
        templates = list(TITLES[unit.kind])
        rng.shuffle(templates)
        values = {
            "short": unit.name.removeprefix("Phường "), "unit": unit.name,
            "district": _lower_first(unit.authority_name),
        }  # fmt: skip
        titles = [t.format(**values) for t in templates]
        titles = [t for t in titles if t not in self.initiatives]
        weights = (0.35, 0.45, 0.2) if unit.full else (0.6, 0.4, 0)
        for year in unit.years:
            count = rng.choices((0, 1, 2), weights=weights)[0]
            level_draw = [rng.random() for _ in range(count)]
            people = [
                m for m in unit.members if m.pk not in self.case_ids and year in self.ratings[m.pk]
            ]  # fmt: skip
            for draw in level_draw:
                if not titles or not people:
                    break
                level = _U
                if year < YEAR and draw < 0.06:
                    level = _C
                elif year < YEAR and draw < 0.26 and unit.authority_is_district:
                    level = _DI
                weights_of = [
                    (3 if self.ratings[m.pk][year] == XS else 1) * (2 if m.leader else 1) for m in people
                ]  # fmt: skip
                lead = rng.choices(people, weights=weights_of)[0]
                authors = [lead.pk]
                others = [m for m in people if m.pk != lead.pk]
                if others and rng.random() < 0.35:
                    authors.append(rng.choice(others).pk)
                self.add_initiative(titles.pop(), level, year, authors, unit)

    def _titles_of_the_year(self, year):
        """CSTĐ cơ sở unit by unit, capped per authority; then what builds on it."""
        picks = defaultdict(list)  # authority -> [(unit, person id)] of generated people
        for unit in self.units.values():
            if year not in unit.award_years("CSTD_CS"):
                continue
            if any(self.has(m.pk, "CSTD_CS", year) for m in unit.members if m.pk in self.case_ids):
                continue
            rng = random.Random(f"{SEED}|cstd|{unit.code}|{year}")
            candidates = [
                m for m in unit.members
                if m.pk not in self.case_ids and self.has(m.pk, "LDTT", year)
                and (self.ratings[m.pk].get(year) == XS or self.initiatives_of(m.pk, year, year))
            ]  # fmt: skip
            count = 1 if rng.random() < (0.7 if unit.full else 0.45) else 0
            if count and len(unit.members) >= 9 and rng.random() < 0.25:
                count = 2
            for _ in range(min(count, len(candidates))):
                weights = [
                    (4 if self.has(m.pk, "CSTD_CS", year - 1) else 1) * (2 if m.leader else 1) for m in candidates
                ]  # fmt: skip
                chosen = rng.choices(candidates, weights=weights)[0]
                candidates.remove(chosen)
                picks[unit.authority].append((unit, chosen.pk))
        for authority, chosen in picks.items():
            group = [u for u in self.units.values() if u.authority == authority]
            ldtt = sum(self.has(m.pk, "LDTT", year) for u in group for m in u.members)
            given = sum(self.has(m.pk, "CSTD_CS", year) for u in group for m in u.members)
            allowed = math.floor(ldtt * CSTD_SHARE) - given
            random.Random(f"{SEED}|cap|{authority}|{year}").shuffle(chosen)
            for unit, person_id in chosen[: max(allowed, 0)]:
                self.give("CSTD_CS", person_id, year, unit)
        for unit in self.units.values():
            if year in unit.award_years("CSTD_CS"):
                for member in unit.members:
                    if member.pk not in self.case_ids:
                        self._builds_on_cstd(unit, member, year)

    def _builds_on_cstd(self, unit, member, year):
        rng = random.Random(f"{SEED}|higher|{unit.code}|{member.name}|{year}")
        pid = member.pk
        chain = all(self.has(pid, "CSTD_CS", y) for y in (year - 2, year - 1, year))
        if chain and not any(self.has(pid, "CSTD_TP", y) for y in (year - 2, year - 1)):
            if not self.initiatives_of(pid, year - 2, year, _C) and rng.random() < 0.5:
                recent = self.initiatives_of(pid, year - 2, year)
                if recent:  # the city recognised one of the recent initiatives
                    self.initiatives[recent[-1]][0] = _C
                    self._redate(recent[-1], unit)
            if self.initiatives_of(pid, year - 2, year, _C):
                self.give("CSTD_TP", pid, year, unit)
                return
        if (
            self.has(pid, "CSTD_CS", year - 1) and self.has(pid, "CSTD_CS", year)
            and not self.has(pid, "BK_TP", year - 1) and rng.random() < 0.4
        ):  # fmt: skip
            self.give("BK_TP", pid, year, unit)
        elif (
            unit.authority_is_district and self.has(pid, "LDTT", year) and not self.has(pid, "CSTD_CS", year)
            and rng.random() < 0.06
        ):  # fmt: skip
            self.give("GK_QUAN", pid, year, unit)

    def _redate(self, title, unit):
        item = self.initiatives[title]
        level, year = item[0], item[1]
        (month, day), span = INITIATIVE_WINDOWS[level]
        number, date = self.decisions.get(CITY, f"SK-{level}", year, window=((month, day, 0), span))
        item[2], item[3], item[4] = date, number, CITY.name

    def _collective(self, unit):
        rng = random.Random(f"{SEED}|collective|{unit.code}")
        ratings = self.unit_ratings[unit.code]
        for year in unit.years:
            x = rng.random()
            if not unit.valid_in(year):
                ratings.pop(year, None)
                continue
            ratings.setdefault(year, XS if x < 0.3 else TOT if x < 0.95 else HT)
        members = [m.pk for m in unit.members]
        for year in unit.award_years("TTLDTT"):
            draw = [rng.random() for _ in range(3)]
            if year not in ratings:
                continue
            share_ok = 10 * sum(self.has(p, "LDTT", year) for p in members) >= 7 * len(members)
            warned = any(
                DisciplineLevel.rank(self.disciplined[p].get(year)) >= DisciplineLevel.rank(WARNING) for p in members
            )
            all_rated = all(Rating.rank(self.ratings[p].get(year)) >= Rating.rank(HT) for p in members)
            has_cstd = any(self.has(p, "CSTD_CS", year) for p in members)
            if warned or not share_ok:
                continue
            if ratings[year] == XS and all_rated and has_cstd and draw[0] < 0.85:
                self.give("TTLDXS", unit.code, year, unit)
            elif Rating.rank(ratings[year]) >= Rating.rank(TOT) and draw[0] < 0.95:
                self.give("TTLDTT", unit.code, year, unit)
            excellent_two = (self.has(unit.code, "TTLDXS", year - 1) and self.has(unit.code, "TTLDXS", year)) or (
                ratings.get(year - 1) == XS and ratings[year] == XS
            )
            if excellent_two and not self.has(unit.code, "BK_TP", year - 1) and draw[1] < 0.35:
                self.give("BK_TP", unit.code, year, unit)
            elif unit.authority_is_district and draw[2] < 0.12:
                self.give("GK_QUAN", unit.code, year, unit)


def plan_history(units, cases):
    return _Planner(units, cases).plan()


# --- Loading ------------------------------------------------------------------------------------


def load(stdout):
    tally = Counter()
    actor = User.objects.get(username=SYSTEM_USERNAME)
    secretary = User.objects.filter(username=SECRETARY_USERNAME).first() or actor
    units = _world()
    cases = {case.key: case_person(case.key).pk for case in PERSON_CASES}
    history = plan_history(units, cases)
    types = _catalogue(tally)
    _sync_ratings(history.ratings, tally)
    _sync_awards(history.awards, types, tally)
    _sync_initiatives(history.initiatives, tally)
    _sync_disciplines(history.disciplines, tally)
    submissions = [_sync_submission(spec, cases, types, actor, secretary, tally) for spec in SUBMISSIONS]
    _refresh_eligibility(submissions, tally)
    _sync_councils(tally)
    certificate_demo.load(tally)
    stdout.write(_summary(history, tally))


# Each district's council and the city's: the demo chair and member accounts hold the seats.
COUNCILS = (
    ("HN", "Hội đồng Thi đua - Khen thưởng thành phố Hà Nội", "hanoi"),
    ("TX", "Hội đồng Thi đua - Khen thưởng quận Thanh Xuân", "thanhxuan"),
    ("TH", "Hội đồng Thi đua - Khen thưởng quận Tây Hồ", "tayho"),
    ("HK", "Hội đồng Thi đua - Khen thưởng quận Hoàn Kiếm", "hoankiem"),
    ("LB", "Hội đồng Thi đua - Khen thưởng quận Long Biên", "longbien"),
)
COUNCIL_TERM_START = datetime.date(2021, 7, 1)


def _sync_councils(tally):
    for code, name, prefix in COUNCILS:
        council, created = Council.objects.get_or_create(
            unit=Unit.objects.get(code=code), name=name, defaults={"term_start": COUNCIL_TERM_START}
        )
        tally["created"] += created
        for suffix, role in (("chutich", CouncilRole.CHAIR), ("hoidong", CouncilRole.VICE_CHAIR)):
            user = User.objects.filter(username=f"{prefix}.{suffix}").first()
            if user is not None:
                _seat, seated = CouncilMember.objects.get_or_create(council=council, user=user, defaults={"role": role})
                tally["created"] += seated


def _catalogue(tally):
    """The award types by code, as migration 0002 seeds them."""
    types = {t.code: t for t in AwardType.objects.all()}
    missing = CATALOGUE_CODES - types.keys()
    if missing:
        raise CommandError(f"Danh mục khen thưởng thiếu {', '.join(sorted(missing))}: hãy chạy migrate.")
    return types


def _summary(history, tally):
    return (
        f"Khen thưởng mẫu: {len(history.ratings)} xếp loại, {len(history.awards)} khen thưởng đã có, "
        f"{len(history.initiatives)} sáng kiến, {len(history.disciplines)} kỷ luật, {len(SUBMISSIONS)} tờ trình; "
        f"tạo mới {tally['created']} bản ghi, {tally['steps']} bước xử lý, cập nhật {tally['updated']} bản ghi."
    )


def _bulk(model, create, update, fields, tally):
    if create:
        model.objects.bulk_create(create, batch_size=500)
        tally["created"] += len(create)
    if update:
        model.objects.bulk_update(update, fields, batch_size=500)
        tally["updated"] += len(update)


def _sync_ratings(planned, tally):
    people = {p for p, _u, _y in planned if p}
    units = {u for _p, u, _y in planned if u}
    existing = {}
    rows = YearlyRating.objects.filter(Q(person_id__in=people) | Q(unit_id__in=units, person__isnull=True))
    for row in rows.only("pk", "person_id", "unit_id", "year", "rating"):
        existing[(row.person_id, None if row.person_id else row.unit_id, row.year)] = row
    create, update = [], []
    for (person_id, unit_id, year), rating in planned.items():
        row = existing.get((person_id, unit_id, year))
        if row is None:
            create.append(YearlyRating(person_id=person_id, unit_id=unit_id, year=year, rating=rating))
        elif row.rating != rating:
            row.rating = rating
            update.append(row)
    _bulk(YearlyRating, create, update, ["rating"], tally)


def _sync_awards(planned, types, tally):
    people = {p for _c, p, _u, _y in planned if p}
    units = {u for _c, _p, u, _y in planned if u}
    existing = {}
    rows = Award.objects.filter(Q(person_id__in=people) | Q(unit_id__in=units, person__isnull=True), from_records=True)
    for row in rows.select_related("award_type").order_by("pk"):
        key = (row.award_type.code, row.person_id, None if row.person_id else row.unit_id, row.year)
        existing.setdefault(key, row)
    create, update = [], []
    for (code, person_id, unit_id, year), (number, date, issuer) in planned.items():
        values = {"decision_number": number, "decision_date": date, "issuer": issuer, "revoked": False}
        row = existing.get((code, person_id, unit_id, year))
        if row is None:
            create.append(
                Award(
                    award_type=types[code],
                    person_id=person_id,
                    unit_id=unit_id,
                    year=year,
                    from_records=True,
                    **values,
                )
            )
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            update.append(row)
    _bulk(Award, create, update, ["decision_number", "decision_date", "issuer", "revoked"], tally)


def _sync_initiatives(planned, tally):
    existing = {i.title: i for i in Initiative.objects.filter(title__in=planned)}
    Authors = Initiative.authors.through
    links = defaultdict(set)
    for initiative_id, person_id in Authors.objects.filter(initiative__in=existing.values()).values_list(
        "initiative_id", "person_id"
    ):
        links[initiative_id].add(person_id)
    create, update = [], []
    for title, (level, date, number, by, _authors) in planned.items():
        values = {"level": level, "recognised_on": date, "decision_number": number, "recognised_by": by}
        row = existing.get(title)
        if row is None:
            row = Initiative(title=title, **values)
            create.append(row)
            existing[title] = row
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            update.append(row)
    _bulk(Initiative, create, update, ["level", "recognised_on", "decision_number", "recognised_by"], tally)
    add, stale = [], []
    for title, (*_values, authors) in planned.items():
        row = existing[title]  # bulk_create set the primary keys (SQLite and PostgreSQL)
        have = links.get(row.pk, set())
        add += [Authors(initiative_id=row.pk, person_id=p) for p in sorted(authors - have)]
        stale += [(row.pk, p) for p in have - authors]
        if row not in create and (authors - have or have - authors):
            tally["updated"] += 1
    Authors.objects.bulk_create(add, batch_size=500)
    for initiative_id, person_id in stale:
        Authors.objects.filter(initiative_id=initiative_id, person_id=person_id).delete()


def _sync_disciplines(planned, tally):
    people = {p for p, _y, _l in planned}
    existing = {}
    for row in Discipline.objects.filter(person_id__in=people).order_by("pk"):
        existing.setdefault((row.person_id, row.year, row.level), row)
    create, update = [], []
    for (person_id, year, level), decision in planned.items():
        row = existing.get((person_id, year, level))
        if row is None:
            create.append(Discipline(person_id=person_id, year=year, level=level, decision=decision))
        elif row.decision != decision:
            row.decision = decision
            update.append(row)
    _bulk(Discipline, create, update, ["decision"], tally)


# --- Submissions ------------------------------------------------------------------------------


def _nominee(spec, cases):
    if spec.nominee in cases:
        return {"person": Person.objects.get(pk=cases[spec.nominee]), "unit": None}
    return {"person": None, "unit": Unit.objects.get(code=spec.nominee)}


def _sync_submission(spec, cases, types, actor, secretary, tally):
    unit = Unit.objects.get(code=spec.unit)
    submission = Submission.objects.filter(proposing_unit=unit, number=spec.number, year=YEAR).first()
    created = submission is None
    if created:
        data = {
            "proposing_unit": unit, "number": spec.number, "date": spec.date, "signer": spec.signer,
            "year": YEAR, "method": Method.REGULAR, "campaign": None,
        }  # fmt: skip
        submission = create_submission(actor=actor, data=data)
        tally["created"] += 1
    nominations = {}
    if submission.status == SubStatus.DRAFT:
        have = {(n.person_id, n.unit_id, n.award_type_id): n for n in submission.nominations.all()}
        for item in spec.nominations:
            nominee = _nominee(item, cases)
            key = (getattr(nominee["person"], "pk", None), getattr(nominee["unit"], "pk", None), types[item.award].pk)
            if key in have:
                continue
            data = {**nominee, "award_type": types[item.award], "achievement": item.achievement}
            nomination = add_nomination(submission, actor=actor, data=data, evaluate=False)
            tally["created"] += 1
            nominations[item] = nomination
            for kind in item.files:
                _attach_pdf(nomination, kind, item, nominee, actor)
                tally["created"] += 1
    if not created:
        return submission
    # Walked forward only now, when the demo first makes the submission.
    if spec.status == SubStatus.SUBMITTED:
        submission = submit(submission, actor=actor)
        tally["steps"] += 1
        for item, nomination in nominations.items():
            if item.state == NominationStatus.SUBMITTED:
                continue
            name = nomination.nominee
            set_nomination_state(nomination, item.state, actor=secretary, reason=item.reason.format(name=name))
            tally["steps"] += 1
    return submission


def _attach_pdf(nomination, kind, item, nominee, actor):
    who = nominee["person"] or nominee["unit"]
    if kind == MINUTES:
        title = f"Biên bản họp Hội đồng Thi đua - Khen thưởng - {nomination.submission.proposing_unit.name}"
    else:
        title = f"Báo cáo thành tích - {who}"
    pdf = _pdf(title, f"{nomination.award_type.name} năm {YEAR}", item.achievement[:90])
    attach(nomination, actor=actor, kind=kind, upload=ContentFile(pdf, name=f"{title}.pdf"))


def _ascii(text):
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = plain.replace("“", '"').replace("”", '"').replace("–", "-")
    plain = plain.encode("ascii", "replace").decode()
    return plain.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf(*lines):
    """A small valid one-page PDF with a few lines of (unaccented) text."""
    text = "".join(f"({_ascii(line)}) '\n" for line in lines)
    stream = f"BT /F1 12 Tf 16 TL 60 780 Td\n{text}ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _comparable(eligibility):
    return {k: v for k, v in (eligibility or {}).items() if k != "at"}


def _refresh_eligibility(submissions, tally):
    """Rules read other nominations too: re-check them all once, store only what changed."""
    nominations = list(Nomination.objects.filter(submission__in=submissions))
    evaluations = evaluate(nominations)
    stale = [n for n in nominations if _comparable(n.eligibility) != _comparable(evaluations[n.pk].as_json())]
    if stale:
        evaluate_and_store(stale)
