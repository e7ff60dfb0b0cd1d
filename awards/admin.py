from django.contrib import admin

from awards.models import (
    Award,
    AwardType,
    Council,
    CouncilMember,
    Discipline,
    EligibilityRule,
    Holiday,
    Initiative,
    YearlyRating,
)


class EligibilityRuleInline(admin.TabularInline):
    model = EligibilityRule
    extra = 0
    fields = ["position", "kind", "params", "label"]


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    """The catalogue: thresholds, quotas and vote rules are edited here, not in code."""

    list_display = ["code", "name", "kind", "level", "vote_secret", "vote_threshold", "quota_share", "is_active"]
    list_filter = ["kind", "level", "is_active"]
    search_fields = ["code", "name"]
    inlines = [EligibilityRuleInline]
    filter_horizontal = ["campaigns"]


@admin.register(YearlyRating)
class YearlyRatingAdmin(admin.ModelAdmin):
    list_display = ["year", "person", "unit", "rating"]
    list_filter = ["year", "rating"]
    search_fields = ["person__search_text", "unit__search_text"]
    autocomplete_fields = ["person", "unit"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["year", "award_type", "person", "unit", "decision_number", "issuer", "revoked"]
    list_filter = ["year", "award_type", "from_records", "revoked"]
    search_fields = ["person__search_text", "unit__search_text", "decision_number"]
    autocomplete_fields = ["person", "unit"]
    raw_id_fields = ["campaign"]


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ["year", "person", "level", "decision"]
    list_filter = ["year", "level"]
    autocomplete_fields = ["person"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "recognised_on", "decision_number"]
    list_filter = ["level"]
    search_fields = ["title"]
    filter_horizontal = ["authors"]


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "term_start", "term_end"]
    inlines = [CouncilMemberInline]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Days off that public-posting periods skip, besides weekends."""

    list_display = ["date", "name"]
    date_hierarchy = "date"
