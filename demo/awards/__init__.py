"""Demo data for awards: six years of history, named eligibility cases, three 2024 submissions.

`manage.py load_demo` calls `load(stdout)` after the core and campaigns demos (demo.core,
demo.campaigns), so the units, people, accounts, the system user and the Thanh Xuân cluster
ranking are in place. The parts, in the order they load:

- people: the year, the named people and collectives (PERSON_CASES, UNIT_CASES) whose 2024
  nominations pass or fail the rules on purpose, and the world as the core demo made it;
- history (with decisions, who decided what): ratings, awards from earlier records,
  initiatives and disciplines, generated from seeded generators and following the rules the
  engine checks, not audited (bulk_create);
- nominations: the 2024 submissions, through awards.nominations.services, and their stored
  eligibility; tests/awards/test_demo.py checks every named case;
- councils: each district's council and the city's, seated with the demo accounts;
- certificates: the templates, a printer per office, and signed decisions to print.

Idempotent: every part finds its rows again by their natural keys, creates what is missing and
brings back to the demo values what differs.
"""

from collections import Counter

from django.core.management.base import CommandError

from awards.catalogue.models import AwardType
from demo.awards import certificates, councils, history, nominations
from demo.awards.people import PERSON_CASES, SECRETARY_USERNAME, case_person, world
from demo.core import SYSTEM_USERNAME
from thiduakt.models import User

# --- Loading ------------------------------------------------------------------------------------


def load(stdout):
    tally = Counter()
    actor = User.objects.get(username=SYSTEM_USERNAME)
    secretary = User.objects.filter(username=SECRETARY_USERNAME).first() or actor
    units = world()
    cases = {case.key: case_person(case.key).pk for case in PERSON_CASES}
    planned = history.plan_history(units, cases)
    types = _catalogue(tally)
    history.sync(planned, types, tally)
    nominations.sync(cases, types, actor, secretary, tally)
    councils.sync(tally)
    certificates.load(tally)
    stdout.write(_summary(planned, tally))


def _catalogue(tally):
    """The award types by code, as migration 0002 seeds them."""
    types = {t.code: t for t in AwardType.objects.all()}
    missing = nominations.CATALOGUE_CODES - types.keys()
    if missing:
        raise CommandError(f"Danh mục khen thưởng thiếu {', '.join(sorted(missing))}: hãy chạy migrate.")
    return types


def _summary(planned, tally):
    return (
        f"Khen thưởng mẫu: {len(planned.ratings)} xếp loại, {len(planned.awards)} khen thưởng đã có, "
        f"{len(planned.initiatives)} sáng kiến, {len(planned.disciplines)} kỷ luật, "
        f"{len(nominations.SUBMISSIONS)} tờ trình; "
        f"tạo mới {tally['created']} bản ghi, {tally['steps']} bước xử lý, cập nhật {tally['updated']} bản ghi."
    )
