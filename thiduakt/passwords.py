"""Password rules of our own, beside Django's: common Vietnamese passwords and the app's name.

Both compare folded text (lower case, no diacritics, letters and digits only), so
"Anh Yêu Em!" is as common as "anhyeuem".
"""

import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thiduakt.text import fold

COMMON_PASSWORDS = Path(__file__).with_name("common_passwords_vi.txt")
APPLICATION_NAMES = ("thiduakt", "thiduakhenthuong")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]")


def _folded(password):
    return _NOT_ALPHANUMERIC.sub("", fold(password))


@cache
def _common_passwords():
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class VietnameseCommonPasswordValidator:
    def validate(self, password, user=None):
        if _folded(password) in _common_passwords():
            raise ValidationError(_("This password is one that many people use."), code="password_too_common_vi")

    def get_help_text(self):
        return _("Your password cannot be a commonly used Vietnamese password.")


class ApplicationNameValidator:
    def validate(self, password, user=None):
        if any(name in _folded(password) for name in APPLICATION_NAMES):
            raise ValidationError(self.get_help_text(), code="password_app_name")

    def get_help_text(self):
        return _("The password cannot contain the name of the application.")
