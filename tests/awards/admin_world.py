"""Two districts with one of every row the Django admin manages, and an administrator each.

    Thành phố Hà Nội (city_admin)
    ├── Quận Thanh Xuân (tx_admin) ── Phường Khương Trung, Phường Khương Mai
    └── Quận Tây Hồ (th_admin) ── Phường Bưởi

`rows[label]` gives, per model label, the object that belongs to each district ("tx", "th")
or, for the city-wide catalogue, one "shared" object every administrator may read.
"""

import datetime

from django.contrib.auth.models import Group

from awards.catalogue.models import AwardType
from awards.council.models import Council, CouncilMember
from awards.history.models import Award, Discipline, Initiative, YearlyRating
from awards.posting.models import Holiday
from tests.factories import PersonFactory, UserFactory
from thiduakt.enums import Role
from thiduakt.models import User
from thiduakt.services import audit

from .world import build_world


def build_admin_world():
    world = build_world()
    bk = AwardType.objects.get(code="BK_TP")
    world.users.city_admin = UserFactory(username="hanoi.quantri", role=Role.ADMIN, unit=world.city)
    world.users.tx_admin = UserFactory(username="thanhxuan.quantri", role=Role.ADMIN, unit=world.tx)
    world.users.th_admin = UserFactory(username="tayho.quantri", role=Role.ADMIN, unit=world.th)
    world.users.city_superuser = UserFactory(username="admin", role=Role.ADMIN, unit=world.city, is_superuser=True)
    # Not an administrator, yet let into the admin site (is_staff set behind the model's back).
    world.users.staff = UserFactory(username="thanhxuan.chuyenvien", role=Role.SECRETARIAT, unit=world.tx)
    User.objects.filter(pk=world.users.staff.pk).update(is_staff=True)
    world.users.staff.refresh_from_db()
    world.th_person = PersonFactory(full_name="Đỗ Minh Đức", unit=world.bu)

    def council(unit, member):
        council = Council.objects.create(
            unit=unit, name=f"Hội đồng TĐKT {unit.name}", term_start=datetime.date(2021, 7, 1)
        )
        CouncilMember.objects.create(council=council, user=member)
        return council

    def initiative(author):
        initiative = Initiative.objects.create(
            title=f"Sáng kiến của {author.full_name}", level="unit", recognised_on=datetime.date(2024, 5, 1)
        )
        initiative.authors.add(author)
        return initiative

    world.rows = {
        "thiduakt.unit": {"tx": world.km, "th": world.bu},
        "thiduakt.person": {"tx": world.an, "th": world.th_person},
        "thiduakt.user": {"tx": world.users.kt_staff, "th": world.users.th_secretariat},
        "thiduakt.auditlog": {
            "tx": audit.record(actor=world.users.tx_admin, action="unit.update", obj=world.km, unit=world.km),
            "th": audit.record(actor=world.users.th_admin, action="unit.update", obj=world.bu, unit=world.bu),
        },
        "awards.yearlyrating": {
            "tx": YearlyRating.objects.create(person=world.an, year=2024, rating="HTXSNV"),
            "th": YearlyRating.objects.create(unit=world.bu, year=2024, rating="HTXSNV"),
        },
        "awards.award": {
            "tx": Award.objects.create(person=world.an, award_type=bk, year=2023, decision_number="1/QĐ-UBND"),
            "th": Award.objects.create(unit=world.bu, award_type=bk, year=2023, decision_number="2/QĐ-UBND"),
        },
        "awards.discipline": {
            "tx": Discipline.objects.create(person=world.an, year=2022, level="khien_trach"),
            "th": Discipline.objects.create(person=world.th_person, year=2022, level="khien_trach"),
        },
        "awards.initiative": {"tx": initiative(world.an), "th": initiative(world.th_person)},
        "awards.council": {
            "tx": council(world.tx, world.users.tx_council),
            "th": council(world.th, world.users.th_secretariat),
        },
        "thiduakt.unitlevel": {"shared": world.tx.level},
        "awards.awardtype": {"shared": bk},
        "awards.holiday": {"shared": Holiday.objects.create(date=datetime.date(2025, 9, 2), name="Quốc khánh")},
        "auth.group": {"shared": Group.objects.create(name="Văn thư")},
    }
    # One initiative written across both districts belongs to neither district's administrator.
    world.shared_initiative = initiative(world.an)
    world.shared_initiative.authors.add(world.th_person)
    return world


SCOPE = {"city_admin": {"tx", "th", "shared"}, "tx_admin": {"tx", "shared"}, "th_admin": {"th", "shared"}}
ROLES = ["anonymous", "staff", "tx_admin", "th_admin", "city_admin"]
