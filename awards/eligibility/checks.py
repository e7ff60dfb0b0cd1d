"""The checks an award type's rules can name, each with its parameters.

A check returns (outcome, message). Messages name the years and records they looked at,
so the secretariat and the council can see why, not only whether:
"Chưa đủ 3 năm liên tục đạt Chiến sĩ thi đua cơ sở: 2022 ✓, 2023 ✓, 2024 ✗".
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.enums import DisciplineLevel, InitiativeLevel, Outcome, Rating

YES, NO, WAIT = "✓", "✗", "…"


@dataclass
class Context:
    nomination: object
    history: object
    names: dict  # award code -> name
    key: str

    @property
    def year(self):
        return self.nomination.year

    def name(self, code):
        return self.names.get(code, code)


CHECKS = {}


def check(kind, label, applies_to=None):
    """Register a check. `applies_to` limits it to individuals or collectives by nature."""

    def register(function):
        CHECKS[kind] = (function, label, applies_to)
        return function

    return register


def _mark(state):
    return {"awarded": YES, "pending": WAIT}.get(state, NO)


def _years(marks):
    return ", ".join(f"{year} {mark}" for year, mark in marks)


def _rating_label(rating):
    return Rating(rating).label if rating in Rating.values else rating


def _holds(ctx, key, code, year):
    return ctx.history.holds(key, code, year, exclude=ctx.nomination.pk)


def _outcome_of(states):
    """All held → pass; some only pending this round → pass, said so; any missing → fail."""
    return Outcome.FAIL if None in states else Outcome.PASS


@check("rating_at_least", gettext_lazy("Rated at least … in a year"))
def rating_at_least(ctx, rating, year_offset=0):
    year = ctx.year - year_offset
    actual = ctx.history.rating(ctx.key, year)
    if actual and Rating.rank(actual) >= Rating.rank(rating):
        return Outcome.PASS, _("Rated %(actual)s in %(year)d.") % {"actual": actual, "year": year}
    if actual is None:
        return Outcome.FAIL, _("No rating recorded for %(year)d (needs %(rating)s or better).") % {
            "year": year, "rating": rating,
        }  # fmt: skip
    return Outcome.FAIL, _("Rated %(actual)s in %(year)d; needs %(rating)s or better.") % {
        "actual": actual, "year": year, "rating": rating,
    }  # fmt: skip


@check("title_in_year", gettext_lazy("Holds a title or award in a year"))
def title_in_year(ctx, title, year_offset=0):
    year = ctx.year - year_offset
    state = _holds(ctx, ctx.key, title, year)
    name = ctx.name(title)
    if state == "awarded":
        return Outcome.PASS, _("%(title)s in %(year)d ✓.") % {"title": name, "year": year}
    if state == "pending":
        return Outcome.PASS, _("%(title)s %(year)d is proposed in this round; it must be granted first.") % {
            "title": name, "year": year,
        }  # fmt: skip
    return Outcome.FAIL, _("Not %(title)s in %(year)d ✗.") % {"title": name, "year": year}


@check("consecutive_titles", gettext_lazy("N consecutive years holding a title"))
def consecutive_titles(ctx, title, years, up_to_offset=0, every=1):
    """`years` consecutive times, one every `every` years (CSTĐ thành phố is given every 3 years)."""
    last = ctx.year - up_to_offset
    span = range(last - every * (years - 1), last + 1, every)
    states = [_holds(ctx, ctx.key, title, y) for y in span]
    marks = [(y, _mark(s)) for y, s in zip(span, states, strict=True)]
    values = {"n": years, "title": ctx.name(title), "years": _years(marks)}
    if None in states:
        return Outcome.FAIL, _("Not %(n)d consecutive years of %(title)s: %(years)s.") % values
    return Outcome.PASS, _("%(n)d consecutive years of %(title)s: %(years)s.") % values


@check("consecutive_ratings", gettext_lazy("N consecutive years rated at least …"))
def consecutive_ratings(ctx, rating, years, up_to_offset=0):
    last = ctx.year - up_to_offset
    span = range(last - years + 1, last + 1)
    actual = [ctx.history.rating(ctx.key, y) for y in span]
    good = [a is not None and Rating.rank(a) >= Rating.rank(rating) for a in actual]
    marks = [(y, YES if ok else NO) for y, ok in zip(span, good, strict=True)]
    values = {"n": years, "rating": rating, "years": _years(marks)}
    if all(good):
        return Outcome.PASS, _("%(n)d consecutive years rated %(rating)s or better: %(years)s.") % values
    return Outcome.FAIL, _("Not %(n)d consecutive years rated %(rating)s or better: %(years)s.") % values


@check("initiative", gettext_lazy("Initiatives recognised at a level"), applies_to="individual")
def initiative(ctx, level, within_years=1, count=1):
    first = ctx.year - within_years + 1
    found = [
        (lvl, year, title)
        for lvl, year, title in ctx.history.initiatives.get(ctx.key, [])
        if first <= year <= ctx.year and InitiativeLevel.rank(lvl) >= InitiativeLevel.rank(level)
    ]
    values = {
        "count": count, "level": InitiativeLevel(level).label, "first": first, "last": ctx.year, "found": len(found),
    }  # fmt: skip
    if len(found) >= count:
        titles = "; ".join(f"“{t}” ({y})" for _l, y, t in found[:3])
        return Outcome.PASS, _("%(found)d initiative(s) recognised at %(level)s or above in %(first)d–%(last)d: ") % (
            values
        ) + titles
    return Outcome.FAIL, _(
        "Needs %(count)d initiative(s) recognised at %(level)s or above in %(first)d–%(last)d; found %(found)d."
    ) % values


@check("holds_then_consecutive", gettext_lazy("Holds an award, then N consecutive years with …"))
def holds_then_consecutive(ctx, award, years, rating, including=()):
    """Already holds `award`; then `years` consecutive years up to the nomination year, each
    rated `rating` or better, and in that span one of the `including` alternatives
    ([{"title": code, "count": n}, …]) is met."""
    held = [y for y in ctx.history.years_holding(ctx.key, award) if y <= ctx.year - years]
    name = ctx.name(award)
    if not held:
        earlier = ctx.history.years_holding(ctx.key, award)
        if earlier:
            return Outcome.FAIL, _("%(award)s in %(held)s: fewer than %(n)d years before %(year)d.") % {
                "award": name, "held": ", ".join(map(str, earlier)), "n": years, "year": ctx.year,
            }  # fmt: skip
        return Outcome.FAIL, _("Does not hold %(award)s yet.") % {"award": name}
    since = max(held)
    span = range(ctx.year - years + 1, ctx.year + 1)
    ratings = [ctx.history.rating(ctx.key, y) for y in span]
    good = [r is not None and Rating.rank(r) >= Rating.rank(rating) for r in ratings]
    problems = []
    if not all(good):
        problems.append(
            _("rated %(rating)s or better: %(years)s")
            % {
                "rating": rating,
                "years": _years([(y, YES if ok else NO) for y, ok in zip(span, good, strict=True)]),
            }
        )
    met, described = _including(ctx, span, including)
    if including and not met:
        problems.append(described)
    head = _("%(award)s in %(since)d, then %(n)d years %(first)d–%(last)d") % {
        "award": name, "since": since, "n": years, "first": span[0], "last": span[-1],
    }  # fmt: skip
    if problems:
        return Outcome.FAIL, head + ": " + "; ".join(problems) + "."
    return Outcome.PASS, head + (": " + described if including else "") + "."


def _including(ctx, span, alternatives):
    parts, met = [], False
    for alternative in alternatives:
        code, needed = alternative["title"], alternative["count"]
        got = [y for y in span if _holds(ctx, ctx.key, code, y)]
        met = met or len(got) >= needed
        parts.append(_("%(got)d/%(needed)d × %(title)s") % {"got": len(got), "needed": needed, "title": ctx.name(code)})
    return met, _(" or ").join(parts)


def _members(ctx):
    return ctx.history.member_keys(ctx.nomination.unit_id)


@check("members_share", gettext_lazy("At least a share of members hold a title"), applies_to="collective")
def members_share(ctx, title, percent):
    members = _members(ctx)
    if not members:
        return Outcome.FAIL, _("The collective has no members on record.")
    holders = sum(1 for m in members if _holds(ctx, m, title, ctx.year))
    share = 100 * holders / len(members)
    values = {
        "holders": holders, "total": len(members), "share": f"{share:.1f}".replace(".", ","), "title": ctx.name(title),
        "percent": percent, "year": ctx.year,
    }  # fmt: skip
    if holders * 100 >= percent * len(members):
        return Outcome.PASS, _(
            "%(holders)d/%(total)d members (%(share)s%%) %(title)s in %(year)d, at least %(percent)s%%."
        ) % values
    return Outcome.FAIL, _(
        "Only %(holders)d/%(total)d members (%(share)s%%) %(title)s in %(year)d; needs %(percent)s%%."
    ) % values


@check("members_all_rated", gettext_lazy("Every member rated at least …"), applies_to="collective")
def members_all_rated(ctx, rating):
    members = _members(ctx)
    short = [m for m in members if Rating.rank(ctx.history.rating(m, ctx.year)) < Rating.rank(rating)]
    values = {"total": len(members), "short": len(short), "rating": rating, "year": ctx.year}
    if members and not short:
        return Outcome.PASS, _("All %(total)d members rated %(rating)s or better in %(year)d.") % values
    return Outcome.FAIL, _("%(short)d of %(total)d members not rated %(rating)s or better in %(year)d.") % values


@check("member_has_title", gettext_lazy("Some members hold a title"), applies_to="collective")
def member_has_title(ctx, title, count=1):
    holders = sum(1 for m in _members(ctx) if _holds(ctx, m, title, ctx.year))
    values = {"holders": holders, "count": count, "title": ctx.name(title), "year": ctx.year}
    if holders >= count:
        return Outcome.PASS, _("%(holders)d member(s) %(title)s in %(year)d.") % values
    return Outcome.FAIL, _("Needs %(count)d member(s) %(title)s in %(year)d; has %(holders)d.") % values


@check("no_discipline", gettext_lazy("No disciplinary measure at or above a level"))
def no_discipline(ctx, level, years=1):
    """The person — or, for a collective, any member — disciplined at `level` or worse."""
    keys = _members(ctx) if ctx.nomination.unit_id else [ctx.key]
    first = ctx.year - years + 1
    hits = [
        (year, lvl)
        for key in keys
        for year, lvl in ctx.history.disciplines.get(key, [])
        if first <= year <= ctx.year and DisciplineLevel.rank(lvl) >= DisciplineLevel.rank(level)
    ]
    values = {"level": DisciplineLevel(level).label, "first": first, "last": ctx.year}
    if not hits and years == 1:
        return Outcome.PASS, _("No disciplinary measure of %(level)s or above in %(last)d.") % values
    if not hits:
        return Outcome.PASS, _("No disciplinary measure of %(level)s or above in %(first)d–%(last)d.") % values
    found = ", ".join(f"{DisciplineLevel(lvl).label} ({year})" for year, lvl in hits)
    return Outcome.FAIL, _("Disciplined: %(found)s.") % {"found": found}


@check("cluster_flag", gettext_lazy("Proposed for the flag by its cluster's ranking"), applies_to="collective")
def cluster_flag(ctx):
    found = [p for p in ctx.history.flag_proposals.get(ctx.key, []) if p[0] == ctx.year]
    if found:
        _year, cluster, campaign = found[0]
        return Outcome.PASS, _("Ranked first in %(cluster)s (%(campaign)s).") % {
            "cluster": cluster,
            "campaign": campaign,
        }
    return Outcome.FAIL, _("Not ranked first in any cluster or bloc in %(year)d.") % {"year": ctx.year}


@check("no_duplicate", gettext_lazy("Not already proposed or awarded (Article 5)"))
def no_duplicate(ctx):
    code = ctx.nomination.award_type.code
    submission = ctx.nomination.submission
    state = ctx.history.same_achievement(
        ctx.key, code, ctx.year, nomination_id=ctx.nomination.pk, method=submission.method,
        campaign_id=submission.campaign_id,
    )  # fmt: skip
    values = {"award": ctx.name(code), "year": ctx.year}
    if state == "awarded":
        return Outcome.FAIL, _("Already awarded %(award)s for %(year)d.") % values
    if state == "pending":
        return Outcome.FAIL, _("Already proposed for %(award)s for %(year)d in another nomination.") % values
    return Outcome.PASS, _("Not yet proposed or awarded %(award)s for %(year)d.") % values


@check("manual", gettext_lazy("Checked by the secretariat"))
def manual(ctx, text):
    return Outcome.MANUAL, text


def _sub_results(ctx, rules):
    return [
        run(ctx, r["kind"], r.get("params", {}))
        for r in rules
        if applies(r["kind"], r.get("params", {}), ctx.nomination)
    ]


@check("any_of", gettext_lazy("One of several conditions"))
def any_of(ctx, rules):
    results = _sub_results(ctx, rules)
    outcomes = {o for o, _m in results}
    message = (" " + _("or") + " ").join(f"[{m}]" for _o, m in results)
    for outcome in (Outcome.PASS, Outcome.MANUAL):
        if outcome in outcomes:
            return outcome, message
    return Outcome.FAIL, message


@check("all_of", gettext_lazy("All of several conditions"))
def all_of(ctx, rules):
    results = _sub_results(ctx, rules)
    outcomes = {o for o, _m in results}
    message = " ".join(f"[{m}]" for _o, m in results)
    for outcome in (Outcome.FAIL, Outcome.MANUAL):
        if outcome in outcomes:
            return outcome, message
    return Outcome.PASS, message


GENERIC_PARAMS = {"applies_to", "methods"}


def applies(kind, params, nomination):
    """A rule may be limited to individuals or collectives, and to some grounds (methods)."""
    nature = CHECKS[kind][2]
    target = params.get("applies_to") or nature
    nominee = "collective" if nomination.unit_id else "individual"
    if target and target != nominee:
        return False
    methods = params.get("methods")
    return not methods or nomination.submission.method in methods


def run(ctx, kind, params):
    function, _label, _nature = CHECKS[kind]
    arguments = {k: v for k, v in params.items() if k not in GENERIC_PARAMS}
    return function(ctx, **arguments)
