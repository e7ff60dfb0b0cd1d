"""The awards demo's history: ratings, awards from earlier records, initiatives, disciplines.

Not audited, it goes in with bulk_create: 2019–2024 for Thanh Xuân and Tây Hồ, 2022–2024
elsewhere. It is generated from seeded generators, one per person and per unit (so each
person's history does not depend on anyone else's), and it follows the rules the engine
checks: LĐTT only for HTTNV or better and no discipline that year, CSTĐ cơ sở only for LĐTT
with HTXSNV or an initiative, at most 15% of LĐTT per district (or department) and year, and
so on. Awards for 2024 are what the submissions propose, so the history stops at 2023 — except
LĐTT 2024 in offices, schools, enterprises and departments, whose heads decided it early in
December. The named cases of demo.awards.people are laid over it; demo.awards.decisions says
who decided each award, with which number and date.

Idempotent: rows are found again by their natural keys (person or unit, year, award type,
initiative title…); missing ones are created and differing ones brought back to the demo values.
"""

import datetime
import math
import random
from collections import defaultdict
from typing import NamedTuple

from django.db.models import Q

from awards.enums import DisciplineLevel, InitiativeLevel, Rating
from awards.history.models import Award, Discipline, Initiative, YearlyRating
from demo.awards.decisions import (
    CITY,
    DECISION_WINDOWS,
    EARLY_LDTT_WINDOW,
    INITIATIVE_WINDOW_2024,
    INITIATIVE_WINDOWS,
    Decisions,
    authority_of,
    head_of,
    issuer_of,
    working_day,
)
from demo.awards.people import (
    COMPLETED_SHARE,
    CSTD_SHARE,
    EARLY_DECISIONS,
    FAILED_SHARE,
    FULL_YEARS,
    HT,
    INITIATIVE_CASES,
    KHT,
    LDTT_CHANCE,
    MEMBER_SHARES,
    PERSON_CASES,
    RATING_FLOORS,
    REPRIMAND,
    REPRIMAND_CHANCE,
    SEED,
    TOT,
    UNIT_CASES,
    WARNING,
    XS,
    YEAR,
    D,
    lower_first,
)

_U, _DI, _C = InitiativeLevel.UNIT, InitiativeLevel.DISTRICT, InitiativeLevel.CITY

# --- Initiative titles for the generated history ----------------------------------------------

TITLES = {
    "ward": (
        "Ứng dụng phần mềm quản lý hồ sơ hộ tịch điện tử tại phường {short}",
        "Giải pháp nâng cao tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình tại Bộ phận Một cửa phường {short}",
        "Mô hình “Tổ dân phố không rác thải nhựa” trên địa bàn phường {short}",
        "Xây dựng bản đồ số quản lý trật tự xây dựng trên địa bàn phường {short}",
        "Giải pháp quản lý, cập nhật dữ liệu dân cư phục vụ triển khai Đề án 06 tại phường {short}",
        "Nâng cao hiệu quả thu ngân sách nhà nước ngoài quốc doanh trên địa bàn phường {short}",
        "Mô hình “Camera an ninh khu dân cư” bảo đảm trật tự an toàn xã hội tại phường {short}",
        "Số hóa hồ sơ địa chính và tài liệu lưu trữ của UBND phường {short}",
        "Tuyên truyền, phổ biến pháp luật qua nhóm Zalo các tổ dân phố phường {short}",
        "Quy trình phối hợp xử lý phản ánh của người dân qua ứng dụng iHanoi tại phường {short}",
        "Mô hình “Chi trả an sinh xã hội không dùng tiền mặt” tại phường {short}",
        "Giải pháp quản lý chợ dân sinh, trật tự lòng đường, vỉa hè trên địa bàn phường {short}",
    ),
    "interior_office": (
        "Xây dựng cơ sở dữ liệu cán bộ, công chức, viên chức {district}",
        "Giải pháp số hóa hồ sơ thi đua, khen thưởng của {district}",
        "Đổi mới quy trình xét duyệt danh hiệu thi đua hằng năm tại {district}",
        "Đánh giá, xếp loại công chức cấp phường theo kết quả công việc hằng tháng tại {district}",
        "Ứng dụng chữ ký số trong phát hành văn bản của {unit}",
        "Giải pháp nâng cao Chỉ số cải cách hành chính (PAR Index) của {district}",
        "Hướng dẫn nghiệp vụ lưu trữ điện tử cho các phường trên địa bàn {district}",
        "Quy trình tuyển dụng, tiếp nhận công chức cấp phường công khai, minh bạch tại {district}",
    ),
    "education_office": (
        "Ứng dụng phần mềm tuyển sinh trực tuyến đầu cấp tại {district}",
        "Bồi dưỡng giáo viên dạy học theo Chương trình giáo dục phổ thông 2018 tại {district}",
        "Xây dựng kho học liệu số dùng chung cho các trường tiểu học {district}",
        "Nâng cao hiệu quả kiểm tra nội bộ trường học trên địa bàn {district}",
        "Giải pháp phát triển văn hóa đọc trong trường học {district}",
        "Quản lý cơ sở giáo dục mầm non ngoài công lập trên địa bàn {district}",
        "Giáo dục kỹ năng sống, phòng chống bạo lực học đường tại các trường THCS {district}",
    ),
    "people_council_office": (
        "Ứng dụng hệ thống quản lý văn bản và điều hành tại {unit}",
        "Giải pháp tổ chức họp trực tuyến kết nối UBND {district} với các phường",
        "Theo dõi, đôn đốc thực hiện nhiệm vụ UBND {district} giao trên phần mềm",
        "Nâng cao chất lượng tiếp công dân định kỳ tại Trụ sở tiếp công dân {district}",
        "Chuẩn hóa quy trình tổng hợp báo cáo kinh tế - xã hội định kỳ của {district}",
        "Giải pháp quản lý tài sản công tại {unit}",
    ),
    "school": (
        "Một số biện pháp nâng cao chất lượng dạy học môn Toán theo định hướng phát triển năng lực tại {unit}",
        "Ứng dụng công nghệ thông tin trong dạy học môn Tiếng Việt lớp 4 tại {unit}",
        "Giải pháp xây dựng thư viện thân thiện tại {unit}",
        "Tổ chức hoạt động trải nghiệm, hướng nghiệp cho học sinh {unit}",
        "Biện pháp bồi dưỡng học sinh giỏi môn Ngữ văn tại {unit}",
        "Giải pháp phòng, chống tai nạn thương tích cho học sinh {unit}",
        "Sử dụng sơ đồ tư duy trong dạy học môn Lịch sử và Địa lý tại {unit}",
        "Xây dựng mô hình “Lớp học xanh - sạch - đẹp” tại {unit}",
    ),
    "enterprise": (
        "Cải tiến xe gom rác đẩy tay giảm tiếng ồn tại {unit}",
        "Tối ưu hóa lộ trình thu gom rác thải sinh hoạt bằng bản đồ số tại {unit}",
        "Hướng dẫn phân loại rác thải tại nguồn ở khu dân cư do {unit} phụ trách",
        "Quy trình bảo dưỡng định kỳ xe ép rác chuyên dụng tại {unit}",
        "Giải pháp tưới rửa đường, giảm bụi mùa khô của {unit}",
        "Ứng dụng phần mềm quản lý nhiên liệu phương tiện vận chuyển tại {unit}",
    ),
    "department": (
        "Xây dựng cơ sở dữ liệu chuyên ngành của {unit}",
        "Giải pháp nâng cao chất lượng tham mưu, tổng hợp tại {unit}",
        "Ứng dụng chữ ký số và văn bản điện tử trong hoạt động của {unit}",
        "Chuẩn hóa quy trình giải quyết thủ tục hành chính thuộc thẩm quyền của {unit}",
        "Giải pháp số hóa tài liệu lưu trữ của {unit}",
    ),
}


# --- Planning the history (no writes) -----------------------------------------------------------


class History(NamedTuple):
    ratings: dict  # (person id, unit id, year) -> rating; one of the ids is None
    awards: dict  # (award code, person id, unit id, year) -> (number, date, issuer)
    initiatives: dict  # title -> (level, date, number, recognised by, frozenset of author ids)
    disciplines: dict  # (person id, year, level) -> decision text


def _expand(first_and_ratings):
    first, text = first_and_ratings
    return {first + i: rating for i, rating in enumerate(text.split())}


class _Planner:
    def __init__(self, units, cases):
        self.units = units
        self.cases = cases  # case key -> person id
        # People whose history is fixed by their case; the others' history is generated.
        self.case_ids = {cases[c.key] for c in PERSON_CASES if c.ratings}
        self.unit_of = {m.pk: u for u in units.values() for m in u.members}
        self.decisions = Decisions()
        self.ratings = defaultdict(dict)  # person id -> {year: rating}
        self.unit_ratings = defaultdict(dict)  # unit code -> {year: rating}
        self.held = defaultdict(set)  # (person id or unit code, award code) -> {year}
        self.authored = defaultdict(list)  # person id -> [title]
        self.initiatives = {}  # title -> [level, year, date, number, by, [author ids]]
        self.disciplines = {}  # (person id, year, level) -> decision
        self.disciplined = defaultdict(dict)  # person id -> {year: level}
        self.award_rows = {}

    # --- rows -----------------------------------------------------------------------------

    def give(self, code, holder, year, unit, decision=None):
        person_id, unit_id = (None, unit.pk) if holder == unit.code else (holder, None)
        issuer = issuer_of(code, unit, year)
        if decision is None:
            window = EARLY_LDTT_WINDOW if code == "LDTT" and year == YEAR else None
            decision = self.decisions.get(issuer, code, year, window=window)
        self.award_rows[(code, person_id, unit_id, year)] = (*decision, issuer.name)
        self.held[(holder, code)].add(year)

    def add_initiative(self, title, level, year, authors, unit):
        issuer = {_U: head_of(unit, year), _DI: authority_of(unit), _C: CITY}[level]
        (month, day), span = INITIATIVE_WINDOW_2024 if year == YEAR else INITIATIVE_WINDOWS[level]
        # The recognising decision: one per issuer, level and year.
        number, date = self.decisions.get(issuer, f"SK-{level}", year, window=((month, day, 0), span))
        self.initiatives[title] = [level, year, date, number, issuer.name, list(authors)]
        for author in authors:
            self.authored[author].append(title)

    def discipline(self, person_id, year, level, date, unit):
        issuer = head_of(unit, year)
        rng = random.Random(f"{SEED}|discipline|{issuer.name}|{date}")
        number = max(1, int(date.timetuple().tm_yday * DECISION_WINDOWS[issuer.tier][2]) + rng.randrange(3))
        text = f"Quyết định số {number}/{issuer.suffix} ngày {date:%d/%m/%Y} của {issuer.name}"
        self.disciplines[(person_id, year, level)] = text
        self.disciplined[person_id][year] = level

    # --- questions --------------------------------------------------------------------------

    def has(self, holder, code, year):
        return year in self.held[(holder, code)]

    def initiatives_of(self, person_id, first, last, level=_U):
        rank = InitiativeLevel.rank(level)
        return [
            t for t in self.authored[person_id]
            if first <= self.initiatives[t][1] <= last and InitiativeLevel.rank(self.initiatives[t][0]) >= rank
        ]  # fmt: skip

    # --- the plan ---------------------------------------------------------------------------

    def plan(self):
        self._cases()
        for unit in self.units.values():
            for member in unit.members:
                if member.pk not in self.case_ids:
                    self._person(unit, member)
            self._member_shares(unit)
            self._generated_initiatives(unit)
        for year in FULL_YEARS[:-1]:
            self._titles_of_the_year(year)
        for unit in self.units.values():
            self._collective(unit)
        ratings = {(pid, None, y): r for pid, years in self.ratings.items() for y, r in years.items()}
        for code, years in self.unit_ratings.items():
            ratings.update({(None, self.units[code].pk, y): r for y, r in years.items()})
        return History(
            ratings=ratings,
            awards=self.award_rows,
            initiatives={
                t: (level, date, number, by, frozenset(authors))
                for t, (level, _y, date, number, by, authors) in self.initiatives.items()
            },
            disciplines=self.disciplines,
        )

    def _cases(self):
        for case in PERSON_CASES:
            pid = self.cases[case.key]
            unit = self.unit_of[pid]
            if not case.ratings:
                continue
            self.ratings[pid] = _expand(case.ratings)
            for year, level, date in case.disciplines:
                self.discipline(pid, year, level, date, unit)
            for code, *years in case.awards:
                for year in years:
                    decision = EARLY_DECISIONS.get((case.key, code, year))
                    self.give(code, pid, year, unit, decision)
        for item in INITIATIVE_CASES:
            authors = [self.cases[key] for key in item.authors]
            self.add_initiative(item.title, item.level, item.year, authors, self.unit_of[authors[0]])
        for code, ratings in UNIT_CASES.items():
            self.unit_ratings[code].update(_expand(ratings))

    def _person(self, unit, member):
        rng = random.Random(f"{SEED}|person|{unit.code}|{member.name}")
        excellent = 0.08 + 0.22 * rng.random() + (0.08 if member.leader else 0)
        ratings = {}
        for year in unit.years:
            x = rng.random()
            if member.first_year and year < member.first_year:
                continue
            if x < FAILED_SHARE:
                ratings[year] = KHT
            elif x < FAILED_SHARE + COMPLETED_SHARE:
                ratings[year] = HT
            elif x < FAILED_SHARE + COMPLETED_SHARE + excellent:
                ratings[year] = XS
            else:
                ratings[year] = TOT
            floor = RATING_FLOORS.get((unit.code, year))
            if floor and Rating.rank(ratings[year]) < Rating.rank(floor):
                ratings[year] = floor
        self.ratings[member.pk] = ratings
        awards = random.Random(f"{SEED}|awards|{unit.code}|{member.name}")
        for year in unit.years:
            # A reprimand: rated no better than HTNV that year, and no title.
            if unit.full and year < YEAR and year in ratings and awards.random() < REPRIMAND_CHANCE:
                ratings[year] = min(ratings[year], HT, key=Rating.rank)
                date = working_day(D(year, 3, 1) + datetime.timedelta(days=awards.randrange(250)))
                self.discipline(member.pk, year, REPRIMAND, date, unit)
        for year in unit.award_years("LDTT"):
            chance = awards.random()
            if Rating.rank(ratings.get(year)) >= Rating.rank(TOT) and year not in self.disciplined[member.pk]:
                if chance < LDTT_CHANCE:
                    self.give("LDTT", member.pk, year, unit)

    def _member_shares(self, unit):
        for (code, year), percent in MEMBER_SHARES.items():
            if code != unit.code:
                continue
            holders = math.ceil(len(unit.members) * percent / 100)
            for index, member in enumerate(unit.members):
                assert member.pk not in self.case_ids, "member shares apply to generated people only"
                self.held[(member.pk, "LDTT")].discard(year)
                self.award_rows.pop(("LDTT", member.pk, None, year), None)
                if index < holders:
                    self.ratings[member.pk][year] = max(self.ratings[member.pk].get(year, TOT), TOT, key=Rating.rank)
                    self.give("LDTT", member.pk, year, unit)
                else:
                    self.ratings[member.pk][year] = HT

    def _generated_initiatives(self, unit):
        rng = random.Random(f"{SEED}|initiatives|{unit.code}")
        templates = list(TITLES[unit.kind])
        rng.shuffle(templates)
        values = {
            "short": unit.name.removeprefix("Phường "), "unit": unit.name,
            "district": lower_first(unit.authority_name),
        }  # fmt: skip
        titles = [t.format(**values) for t in templates]
        titles = [t for t in titles if t not in self.initiatives]
        weights = (0.35, 0.45, 0.2) if unit.full else (0.6, 0.4, 0)
        for year in unit.years:
            count = rng.choices((0, 1, 2), weights=weights)[0]
            level_draw = [rng.random() for _ in range(count)]
            people = [
                m for m in unit.members if m.pk not in self.case_ids and year in self.ratings[m.pk]
            ]  # fmt: skip
            for draw in level_draw:
                if not titles or not people:
                    break
                level = _U
                if year < YEAR and draw < 0.06:
                    level = _C
                elif year < YEAR and draw < 0.26 and unit.authority_is_district:
                    level = _DI
                weights_of = [
                    (3 if self.ratings[m.pk][year] == XS else 1) * (2 if m.leader else 1) for m in people
                ]  # fmt: skip
                lead = rng.choices(people, weights=weights_of)[0]
                authors = [lead.pk]
                others = [m for m in people if m.pk != lead.pk]
                if others and rng.random() < 0.35:
                    authors.append(rng.choice(others).pk)
                self.add_initiative(titles.pop(), level, year, authors, unit)

    def _titles_of_the_year(self, year):
        """CSTĐ cơ sở unit by unit, capped per authority; then what builds on it."""
        picks = defaultdict(list)  # authority -> [(unit, person id)] of generated people
        for unit in self.units.values():
            if year not in unit.award_years("CSTD_CS"):
                continue
            if any(self.has(m.pk, "CSTD_CS", year) for m in unit.members if m.pk in self.case_ids):
                continue
            rng = random.Random(f"{SEED}|cstd|{unit.code}|{year}")
            candidates = [
                m for m in unit.members
                if m.pk not in self.case_ids and self.has(m.pk, "LDTT", year)
                and (self.ratings[m.pk].get(year) == XS or self.initiatives_of(m.pk, year, year))
            ]  # fmt: skip
            count = 1 if rng.random() < (0.7 if unit.full else 0.45) else 0
            if count and len(unit.members) >= 9 and rng.random() < 0.25:
                count = 2
            for _ in range(min(count, len(candidates))):
                weights = [
                    (4 if self.has(m.pk, "CSTD_CS", year - 1) else 1) * (2 if m.leader else 1) for m in candidates
                ]
                chosen = rng.choices(candidates, weights=weights)[0]
                candidates.remove(chosen)
                picks[unit.authority].append((unit, chosen.pk))
        for authority, chosen in picks.items():
            group = [u for u in self.units.values() if u.authority == authority]
            ldtt = sum(self.has(m.pk, "LDTT", year) for u in group for m in u.members)
            given = sum(self.has(m.pk, "CSTD_CS", year) for u in group for m in u.members)
            allowed = math.floor(ldtt * CSTD_SHARE) - given
            random.Random(f"{SEED}|cap|{authority}|{year}").shuffle(chosen)
            for unit, person_id in chosen[: max(allowed, 0)]:
                self.give("CSTD_CS", person_id, year, unit)
        for unit in self.units.values():
            if year in unit.award_years("CSTD_CS"):
                for member in unit.members:
                    if member.pk not in self.case_ids:
                        self._builds_on_cstd(unit, member, year)

    def _builds_on_cstd(self, unit, member, year):
        rng = random.Random(f"{SEED}|higher|{unit.code}|{member.name}|{year}")
        pid = member.pk
        chain = all(self.has(pid, "CSTD_CS", y) for y in (year - 2, year - 1, year))
        if chain and not any(self.has(pid, "CSTD_TP", y) for y in (year - 2, year - 1)):
            if not self.initiatives_of(pid, year - 2, year, _C) and rng.random() < 0.5:
                recent = self.initiatives_of(pid, year - 2, year)
                if recent:  # the city recognised one of the recent initiatives
                    self.initiatives[recent[-1]][0] = _C
                    self._redate(recent[-1], unit)
            if self.initiatives_of(pid, year - 2, year, _C):
                self.give("CSTD_TP", pid, year, unit)
                return
        if (
            self.has(pid, "CSTD_CS", year - 1) and self.has(pid, "CSTD_CS", year)
            and not self.has(pid, "BK_TP", year - 1) and rng.random() < 0.4
        ):  # fmt: skip
            self.give("BK_TP", pid, year, unit)
        elif (
            unit.authority_is_district and self.has(pid, "LDTT", year) and not self.has(pid, "CSTD_CS", year)
            and rng.random() < 0.06
        ):  # fmt: skip
            self.give("GK_QUAN", pid, year, unit)

    def _redate(self, title, unit):
        item = self.initiatives[title]
        level, year = item[0], item[1]
        (month, day), span = INITIATIVE_WINDOWS[level]
        number, date = self.decisions.get(CITY, f"SK-{level}", year, window=((month, day, 0), span))
        item[2], item[3], item[4] = date, number, CITY.name

    def _collective(self, unit):
        rng = random.Random(f"{SEED}|collective|{unit.code}")
        ratings = self.unit_ratings[unit.code]
        for year in unit.years:
            x = rng.random()
            if not unit.valid_in(year):
                ratings.pop(year, None)
                continue
            ratings.setdefault(year, XS if x < 0.3 else TOT if x < 0.95 else HT)
        members = [m.pk for m in unit.members]
        for year in unit.award_years("TTLDTT"):
            draw = [rng.random() for _ in range(3)]
            if year not in ratings:
                continue
            share_ok = 10 * sum(self.has(p, "LDTT", year) for p in members) >= 7 * len(members)
            warned = any(
                DisciplineLevel.rank(self.disciplined[p].get(year)) >= DisciplineLevel.rank(WARNING) for p in members
            )
            all_rated = all(Rating.rank(self.ratings[p].get(year)) >= Rating.rank(HT) for p in members)
            has_cstd = any(self.has(p, "CSTD_CS", year) for p in members)
            if warned or not share_ok:
                continue
            if ratings[year] == XS and all_rated and has_cstd and draw[0] < 0.85:
                self.give("TTLDXS", unit.code, year, unit)
            elif Rating.rank(ratings[year]) >= Rating.rank(TOT) and draw[0] < 0.95:
                self.give("TTLDTT", unit.code, year, unit)
            excellent_two = (self.has(unit.code, "TTLDXS", year - 1) and self.has(unit.code, "TTLDXS", year)) or (
                ratings.get(year - 1) == XS and ratings[year] == XS
            )
            if excellent_two and not self.has(unit.code, "BK_TP", year - 1) and draw[1] < 0.35:
                self.give("BK_TP", unit.code, year, unit)
            elif unit.authority_is_district and draw[2] < 0.12:
                self.give("GK_QUAN", unit.code, year, unit)


def sync(planned, types, tally):
    """Writes the planned history: what is missing, and what differs from the plan."""
    _sync_ratings(planned.ratings, tally)
    _sync_awards(planned.awards, types, tally)
    _sync_initiatives(planned.initiatives, tally)
    _sync_disciplines(planned.disciplines, tally)


def plan_history(units, cases):
    return _Planner(units, cases).plan()


def _bulk(model, create, update, fields, tally):
    if create:
        model.objects.bulk_create(create, batch_size=500)
        tally["created"] += len(create)
    if update:
        model.objects.bulk_update(update, fields, batch_size=500)
        tally["updated"] += len(update)


def _sync_ratings(planned, tally):
    people = {p for p, _u, _y in planned if p}
    units = {u for _p, u, _y in planned if u}
    existing = {}
    rows = YearlyRating.objects.filter(Q(person_id__in=people) | Q(unit_id__in=units, person__isnull=True))
    for row in rows.only("pk", "person_id", "unit_id", "year", "rating"):
        existing[(row.person_id, None if row.person_id else row.unit_id, row.year)] = row
    create, update = [], []
    for (person_id, unit_id, year), rating in planned.items():
        row = existing.get((person_id, unit_id, year))
        if row is None:
            create.append(YearlyRating(person_id=person_id, unit_id=unit_id, year=year, rating=rating))
        elif row.rating != rating:
            row.rating = rating
            update.append(row)
    _bulk(YearlyRating, create, update, ["rating"], tally)


def _sync_awards(planned, types, tally):
    people = {p for _c, p, _u, _y in planned if p}
    units = {u for _c, _p, u, _y in planned if u}
    existing = {}
    rows = Award.objects.filter(Q(person_id__in=people) | Q(unit_id__in=units, person__isnull=True), from_records=True)
    for row in rows.select_related("award_type").order_by("pk"):
        key = (row.award_type.code, row.person_id, None if row.person_id else row.unit_id, row.year)
        existing.setdefault(key, row)
    create, update = [], []
    for (code, person_id, unit_id, year), (number, date, issuer) in planned.items():
        values = {"decision_number": number, "decision_date": date, "issuer": issuer, "revoked": False}
        row = existing.get((code, person_id, unit_id, year))
        if row is None:
            create.append(
                Award(
                    award_type=types[code],
                    person_id=person_id,
                    unit_id=unit_id,
                    year=year,
                    from_records=True,
                    **values,
                )
            )
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            update.append(row)
    _bulk(Award, create, update, ["decision_number", "decision_date", "issuer", "revoked"], tally)


def _sync_initiatives(planned, tally):
    existing = {i.title: i for i in Initiative.objects.filter(title__in=planned)}
    Authors = Initiative.authors.through
    links = defaultdict(set)
    for initiative_id, person_id in Authors.objects.filter(initiative__in=existing.values()).values_list(
        "initiative_id", "person_id"
    ):
        links[initiative_id].add(person_id)
    create, update = [], []
    for title, (level, date, number, by, _authors) in planned.items():
        values = {"level": level, "recognised_on": date, "decision_number": number, "recognised_by": by}
        row = existing.get(title)
        if row is None:
            row = Initiative(title=title, **values)
            create.append(row)
            existing[title] = row
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            update.append(row)
    _bulk(Initiative, create, update, ["level", "recognised_on", "decision_number", "recognised_by"], tally)
    add, stale = [], []
    for title, (*_values, authors) in planned.items():
        row = existing[title]  # bulk_create set the primary keys (SQLite and PostgreSQL)
        have = links.get(row.pk, set())
        add += [Authors(initiative_id=row.pk, person_id=p) for p in sorted(authors - have)]
        stale += [(row.pk, p) for p in have - authors]
        if row not in create and (authors - have or have - authors):
            tally["updated"] += 1
    Authors.objects.bulk_create(add, batch_size=500)
    for initiative_id, person_id in stale:
        Authors.objects.filter(initiative_id=initiative_id, person_id=person_id).delete()


def _sync_disciplines(planned, tally):
    people = {p for p, _y, _l in planned}
    existing = {}
    for row in Discipline.objects.filter(person_id__in=people).order_by("pk"):
        existing.setdefault((row.person_id, row.year, row.level), row)
    create, update = [], []
    for (person_id, year, level), decision in planned.items():
        row = existing.get((person_id, year, level))
        if row is None:
            create.append(Discipline(person_id=person_id, year=year, level=level, decision=decision))
        elif row.decision != decision:
            row.decision = decision
            update.append(row)
    _bulk(Discipline, create, update, ["decision"], tally)
