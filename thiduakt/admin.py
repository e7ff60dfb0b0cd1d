from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from thiduakt.login_throttle import AdminLoginForm
from thiduakt.models import AuditLog, Person, Unit, UnitLevel, User
from thiduakt.selectors import people_for_user, units_for_user, users_for_user

admin.site.site_header = _("thiduakt administration")
admin.site.site_title = _("thiduakt administration")
admin.site.index_title = _("Catalogues, units and users")
admin.site.login_form = AdminLoginForm  # the login throttle's wait message


class ScopedAdmin(admin.ModelAdmin):
    """An administrator manages only the units below their home unit."""

    selector = None

    def get_queryset(self, request):
        return type(self).selector(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UnitLevel)
class UnitLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "rank"]


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    selector = units_for_user
    list_display = ["code", "name", "level", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "kind"]
    ordering = ["sort_key"]
    search_fields = ["code", "search_text"]
    autocomplete_fields = ["parent", "successor"]


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
    selector = people_for_user
    list_display = ["full_name", "gender", "birth_date", "position", "unit", "category"]
    list_filter = ["gender", "category", "is_active"]
    ordering = ["sort_key"]
    search_fields = ["search_text"]
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):
    selector = users_for_user
    list_display = ["username", "full_name", "role", "unit", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name"]
    autocomplete_fields = ["unit"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "email", "position")}),
        (_("Role and scope"), {"fields": ("role", "unit", "is_active")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "full_name", "role", "unit", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: the audit log is never changed, by anyone."""

    list_display = ["created_at", "actor_name", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(unit__path__startswith=request.user.scope_path() or "-")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
