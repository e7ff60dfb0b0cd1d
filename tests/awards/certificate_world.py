"""A district with signed decisions and certificate templates, for the printing tests."""

import datetime
from types import SimpleNamespace

from awards.catalogue.models import AwardType
from awards.certificates.models import CertificateTemplate
from awards.certificates.samples import signed_decision
from tests.factories import PersonFactory, UnitFactory
from thiduakt.enums import Gender

from .world import build_world

DATE = datetime.date(2026, 11, 20)


def giay_khen_template(issuer=None, **fields):
    return CertificateTemplate.objects.create(
        **{
            "name": "Giấy khen của Chủ tịch UBND quận",
            "award_type": AwardType.objects.get(code="GK_QUAN"),
            "issuer": issuer,
            "heading": "GIẤY KHEN",
            "issuer_title": "CHỦ TỊCH\nỦY BAN NHÂN DÂN QUẬN THANH XUÂN",
            "place": "Thanh Xuân",
            "page_size": "A4",
            "emblem": "emblem-star.svg",
            **fields,
        }
    )


def bang_khen_template(issuer):
    return CertificateTemplate.objects.create(
        name="Bằng khen của Chủ tịch UBND thành phố", award_type=AwardType.objects.get(code="BK_TP"), issuer=issuer,
        heading="BẰNG KHEN", issuer_title="CHỦ TỊCH\nỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", place="Hà Nội", page_size="A3",
        emblem="emblem-star.svg",
    )  # fmt: skip


def district_decision(world, people, number="125/QĐ-UBND", achievement="Có thành tích xuất sắc năm 2026"):
    return signed_decision(
        issuer=world.tx, award_type=AwardType.objects.get(code="GK_QUAN"), nominees=people, number=number, date=DATE,
        signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", signer_name="Trần Văn Minh", year=2026, achievement=achievement,
        proposing_unit=world.kt,
    )  # fmt: skip


def build_printing_world(people=3):
    world = build_world()
    named = [
        PersonFactory(full_name="Nguyễn Thị Thu Hương", gender=Gender.FEMALE, position="Chuyên viên", unit=world.kt),
        PersonFactory(full_name="Đặng Quốc Việt", gender=Gender.MALE, position="Tổ trưởng dân phố", unit=world.kt),
    ]
    others = [PersonFactory(unit=world.kt) for _ in range(max(0, people - len(named)))]
    team = UnitFactory(code="TX-KT-T1", name="Tổ dân phố số 1 phường Khương Trung", parent=world.kt)
    template = giay_khen_template()
    decision = district_decision(world, [*named, *others][:people] + [team])
    return SimpleNamespace(**vars(world), template=template, decision=decision, team=team, named=named)
