from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from thiduakt import extensions
from thiduakt.filters import PersonFilter
from thiduakt.forms import PersonForm
from thiduakt.selectors import history_for, people_for_user, units_for_user
from thiduakt.services.people import create_person, update_person

from .mixins import RulePermissionMixin, ScopedObjectMixin, ServiceFormMixin, UserFormMixin


class PersonListView(LoginRequiredMixin, FilterView):
    filterset_class = PersonFilter
    template_name = "thiduakt/person_list.html"
    paginate_by = 25

    def get_queryset(self):
        return people_for_user(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


class PersonDetailView(ScopedObjectMixin, DetailView):
    selector = people_for_user
    template_name = "thiduakt/person_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        sections = [
            {"template": s.template, **s.context(self.request.user, self.object)} for s in extensions.person_sections
        ]
        return super().get_context_data(history=history_for(self.object), sections=sections, **kwargs)


class PersonCreateView(LoginRequiredMixin, RulePermissionMixin, UserFormMixin, ServiceFormMixin, CreateView):
    permission_required = "thiduakt.add_person"
    form_class = PersonForm
    template_name = "thiduakt/person_form.html"
    success_message = _("The person was added.")

    def get_initial(self):
        unit = units_for_user(self.request.user).filter(pk=self.request.GET.get("unit") or 0).first()
        return {"unit": unit or self.request.user.unit}

    def call_service(self, form):
        return create_person(actor=self.request.user, data=form.service_data())

    def get_success_url(self):
        return reverse("person_detail", args=[self.object.pk])


class PersonUpdateView(ScopedObjectMixin, RulePermissionMixin, UserFormMixin, ServiceFormMixin, UpdateView):
    selector = people_for_user
    permission_required = "thiduakt.change_person"
    form_class = PersonForm
    template_name = "thiduakt/person_form.html"
    success_message = _("The changes were saved.")

    def call_service(self, form):
        return update_person(
            self.get_object(), actor=self.request.user, data=form.service_data(),
            expected_version=form.cleaned_data.get("version"),
        )  # fmt: skip

    def get_success_url(self):
        return reverse("person_detail", args=[self.object.pk])
