import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Province/city codes that open a citizen ID (Thông tư 07/2016/TT-BCA, as amended):
# 001–096 with gaps where provinces were never numbered.
_PROVINCE_CODES = {
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34,
    35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67,
    68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
}  # fmt: skip
_CITIZEN_ID = re.compile(r"^\d{12}$")


def citizen_id_century_digit(gender, birth_year):
    """The 4th digit encodes century and gender: 0/1 for 1900s men/women, 2/3 for 2000s…"""
    century_index = (birth_year // 100) - 19
    return century_index * 2 + (1 if gender == "female" else 0)


def validate_citizen_id(value, *, gender=None, birth_date=None):
    if not value:
        return
    if not _CITIZEN_ID.match(value):
        raise ValidationError(_("A citizen ID number has exactly 12 digits."), code="format")
    if int(value[:3]) not in _PROVINCE_CODES:
        raise ValidationError(
            _("The first three digits (%(code)s) are not a province code.") % {"code": value[:3]},
            code="province",
        )
    if gender and birth_date:
        expected = citizen_id_century_digit(gender, birth_date.year)
        if int(value[3]) != expected or value[4:6] != f"{birth_date.year % 100:02d}":
            raise ValidationError(
                _("The citizen ID number does not match the gender and year of birth."),
                code="mismatch",
            )
