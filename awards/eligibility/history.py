"""Everything the rules read, for a batch of nominations, in a bounded number of queries."""

from collections import defaultdict

from django.db.models import Q

from awards.enums import NominationStatus
from awards.history.models import Award, Discipline, Initiative, YearlyRating
from campaigns.models import ScoreSheet
from thiduakt.models import Person


class History:
    """Per nominee key ("p<id>" for a person, "u<id>" for a collective): ratings, titles, …

    Titles and awards held in a year come from the award history *and* from other
    nominations of that year still in play, which the rules report as pending.
    """

    def __init__(self, nominations):
        self.nominations = list(nominations)
        person_ids = {n.person_id for n in self.nominations if n.person_id}
        unit_ids = {n.unit_id for n in self.nominations if n.unit_id}
        self.members = defaultdict(list)  # unit id -> [person id]
        for person_id, unit_id in Person.objects.filter(unit_id__in=unit_ids, is_active=True).values_list(
            "pk", "unit_id"
        ):
            self.members[unit_id].append(person_id)
        all_people = person_ids | {p for ids in self.members.values() for p in ids}
        self._load_ratings(all_people, unit_ids)
        self._load_awards(all_people, unit_ids)
        self._load_pending(all_people, unit_ids)
        self._load_initiatives(all_people)
        self._load_disciplines(all_people)
        self._load_flag_proposals(unit_ids)

    @staticmethod
    def _who(q_people, q_units, people, units):
        return Q(**{f"{q_people}__in": people}) | Q(**{f"{q_units}__in": units, f"{q_people}__isnull": True})

    def _load_ratings(self, people, units):
        self.ratings = {}
        rows = YearlyRating.objects.filter(self._who("person_id", "unit_id", people, units))
        for person_id, unit_id, year, rating in rows.values_list("person_id", "unit_id", "year", "rating"):
            self.ratings[(_key(person_id, unit_id), year)] = rating

    def _load_awards(self, people, units):
        self.awards = defaultdict(set)  # (key, code) -> {year}
        self.award_campaigns = defaultdict(set)  # (key, code, year) -> {(campaign id, nomination id)}
        rows = Award.objects.filter(self._who("person_id", "unit_id", people, units), revoked=False)
        for person_id, unit_id, code, year, campaign_id, nomination_id in rows.values_list(
            "person_id", "unit_id", "award_type__code", "year", "campaign_id", "nomination_id"
        ):
            self.awards[(_key(person_id, unit_id), code)].add(year)
            self.award_campaigns[(_key(person_id, unit_id), code, year)].add((campaign_id, nomination_id))

    def _load_pending(self, people, units):
        """Nominations still in play (not rejected): for 'same round' titles and duplicates."""
        self.pending = defaultdict(list)  # (key, code, year) -> [nomination id]
        self.grounds = {}  # nomination id -> (ground, campaign id): which achievement it is for
        if not self.nominations:
            return
        # The nominations feature's model, read from the nominations handed in (it comes later).
        live = (
            type(self.nominations[0])
            .objects.filter(self._who("person_id", "unit_id", people, units))
            .exclude(status=NominationStatus.REJECTED)
        )
        for pk, person_id, unit_id, code, year, method, campaign_id in live.values_list(
            "pk", "person_id", "unit_id", "award_type__code", "year", "submission__method", "submission__campaign_id"
        ):
            self.pending[(_key(person_id, unit_id), code, year)].append(pk)
            self.grounds[pk] = (method, campaign_id)

    def _load_initiatives(self, people):
        self.initiatives = defaultdict(list)  # person key -> [(level, year, title)]
        through = Initiative.authors.through.objects.filter(person_id__in=people).select_related("initiative")
        for link in through:
            item = link.initiative
            self.initiatives[_key(link.person_id, None)].append((item.level, item.recognised_on.year, item.title))

    def _load_disciplines(self, people):
        self.disciplines = defaultdict(list)  # person key -> [(year, level)]
        for person_id, year, level in Discipline.objects.filter(person_id__in=people).values_list(
            "person_id", "year", "level"
        ):
            self.disciplines[_key(person_id, None)].append((year, level))

    def _load_flag_proposals(self, units):
        self.flag_proposals = defaultdict(list)  # unit key -> [(year, cluster name, campaign title)]
        sheets = ScoreSheet.objects.filter(unit_id__in=units, proposed_for_flag=True).select_related(
            "cluster", "campaign"
        )
        for sheet in sheets:
            year = sheet.campaign.scoring_year
            self.flag_proposals[_key(None, sheet.unit_id)].append((year, sheet.cluster.name, sheet.campaign.title))

    # --- questions the rules ask ---------------------------------------------------------

    def rating(self, key, year):
        return self.ratings.get((key, year))

    def holds(self, key, code, year, *, exclude=None):
        """'awarded', 'pending' (nominated this round), or None."""
        if year in self.awards.get((key, code), ()):
            return "awarded"
        if any(pk != exclude for pk in self.pending.get((key, code, year), ())):
            return "pending"
        return None

    def same_achievement(self, key, code, year, *, nomination_id, method, campaign_id):
        """Điều 5: the same nominee, award and year for the same ground and campaign.

        'awarded' when history already holds it, 'pending' when another nomination does.
        Awards on record carry a campaign but no ground; an extraordinary ground (đột xuất…)
        is another achievement, so only nominations on that same ground count against it.
        """
        others = [
            pk for pk in self.pending.get((key, code, year), ())
            if pk != nomination_id and self.grounds.get(pk) == (method, campaign_id)
        ]  # fmt: skip
        granted = self.award_campaigns.get((key, code, year), ())
        # The award this very nomination was granted is not a second award for the same achievement.
        if method in ("regular", "campaign") and any(c == campaign_id and n != nomination_id for c, n in granted):
            return "awarded"
        return "pending" if others else None

    def years_holding(self, key, code):
        return sorted(self.awards.get((key, code), ()))

    def member_keys(self, unit_id):
        return [_key(p, None) for p in self.members.get(unit_id, [])]


def _key(person_id, unit_id):
    return f"p{person_id}" if person_id else f"u{unit_id}"


def nominee_key(nomination):
    return _key(nomination.person_id, None) if nomination.person_id else _key(None, nomination.unit_id)
