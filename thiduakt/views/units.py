from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from thiduakt.errors import DomainError
from thiduakt.filters import UnitFilter
from thiduakt.forms import SuccessionForm, UnitForm
from thiduakt.selectors import history_for, units_for_user
from thiduakt.services.successions import record_succession, remove_succession
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
        user = self.request.user
        can_record = user.has_perm("thiduakt.record_succession") and unit.valid_to is not None
        return super().get_context_data(
            successions=unit.successions.select_related("successor").order_by("successor__sort_key"),
            predecessions=unit.predecessions.select_related("predecessor").order_by("predecessor__sort_key"),
            visible=set(
                units_for_user(user)
                .filter(Q(successions__successor=unit) | Q(predecessions__predecessor=unit))
                .values_list("pk", flat=True)
            ),
            succession_form=SuccessionForm(predecessor=unit, user=user) if can_record else None,
            children=units_for_user(self.request.user)
            .filter(parent=unit)
            .annotate(people_count=Count("people", filter=Q(people__is_active=True))),
            people_count=unit.people.filter(is_active=True).count(),
            ancestors=unit.ancestors(),
            history=history_for(unit),
            **kwargs,
        )


class SuccessionMixin(LoginRequiredMixin, RulePermissionMixin):
    """Record or remove a successor of a closed unit: POST only, back to the unit's page."""

    permission_required = "thiduakt.record_succession"
    http_method_names = ["post"]

    def get_permission_object(self):
        return None

    def unit(self):
        return get_object_or_404(units_for_user(self.request.user), pk=self.kwargs["pk"])


class SuccessionAddView(SuccessionMixin, View):
    def post(self, request, pk):
        unit = self.unit()
        form = SuccessionForm(request.POST, predecessor=unit, user=request.user)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("unit_detail", pk=unit.pk)
        try:
            record_succession(actor=request.user, predecessor=unit, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The successor was recorded."))
        return redirect("unit_detail", pk=unit.pk)


class SuccessionRemoveView(SuccessionMixin, View):
    def post(self, request, pk, succession):
        unit = self.unit()
        remove_succession(get_object_or_404(unit.successions, pk=succession), actor=request.user)
        messages.success(request, _("The successor was removed."))
        return redirect("unit_detail", pk=unit.pk)


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
