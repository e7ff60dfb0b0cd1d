import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView

from thiduakt.downloads import bytes_download
from thiduakt.errors import DomainError
from thiduakt.forms import ImportUploadForm, TableUploadForm
from thiduakt.importing import background
from thiduakt.importing import people as people_import
from thiduakt.importing import successions as succession_import
from thiduakt.models import ImportBatch, SuccessionRelation, Unit

from .mixins import RulePermissionMixin


class PeopleImportView(LoginRequiredMixin, RulePermissionMixin, FormView):
    permission_required = "thiduakt.import_people"
    form_class = ImportUploadForm
    template_name = "thiduakt/people_import.html"

    def get_context_data(self, **kwargs):
        recent = ImportBatch.objects.filter(created_by=self.request.user, kind=ImportBatch.Kind.PEOPLE)[:10]
        return super().get_context_data(recent=recent, **kwargs)

    def form_valid(self, form):
        try:
            batch = people_import.check_file(form.cleaned_data["file"], user=self.request.user)
        except DomainError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect("people_import_review", pk=batch.pk)


class PeopleImportTemplateView(LoginRequiredMixin, RulePermissionMixin, View):
    permission_required = "thiduakt.import_people"

    def get(self, request):
        unit = request.user.unit or Unit.objects.first()
        content = people_import.template_bytes(unit.code if unit else "MA-DON-VI")
        return bytes_download(content, "mau-nhap-danh-sach-ca-nhan.xlsx")


class OwnBatchMixin(LoginRequiredMixin, RulePermissionMixin):
    permission_required = "thiduakt.import_people"

    def get_queryset(self):
        return ImportBatch.objects.filter(created_by=self.request.user)


class PeopleImportReviewView(OwnBatchMixin, DetailView):
    template_name = "thiduakt/people_import_review.html"
    context_object_name = "batch"

    def get_context_data(self, **kwargs):
        units = dict(
            Unit.objects.filter(pk__in={r["unit_id"] for r in self.object.valid_rows}).values_list("pk", "name")
        )
        preview = [
            {**row, "unit_name": units.get(row["unit_id"], ""), "birth_display": _dmy(row["birth_date"])}
            for row in self.object.valid_rows[:200]
        ]
        return super().get_context_data(preview=preview, **kwargs)


def _dmy(iso_date):
    return datetime.date.fromisoformat(iso_date).strftime("%d/%m/%Y") if iso_date else ""


class PeopleImportConfirmView(OwnBatchMixin, View):
    def post(self, request, pk):
        if not self.get_queryset().filter(pk=pk).exists():
            raise Http404
        if "cancel" in request.POST:
            people_import.cancel(pk, user=request.user)
            messages.info(request, _("The import was cancelled; nothing was imported."))
            return redirect("people_import")
        try:
            batch = background.confirm(
                people_import.KIND, pk, user=request.user, accept_partial=request.POST.get("accept_partial") == "1"
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("people_import_review", pk=pk)
        if batch.in_progress:
            messages.info(request, background.IN_WORKER)
            return redirect("people_import_review", pk=pk)
        messages.success(request, _("Imported %(count)d people.") % {"count": batch.imported_count})
        return redirect(reverse("person_list"))


class SuccessionImportView(LoginRequiredMixin, RulePermissionMixin, FormView):
    permission_required = "thiduakt.record_succession"
    form_class = TableUploadForm
    template_name = "thiduakt/succession_import.html"

    def get_context_data(self, **kwargs):
        recent = ImportBatch.objects.filter(created_by=self.request.user, kind=succession_import.KIND)[:10]
        return super().get_context_data(recent=recent, **kwargs)

    def form_valid(self, form):
        try:
            batch = succession_import.check_file(form.cleaned_data["file"], user=self.request.user)
        except DomainError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect("succession_import_review", pk=batch.pk)


class SuccessionImportTemplateView(LoginRequiredMixin, RulePermissionMixin, View):
    permission_required = "thiduakt.record_succession"

    def get(self, request):
        return bytes_download(succession_import.template_bytes(), "mau-nhap-bang-ke-thua.xlsx")


class OwnSuccessionBatchMixin(LoginRequiredMixin, RulePermissionMixin):
    permission_required = "thiduakt.record_succession"

    def get_queryset(self):
        return ImportBatch.objects.filter(created_by=self.request.user, kind=succession_import.KIND)


class SuccessionImportReviewView(OwnSuccessionBatchMixin, DetailView):
    template_name = "thiduakt/succession_import_review.html"
    context_object_name = "batch"

    def get_context_data(self, **kwargs):
        rows = self.object.valid_rows[:200]
        units = Unit.objects.in_bulk({r["predecessor_id"] for r in rows} | {r["successor_id"] for r in rows})
        relations = dict(SuccessionRelation.choices)
        preview = [
            {
                **row,
                "predecessor": units.get(row["predecessor_id"]),
                "successor": units.get(row["successor_id"]),
                "relation_label": relations.get(row["relation"], row["relation"]),
            }
            for row in rows
        ]
        return super().get_context_data(preview=preview, **kwargs)


class SuccessionImportConfirmView(OwnSuccessionBatchMixin, View):
    def post(self, request, pk):
        if not self.get_queryset().filter(pk=pk).exists():
            raise Http404
        if "cancel" in request.POST:
            succession_import.cancel(pk, user=request.user)
            messages.info(request, _("The import was cancelled; nothing was imported."))
            return redirect("succession_import")
        try:
            batch = background.confirm(
                succession_import.KIND, pk, user=request.user, accept_partial=request.POST.get("accept_partial") == "1"
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("succession_import_review", pk=pk)
        if batch.in_progress:
            messages.info(request, background.IN_WORKER)
            return redirect("succession_import_review", pk=pk)
        count = batch.imported_count
        messages.success(
            request,
            ngettext("Recorded %(count)d succession.", "Recorded %(count)d successions.", count) % {"count": count},
        )
        return redirect("succession_import_review", pk=pk)


class ImportProgressView(LoginRequiredMixin, View):
    """The progress panel of one's own import in the worker; once the step is done, the page reloads."""

    def get(self, request, pk):
        batch = get_object_or_404(ImportBatch, pk=pk, created_by=request.user)
        if batch.in_progress and background.resume(batches=[batch]):  # its worker was lost: sent again
            batch.refresh_from_db()
        if not batch.in_progress:
            response = HttpResponse("")
            response["HX-Refresh"] = "true"
            return response
        return render(request, "partials/import_progress.html", {"batch": batch})
