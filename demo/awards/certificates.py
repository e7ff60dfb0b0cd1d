"""Demo certificates: the templates, a printer per office, and signed decisions to print.

Thanh Xuân's Giấy khen decision for 2024 (people of its wards, offices and schools, and two
collectives) and the city's Bằng khen decision are made signed (see samples.signed_decision:
the council's way is shown by the council demo and the browser journeys). Decision numbers
are illustrative. Safe to run again: what exists is left as it is.
"""

import datetime

from awards.catalogue.models import AwardType
from awards.certificates.content import default_issuer_title
from awards.certificates.models import CertificateTemplate, Printer
from awards.certificates.samples import signed_decision
from awards.decisions.models import Decision
from thiduakt.models import Person, Unit

YEAR = 2024
DISTRICT_OFFICES = {"TX": "Thanh Xuân", "TH": "Tây Hồ", "HK": "Hoàn Kiếm", "LB": "Long Biên"}
ACHIEVEMENTS = (
    "Có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2024",
    "Có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2024, góp phần xây dựng quận Thanh Xuân văn minh, "
    "hiện đại",
    "Có thành tích tiêu biểu trong công tác cải cách hành chính và chuyển đổi số năm 2024",
    'Có thành tích xuất sắc trong phong trào thi đua "Thanh Xuân chung sức xây dựng đô thị văn minh" năm 2024',
)


def _template(award_code, issuer, *, heading, page_size, title):
    existing = CertificateTemplate.objects.filter(award_type__code=award_code, issuer=issuer).first()
    if existing:
        return existing, False
    return CertificateTemplate.objects.create(
        name=title, award_type=AwardType.objects.get(code=award_code), issuer=issuer, heading=heading,
        issuer_title=default_issuer_title(issuer), place=DISTRICT_OFFICES.get(issuer.code, "Hà Nội"),
        page_size=page_size, emblem="emblem-star.png",
        frame_color="#b8860b" if heading == "BẰNG KHEN" else "#1f4e79",
    ), True  # fmt: skip


def _decision(issuer, number, date, award_code, nominees, signer):
    if Decision.objects.filter(issuer=issuer, number=number).exists():
        return False
    title, name = signer
    signed_decision(
        issuer=issuer, award_type=AwardType.objects.get(code=award_code), nominees=nominees, number=number, date=date,
        signer_title=title, signer_name=name, year=YEAR,
        achievement=lambda n: ACHIEVEMENTS[(n.pk or 0) % len(ACHIEVEMENTS)],
    )  # fmt: skip
    return True


def load(tally):
    city = Unit.objects.get(code="HN")
    created = []
    created.append(_template("BK_TP", city, heading="BẰNG KHEN", page_size="A3",
                             title="Bằng khen của Chủ tịch UBND thành phố")[1])  # fmt: skip
    for code, name in DISTRICT_OFFICES.items():
        district = Unit.objects.get(code=code)
        created.append(_template("GK_QUAN", district, heading="GIẤY KHEN", page_size="A4",
                                 title=f"Giấy khen của Chủ tịch UBND quận {name}")[1])  # fmt: skip
        Printer.objects.get_or_create(
            unit=district, name="Máy in Phòng Nội vụ", defaults={"offset_x_mm": "0.5", "offset_y_mm": "-1.0"}
        )
    Printer.objects.get_or_create(unit=city, name="Máy in Ban Thi đua - Khen thưởng")
    tally["created"] += sum(created)

    district = Unit.objects.get(code="TX")
    # Not Khương Trung (the browser journeys start from its empty files) nor Khương Mai (its 2024 list is in play).
    people = list(
        Person.objects.filter(unit__path__startswith=district.path)
        .exclude(unit__code__in=["TX-KT", "TX-KM"])
        .order_by("unit__code", "sort_key")[:24]
    )
    collectives = list(Unit.objects.filter(code__in=["TX-TH-KG", "TX-KD"]).order_by("code"))
    made = _decision(
        district, "2150/QĐ-UBND", datetime.date(2024, 12, 26), "GK_QUAN", people[:20] + collectives,
        ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Lê Hồng Sơn"),
    )  # fmt: skip
    made += _decision(
        city, "6120/QĐ-UBND", datetime.date(2025, 1, 15), "BK_TP", people[20:24] + collectives[:1],
        ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Hà Minh Hải"),
    )  # fmt: skip
    tally["steps"] += made
