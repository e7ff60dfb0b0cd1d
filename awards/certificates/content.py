"""What a certificate says, as the PDF template reads it.

These are the words printed on an official certificate (Vietnamese, not UI strings): the
honorific, the name and unit lines, the achievement sentence, the decision and registry
lines, the date line and the signer. A certificate's own overrides (its line breaks) win
over what the records say; the template's signer wins over the decision's.
"""

import functools
import unicodedata
from decimal import Decimal

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from thiduakt.enums import Gender
from thiduakt.pdf.vietnamese import is_government, issuer_lines, long_date, place_of, short_date, signer_lines, upper

# A name longer than this is set smaller so it fits the line the frame leaves for it.
LONG_NAME = 26
# Font sizes are given for A4; bigger or smaller paper scales them.
SCALE = {"A3": Decimal("1.414"), "A4": Decimal("1"), "A5": Decimal("0.707")}
BASE_PT = Decimal("12")

# Where the variable text goes on pre-printed stock, for an A4 landscape sheet: x, y (top
# left of the box) and width as shares of the sheet, the font size in points at A4 scale.
DEFAULT_POSITIONS = {
    "recipient": {"x": 0.12, "y": 0.475, "w": 0.76, "size": 24, "align": "center"},
    "details": {"x": 0.12, "y": 0.56, "w": 0.76, "size": 14, "align": "center"},
    "achievement": {"x": 0.15, "y": 0.62, "w": 0.70, "size": 14, "align": "center"},
    "decision": {"x": 0.07, "y": 0.80, "w": 0.38, "size": 11, "align": "left"},
    "registry": {"x": 0.07, "y": 0.84, "w": 0.38, "size": 11, "align": "left"},
    "place_date": {"x": 0.55, "y": 0.73, "w": 0.38, "size": 13, "align": "center"},
    "signer_name": {"x": 0.55, "y": 0.90, "w": 0.38, "size": 14, "align": "center"},
    "qr": {"x": 0.07, "y": 0.62, "w": 0.075, "size": 8, "align": "left"},
}
FIELD_NAMES = tuple(DEFAULT_POSITIONS)

# The heading (BẰNG KHEN, GIẤY KHEN) as certificates.css sets it: this size in rem, this letter
# spacing in em, between margins of this many rem. A longer one is set smaller to stay on its
# one line: wrapped, it would run into the name below, whose place is fixed.
HEADING_REM = 3.1
HEADING_SPACING_EM = 0.12
HEADING_MARGINS_REM = 2 * 5
HEADING_FONT = "fonts/noto/NotoSerif-Bold.ttf"
ALIGNMENTS = ("left", "center", "right")


def verify_url(code):
    return settings.THIDUAKT_PUBLIC_URL.rstrip("/") + reverse("public:verify", args=[code])


# Any of the eight QR masks reads; choosing the "best" one costs segno 3 ms a certificate.
QR_MASK = 2


def qr_image(url):
    """The QR code as a PNG data URI, one pixel a module (the stylesheet scales it up unsmoothed):
    WeasyPrint places it in a fraction of the time an SVG of the same code takes to draw."""
    return segno.make(url, error="m", micro=False, mask=QR_MASK).png_data_uri(scale=1, border=0)


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@functools.cache
def _heading_metrics():
    from fontTools.ttLib import TTFont  # read once per process, for its advance widths only

    font = TTFont(finders.find(HEADING_FONT))
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


def heading_width_em(text):
    """How wide `text` is set in the heading's font, letter spacing included, in em."""
    cmap, hmtx, units = _heading_metrics()
    advance = sum(hmtx[cmap[ord(c)]][0] if ord(c) in cmap else units for c in unicodedata.normalize("NFC", text))
    return advance / units + HEADING_SPACING_EM * (len(text) + 1)  # + 1: the padding that balances the last letter


def heading_rem(text, *, width_rem):
    """The heading's size: its own, or smaller so it fits `width_rem` on one line (with a margin)."""
    return min(HEADING_REM, round(0.97 * width_rem / max(heading_width_em(text), 1e-6), 2))


def template_context(template, *, static_base=""):
    width, height = template.page_mm
    scale = SCALE[template.page_size]
    if template.orientation == "portrait":
        scale = scale * Decimal("0.85")  # a portrait sheet leaves less width for the same text
    rem_mm = float(BASE_PT * scale) * 25.4 / 72
    heading = upper(template.heading)
    return {
        "page_css": f"{template.page_size} {template.orientation}",
        "page_width_mm": width,
        "page_height_mm": height,
        "scale": float(scale),
        "base_pt": f"{BASE_PT * scale:.2f}",
        "heading": heading,
        "heading_rem": heading_rem(heading, width_rem=float(width) / rem_mm - HEADING_MARGINS_REM),
        "issuer_lines": [upper(line) for line in _lines(template.issuer_title)],
        "frame_style": template.frame_style,
        "frame_color": template.frame_color,
        "emblem_url": f"certificates/emblems/{template.emblem}" if template.emblem else "",
    }


def positions(template, printer=None):
    """The boxes of the variable text in millimetres, the printer's offsets added."""
    width, height = template.page_mm
    scale = float(SCALE[template.page_size])
    dx = float(printer.offset_x_mm) if printer else 0.0
    dy = float(printer.offset_y_mm) if printer else 0.0
    boxes = {}
    for field, default in DEFAULT_POSITIONS.items():
        custom = (template.blank_positions or {}).get(field) or {}
        box = {
            "x": default["x"] * width,
            "y": default["y"] * height,
            "w": default["w"] * width,
            "size": default["size"] * scale,
            "align": default["align"],
        }
        box.update({key: value for key, value in custom.items() if key in box})
        boxes[field] = {
            "x": round(float(box["x"]) + dx, 1),
            "y": round(float(box["y"]) + dy, 1),
            "w": round(float(box["w"]), 1),
            "size": round(float(box["size"]), 1),
            "align": box["align"],
        }
    return boxes


def honorific(person):
    if person is None:
        return ""
    return "Bà" if person.gender == Gender.FEMALE else "Ông"


def achievement_sentence(text):
    """'Có thành tích xuất sắc …' → 'Đã có thành tích xuất sắc …' (the certificate's own wording)."""
    text = " ".join((text or "").split())
    if not text or text.lower().startswith("đã "):
        return text
    return "Đã " + text[0].lower() + text[1:]


def recorded_name_lines(award):
    return [award.person.full_name if award.person_id else award.unit.name]


def recorded_detail_lines(award):
    if award.person_id:
        person = award.person
        return [line for line in (person.position, person.unit.name) if line]
    parent = award.unit.parent
    return [parent.name] if parent is not None else []


def page_for(certificate, template):
    """One certificate, as the PDF template reads it."""
    award = certificate.award
    decision = award.decision_line.decision
    names = _lines(certificate.name_lines) or recorded_name_lines(award)
    url = verify_url(certificate.code)
    signer_title = template.signer_title or decision.signer_title
    return {
        "honorific": honorific(award.person if award.person_id else None),
        "name_lines": names,
        "long_name": max(len(line) for line in names) > LONG_NAME,
        "detail_lines": _lines(certificate.detail_lines) or recorded_detail_lines(award),
        "achievement": achievement_sentence(award.decision_line.achievement),
        "decision_number": decision.number,
        "decision_date": short_date(decision.date),
        "registry_number": str(award.registry_number or ""),
        "place_date": f"{template.place or place_of(decision.issuer)}, {long_date(decision.date)}",
        "signer_title_lines": signer_lines(signer_title),
        "signer_name": template.signer_name or decision.signer_name,
        "qr_src": qr_image(url),
        "code": certificate.code,
        "code_display": certificate.code_display,
        "verify_url": url,
    }


def default_issuer_title(unit):
    """'CHỦ TỊCH ỦY BAN NHÂN DÂN / QUẬN THANH XUÂN' for a template's first draft (the head of a
    People's Committee signs; for another body, its own lines, to be completed by hand)."""
    if unit is None:
        return "CHỦ TỊCH ỦY BAN NHÂN DÂN"
    lines = issuer_lines(unit)
    if is_government(unit):
        lines = [f"CHỦ TỊCH {lines[0]}", *lines[1:]]
    return "\n".join(lines)


def sample_page(template):
    """A made-up certificate for the template's preview (the code is not a real one)."""
    url = verify_url("PREVIEW000")
    return {
        "honorific": "Bà",
        "name_lines": ["Nguyễn Thị Thu Hương"],
        "long_name": False,
        "detail_lines": ["Chuyên viên Phòng Văn hóa - Xã hội", "Ủy ban nhân dân phường Khương Đình"],
        "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2025",
        "decision_number": "1234/QĐ-UBND",
        "decision_date": "20/11/2026",
        "registry_number": "125",
        "place_date": f"{template.place}, ngày 20 tháng 11 năm 2026",
        "signer_title_lines": signer_lines(template.signer_title or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
        "signer_name": template.signer_name or "Trần Văn Minh",
        "qr_src": qr_image(url),
        "code": "PREVIEW000",
        "code_display": "PREV-IEW0-00",
        "verify_url": url,
    }
