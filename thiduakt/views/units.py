from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from thiduakt.filters import UnitFilter
from thiduakt.forms import UnitForm
from thiduakt.selectors import history_for, units_for_user
from thiduakt.services.units import create_unit, update_unit

from .mixins import RulePermissionMixin, ScopedObjectMixin, ServiceFormMixin, UserFormMixin


class UnitListView(LoginRequiredMixin, FilterView):
    filterset_class = UnitFilter
    template_name = "thiduakt/unit_list.html"
    paginate_by = 25

    def get_queryset(self):
        return (
            units_for_user(self.request.user)
            .annotate(people_count=Count("people", filter=Q(people__is_active=True)))
            .order_by("sort_key", "pk")
        )


class UnitDetailView(ScopedObjectMixin, DetailView):
    selector = units_for_user
    template_name = "thiduakt/unit_detail.html"
    context_object_name = "unit"

    def get_context_data(self, **kwargs):
        unit = self.object
        return super().get_context_data(
            children=units_for_user(self.request.user)
            .filter(parent=unit)
            .annotate(people_count=Count("people", filter=Q(people__is_active=True))),
            people_count=unit.people.filter(is_active=True).count(),
            ancestors=unit.ancestors(),
            history=history_for(unit),
            **kwargs,
        )


class UnitCreateView(LoginRequiredMixin, RulePermissionMixin, UserFormMixin, ServiceFormMixin, CreateView):
    permission_required = "thiduakt.add_unit"
    form_class = UnitForm
    template_name = "thiduakt/unit_form.html"
    success_message = _("The unit was created.")

    def get_initial(self):
        parent = units_for_user(self.request.user).filter(pk=self.request.GET.get("parent") or 0).first()
        return {"parent": parent or self.request.user.unit}

    def call_service(self, form):
        return create_unit(actor=self.request.user, data=form.service_data())

    def get_success_url(self):
        return reverse("unit_detail", args=[self.object.pk])


class UnitUpdateView(ScopedObjectMixin, RulePermissionMixin, UserFormMixin, ServiceFormMixin, UpdateView):
    selector = units_for_user
    permission_required = "thiduakt.change_unit"
    form_class = UnitForm
    template_name = "thiduakt/unit_form.html"
    success_message = _("The unit was saved.")

    def call_service(self, form):
        return update_unit(
            self.get_object(), actor=self.request.user, data=form.service_data(),
            expected_version=form.cleaned_data.get("version"),
        )  # fmt: skip

    def get_success_url(self):
        return reverse("unit_detail", args=[self.object.pk])
