"""The awards demo: idempotent, a history that follows the rules, and named cases that
evaluate the way demo/awards says they do."""

import re
from collections import Counter, defaultdict
from io import StringIO

import pytest
from django.core.management import call_command

from awards.catalogue.models import EligibilityRule
from awards.eligibility import evaluate
from awards.eligibility.models import ManualCheck
from awards.enums import DisciplineLevel, InitiativeLevel, Method, NominationStatus, Rating, SubmissionStatus
from awards.history.models import Award, Discipline, Initiative, YearlyRating
from awards.nominations.models import Attachment, Nomination, Submission
from awards.nominations.quota import quota_checks
from demo.awards.nominations import SUBMISSIONS
from demo.awards.people import CITY_CHAIR, PERSON_CASES, YEAR, case_person
from thiduakt.models import AuditLog, Person, Unit

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

PASS, FAIL, MANUAL = "pass", "fail", "manual"


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def numbers(text):
    return {int(n) for n in re.findall(r"\d+", text)}


def snapshot():
    """Row counts, plus every value a second run could move if it wrote anything."""
    models = (YearlyRating, Award, Initiative, Discipline, Submission, Nomination, Attachment, ManualCheck, AuditLog)
    return {
        "counts": {model.__name__: model.objects.count() for model in models},
        "authors": Initiative.authors.through.objects.count(),
        "ratings": sorted(YearlyRating.objects.values_list("pk", "person_id", "unit_id", "year", "rating")),
        "awards": sorted(
            Award.objects.values_list(
                "pk",
                "award_type_id",
                "person_id",
                "unit_id",
                "year",
                "decision_number",
                "decision_date",
                "issuer",
                "revoked",
            )
        ),
        "initiatives": sorted(
            Initiative.objects.values_list("pk", "title", "level", "recognised_on", "decision_number")
        ),
        "disciplines": sorted(Discipline.objects.values_list("pk", "person_id", "year", "level", "decision")),
        "submissions": sorted(Submission.objects.values_list("pk", "status", "version", "submitted_at")),
        # The stored eligibility carries the time it was computed: equal means not rewritten.
        "nominations": sorted(
            (n.pk, n.status, n.version, n.reason, repr(n.eligibility)) for n in Nomination.objects.all()
        ),
    }


def test_second_run_creates_and_changes_nothing(demo_output):
    first = demo_output
    before = snapshot()
    second = load()
    assert snapshot() == before
    assert "Khen thưởng mẫu:" in first and "tạo mới 0 bản ghi" not in first.split("Khen thưởng mẫu:")[1]
    assert "tạo mới 0 bản ghi, 0 bước xử lý, cập nhật 0 bản ghi" in second.split("Khen thưởng mẫu:")[1]
    # The lists in play went through the audited services; the lists behind the demo's signed
    # decisions (to print certificates from) are made directly, like records entered afterwards.
    in_play = Submission.objects.exclude(nominations__decision_line__isnull=False).distinct()
    assert AuditLog.objects.filter(action="submission.create").count() == in_play.count() == 3
    nominations = Nomination.objects.filter(decision_line__isnull=True)
    assert AuditLog.objects.filter(action="nomination.create").count() == nominations.count()


# --- The named cases ------------------------------------------------------------------------------

# (nominee: case key or unit code, award, overall outcome, {rule kind: outcome}, text the message of
# the first listed rule must contain — marks and numbers survive translation).
CASES = (
    # Lê Hữu Long: CSTĐ cơ sở 2022, 2023 + city initiative 2023, CSTĐ cơ sở 2024 in the same list.
    ("km-chu-tich", "LDTT", PASS, {"rating_at_least": PASS, "no_discipline": PASS, "no_duplicate": PASS}, ()),
    ("km-chu-tich", "CSTD_CS", PASS, {"title_in_year": PASS, "any_of": PASS}, ("2024",)),
    ("km-chu-tich", "CSTD_TP", PASS, {"consecutive_titles": PASS, "initiative": PASS}, ("2022 ✓", "2023 ✓", "2024 …")),
    # Nguyễn Minh Vân: BK_TP 2018, then HTTNV+ with 3 × CSTĐ cơ sở → Bằng khen Thủ tướng.
    ("km-pho-chu-tich", "BK_TTG", PASS, {"holds_then_consecutive": PASS}, ("2018", "3/3")),
    # Lê Thu Loan: HTXSNV 2023, 2024 and two unit initiatives → BK_TP on the second ground.
    ("km-pho-chu-tich-2", "BK_TP", PASS, {"any_of": PASS}, ("2023 ✓", "2024 ✓")),
    # Trần Văn An: HTNV in 2024.
    ("km-van-phong", "LDTT", FAIL, {"rating_at_least": FAIL, "no_discipline": PASS, "no_duplicate": PASS}, ("HTNV",)),
    # Phạm Minh Đức: LĐTT 2024 already granted → Article 5.
    ("km-tu-phap", "LDTT", FAIL, {"no_duplicate": FAIL, "rating_at_least": PASS}, ("2024",)),
    # Phạm Ngọc Phương: reprimanded in 2020 only.
    ("km-dia-chinh", "LDTT", PASS, {"no_discipline": PASS}, ()),
    # Nguyễn Ngọc Hiếu: two initiatives but HTTNV in 2023, no CSTĐ cơ sở.
    ("km-tai-chinh", "BK_TP", FAIL, {"any_of": FAIL, "no_duplicate": PASS}, ("2023 ✗",)),
    # Phường Khương Mai: HTXSNV, everyone HTNV+, 7/7 LĐTT, one CSTĐ cơ sở proposed.
    ("TX-KM", "TTLDXS", PASS, {"rating_at_least": PASS, "members_all_rated": PASS, "members_share": PASS,
                               "member_has_title": PASS, "no_discipline": PASS, "no_duplicate": PASS}, ()),
    # Not the cluster leader in 2024 → the secretariat decides.
    ("TX-KM", "CO_TP", MANUAL, {"any_of": MANUAL, "no_duplicate": PASS}, ()),
    # Vũ Ngọc Thảo: CSTĐ cơ sở 2021 ✓, 2022 ✗, 2023 ✓ → the 3-year chain fails on 2022.
    ("bu-pho-chu-tich", "CSTD_CS", PASS, {"title_in_year": PASS, "any_of": PASS}, ()),
    ("bu-pho-chu-tich", "CSTD_TP", FAIL, {"consecutive_titles": FAIL, "initiative": PASS},
     ("2022 ✗", "2023 ✓", "2024 …")),
    # Vũ Thị Mai: cảnh cáo in 2024; her ward's TTLĐTT fails on it too.
    ("bu-dia-chinh", "LDTT", FAIL, {"no_discipline": FAIL, "rating_at_least": FAIL}, ("2024",)),
    ("TH-BU", "TTLDTT", FAIL, {"no_discipline": FAIL, "rating_at_least": PASS, "members_share": PASS}, ("2024",)),
    # Exactly 70% of members LĐTT passes; 60% fails.
    ("HK-PNV", "TTLDTT", PASS, {"members_share": PASS, "rating_at_least": PASS, "no_discipline": PASS}, (7, 10, 70)),
    ("HK-MTDT", "TTLDTT", FAIL, {"members_share": FAIL, "rating_at_least": PASS, "no_discipline": PASS}, (3, 5, 60)),
)  # fmt: skip


def _nomination(nominee, award):
    if nominee in {c.key for c in PERSON_CASES}:
        return Nomination.objects.get(person=case_person(nominee), award_type__code=award, year=YEAR)
    return Nomination.objects.get(unit__code=nominee, award_type__code=award, year=YEAR)


def test_named_cases_evaluate_as_described(demo_output):
    nominations = {(nominee, award): _nomination(nominee, award) for nominee, award, *_ in CASES}
    evaluations = evaluate(list(nominations.values()))
    kinds = dict(EligibilityRule.objects.values_list("pk", "kind"))
    for nominee, award, overall, rules, shown in CASES:
        evaluation = evaluations[nominations[(nominee, award)].pk]
        by_kind = {kinds[r.rule_id]: r for r in evaluation.results}
        assert evaluation.outcome == overall, (nominee, award, evaluation)
        assert {k: by_kind[k].outcome for k in rules} == rules, (nominee, award, evaluation)
        message = by_kind[next(iter(rules))].message
        for fragment in shown:
            if isinstance(fragment, int):
                assert fragment in numbers(message), (nominee, award, message)
            else:
                assert fragment in message, (nominee, award, message)


def test_every_nomination_matches_its_spec_and_stored_eligibility_is_current(demo_output):
    specs = {}
    for submission in SUBMISSIONS:
        for item in submission.nominations:
            specs[(submission.unit, item.nominee, item.award)] = item
    nominations = list(
        Nomination.objects.filter(decision_line__isnull=True).select_related(
            "submission__proposing_unit", "award_type", "person", "unit"
        )
    )  # the lists behind the demo's signed decisions are not specs of the nomination demo
    assert len(nominations) == len(specs)
    keys = {case_person(c.key).pk: c.key for c in PERSON_CASES}
    evaluations = evaluate(nominations)
    for n in nominations:
        nominee = keys[n.person_id] if n.person_id else n.unit.code
        item = specs[(n.submission.proposing_unit.code, nominee, n.award_type.code)]
        assert evaluations[n.pk].outcome == item.expect, (nominee, n.award_type.code, evaluations[n.pk])
        assert n.eligibility["outcome"] == item.expect, (nominee, n.award_type.code)
        assert [r["outcome"] for r in n.eligibility["results"]] == [r.outcome for r in evaluations[n.pk].results]
        assert n.achievement.strip()


def test_submissions(demo_output):
    km = Submission.objects.get(proposing_unit__code="TX-KM")
    assert (km.number, km.date.isoformat(), km.signer) == (
        "45/TTr-UBND",
        "2024-12-05",
        "Chủ tịch UBND phường Khương Mai",
    )
    assert km.status == SubmissionStatus.SUBMITTED and km.submitted_at and km.method == Method.REGULAR
    assert km.year == 2024
    nominations = list(km.nominations.select_related("decided_by"))
    assert 10 <= len(nominations) <= 14
    assert any(n.unit_id for n in nominations) and sum(1 for n in nominations if n.person_id) >= 7
    assert {n.outcome for n in nominations} == {PASS, FAIL, MANUAL}
    assert {n.award_type.code for n in nominations} >= {"LDTT", "CSTD_CS", "CSTD_TP", "TTLDXS", "BK_TP"}
    statuses = Counter(n.status for n in nominations)
    assert statuses[NominationStatus.VERIFIED] == 2 and statuses[NominationStatus.RETURNED] == 1
    assert statuses[NominationStatus.SUBMITTED] == len(nominations) - 3
    for n in nominations:
        if n.status in (NominationStatus.VERIFIED, NominationStatus.RETURNED):
            assert n.decided_by.username == "thanhxuan.chuyenvien" and n.decided_at
        if n.status == NominationStatus.VERIFIED:
            assert n.outcome == PASS
    returned = next(n for n in nominations if n.status == NominationStatus.RETURNED)
    assert returned.outcome == FAIL and returned.person == case_person("km-tu-phap")
    assert "286/QĐ-UBND" in returned.reason and returned.person.full_name in returned.reason
    # The quota (CSTĐ cơ sở ≤ 15% of LĐTT) holds in the list and in the ward's year.
    assert not any(check.exceeded for check in quota_checks(km))

    attachments = Attachment.objects.filter(nomination__submission=km)
    assert attachments.count() >= 5 and {a.kind for a in attachments} == {"achievement_report", "minutes"}
    for attachment in attachments:
        with attachment.file.open("rb") as handle:
            assert handle.read(8) == b"%PDF-1.4"
        assert attachment.file_type == "pdf" and attachment.original_name.endswith(".pdf")

    bu = Submission.objects.get(proposing_unit__code="TH-BU")
    assert bu.status == SubmissionStatus.DRAFT and bu.nominations.count() < len(nominations)
    assert set(bu.nominations.values_list("status", flat=True)) == {NominationStatus.DRAFT}
    assert {n.outcome for n in bu.nominations.all()} == {PASS, FAIL}
    hk = Submission.objects.get(proposing_unit__code="HK")
    assert hk.status == SubmissionStatus.SUBMITTED
    # The browser journey makes the Khương Trung submission itself.
    assert not Submission.objects.filter(proposing_unit__code="TX-KT").exists()
    assert not Nomination.objects.filter(person__unit__code="TX-KT").exists()


# --- The history ----------------------------------------------------------------------------------


def _district(path):
    """The district (or department) a unit belongs to: the second level of the tree."""
    return path.split("/")[2]


def test_history_follows_the_rules(demo_output):
    ratings = {
        (p, u, y): r for p, u, y, r in YearlyRating.objects.values_list("person_id", "unit_id", "year", "rating")
    }
    person_rating = {(p, y): r for (p, _u, y), r in ratings.items() if p}
    unit_rating = {(u, y): r for (p, u, y), r in ratings.items() if not p}
    held = defaultdict(set)
    from_records = Award.objects.filter(from_records=True)
    for code, person, unit, year in from_records.values_list("award_type__code", "person_id", "unit_id", "year"):
        held[(person or f"u{unit}", code)].add(year)
    disciplined = {(p, y): lvl for p, y, lvl in Discipline.objects.values_list("person_id", "year", "level")}
    initiatives = defaultdict(list)
    for person, level, date in Initiative.authors.through.objects.values_list(
        "person_id", "initiative__level", "initiative__recognised_on"
    ):
        initiatives[person].append((level, date.year))
    people = dict(Person.objects.values_list("pk", "unit__path"))
    members = defaultdict(list)
    for pk, unit in Person.objects.filter(is_active=True).values_list("pk", "unit_id"):
        members[unit].append(pk)

    def good(rating, floor=Rating.GOOD):
        return Rating.rank(rating) >= Rating.rank(floor)

    def has_initiative(person, first, last, level=InitiativeLevel.UNIT):
        rank = InitiativeLevel.rank(level)
        return any(first <= y <= last and InitiativeLevel.rank(lvl) >= rank for lvl, y in initiatives[person])

    # Ratings: Thanh Xuân and Tây Hồ from 2019, mostly HTTNV, some HTXSNV, few HTNV, very few KHT.
    tx_th = Person.objects.filter(unit__code__regex=r"^T[XH]-", is_active=True)
    assert tx_th.count() >= 150
    for pk in tx_th.values_list("pk", flat=True):
        assert sum((pk, y) in person_rating for y in range(2019, 2025)) >= 3
    shares = Counter(r for (p, _y), r in person_rating.items())
    total = sum(shares.values())
    assert shares.most_common(1)[0][0] == Rating.GOOD
    assert 0.10 < shares[Rating.EXCELLENT] / total < 0.35
    assert 0.02 < shares[Rating.COMPLETED] / total < 0.12
    assert 0 < shares[Rating.FAILED] / total < 0.03
    for code in ("TX-KM", "TX-KD", "TH-TK", "TX-PNV", "TX-THCS-KD", "TH-MTDT"):
        unit = Unit.objects.get(code=code)
        assert all((unit.pk, y) in unit_rating for y in range(2019, 2025)), code
    assert Person.objects.filter(unit__code__startswith="LB-", ratings__year=2022).exists()

    # Every award from the records meets the rules the engine checks.
    ldtt = {(p, y) for (p, code), years in held.items() if code == "LDTT" for y in years}
    for person, year in ldtt:
        assert good(person_rating.get((person, year))) and (person, year) not in disciplined, (person, year)
    eligible = [(p, y) for (p, y), r in person_rating.items() if good(r) and y < 2024 and (p, y) not in disciplined]
    assert sum(key in ldtt for key in eligible) / len(eligible) > 0.85  # most HTTNV+ people are LĐTT
    cstd_per = Counter()
    ldtt_per = Counter(_district(people[p]) + f"/{y}" for p, y in ldtt)
    for (person, code), years in list(held.items()):
        for year in years:
            if code == "CSTD_CS" and year >= 2019:
                cstd_per[_district(people[person]) + f"/{year}"] += 1
                assert (person, year) in ldtt
                assert person_rating[(person, year)] == Rating.EXCELLENT or has_initiative(person, year, year)
            if code == "CSTD_TP":
                assert held[(person, "CSTD_CS")] >= {year - 2, year - 1, year}
                assert has_initiative(person, year - 2, year, InitiativeLevel.CITY)
            if code == "BK_TP" and isinstance(person, int) and year >= 2020:
                assert held[(person, "CSTD_CS")] >= {year - 1, year}
    for key, count in cstd_per.items():
        assert count <= 0.15 * ldtt_per[key], key
    for (holder, code), years in list(held.items()):
        if code not in ("TTLDTT", "TTLDXS"):
            continue
        unit = int(holder[1:])
        for year in years:
            share = sum(year in held[(p, "LDTT")] for p in members[unit]) / len(members[unit])
            assert share >= 0.7 and good(unit_rating[(unit, year)])
            if code == "TTLDXS":
                assert unit_rating[(unit, year)] == Rating.EXCELLENT
                assert any(year in held[(p, "CSTD_CS")] for p in members[unit])
    counts = Counter(code for (_h, code), years in held.items() for _y in years)
    assert counts["LDTT"] > 1000 and counts["CSTD_CS"] > 50
    assert all(counts[code] > 0 for code in ("CSTD_TP", "BK_TP", "GK_QUAN", "TTLDTT", "TTLDXS", "BK_TP"))
    # No award for 2024 but LĐTT outside the wards and the one duplicate case.
    assert set(from_records.filter(year=2024).values_list("award_type__code", flat=True)) == {"LDTT"}
    assert not from_records.filter(year=2024, person__unit__level__name="Phường/Xã").exclude(
        person=case_person("km-tu-phap")
    )

    # Plausible decisions: numbered like "1234/QĐ-UBND", dated in December or January on a
    # working day, by the ward, the district, the department, the city.
    for number, date, issuer, year in from_records.values_list("decision_number", "decision_date", "issuer", "year"):
        assert re.fullmatch(r"\d+/QĐ-(UBND|SNV|SGDĐT)", number), number
        assert date.weekday() < 5 and date.year in (year, year + 1)
        assert date.month in (12, 1) or (number, date.isoformat()) == ("286/QĐ-UBND", "2024-11-28")
        assert issuer.startswith(("Chủ tịch UBND phường ", "Chủ tịch UBND quận ", "Giám đốc Sở ", CITY_CHAIR))
    issuers = set(Award.objects.values_list("issuer", flat=True))
    assert {
        "Chủ tịch UBND quận Thanh Xuân",
        "Chủ tịch UBND thành phố Hà Nội",
        "Chủ tịch UBND phường Khương Mai",
    } <= issuers

    # Initiatives: realistic titles, authors, three levels.
    rows = list(Initiative.objects.all())
    assert len(rows) > 80 and len({i.title for i in rows}) == len(rows)
    assert {i.level for i in rows} == {"unit", "district", "city"}
    assert not Initiative.objects.filter(authors=None).exists()
    assert Initiative.objects.filter(
        title="Ứng dụng phần mềm quản lý hồ sơ hộ tịch điện tử tại phường Khương Mai", level="city"
    ).exists()

    # A few reprimands, one warning.
    levels = Counter(Discipline.objects.values_list("level", flat=True))
    assert levels[DisciplineLevel.REPRIMAND] >= 3 and levels[DisciplineLevel.WARNING] == 1
    assert set(levels) == {DisciplineLevel.REPRIMAND, DisciplineLevel.WARNING}
    warned = Discipline.objects.get(level=DisciplineLevel.WARNING)
    assert (warned.person, warned.year) == (case_person("bu-dia-chinh"), 2024)
