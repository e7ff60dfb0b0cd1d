"""Vietnamese text helpers: normalisation, accent folding and name ordering.

Both SQLite and PostgreSQL must search and sort alike, so the folded search text and the
sort key are computed here and stored, rather than left to database collations.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Letter marks that make a distinct letter (ă â ê ô ơ ư) versus tone marks.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_RANK = {unicodedata.normalize("NFC", c): i + 10 for i, c in enumerate(_ALPHABET)}
_DIGIT_RANK = {str(d): d + 50 for d in range(10)}


def normalize(value):
    """NFC, trimmed, inner whitespace collapsed. Pasted text often arrives as NFD."""
    if value is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def fold(value):
    """Lower-case, without diacritics, đ → d: 'Nguyễn Văn Đức' → 'nguyen van duc'."""
    decomposed = unicodedata.normalize("NFD", normalize(value).lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


def _split_letter(char):
    """('ệ') → ('ê', tone rank 5): base letter with its letter marks, and the tone."""
    base, tone = [], 0
    for part in unicodedata.normalize("NFD", char):
        if part in _TONE_ORDER:
            tone = _TONE_ORDER[part]
        else:
            base.append(part)
    return unicodedata.normalize("NFC", "".join(base)), tone


def _word_keys(word):
    primary, tones = [], []
    for char in word.lower():
        letter, tone = _split_letter(char)
        rank = _LETTER_RANK.get(letter) or _DIGIT_RANK.get(letter)
        if rank is None:
            continue
        primary.append(f"{rank:02d}")
        tones.append(str(tone))
    return "".join(primary), "".join(tones)


def collation_key(text):
    """Sort key following the Vietnamese alphabet (a ă â … đ …), tones as tie-breakers."""
    words = [_word_keys(w) for w in normalize(text).split(" ")]
    return "01".join(p for p, _ in words) + "|" + "".join(t for _, t in words)


def split_name(full_name):
    """'Nguyễn Thị Minh Khai' → ('Nguyễn', 'Thị Minh', 'Khai')."""
    words = normalize(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name):
    """Vietnamese name order: given name (last word), then family name, then middle names."""
    family, middle, given = split_name(full_name)
    parts = [_word_keys(w) for w in (given, family, *middle.split(" "))]
    return "00".join(p for p, _ in parts) + "|" + "".join(t for _, t in parts)


def search_terms(query):
    """The folded words of a search box entry, each to be matched as a substring."""
    return [t for t in fold(query).split(" ") if t]


def normalize_multiline(text):
    """normalize() each line, keeping the line breaks a user typed."""
    return "\n".join(normalize(line) for line in (text or "").splitlines()).strip()
