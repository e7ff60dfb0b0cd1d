"""The award history shown on a person's page, as a timeline by year, with the nominations
in play: it lives with the nominations, which come after the history they add to."""

from collections import defaultdict

from awards.history.models import Award, Discipline, Initiative, YearlyRating
from awards.nominations.models import Nomination


def person_section(user, person):
    years = defaultdict(lambda: {"ratings": [], "awards": [], "initiatives": [], "disciplines": [], "nominations": []})
    for rating in YearlyRating.objects.filter(person=person):
        years[rating.year]["ratings"].append(rating)
    for award in Award.objects.filter(person=person).select_related("award_type"):
        years[award.year]["awards"].append(award)
    for initiative in Initiative.objects.filter(authors=person):
        years[initiative.year]["initiatives"].append(initiative)
    for discipline in Discipline.objects.filter(person=person):
        years[discipline.year]["disciplines"].append(discipline)
    for nomination in Nomination.objects.filter(person=person).select_related("award_type").exclude(status="draft"):
        years[nomination.year]["nominations"].append(nomination)
    return {"timeline": sorted(years.items(), reverse=True)}
