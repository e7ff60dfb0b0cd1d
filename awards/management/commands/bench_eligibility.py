"""Benchmark of the nomination import and the eligibility engine on a synthetic district.

    python manage.py bench_eligibility [--people 10000 --history 100000 --nominations 2505 --rows 2000]

The district is built once per database (bulk inserts; a second run reuses it). Every
measurement then runs in a transaction that is rolled back, so runs stay comparable:
(a) a nomination list through the real import code (check, then confirm);
(b) evaluating N nominations in one batch;
(c) the same nominations one by one — the baseline (b) is compared with, in the same run.
"""

import datetime
import io
import random
import resource
import sys
import time
from contextlib import contextmanager

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import override_settings
from openpyxl import Workbook

from awards.catalogue.models import AwardType
from awards.eligibility import evaluate
from awards.enums import Rating
from awards.history.models import Award, Discipline, Initiative, YearlyRating
from awards.importing import nominations as nomination_import
from awards.management.benchmarking import prepare_database
from awards.nominations.models import Nomination
from awards.nominations.services import create_submission
from thiduakt.enums import Gender, Role, UnitKind
from thiduakt.models import Person, Unit, UnitLevel, User

ROOT_CODE = "BENCH"
FIRST_YEAR, LAST_YEAR = 2015, 2024  # ratings; awards stop a year earlier: the 2024 round is the one nominated
ROUND = LAST_YEAR
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Minh Thu Hữu Đức Ngọc Thanh Quang Hồng".split()
GIVEN = (
    "An Bình Cường Dũng Hà Hải Hạnh Hoa Hùng Hương Khánh Lan Linh Long Mai Minh Nam Nga Ngọc Phong Phương Quân "
    "Sơn Tâm Thảo Trang Trung Tuấn Vân Yến"
).split()
INDIVIDUAL_AWARDS = ["LDTT"] * 8 + ["CSTD_CS"] * 5 + ["CSTD_TP"] * 2 + ["BK_TP"] * 3 + ["BK_TTG", "HCLD3"]
COLLECTIVE_AWARDS = ["TTLDTT", "TTLDXS", "BK_TP", "CO_TP"]


class Command(BaseCommand):
    help = "Measure the nomination import and the eligibility engine on a synthetic district."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--history", type=int, default=100_000, help="Award history rows, at least.")
        parser.add_argument("--nominations", type=int, default=2_505, help="Nominations evaluated in (b) and (c).")
        parser.add_argument("--rows", type=int, default=2_000, help="Rows of the imported list in (a).")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--prepare-database", action="store_true",
            help="Create the PostgreSQL database if it does not exist, and migrate it (make bench).",
        )  # fmt: skip

    def handle(self, *args, **options):
        if options["prepare_database"]:
            prepare_database(self.stdout)
        rng = random.Random(options["seed"])
        started = time.perf_counter()
        district = District.load_or_build(options["people"], options["history"], rng, self.stdout)
        built = time.perf_counter() - started
        # Measure as production runs: without Django's debug query log; the import's steps in this
        # process, whatever the file's size (a larger one would otherwise wait for a worker).
        with override_settings(DEBUG=False, THIDUAKT_IMPORT_BACKGROUND_BYTES=sys.maxsize):
            results = [
                *self.measure_import(district, options["rows"], rng),
                *self.measure_evaluation(district, options["nominations"], rng),
            ]
        self.report(district, built, results)

    # --- (a) the import ---------------------------------------------------------------------

    def measure_import(self, district, rows, rng):
        with rolled_back():
            submission = create_submission(
                actor=district.user, data={"proposing_unit": district.root, "year": ROUND, "method": "regular"}
            )
            upload = district.nomination_list(rows, rng)
            with counting() as check_queries, timing() as check_time:
                batch = nomination_import.check_file(upload, user=district.user, submission=submission)
            if batch.errors:
                sample = "; ".join(f"{e['row']}: {' '.join(e['problems'])}" for e in batch.errors[:5])
                self.stderr.write(f"(a) {len(batch.errors)} rows refused, e.g. {sample}")
            with counting() as confirm_queries, timing() as confirm_time:
                nomination_import.confirm(batch.pk, user=district.user, accept_partial=True)
            imported = submission.nominations.count()
        return [
            ("(a) import: check", batch.total_rows, check_time.seconds, check_queries.count),
            ("(a) import: confirm", imported, confirm_time.seconds, confirm_queries.count),
            ("(a) import: check + confirm", imported, check_time.seconds + confirm_time.seconds,
             check_queries.count + confirm_queries.count),
        ]  # fmt: skip

    # --- (b) one batch, (c) one by one --------------------------------------------------------

    def measure_evaluation(self, district, count, rng):
        with rolled_back():
            nominations = district.nominations(count, rng)
            half = nominations[: len(nominations) // 2]
            with counting() as half_queries, timing() as half_time:
                evaluate(half)
            with counting() as batch_queries, timing() as batch_time:
                evaluate(nominations)
            with counting() as single_queries, timing() as single_time:
                for nomination in nominations:
                    evaluate([nomination])
        n = len(nominations)
        return [
            ("(b) evaluate, half the batch", len(half), half_time.seconds, half_queries.count),
            ("(b) evaluate in one batch", n, batch_time.seconds, batch_queries.count),
            ("(c) evaluate one by one", n, single_time.seconds, single_queries.count),
        ]

    # --- output --------------------------------------------------------------------------------

    def report(self, district, built, results):
        write = self.stdout.write
        write("")
        write(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        verb = "built" if district.built else "reused"
        write(f"Synthetic district ({verb} in {built:.1f} s): {district.summary()}")
        write("")
        write(f"{'measurement':<34}{'rows':>8}{'seconds':>10}{'rows/s':>10}{'queries':>10}")
        for label, n, seconds, queries in results:
            rate = n / seconds if seconds else float("inf")
            write(f"{label:<34}{n:>8,}{seconds:>10.3f}{rate:>10,.0f}{queries:>10,}")
        by_label = {label: (seconds, queries) for label, _n, seconds, queries in results}
        batch, single = by_label["(b) evaluate in one batch"], by_label["(c) evaluate one by one"]
        write("")
        write(
            f"(c)/(b): time {single[0] / batch[0]:.1f}×, queries {single[1] / batch[1]:.1f}×"
            f"   ((b) queries: {by_label['(b) evaluate, half the batch'][1]} for half the batch, {batch[1]} for all)"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
        write(f"Peak RSS: {peak:,.0f} MB")


@contextmanager
def rolled_back():
    """Run, then undo: the district stays as built, and every run measures the same thing."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class _Counter:
    count = 0


@contextmanager
def counting():
    """Count the queries sent, without keeping them (a list of 20,000 queries would skew memory)."""
    counter = _Counter()

    def wrapper(execute, sql, params, many, context):
        counter.count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counter


class _Timer:
    seconds = 0.0


@contextmanager
def timing():
    timer = _Timer()
    started = time.perf_counter()
    yield timer
    timer.seconds = time.perf_counter() - started


class District:
    """The synthetic district: units, people, and ten years of history."""

    def __init__(self, root, built):
        self.root, self.built = root, built
        self.units = list(Unit.objects.filter(path__startswith=root.path).exclude(pk=root.pk).order_by("pk"))
        people = Person.objects.filter(unit__path__startswith=root.path).select_related("unit")
        self.people = list(people.order_by("pk"))
        self.user = User.objects.get(username="bench.chuyenvien")
        self.award_types = dict(AwardType.objects.values_list("code", "pk"))

    @classmethod
    def load_or_build(cls, people, history, rng, out):
        root = Unit.objects.filter(code=ROOT_CODE).first()
        if root is not None:
            existing = Person.objects.filter(unit__path__startswith=root.path).count()
            if existing != people:
                raise CommandError(
                    f"This database holds a synthetic district of {existing} people, not {people}: "
                    "use the same sizes or another database."
                )
            return cls(root, built=False)
        out.write(f"Building the synthetic district ({people:,} people, ≥{history:,} award rows)…")
        with transaction.atomic():
            root = _Builder(rng).build(people, history)
        return cls(root, built=True)

    def summary(self):
        path = self.root.path
        anyone = Q(person__unit__path__startswith=path) | Q(unit__path__startswith=path)
        counts = {
            "units": len(self.units) + 1,
            "people": len(self.people),
            "ratings": YearlyRating.objects.filter(anyone).count(),
            "awards": Award.objects.filter(anyone).count(),
            "initiatives": Initiative.objects.filter(authors__unit__path__startswith=path).distinct().count(),
            "disciplines": Discipline.objects.filter(person__unit__path__startswith=path).count(),
        }
        return ", ".join(f"{n:,} {name}" for name, n in counts.items())

    def nomination_list(self, rows, rng):
        """An .xlsx list: people by citizen ID, by name and birth date, new people, and collectives."""
        identified = {}
        for person in self.people:
            identified.setdefault((person.full_name, person.birth_date), []).append(person)
        chosen = rng.sample(self.people, min(rows, len(self.people)))
        collectives = [(u, code) for u in self.units for code in ("TTLDTT", "TTLDXS")]
        n_collective = min(len(collectives), rows // 10)
        n_new = rows // 20
        lines = []
        for unit, code in rng.sample(collectives, n_collective):
            lines.append((unit.name, "", "", "", unit.code, code))
        for index in range(n_new):
            birth = datetime.date(1990, 1, 1) + datetime.timedelta(days=index)
            lines.append(
                (f"Người Mới {index}", birth.strftime("%d/%m/%Y"), _citizen_id(Gender.MALE, birth, 900_000 + index),
                 "Nam", rng.choice(self.units).code, "LDTT")
            )  # fmt: skip
        for person in chosen[: rows - len(lines)]:
            award = rng.choice(["LDTT", "LDTT", "CSTD_CS", "BK_TP"])
            unique = len(identified[(person.full_name, person.birth_date)]) == 1
            if person.citizen_id and (rng.random() < 0.65 or not unique):
                lines.append((person.full_name, "", person.citizen_id, "", "", award))
            else:
                birth = person.birth_date.strftime("%d/%m/%Y")
                lines.append((person.full_name, birth, "", "", person.unit.code, award))
        book = Workbook()
        sheet = book.active
        sheet.append([column.header for column in nomination_import.columns()])
        for number, (name, birth, citizen_id, gender, unit_code, award) in enumerate(lines, start=1):
            sheet.append([number, name, birth, citizen_id, gender, unit_code, award, "Hoàn thành tốt nhiệm vụ."])
        buffer = io.BytesIO()
        book.save(buffer)
        return SimpleUploadedFile("bench.xlsx", buffer.getvalue())

    def nominations(self, count, rng):
        """`count` nominations of the round, about one in ten for a collective, several award types."""
        submission = create_submission(
            actor=self.user, data={"proposing_unit": self.root, "year": ROUND, "method": "regular"}
        )
        pairs = {(u.pk, code) for u in self.units for code in COLLECTIVE_AWARDS}
        collective = rng.sample(sorted(pairs), min(len(pairs), count // 10))
        people = rng.sample(self.people, min(len(self.people), count - len(collective)))
        made = [
            Nomination(submission=submission, unit_id=unit_id, award_type_id=self.award_types[code], year=ROUND)
            for unit_id, code in collective
        ] + [
            Nomination(submission=submission, person=p, award_type_id=self.award_types[code], year=ROUND)
            for p, code in zip(people, rng.choices(INDIVIDUAL_AWARDS, k=len(people)), strict=True)
        ]
        for position, nomination in enumerate(made, start=1):
            nomination.position = position
        return Nomination.objects.bulk_create(made, batch_size=1000)


def _citizen_id(gender, birth, sequence):
    """Valid for the checks: Hà Nội's code, the century-and-gender digit, the year, a sequence."""
    century = (birth.year // 100 - 19) * 2 + (1 if gender == Gender.FEMALE else 0)
    return f"001{century}{birth.year % 100:02d}{sequence:06d}"


def _free(citizen_id, taken):
    """The ID, unless someone already on record (a demo's people) holds it."""
    return None if citizen_id in taken else citizen_id


class _Builder:
    """Bulk inserts of a district: about 100 people per unit, history for 2015–2024."""

    def __init__(self, rng):
        self.rng = rng

    def build(self, people, history, parent=None):
        """A new district, or (given `parent`) its wards and schools under an existing unit."""
        root, units = self._units(people, parent)
        staff = self._people(units, people)
        self._ratings(units, staff)
        initiatives = self._initiatives(staff)
        self._disciplines(staff)
        self._awards(units, staff, initiatives, history)
        User.objects.get_or_create(
            username="bench.chuyenvien", defaults={"role": Role.SECRETARIAT, "unit": root, "full_name": "Bench"}
        )
        return root

    def _units(self, people, parent=None):
        level = {
            name: UnitLevel.objects.get_or_create(name=name, defaults={"rank": rank})[0]
            for name, rank in (("Quận/Huyện", 2), ("Phường/Xã", 3), ("Cơ quan, trường học", 4))
        }
        root = parent
        if root is None:
            root = Unit(code=ROOT_CODE, name="Quận Thử Nghiệm", kind=UnitKind.ADMINISTRATIVE, level=level["Quận/Huyện"])
            root.save()
        units = []
        for w in range(max(2, people // 500)):
            ward = Unit(code=f"{ROOT_CODE}-{w + 1:03d}", name=f"Phường Thử Nghiệm {w + 1}", parent=root,
                        kind=UnitKind.ADMINISTRATIVE, level=level["Phường/Xã"])  # fmt: skip
            ward.save()
            units.append(ward)
            for s in range(4):
                school = Unit(code=f"{ward.code}-{s + 1}", name=f"Trường Thử Nghiệm {w + 1}.{s + 1}", parent=ward,
                              kind=UnitKind.SCHOOL, level=level["Cơ quan, trường học"])  # fmt: skip
                school.save()
                units.append(school)
        return root, units

    def _people(self, units, count):
        rng, made = self.rng, []
        taken = set(Person.objects.exclude(citizen_id=None).values_list("citizen_id", flat=True))  # a demo's
        for index in range(count):
            gender = rng.choice([Gender.MALE, Gender.FEMALE])
            birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(35 * 365))
            middle = "Thị" if gender == Gender.FEMALE and rng.random() < 0.6 else rng.choice(MIDDLE)
            made.append(
                Person(
                    full_name=f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}", gender=gender, birth_date=birth,
                    citizen_id=_free(_citizen_id(gender, birth, index) if rng.random() < 0.9 else None, taken),
                    unit=units[index % len(units)], position="Chuyên viên",
                ).prepare()
            )  # fmt: skip
        return Person.objects.bulk_create(made, batch_size=2000)

    def _ratings(self, units, staff):
        rng, made = self.rng, []
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for person in staff:
                rating = rng.choices(list(Rating.values), weights=[20, 65, 12, 3])[0]
                made.append(YearlyRating(person=person, year=year, rating=rating))
            for unit in units:
                made.append(YearlyRating(unit=unit, year=year, rating=rng.choice([Rating.EXCELLENT, Rating.GOOD])))
        YearlyRating.objects.bulk_create(made, batch_size=5000)
        self.ratings = {(r.person_id or -r.unit_id, r.year): r.rating for r in made}

    def _initiatives(self, staff):
        """About one person in twelve a year; returns {(person id, year): level}."""
        rng, made, authors = self.rng, [], []
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for person in rng.sample(staff, len(staff) // 12):
                level = rng.choices(["unit", "district", "city", "national"], weights=[70, 20, 9, 1])[0]
                made.append(
                    Initiative(
                        title=f"Sáng kiến {year}-{person.pk}",
                        level=level,
                        recognised_on=datetime.date(year, 11, 20),
                        decision_number=f"{year}/QĐ-SK",
                    )
                )
                authors.append(person)
        Initiative.objects.bulk_create(made, batch_size=5000)
        links = [Initiative.authors.through(initiative=i, person=p) for i, p in zip(made, authors, strict=True)]
        Initiative.authors.through.objects.bulk_create(links, batch_size=5000)
        return {(p.pk, i.recognised_on.year): i.level for i, p in zip(made, authors, strict=True)}

    def _disciplines(self, staff):
        rng = self.rng
        made = [
            Discipline(person=person, year=year, level=rng.choice(["khien_trach", "canh_cao"]), decision="QĐ kỷ luật")
            for year in range(FIRST_YEAR, LAST_YEAR + 1)
            for person in rng.sample(staff, len(staff) // 100)
        ]
        Discipline.objects.bulk_create(made, batch_size=5000)

    def _awards(self, units, staff, initiatives, history):
        """Titles that follow from the ratings, then Giấy khen until `history` rows are reached."""
        rng, types, made = self.rng, dict(AwardType.objects.values_list("code", "pk")), []

        def award(code, year, **who):
            made.append(Award(award_type_id=types[code], year=year, decision_number=f"{rng.randrange(1, 999)}/QĐ-UBND",
                              decision_date=datetime.date(year, 12, 25), issuer="Chủ tịch UBND quận",
                              from_records=True, **who))  # fmt: skip

        for year in range(FIRST_YEAR, ROUND):
            for person in staff:
                rating = self.ratings[(person.pk, year)]
                if Rating.rank(rating) >= Rating.rank(Rating.GOOD):
                    award("LDTT", year, person=person)
                    if rating == Rating.EXCELLENT or initiatives.get((person.pk, year)):
                        if rng.random() < 0.7:
                            award("CSTD_CS", year, person=person)
                if rng.random() < 0.01:
                    award("BK_TP", year, person=person)
            for unit in units:
                award("TTLDXS" if self.ratings[(-unit.pk, year)] == Rating.EXCELLENT else "TTLDTT", year, unit=unit)
        spare = [(p, y) for p in staff for y in range(FIRST_YEAR, ROUND)]
        rng.shuffle(spare)
        for person, year in spare[: max(0, history - len(made))]:
            award("GK_QUAN", year, person=person)
        Award.objects.bulk_create(made, batch_size=5000)
