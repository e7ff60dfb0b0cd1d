"""Who decides the awards demo's history, with which number and date.

One decision per issuer, subject and year, dated in the issuer's window from a seeded generator:
LĐTT by the ward chair, grassroots awards by the district (or department), the city's and the
state's in the following year.
"""

import datetime
import random
from typing import NamedTuple

from awards.enums import InitiativeLevel
from demo.awards.people import CITY_CHAIR, DEPARTMENT_SUFFIX, PM, SEED, D, lower_first

_U, _DI, _C = InitiativeLevel.UNIT, InitiativeLevel.DISTRICT, InitiativeLevel.CITY


class Issuer(NamedTuple):
    name: str
    suffix: str  # of the decision number
    tier: str  # ward / district / department / city / state


CITY = Issuer(CITY_CHAIR, "QĐ-UBND", "city")
STATE = Issuer(PM, "QĐ-TTg", "state")

# tier -> (first day as (month, day, years after the year of achievement), days in the window,
# decisions numbered per day of the year): LĐTT of a ward around 20/12, the district's
# decisions from mid-December to mid-January, the city's in January.
DECISION_WINDOWS = {
    "ward": ((12, 10, 0), 18, 0.8),
    "district": ((12, 18, 0), 26, 14),
    "department": ((12, 15, 0), 26, 3),
    "city": ((1, 6, 1), 25, 22),
    "state": ((3, 2, 1), 40, 1.2),
}
# LĐTT 2024 of offices, schools, enterprises and departments: decided before the wards submit.
EARLY_LDTT_WINDOW = ((12, 2, 0), 3)
# Initiatives are recognised within their year: (first day, days).
INITIATIVE_WINDOWS = {
    _U: ((10, 15), 50),
    _DI: ((11, 10), 30),
    _C: ((12, 1), 20),
}
INITIATIVE_WINDOW_2024 = ((10, 1), 45)  # before the 2024 submissions


def authority_of(unit):
    if unit.authority_is_district:
        return Issuer(f"Chủ tịch UBND {lower_first(unit.authority_name)}", "QĐ-UBND", "district")
    return Issuer(f"Giám đốc {unit.authority_name}", DEPARTMENT_SUFFIX.get(unit.authority, "QĐ-UBND"), "department")


def head_of(unit, year):
    """Who grants LĐTT and recognises unit-level initiatives: the ward chair, else the authority."""
    if unit.kind == "ward" and unit.valid_in(year):
        return Issuer(f"Chủ tịch UBND {lower_first(unit.name)}", "QĐ-UBND", "ward")
    return authority_of(unit)


def issuer_of(code, unit, year):
    if code == "LDTT":
        return head_of(unit, year)
    if code in ("CSTD_CS", "TTLDTT", "GK_QUAN"):
        return authority_of(unit)
    if code == "BK_TTG":
        return STATE
    return CITY


def working_day(date):
    """The same day, or the next one that is neither a weekend nor New Year's Day."""
    while date.weekday() >= 5 or (date.month, date.day) == (1, 1):
        date += datetime.timedelta(days=1)
    return date


class Decisions:
    """One decision per issuer, subject and year: every award it lists shares number and date."""

    def __init__(self):
        self.made = {}
        self.numbers = set()

    def get(self, issuer, subject, year, window=None, per_day=None):
        key = (issuer.name, subject, year)
        if key not in self.made:
            rng = random.Random(f"{SEED}|decision|{issuer.name}|{subject}|{year}")
            (month, day, offset), span, rate = DECISION_WINDOWS[issuer.tier]
            if window:
                (month, day, offset), span = window
            date = working_day(D(year + offset, month, day) + datetime.timedelta(days=rng.randrange(span)))
            rate = per_day or rate
            number = max(1, int(date.timetuple().tm_yday * rate) + rng.randrange(max(1, int(rate))))
            while (issuer.name, date.year, number) in self.numbers:
                number += 1
            self.numbers.add((issuer.name, date.year, number))
            self.made[key] = (f"{number}/{issuer.suffix}", date)
        return self.made[key]
