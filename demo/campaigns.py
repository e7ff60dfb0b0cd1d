"""Demo data for campaigns: the Hà Nội campaigns, a Thanh Xuân cluster, registrations, scores.

`manage.py load_demo` calls `load(stdout)` after `demo.core.load` has built the unit tree,
the people and the system user. Everything goes through the campaigns services, with the
system user as the actor, so the audit log reads as if an office had done the work.

Idempotent: campaigns are found again by (launcher, plan number), the cluster by (owner, name),
memberships by (cluster, unit, year), registrations by (campaign, unit), reviews by (campaign,
kind, date). A step whose result is already there is skipped, so a second run writes nothing.
Workflows only move forward: a campaign is walked from where it stands to the stage the demo
wants, never back; a registration is walked to its state only when it is first created.

Plan numbers marked "illustrative" are plausible but not checked against the real documents.
"""

import datetime
from collections import Counter
from decimal import Decimal
from typing import NamedTuple

from campaigns.enums import (
    CampaignKind,
    CampaignScope,
    CampaignStatus,
    ClusterKind,
    ClusterRole,
    EmulationTitle,
    RegistrationStatus,
    ReviewKind,
)
from campaigns.models import Campaign, Cluster, ClusterMembership, Registration, ScoreSheet
from campaigns.services.campaigns import create_campaign, save_criterion, set_campaign_state, update_campaign
from campaigns.services.clusters import SCORING_STATES, create_cluster, finalize_ranking, save_scores, set_membership
from campaigns.services.registrations import (
    approve_registration,
    return_registration,
    save_registration,
    submit_registration,
)
from campaigns.services.reviews import record_review
from demo.core import SYSTEM_USERNAME
from thiduakt.models import Person, Unit, User

D = datetime.date
_K, _T, _R = CampaignKind, EmulationTitle, ClusterRole

# --- Specs ------------------------------------------------------------------------------------


class CriterionSpec(NamedTuple):
    description: str
    max_points: str  # a string, so the Decimal is exact
    mandatory: bool = True


class ReviewSpec(NamedTuple):
    kind: str
    held_on: datetime.date
    summary: str
    participating_units: int | None = None
    collectives_commended: int | None = None
    individuals_commended: int | None = None
    figures_note: str = ""


class CampaignSpec(NamedTuple):
    key: str  # how the other tables below refer to this campaign
    launcher: str  # Unit.code
    kind: str
    title: str
    theme: str
    plan_number: str
    plan_date: datetime.date
    plan_signer: str
    start_date: datetime.date
    end_date: datetime.date
    criteria: tuple
    content: str = ""
    targets: str = ""
    submissions: tuple = (None, None)  # (from, until)
    cluster: bool = False  # scope = the demo cluster's members
    reviews: tuple = ()  # recorded in this order; each moves the campaign to its stage
    closes: bool = False  # closed once its final review is recorded


class ClusterSpec(NamedTuple):
    owner: str
    name: str
    kind: str
    description: str


class RegistrationSpec(NamedTuple):
    campaign: str  # CampaignSpec.key
    unit: str
    unit_title: str
    people: tuple  # (position, title): the first person holding that position registers for the title
    status: str
    pledge: str = ""
    return_reason: str = ""


class ScoreSpec(NamedTuple):
    unit: str
    self_points: tuple  # one value per criterion, in order
    cluster_points: tuple


# --- Campaigns --------------------------------------------------------------------------------

CITY_2024 = CampaignSpec(
    key="city-2024",
    launcher="HN",
    kind=_K.REGULAR,
    title="Phong trào thi đua năm 2024",
    theme=(
        "Thi đua lập thành tích chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô "
        "(10/10/1954 – 10/10/2024)"
    ),
    plan_number="282/KH-UBND",
    plan_date=D(2023, 11, 30),
    plan_signer="Phó Chủ tịch UBND thành phố",
    start_date=D(2024, 1, 1),
    end_date=D(2024, 12, 31),
    submissions=(D(2024, 11, 1), D(2024, 12, 15)),
    content=(
        "Phát động phong trào thi đua sâu rộng trong các cơ quan, đơn vị, địa phương và toàn thể "
        "cán bộ, công chức, viên chức, người lao động, nhân dân Thủ đô, gắn với thực hiện thắng lợi "
        "nhiệm vụ phát triển kinh tế - xã hội năm 2024 và các ngày lễ lớn của đất nước, của Thủ đô."
    ),
    targets=(
        "Hoàn thành toàn diện các chỉ tiêu kinh tế - xã hội năm 2024 của thành phố.\n"
        "Mỗi cơ quan, đơn vị có ít nhất một công trình, phần việc chào mừng 70 năm Ngày Giải phóng Thủ đô.\n"
        "Phát hiện, bồi dưỡng, biểu dương kịp thời các điển hình tiên tiến trong phong trào."
    ),
    criteria=(
        CriterionSpec(
            "Hoàn thành toàn diện các chỉ tiêu phát triển kinh tế - xã hội và dự toán thu ngân sách "
            "nhà nước năm 2024 được giao", "30",
        ),
        CriterionSpec(
            "Đẩy mạnh cải cách hành chính, chuyển đổi số; nâng cao chỉ số hài lòng của người dân, "
            "doanh nghiệp đối với sự phục vụ của cơ quan hành chính", "20",
        ),
        CriterionSpec(
            "Xây dựng Đảng, chính quyền trong sạch, vững mạnh; thực hành tiết kiệm, phòng, chống "
            "tham nhũng, lãng phí, tiêu cực", "15",
        ),
        CriterionSpec(
            "Tổ chức phong trào thi đua chào mừng 70 năm Ngày Giải phóng Thủ đô; phát hiện, nhân rộng "
            "điển hình tiên tiến; công tác khen thưởng kịp thời, chính xác, đúng quy định", "15",
        ),
        CriterionSpec(
            "Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội, trật tự an toàn giao thông, "
            "phòng cháy, chữa cháy trên địa bàn", "15",
        ),
        # Bonus points: not every unit has an initiative recognised in the year.
        CriterionSpec(
            "Sáng kiến, mô hình mới, cách làm hay được cấp có thẩm quyền công nhận (điểm thưởng)", "5",
            mandatory=False,
        ),
    ),
    reviews=(
        ReviewSpec(
            ReviewKind.FINAL, D(2024, 12, 20),
            "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024: phong trào thi đua chào mừng "
            "kỷ niệm 70 năm Ngày Giải phóng Thủ đô được triển khai rộng khắp, góp phần hoàn thành "
            "và hoàn thành vượt mức các chỉ tiêu kinh tế - xã hội của thành phố.",
            # Demo figures, of the order a city-wide review reports.
            participating_units=586, collectives_commended=312, individuals_commended=1045,
            figures_note="Đề nghị tặng Cờ thi đua của Chính phủ cho 6 tập thể; tặng Cờ thi đua của "
            "UBND thành phố cho 78 tập thể dẫn đầu các cụm, khối thi đua.",
        ),
    ),
)  # fmt: skip

CITY_2022 = CampaignSpec(
    key="city-2022",
    launcher="HN",
    kind=_K.REGULAR,
    title="Phong trào thi đua năm 2022",
    theme="Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển",
    plan_number="10/KH-HĐTĐKT",
    plan_date=D(2021, 12, 10),
    plan_signer="Chủ tịch Hội đồng Thi đua - Khen thưởng thành phố",
    start_date=D(2022, 1, 1),
    end_date=D(2022, 12, 31),
    submissions=(D(2022, 11, 1), D(2022, 12, 15)),
    content=(
        "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2022, vừa phòng, "
        "chống dịch COVID-19, vừa phục hồi và phát triển kinh tế - xã hội của Thủ đô."
    ),
    criteria=(
        CriterionSpec(
            "Phục hồi và phát triển kinh tế - xã hội, hoàn thành các chỉ tiêu năm 2022; phòng, "
            "chống dịch COVID-19 hiệu quả", "35",
        ),
        CriterionSpec(
            "Siết chặt kỷ cương, nâng cao trách nhiệm trong thực thi công vụ; cải cách hành chính", "25",
        ),
        CriterionSpec("Xây dựng Đảng, chính quyền; phòng, chống tham nhũng, lãng phí", "20"),
        CriterionSpec("Công tác thi đua, khen thưởng; bảo đảm an ninh, trật tự an toàn xã hội", "20"),
    ),
    reviews=(
        ReviewSpec(
            ReviewKind.FINAL, D(2022, 12, 27),
            "Tổng kết phong trào thi đua năm 2022 với chủ đề “Kỷ cương, trách nhiệm, hành động, "
            "sáng tạo, phát triển”; biểu dương các tập thể, cá nhân có thành tích xuất sắc.",
            participating_units=579, collectives_commended=287, individuals_commended=963,
        ),
    ),
    closes=True,
)  # fmt: skip

CITY_2020_2025 = CampaignSpec(
    key="city-2020-2025",
    launcher="HN",
    kind=_K.THEMATIC,
    title=(
        "Phong trào thi đua “Đoàn kết, đổi mới, sáng tạo, thi đua xây dựng Thủ đô văn hiến, "
        "văn minh, hiện đại” giai đoạn 2020 – 2025"
    ),
    theme="Đoàn kết, đổi mới, sáng tạo, thi đua xây dựng Thủ đô văn hiến, văn minh, hiện đại",
    plan_number="3452/KH-UBND",  # illustrative: number and date not checked against the real plan
    plan_date=D(2019, 12, 20),
    plan_signer="Chủ tịch UBND thành phố",
    start_date=D(2020, 1, 1),
    end_date=D(2025, 12, 31),
    submissions=(D(2025, 9, 1), D(2025, 11, 30)),
    content=(
        "Phong trào thi đua xuyên suốt nhiệm kỳ, gắn với thực hiện Nghị quyết Đại hội Đảng bộ thành "
        "phố và xây dựng người Hà Nội thanh lịch, văn minh."
    ),
    criteria=(
        CriterionSpec("Phát huy sức mạnh khối đại đoàn kết, đồng thuận xã hội trên địa bàn", "25"),
        CriterionSpec(
            "Đổi mới, sáng tạo trong lãnh đạo, chỉ đạo, điều hành; xây dựng chính quyền số, đô thị thông minh",
            "25",
        ),
        CriterionSpec("Xây dựng người Hà Nội thanh lịch, văn minh; giữ gìn và phát huy giá trị văn hiến", "25"),
        CriterionSpec("Chỉnh trang đô thị, trật tự xây dựng, vệ sinh môi trường theo hướng văn minh, hiện đại", "25"),
    ),
    reviews=(
        ReviewSpec(
            ReviewKind.INTERIM, D(2023, 10, 6),
            "Sơ kết giữa kỳ phong trào thi đua giai đoạn 2020 – 2025: các địa phương, đơn vị đã cụ thể "
            "hóa phong trào bằng nhiều mô hình, cách làm hay; đề ra nhiệm vụ trọng tâm đến năm 2025.",
            participating_units=574, collectives_commended=96, individuals_commended=214,
        ),
    ),
)  # fmt: skip

TX_HCM_CALL = CampaignSpec(
    key="tx-75-nam",
    launcher="TX",
    kind=_K.THEMATIC,
    title=(
        "Đợt thi đua cao điểm chào mừng kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi "
        "thi đua ái quốc (11/6/1948 – 11/6/2023)"
    ),
    theme="Thi đua là yêu nước, yêu nước thì phải thi đua",
    plan_number="12/KH-UBND",  # illustrative
    plan_date=D(2023, 1, 9),
    plan_signer="Chủ tịch UBND quận Thanh Xuân",
    start_date=D(2023, 1, 10),
    end_date=D(2023, 6, 11),
    submissions=(D(2023, 5, 15), D(2023, 5, 31)),
    criteria=(
        CriterionSpec(
            "Tuyên truyền sâu rộng ý nghĩa Lời kêu gọi thi đua ái quốc của Chủ tịch Hồ Chí Minh", "30",
        ),
        CriterionSpec(
            "Công trình, phần việc chào mừng hoàn thành và gắn biển trước ngày 11/6/2023", "40",
        ),
        CriterionSpec("Phát hiện, biểu dương điển hình tiên tiến, người tốt việc tốt", "30"),
    ),
    reviews=(
        ReviewSpec(
            ReviewKind.FINAL, D(2023, 6, 9),
            "Lễ kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc và tổng kết "
            "đợt thi đua cao điểm; gắn biển 24 công trình, phần việc chào mừng.",
            participating_units=31, collectives_commended=18, individuals_commended=42,
        ),
    ),
    closes=True,
)  # fmt: skip

TX_FIRE_SAFETY = CampaignSpec(
    key="tx-pccc",
    launcher="TX",
    kind=_K.THEMATIC,
    title="Phong trào thi đua xây dựng mô hình “Tổ liên gia an toàn phòng cháy, chữa cháy”",
    theme="Mỗi khu dân cư là một pháo đài phòng cháy, chữa cháy",
    plan_number="87/KH-UBND",  # illustrative
    plan_date=D(2023, 3, 20),
    plan_signer="Phó Chủ tịch UBND quận Thanh Xuân",
    # Just under three years: unlike the 2020 – 2025 city campaign, it cannot lead to a Cờ thi đua.
    start_date=D(2023, 4, 1),
    end_date=D(2025, 12, 31),
    criteria=(
        CriterionSpec("Tỷ lệ hộ gia đình tham gia Tổ liên gia an toàn phòng cháy, chữa cháy", "40"),
        CriterionSpec("Trang bị bình chữa cháy, thiết bị báo cháy và lối thoát nạn thứ hai tại hộ gia đình", "35"),
        CriterionSpec("Tuyên truyền, thực tập phương án chữa cháy, cứu nạn, cứu hộ tại tổ liên gia", "25"),
    ),
)

TX_BUDGET = CampaignSpec(
    key="tx-ngan-sach",
    launcher="TX",
    kind=_K.THEMATIC,
    title="Phong trào thi đua “Hoàn thành xuất sắc nhiệm vụ thu ngân sách nhà nước” năm 2024",
    theme="Thu đúng, thu đủ, thu kịp thời vào ngân sách nhà nước",
    plan_number="28/KH-UBND",  # illustrative
    plan_date=D(2024, 1, 25),
    plan_signer="Chủ tịch UBND quận Thanh Xuân",
    start_date=D(2024, 2, 1),
    end_date=D(2024, 12, 31),
    submissions=(D(2024, 12, 1), D(2024, 12, 20)),
    criteria=(
        CriterionSpec("Hoàn thành vượt dự toán thu ngân sách nhà nước được giao", "50"),
        CriterionSpec("Chống thất thu, xử lý nợ đọng thuế trên địa bàn", "30"),
        CriterionSpec("Cải cách thủ tục hành chính thuế, mở rộng thanh toán không dùng tiền mặt", "20"),
    ),
)

TX_CLUSTER_2024 = CampaignSpec(
    key="tx-cum-1-2024",
    launcher="TX",
    kind=_K.REGULAR,
    title="Phong trào thi đua năm 2024 của Cụm thi đua số 1",
    theme="Đoàn kết, hợp tác, cùng hoàn thành xuất sắc nhiệm vụ năm 2024",
    plan_number="01/KH-CTĐ1",  # illustrative
    plan_date=D(2024, 1, 15),
    plan_signer="Trưởng Cụm thi đua số 1 (Chủ tịch UBND phường Khương Trung)",
    start_date=D(2024, 1, 1),
    end_date=D(2024, 12, 31),
    cluster=True,
    criteria=(
        CriterionSpec("Thực hiện nhiệm vụ chính trị, các chỉ tiêu kinh tế - xã hội được giao", "40"),
        CriterionSpec("Quản lý trật tự xây dựng, trật tự đô thị, vệ sinh môi trường", "25"),
        CriterionSpec("Cải cách hành chính, chuyển đổi số, giải quyết thủ tục hành chính đúng hạn", "20"),
        CriterionSpec("Tham gia hoạt động của Cụm, phối hợp giữa các thành viên", "15"),
    ),
)

CAMPAIGNS = (CITY_2024, CITY_2022, CITY_2020_2025, TX_HCM_CALL, TX_FIRE_SAFETY, TX_BUDGET, TX_CLUSTER_2024)

# --- The Thanh Xuân cluster -------------------------------------------------------------------

CLUSTER = ClusterSpec(
    owner="TX",
    name="Cụm thi đua số 1 các phường quận Thanh Xuân",
    kind=ClusterKind.TERRITORIAL,
    description="Các phường khu vực phía bắc quận; trưởng, phó cụm luân phiên hằng năm.",
)

# Leader and deputy rotate each year (Kim Giang belongs to another cluster).
MEMBERSHIPS = (
    (2023, (("TX-NC", _R.LEADER), ("TX-KD", _R.DEPUTY), ("TX-KT", _R.MEMBER), ("TX-KM", _R.MEMBER),
            ("TX-TD", _R.MEMBER))),
    (2024, (("TX-KT", _R.LEADER), ("TX-KM", _R.DEPUTY), ("TX-KD", _R.MEMBER), ("TX-NC", _R.MEMBER),
            ("TX-TD", _R.MEMBER))),
)  # fmt: skip

# Per criterion of TX_CLUSTER_2024. Members rate themselves a little higher than the cluster
# does; Khương Mai and Nhân Chính tie on 90.5 below the top, so the ranking shows a shared rank.
SCORES = (
    ScoreSpec("TX-KD", ("39", "24.5", "19.5", "15"), ("38", "24", "19", "14.5")),   # 95.5, proposed for the flag
    ScoreSpec("TX-KT", ("38.5", "24", "19", "15"), ("37", "23.5", "18.5", "14")),   # 93
    ScoreSpec("TX-KM", ("37", "23.5", "19", "14"), ("36", "23", "18", "13.5")),     # 90.5
    ScoreSpec("TX-NC", ("38", "23", "19", "14.5"), ("36.5", "22", "18.5", "13.5")),  # 90.5
    ScoreSpec("TX-TD", ("36", "23", "18", "14"), ("35", "22", "17", "13")),          # 87
)  # fmt: skip

# --- Registrations for the city's 2024 campaign -------------------------------------------------

# Khương Trung (home of the thanhxuan.canbo account) is left out on purpose: the browser
# journey registers it. Most other units stay unregistered, so coverage shows the gaps.
CHAIR, VICE_CHAIR = "Chủ tịch UBND phường", "Phó Chủ tịch UBND phường"
OFFICE_CLERK, JUSTICE_CLERK, LAND_CLERK = (
    "Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch", "Công chức Địa chính - Xây dựng",
)  # fmt: skip

REGISTRATIONS = (
    RegistrationSpec(
        "city-2024", "TX-KM", _T.TTLDXS,
        ((CHAIR, _T.CSTD_CS), (VICE_CHAIR, _T.LDTT), (OFFICE_CLERK, _T.LDTT)),
        RegistrationStatus.APPROVED,
        pledge=(
            "Phường Khương Mai cam kết hoàn thành vượt mức các chỉ tiêu năm 2024, có ít nhất một công "
            "trình chào mừng 70 năm Ngày Giải phóng Thủ đô, không để phát sinh điểm nóng về trật tự đô thị."
        ),
    ),
    RegistrationSpec(
        "city-2024", "TX-NC", _T.TTLDXS, ((CHAIR, _T.CSTD_CS), (JUSTICE_CLERK, _T.LDTT)),
        RegistrationStatus.SUBMITTED,
    ),
    RegistrationSpec(
        "city-2024", "TX-KD", _T.TTLDTT, ((VICE_CHAIR, _T.LDTT), (LAND_CLERK, _T.LDTT)),
        RegistrationStatus.DRAFT,
    ),
    RegistrationSpec(
        "city-2024", "TH-BU", _T.TTLDXS, ((VICE_CHAIR, _T.LDTT), (OFFICE_CLERK, _T.LDTT)),
        RegistrationStatus.RETURNED,
        return_reason="Đề nghị bổ sung danh sách cá nhân đăng ký Chiến sĩ thi đua cơ sở.",
    ),
    RegistrationSpec(
        "city-2024", "TH-TK", _T.TTLDTT, ((CHAIR, _T.CSTD_CS), (JUSTICE_CLERK, _T.LDTT)),
        RegistrationStatus.SUBMITTED,
    ),
)  # fmt: skip

# The service calls that take a new (draft) registration to the state the demo wants.
REGISTRATION_STEPS = {
    RegistrationStatus.DRAFT: (),
    RegistrationStatus.SUBMITTED: ("submit",),
    RegistrationStatus.APPROVED: ("submit", "approve"),
    RegistrationStatus.RETURNED: ("submit", "return"),
}

# --- Loading ----------------------------------------------------------------------------------


def load(stdout):
    tally = Counter()
    actor = User.objects.get(username=SYSTEM_USERNAME)
    units = _units()
    cluster = _sync_cluster(actor, units, tally)
    _sync_memberships(cluster, actor, units, tally)
    campaigns = {spec.key: _sync_campaign(spec, cluster, actor, units, tally) for spec in CAMPAIGNS}
    # Registrations and scores need a running campaign: before any review moves it on.
    for spec in REGISTRATIONS:
        _sync_registration(spec, campaigns[spec.campaign], actor, units, tally)
    _sync_scores(campaigns[TX_CLUSTER_2024.key], cluster, actor, units, tally)
    for spec in CAMPAIGNS:
        _sync_reviews(spec, campaigns[spec.key], actor, tally)
    stdout.write(_summary(campaigns, tally))


def _units():
    codes = {CLUSTER.owner} | {s.launcher for s in CAMPAIGNS} | {s.unit for s in REGISTRATIONS}
    codes |= {code for _year, roles in MEMBERSHIPS for code, _role in roles}
    return {u.code: u for u in Unit.objects.filter(code__in=codes)}


def _summary(campaigns, tally):
    registrations = Registration.objects.filter(campaign__in=[c.pk for c in campaigns.values()]).count()
    return (
        f"Phong trào mẫu: {len(campaigns)} phong trào, 1 cụm thi đua, {registrations} bản đăng ký; "
        f"tạo mới {tally['created']} bản ghi, {tally['steps']} bước xử lý, cập nhật {tally['updated']} bản ghi."
    )


# --- Cluster ----------------------------------------------------------------------------------


def _sync_cluster(actor, units, tally):
    owner = units[CLUSTER.owner]
    cluster = Cluster.objects.filter(owner=owner, name=CLUSTER.name).first()
    if cluster is None:
        data = {"owner": owner, "name": CLUSTER.name, "kind": CLUSTER.kind, "description": CLUSTER.description}
        cluster = create_cluster(actor=actor, data=data)
        tally["created"] += 1
    return cluster


def _sync_memberships(cluster, actor, units, tally):
    for year, roles in MEMBERSHIPS:
        current = dict(ClusterMembership.objects.filter(cluster=cluster, year=year).values_list("unit__code", "role"))
        for code, role in roles:
            if current.get(code) != role:
                tally["created" if code not in current else "updated"] += 1
                set_membership(cluster, units[code], year, role, actor=actor)


# --- Campaigns --------------------------------------------------------------------------------


def _campaign_data(spec, cluster, units):
    opens, closes = spec.submissions
    return {
        "title": spec.title, "kind": spec.kind, "launcher": units[spec.launcher],
        "scope": CampaignScope.CLUSTER if spec.cluster else CampaignScope.SUBTREE,
        "cluster": cluster if spec.cluster else None,
        "plan_number": spec.plan_number, "plan_date": spec.plan_date, "plan_signer": spec.plan_signer,
        "theme": spec.theme, "content": spec.content, "targets": spec.targets,
        "start_date": spec.start_date, "end_date": spec.end_date,
        "submissions_open": opens, "submissions_close": closes,
    }  # fmt: skip


def _sync_campaign(spec, cluster, actor, units, tally):
    data = _campaign_data(spec, cluster, units)
    campaign = Campaign.objects.filter(launcher=data["launcher"], plan_number=spec.plan_number).first()
    if campaign is None:
        campaign = create_campaign(actor=actor, data=data)
        tally["created"] += 1
    elif campaign.status != CampaignStatus.CLOSED:
        # Brings edited fields back to the demo values; writes nothing when nothing differs.
        updated = update_campaign(campaign, actor=actor, data=data)
        tally["updated"] += updated.version != campaign.version
        campaign = updated
    if campaign.status == CampaignStatus.DRAFT:
        _sync_criteria(spec, campaign, actor, tally)
        campaign = set_campaign_state(campaign, CampaignStatus.LAUNCHED, actor=actor)
        tally["steps"] += 1
    return campaign


def _sync_criteria(spec, campaign, actor, tally):
    """Add the criteria a draft lacks (by order); the service refuses once it is launched."""
    existing = set(campaign.criteria.values_list("order", flat=True))
    for order, criterion in enumerate(spec.criteria, start=1):
        if order in existing:
            continue
        data = {
            "order": order, "description": criterion.description,
            "max_points": Decimal(criterion.max_points), "weight": Decimal(1), "mandatory": criterion.mandatory,
        }  # fmt: skip
        save_criterion(campaign, actor=actor, data=data)
        tally["created"] += 1


def _sync_reviews(spec, campaign, actor, tally):
    campaign.refresh_from_db()
    for review in spec.reviews:
        if campaign.reviews.filter(kind=review.kind, held_on=review.held_on).exists():
            continue
        record_review(campaign, actor=actor, data=review._asdict())
        tally["created"] += 1
        campaign.refresh_from_db()  # the first review of a kind moved it to that stage
    if spec.closes and campaign.status == CampaignStatus.FINAL_REVIEW:
        set_campaign_state(campaign, CampaignStatus.CLOSED, actor=actor)
        tally["steps"] += 1


# --- Registrations ----------------------------------------------------------------------------


def _sync_registration(spec, campaign, actor, units, tally):
    unit = units[spec.unit]
    if Registration.objects.filter(campaign=campaign, unit=unit).exists() or not campaign.accepts_registrations:
        return
    entries = [(None, spec.unit_title)] + [(_person(unit, position), title) for position, title in spec.people]
    registration = save_registration(campaign, unit, actor=actor, pledge=spec.pledge, entries=entries)
    tally["created"] += 1
    for step in REGISTRATION_STEPS[spec.status]:
        if step == "submit":
            registration = submit_registration(registration, actor=actor)
        elif step == "approve":
            registration = approve_registration(registration, actor=actor)
        else:
            registration = return_registration(registration, actor=actor, reason=spec.return_reason)
        tally["steps"] += 1


def _person(unit, position):
    """The first person (in the order the core demo created them) holding `position` in `unit`."""
    person = Person.objects.filter(unit=unit, position=position, is_active=True).order_by("pk").first()
    if person is None:
        raise LookupError(f"Demo data: nobody holds “{position}” in {unit}.")
    return person


# --- Cluster scores ---------------------------------------------------------------------------


def _sync_scores(campaign, cluster, actor, units, tally):
    if campaign.status not in SCORING_STATES:
        return
    criteria = list(campaign.criteria.order_by("order"))
    sheets = {
        s.unit.code: s for s in ScoreSheet.objects.filter(campaign=campaign, cluster=cluster).select_related("unit")
    }
    for spec in SCORES:
        sheet = sheets.get(spec.unit)
        # save_scores always stamps and versions the sheet: only call it for what is not scored yet.
        for by_cluster, points in ((False, spec.self_points), (True, spec.cluster_points)):
            stamp = sheet and (sheet.cluster_scored_at if by_cluster else sheet.self_scored_at)
            if not stamp:
                scores = {c.pk: _score(value, by_cluster) for c, value in zip(criteria, points, strict=True)}
                sheet = save_scores(
                    campaign, cluster, units[spec.unit], actor=actor, scores=scores, by_cluster=by_cluster
                )
                tally["steps"] += 1
    if not ScoreSheet.objects.filter(campaign=campaign, cluster=cluster, proposed_for_flag=True).exists():
        finalize_ranking(campaign, cluster, actor=actor)
        tally["steps"] += 1


def _score(value, by_cluster):
    if by_cluster:
        return {"points": Decimal(value), "note": ""}
    return {"points": Decimal(value), "evidence": "Báo cáo kết quả thực hiện nhiệm vụ năm 2024 của đơn vị."}
