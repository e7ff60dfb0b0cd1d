"""The award catalogue and its eligibility rules as of Luật Thi đua, khen thưởng 2022 and
Nghị định 152/2025 (DESIGN.md §3). Editable afterwards by the administrator: thresholds,
quotas and vote rules are data, not code."""

from decimal import Decimal

from django.db import migrations

NO_DUPLICATE = ("no_duplicate", {}, "Không trùng thành tích đã đề nghị, đã khen (Điều 5)")
NOT_DISCIPLINED = ("no_discipline", {"level": "canh_cao"}, "Không có thành viên bị kỷ luật từ cảnh cáo trở lên")
REPORT = ["achievement_report"]
REPORT_MINUTES = ["achievement_report", "minutes"]

# code, name, kind, level, (individual, collective, household), authority, simplified, attachments,
# vote (secret, threshold, denominator), public posting, position, rules [(kind, params, label)]
CATALOGUE = [
    ("LDTT", "Lao động tiên tiến", "title", "grassroots", (True, False, False),
     "Thủ trưởng cơ quan, đơn vị", False, REPORT, (False, "0.5", "present"), False, 10, [
        ("rating_at_least", {"rating": "HTTNV"}, "Xếp loại hoàn thành tốt nhiệm vụ trở lên"),
        ("no_discipline", {"level": "khien_trach"}, "Không bị kỷ luật trong năm"),
        NO_DUPLICATE,
    ]),
    ("CSTD_CS", "Chiến sĩ thi đua cơ sở", "title", "grassroots", (True, False, False),
     "Chủ tịch UBND quận, huyện", False, REPORT_MINUTES, (True, "0.5", "present"), False, 20, [
        ("title_in_year", {"title": "LDTT"}, "Đạt danh hiệu Lao động tiên tiến trong năm"),
        ("any_of", {"rules": [
            {"kind": "rating_at_least", "params": {"rating": "HTXSNV"}},
            {"kind": "initiative", "params": {"level": "unit", "within_years": 1}},
        ]}, "Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận"),
        NO_DUPLICATE,
    ]),
    ("CSTD_TP", "Chiến sĩ thi đua thành phố", "title", "city", (True, False, False),
     "Chủ tịch UBND thành phố", False, REPORT_MINUTES, (True, "0.9", "all"), False, 30, [
        ("consecutive_titles", {"title": "CSTD_CS", "years": 3}, "3 lần liên tục Chiến sĩ thi đua cơ sở"),
        ("initiative", {"level": "city", "within_years": 3}, "Sáng kiến được công nhận cấp thành phố"),
        NO_DUPLICATE,
    ]),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", "title", "state", (True, False, False),
     "Thủ tướng Chính phủ", False, REPORT_MINUTES, (True, "0.9", "all"), True, 40, [
        ("consecutive_titles", {"title": "CSTD_TP", "years": 2, "every": 3}, "2 lần liên tục Chiến sĩ thi đua thành phố"),
        ("initiative", {"level": "national", "within_years": 6}, "Sáng kiến được công nhận phạm vi toàn quốc"),
        NO_DUPLICATE,
    ]),
    ("TTLDTT", "Tập thể lao động tiên tiến", "title", "grassroots", (False, True, False),
     "Chủ tịch UBND quận, huyện", False, REPORT, (False, "0.5", "present"), False, 50, [
        ("rating_at_least", {"rating": "HTTNV"}, "Tập thể hoàn thành tốt nhiệm vụ"),
        ("members_share", {"title": "LDTT", "percent": 70}, "Từ 70% thành viên đạt Lao động tiên tiến"),
        NOT_DISCIPLINED,
        NO_DUPLICATE,
    ]),
    ("TTLDXS", "Tập thể lao động xuất sắc", "title", "city", (False, True, False),
     "Chủ tịch UBND thành phố", False, REPORT_MINUTES, (False, "0.5", "present"), False, 60, [
        ("rating_at_least", {"rating": "HTXSNV"}, "Tập thể hoàn thành xuất sắc nhiệm vụ"),
        ("members_all_rated", {"rating": "HTNV"}, "100% thành viên hoàn thành nhiệm vụ"),
        ("members_share", {"title": "LDTT", "percent": 70}, "Từ 70% thành viên đạt Lao động tiên tiến"),
        ("member_has_title", {"title": "CSTD_CS", "count": 1}, "Có cá nhân đạt Chiến sĩ thi đua cơ sở"),
        NOT_DISCIPLINED,
        NO_DUPLICATE,
    ]),
    ("CO_TP", "Cờ thi đua của UBND thành phố", "title", "city", (False, True, False),
     "Chủ tịch UBND thành phố", False, REPORT_MINUTES, (False, "0.5", "present"), False, 70, [
        ("any_of", {"rules": [
            {"kind": "cluster_flag", "params": {}},
            {"kind": "manual", "params": {"text": "Dẫn đầu phong trào thi đua chuyên đề từ 3 năm trở lên khi tổng kết"}},
        ]}, "Dẫn đầu cụm, khối thi đua hoặc phong trào chuyên đề"),
        NO_DUPLICATE,
    ]),
    ("GK_QUAN", "Giấy khen của Chủ tịch UBND quận", "form", "district", (True, True, True),
     "Chủ tịch UBND quận, huyện", True, REPORT, (False, "0.5", "present"), False, 80, [
        ("rating_at_least", {"rating": "HTTNV", "methods": ["regular", "campaign"]}, "Hoàn thành tốt nhiệm vụ trở lên"),
        ("manual", {"text": "Thành tích đột xuất, cống hiến hoặc đối ngoại được xác nhận", "methods": ["sudden", "dedication", "seniority", "foreign"]}, "Xác nhận thành tích đột xuất, cống hiến"),
        NO_DUPLICATE,
    ]),
    ("BK_TP", "Bằng khen của Chủ tịch UBND thành phố", "form", "city", (True, True, False),
     "Chủ tịch UBND thành phố", True, REPORT_MINUTES, (False, "0.5", "present"), False, 90, [
        ("any_of", {"applies_to": "individual", "methods": ["regular"], "rules": [
            {"kind": "consecutive_titles", "params": {"title": "CSTD_CS", "years": 2}},
            {"kind": "all_of", "params": {"rules": [
                {"kind": "consecutive_ratings", "params": {"rating": "HTXSNV", "years": 2}},
                {"kind": "initiative", "params": {"level": "unit", "within_years": 2, "count": 2}},
            ]}},
        ]}, "2 năm liên tục CSTĐ cơ sở, hoặc 2 năm HTXSNV và 2 sáng kiến"),
        ("any_of", {"applies_to": "collective", "methods": ["regular"], "rules": [
            {"kind": "consecutive_ratings", "params": {"rating": "HTXSNV", "years": 2}},
            {"kind": "consecutive_titles", "params": {"title": "TTLDXS", "years": 2}},
        ]}, "2 năm liên tục HTXSNV hoặc Tập thể lao động xuất sắc"),
        ("manual", {"text": "Thành tích trong phong trào, đột xuất hoặc cống hiến được xác nhận", "methods": ["campaign", "sudden", "dedication", "seniority", "foreign"]}, "Xác nhận thành tích theo phong trào, đột xuất"),
        NO_DUPLICATE,
    ]),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "form", "state", (True, True, False),
     "Thủ tướng Chính phủ", True, REPORT_MINUTES, (True, "0.9", "all"), True, 100, [
        ("holds_then_consecutive", {"applies_to": "individual", "award": "BK_TP", "years": 5, "rating": "HTTNV",
                                    "including": [{"title": "CSTD_CS", "count": 3}]}, "Đã có Bằng khen thành phố, 5 năm liên tục HTTNV trở lên, 3 lần CSTĐ cơ sở"),
        ("holds_then_consecutive", {"applies_to": "collective", "award": "BK_TP", "years": 5, "rating": "HTXSNV",
                                    "including": [{"title": "CO_TP", "count": 1}, {"title": "BK_TP", "count": 2}]}, "Đã có Bằng khen, 5 năm liên tục HTXSNV, có 1 Cờ hoặc 2 Bằng khen thành phố"),
        NO_DUPLICATE,
    ]),
    ("HCLD3", "Huân chương Lao động hạng Ba", "form", "state", (True, True, False),
     "Chủ tịch nước", False, REPORT_MINUTES, (True, "0.9", "all"), True, 110, [
        ("holds_then_consecutive", {"applies_to": "individual", "award": "BK_TTG", "years": 5, "rating": "HTXSNV",
                                    "including": [{"title": "BK_TP", "count": 2}, {"title": "CSTD_TP", "count": 2}]}, "Đã có Bằng khen Thủ tướng, 5 năm liên tục HTXSNV, 2 Bằng khen hoặc 2 CSTĐ thành phố"),
        ("holds_then_consecutive", {"applies_to": "collective", "award": "BK_TTG", "years": 5, "rating": "HTXSNV",
                                    "including": [{"title": "CO_TP", "count": 1}, {"title": "BK_TP", "count": 2}]}, "Đã có Bằng khen, 5 năm liên tục HTXSNV, có 1 Cờ hoặc 2 Bằng khen thành phố"),
        NO_DUPLICATE,
    ]),
]  # fmt: skip

QUOTAS = [("CSTD_CS", "0.15", "LDTT")]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    for code, name, kind, level, nominees, authority, simplified, attachments, vote, posting, position, rules in CATALOGUE:
        secret, threshold, denominator = vote
        award_type, created = AwardType.objects.get_or_create(
            code=code,
            defaults=dict(
                name=name, kind=kind, level=level, for_individuals=nominees[0], for_collectives=nominees[1],
                for_households=nominees[2], authority=authority, simplified_procedure=simplified,
                required_attachments=attachments, vote_secret=secret, vote_threshold=Decimal(threshold),
                vote_denominator=denominator, public_posting=posting, position=position,
            ),
        )  # fmt: skip
        if created:
            for index, (rule_kind, params, label) in enumerate(rules, start=1):
                EligibilityRule.objects.create(
                    award_type=award_type, position=index, kind=rule_kind, params=params, label=label
                )
    for code, share, base in QUOTAS:
        AwardType.objects.filter(code=code).update(
            quota_share=Decimal(share), quota_of=AwardType.objects.get(code=base)
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
