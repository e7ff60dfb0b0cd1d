from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from thiduakt.admin_scope import CatalogueAdmin, ScopedAdmin, ScopedInline
from thiduakt.enums import Role
from thiduakt.login_throttle import AdminLoginForm
from thiduakt.models import AuditLog, Person, Succession, Unit, UnitLevel, User
from thiduakt.selectors import audit_for_user, people_for_user, units_for_user, users_for_user

admin.site.site_header = _("thiduakt administration")
admin.site.site_title = _("thiduakt administration")
admin.site.index_title = _("Catalogues, units and users")
admin.site.login_form = AdminLoginForm  # the login throttle's wait message


class RecordAdmin(ScopedAdmin):
    """Units, people and accounts are referred to everywhere: they are closed, never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UnitLevel)
class UnitLevelAdmin(CatalogueAdmin):
    list_display = ["name", "rank"]


class SuccessionInline(ScopedInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    fields = ["successor", "relation", "note"]
    autocomplete_fields = ["successor"]


@admin.register(Unit)
class UnitAdmin(RecordAdmin):
    scope = units_for_user
    list_display = ["code", "statistical_code", "name", "level", "kind", "parent", "valid_from", "valid_to"]
    list_select_related = ["level", "parent"]
    list_filter = ["level", "kind"]
    ordering = ["sort_key"]
    search_fields = ["code", "statistical_code", "search_text"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        parent = form.base_fields.get("parent")  # (absent from a read-only page)
        if parent is not None:
            if obj is not None:  # as in the application's form: never under itself or its own sub-units
                parent.queryset = parent.queryset.exclude(path__startswith=obj.path)
            parent.required = not request.user.has_global_scope
        return form


@admin.register(Person)
class PersonAdmin(RecordAdmin):
    scope = people_for_user
    list_display = ["full_name", "gender", "birth_date", "position", "unit", "category"]
    list_select_related = ["unit"]
    list_filter = ["gender", "category", "is_active"]
    ordering = ["sort_key"]
    search_fields = ["search_text"]
    autocomplete_fields = ["unit"]


def grantable_roles(user):
    """Roles from the least trusted up to one's own (Role lists them in that order)."""
    if user.is_superuser:
        return Role.choices
    return Role.choices[: Role.values.index(user.role) + 1]


@admin.register(User)
class UserAdmin(RecordAdmin, DjangoUserAdmin):
    """Accounts of one's subtree. The superuser, staff, group and permission fields are never
    offered: the role decides staff, and nobody grants more than they hold."""

    scope = users_for_user
    list_display = ["username", "full_name", "role", "unit", "is_active", "last_login"]
    list_select_related = ["unit"]
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

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = grantable_roles(request.user)
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "unit" in form.base_fields:  # (absent from a read-only page)
            # Every account has a home unit, unless the global superuser makes another one.
            form.base_fields["unit"].required = not request.user.has_global_scope
        return form

    def has_change_permission(self, request, obj=None):
        # A superuser's account (and so its password) is changed by superusers only.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)


@admin.register(AuditLog)
class AuditLogAdmin(ScopedAdmin):
    """Read-only: the audit log is never changed, by anyone."""

    scope = audit_for_user
    related_scopes = {"content_type": lambda user: ContentType.objects.all()}  # kinds of record, not records
    list_display = ["created_at", "actor_name", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
