"""The awards demo's councils: each district's and the city's, seated with the demo accounts."""

import datetime

from awards.council.models import Council, CouncilMember
from awards.enums import CouncilRole
from thiduakt.models import Unit, User

# Each district's council and the city's: the demo chair and member accounts hold the seats.
COUNCILS = (
    ("HN", "Hội đồng Thi đua - Khen thưởng thành phố Hà Nội", "hanoi"),
    ("TX", "Hội đồng Thi đua - Khen thưởng quận Thanh Xuân", "thanhxuan"),
    ("TH", "Hội đồng Thi đua - Khen thưởng quận Tây Hồ", "tayho"),
    ("HK", "Hội đồng Thi đua - Khen thưởng quận Hoàn Kiếm", "hoankiem"),
    ("LB", "Hội đồng Thi đua - Khen thưởng quận Long Biên", "longbien"),
)
COUNCIL_TERM_START = datetime.date(2021, 7, 1)


def sync(tally):
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
