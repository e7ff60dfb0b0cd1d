from django.contrib import admin

from awards.catalogue.models import AwardType, EligibilityRule
from awards.council.models import Council, CouncilMember
from awards.council.selectors import councils_for_user
from awards.history.models import Award, Discipline, Initiative, YearlyRating
from awards.history.selectors import awards_for_user, disciplines_for_user, initiatives_for_user, ratings_for_user
from awards.posting.models import Holiday
from campaigns.selectors import campaigns_for_user
from thiduakt.admin_scope import CatalogueAdmin, ScopedAdmin, ScopedInline


class EligibilityRuleInline(ScopedInline):
    model = EligibilityRule
    extra = 0
    fields = ["position", "kind", "params", "label"]


@admin.register(AwardType)
class AwardTypeAdmin(CatalogueAdmin):
    """The catalogue: thresholds, quotas and vote rules are edited here, not in code."""

    list_display = ["code", "name", "kind", "level", "vote_secret", "vote_threshold", "quota_share", "is_active"]
    list_filter = ["kind", "level", "is_active"]
    search_fields = ["code", "name"]
    inlines = [EligibilityRuleInline]
    filter_horizontal = ["campaigns"]
    related_scopes = {"campaigns": campaigns_for_user}


@admin.register(YearlyRating)
class YearlyRatingAdmin(ScopedAdmin):
    scope = ratings_for_user
    list_display = ["year", "person", "unit", "rating"]
    list_select_related = ["person", "unit"]
    list_filter = ["year", "rating"]
    search_fields = ["person__search_text", "unit__search_text"]
    autocomplete_fields = ["person", "unit"]


@admin.register(Award)
class AwardAdmin(ScopedAdmin):
    scope = awards_for_user
    list_display = ["year", "award_type", "person", "unit", "decision_number", "issuer", "revoked"]
    list_select_related = ["award_type", "person", "unit"]
    list_filter = ["year", "award_type", "from_records", "revoked"]
    search_fields = ["person__search_text", "unit__search_text", "decision_number"]
    autocomplete_fields = ["person", "unit"]
    raw_id_fields = ["campaign"]
    related_scopes = {"campaign": campaigns_for_user}
    # Granted by a signed decision: the link is the decision's to make, not the admin's.
    readonly_fields = ["nomination"]


@admin.register(Discipline)
class DisciplineAdmin(ScopedAdmin):
    scope = disciplines_for_user
    list_display = ["year", "person", "level", "decision"]
    list_select_related = ["person"]
    list_filter = ["year", "level"]
    autocomplete_fields = ["person"]


@admin.register(Initiative)
class InitiativeAdmin(ScopedAdmin):
    scope = initiatives_for_user
    list_display = ["title", "level", "recognised_on", "decision_number"]
    list_filter = ["level"]
    search_fields = ["title"]
    filter_horizontal = ["authors"]


class CouncilMemberInline(ScopedInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(ScopedAdmin):
    scope = councils_for_user
    list_display = ["name", "unit", "term_start", "term_end"]
    list_select_related = ["unit"]
    inlines = [CouncilMemberInline]


@admin.register(Holiday)
class HolidayAdmin(CatalogueAdmin):
    """Days off that public-posting periods skip, besides weekends."""

    list_display = ["date", "name"]
    date_hierarchy = "date"
