"""The fixed forms of Vietnamese official writing (Nghị định 30/2020/NĐ-CP on administrative
documents): the date line, the place name, the issuing body and the signer's title.

These produce document text in the official language, not UI strings: they are not msgids.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from thiduakt.enums import UnitKind

# Level words that open a unit's name; the place line of a document drops them.
LEVEL_WORDS = ("Thành phố", "Thị xã", "Thị trấn", "Tỉnh", "Quận", "Huyện", "Phường", "Xã")
PEOPLES_COMMITTEE = "Ủy ban nhân dân"
# "KT." (ký thay), "TM." (thay mặt), "TL." (thừa lệnh), "TUQ." (thừa ủy quyền), "Q." (quyền).
_AUTHORITY_MARKS = re.compile(r"^(KT|TM|TL|TUQ|Q)\.\s*", re.IGNORECASE)


def upper(text):
    return (text or "").upper()


def long_date(day):
    """'ngày 05 tháng 02 năm 2024', 'ngày 25 tháng 12 năm 2024': days below 10 and the months
    January and February take a leading zero."""
    if day is None:
        return "ngày … tháng … năm …"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day):
    return day.strftime("%d/%m/%Y") if day else "…"


def _split_level(name):
    for word in LEVEL_WORDS:
        if name.startswith(word + " "):
            return word, name[len(word) + 1 :]
    return "", name


def place_of(unit):
    """The place of the date line: 'Quận Thanh Xuân' → 'Thanh Xuân'."""
    return _split_level(unit.name)[1]


def in_sentence(unit):
    """A unit named inside a sentence: 'Quận Thanh Xuân' → 'quận Thanh Xuân'."""
    level, rest = _split_level(unit.name)
    return f"{level.lower()} {rest}" if level else unit.name


def is_government(unit):
    return unit is not None and unit.kind == UnitKind.ADMINISTRATIVE


def issuer_lines(unit):
    """The issuing body, top left, in capitals: the People's Committee of a locality, or an
    agency under its parent."""
    if is_government(unit):
        return [upper(PEOPLES_COMMITTEE), upper(unit.name)]
    parent = unit.parent
    if parent is None:
        return [upper(unit.name)]
    parent_line = f"UBND {upper(parent.name)}" if is_government(parent) else upper(parent.name)
    return [parent_line, upper(unit.name)]


def signer_lines(title):
    """'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' → ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']."""
    return [upper(part.strip()) for part in re.split(r"[/\n]", title or "") if part.strip()]


def authority(unit, title):
    """The office that decides, in capitals and in a sentence.

    'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' for Quận Thanh Xuân → ('CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN THANH
    XUÂN', 'Chủ tịch Ủy ban nhân dân quận Thanh Xuân'); 'TM. ỦY BAN NHÂN DÂN' → the committee.
    """
    lines = signer_lines(title)
    office = _AUTHORITY_MARKS.sub("", lines[0]).strip() if lines else ""
    government = is_government(unit)
    body_caps = f"{upper(PEOPLES_COMMITTEE)} {upper(unit.name)}" if government else upper(unit.name)
    body_text = f"{PEOPLES_COMMITTEE} {in_sentence(unit)}" if government else unit.name
    if not office or office.startswith(upper(PEOPLES_COMMITTEE)) or office == upper(unit.name):
        return body_caps, body_text
    return f"{office} {body_caps}", f"{office.capitalize()} {body_text}"


def percent(share):
    """0.9333 → '93,33%' (decimal comma, at most two decimals)."""
    if share is None:
        return "—"
    value = (Decimal(str(share)) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def join_words(items):
    """['a', 'b', 'c'] → 'a, b và c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def count_nominees(individuals, collectives):
    """'3 cá nhân và 1 tập thể', '2 tập thể'."""
    parts = []
    if individuals:
        parts.append(f"{individuals} cá nhân")
    if collectives:
        parts.append(f"{collectives} tập thể")
    return join_words(parts)


def as_basis(line):
    """A legal basis line as it is printed: 'Căn cứ …;'."""
    text = line.strip().rstrip(";.").strip()
    if not text:
        return ""
    if not text.lower().startswith("căn cứ"):
        text = "Căn cứ " + text
    return text + ";"
