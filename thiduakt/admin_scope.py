"""The Django admin, scoped like the application: an administrator manages their own subtree.

Every ModelAdmin of the project derives from `ScopedAdmin` (the city-wide catalogue from
`CatalogueAdmin`) and every inline from `ScopedInline`:

- the rows come from the application's own visibility selector (`scope`), so lists, bulk
  deletion and autocomplete answers never reach outside the subtree, and the change, history
  and delete pages of a row outside it answer 404 (Django's own answer is a redirect home);
- every foreign key and many-to-many offers, and on POST accepts, only what the related
  model's admin shows this user (or the selector named in `related_scopes` for a model the
  admin has no page for) — plus the value a row already has: keeping a link one could not
  make is not granting it, and refusing it would make such rows impossible to save.
"""

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.forms import ModelChoiceField
from django.http import Http404

from thiduakt.rules import is_admin, is_city_admin


class ScopedAdminSite(admin.AdminSite):
    """The admin site belongs to the administrator role, whatever a staff flag says."""

    def has_permission(self, request):
        return super().has_permission(request) and is_admin(request.user)


class ScopedChoices:
    related_scopes = {}  # field name -> selector(user), for related models without an admin page

    def scoped_choices(self, db_field, request):
        selector = self.related_scopes.get(db_field.name)
        if selector is not None:
            return selector(request.user)
        related_admin = self.admin_site._registry.get(db_field.related_model)
        if isinstance(related_admin, ScopedAdmin):
            return related_admin.get_queryset(request)
        raise ImproperlyConfigured(
            f"{type(self).__name__}.{db_field.name}: no scope for {db_field.related_model._meta.label}; "
            "register a ScopedAdmin for it or name a selector in related_scopes."
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", self.scoped_choices(db_field, request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", self.scoped_choices(db_field, request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def keep_current_choices(form_class, rows):
    """Let the foreign keys of a form also accept the values `rows` already hold."""
    model = form_class._meta.model
    for name, field in form_class.base_fields.items():
        if not isinstance(field, ModelChoiceField) or name not in {f.name for f in model._meta.concrete_fields}:
            continue
        attname = model._meta.get_field(name).attname
        current = {getattr(row, attname) for row in rows} - {None}
        if current:
            field.queryset = field.queryset | field.queryset.model._base_manager.filter(pk__in=current)
    return form_class


class ScopedAdmin(ScopedChoices, admin.ModelAdmin):
    scope = None  # selector(user) -> the rows this user manages

    def get_queryset(self, request):
        queryset = type(self).scope(request.user)
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return keep_current_choices(form, [obj] if obj is not None else [])


class CatalogueAdmin(ScopedAdmin):
    """The city-wide catalogue: every administrator reads it, only the city's change it.

    Checked here as well as in the rules, because a superuser holds every permission.
    """

    def get_queryset(self, request):
        return super(ScopedAdmin, self).get_queryset(request)  # every row: the catalogue is the whole city's

    def has_add_permission(self, request, *args):
        return is_city_admin(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_city_admin(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_city_admin(request.user) and super().has_delete_permission(request, obj)


class ScopedInline(ScopedChoices, admin.TabularInline):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        rows = self.get_queryset(request).filter(**{formset.fk.name: obj}) if obj is not None else []
        keep_current_choices(formset.form, rows)
        return formset
