"""The Excel imports of the awards records: a nomination list into a submission, and the earlier history."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView

from awards.importing import history as history_import
from awards.importing import nominations as nomination_import
from awards.nominations.views.submissions import SubmissionActionMixin
from thiduakt.downloads import bytes_download
from thiduakt.errors import DomainError
from thiduakt.forms import ImportUploadForm
from thiduakt.importing import background
from thiduakt.models import ImportBatch
from thiduakt.views.mixins import RulePermissionMixin

PREVIEW_ROWS = 200


def _dmy(iso_date):
    return datetime.date.fromisoformat(iso_date).strftime("%d/%m/%Y") if iso_date else ""


def _accepts_partial(request):
    return request.POST.get("accept_partial") == "1"


# --- A nomination list into a submission -----------------------------------------------


class SubmissionImportMixin(SubmissionActionMixin):
    """Only a user who may edit the submission imports into it; a submission out of sight is a 404."""

    permission_required = "awards.change_submission"

    def batches(self):
        return ImportBatch.objects.filter(
            created_by=self.request.user, kind=ImportBatch.Kind.NOMINATIONS, target__submission=self.submission.pk
        )


class SubmissionImportView(SubmissionImportMixin, FormView):
    form_class = ImportUploadForm
    template_name = "awards/importing/nominations.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(submission=self.submission, recent=self.batches()[:10], **kwargs)

    def form_valid(self, form):
        try:
            batch = nomination_import.check_file(
                form.cleaned_data["file"], user=self.request.user, submission=self.submission
            )
        except DomainError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect("importing:submission_import_review", pk=self.submission.pk, batch=batch.pk)


class SubmissionImportTemplateView(SubmissionImportMixin, View):
    def get(self, request, pk):
        return bytes_download(nomination_import.template_bytes(self.submission), "mau-nhap-danh-sach-de-nghi.xlsx")


class SubmissionImportReviewView(SubmissionImportMixin, DetailView):
    template_name = "awards/importing/nominations_review.html"
    context_object_name = "batch"
    pk_url_kwarg = "batch"

    def get_queryset(self):
        return self.batches()

    def get_context_data(self, **kwargs):
        rows = self.object.valid_rows
        preview = [{**row, "birth_display": _dmy(row["birth_date"])} for row in rows[:PREVIEW_ROWS]]
        new_people = len({row["new_key"] for row in rows if row["new_key"]})
        return super().get_context_data(submission=self.submission, preview=preview, new_people=new_people, **kwargs)


class SubmissionImportConfirmView(SubmissionImportMixin, View):
    def post(self, request, pk, batch):
        if not self.batches().filter(pk=batch).exists():
            raise Http404
        if "cancel" in request.POST:
            nomination_import.cancel(batch, user=request.user)
            messages.info(request, _("The import was cancelled; nothing was imported."))
            return redirect("importing:submission_import", pk=pk)
        try:
            done = background.confirm(
                nomination_import.KIND, batch, user=request.user, accept_partial=_accepts_partial(request)
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("importing:submission_import_review", pk=pk, batch=batch)
        if done.in_progress:
            messages.info(request, background.IN_WORKER)
            return redirect("importing:submission_import_review", pk=pk, batch=batch)
        count = done.imported_count
        messages.success(
            request,
            ngettext("Imported %(count)d nomination.", "Imported %(count)d nominations.", count) % {"count": count},
        )
        return redirect("nominations:submission_detail", pk=pk)


# --- The history from before thiduakt ----------------------------------------------------


class HistoryImportMixin(LoginRequiredMixin, RulePermissionMixin):
    permission_required = "awards.import_history"

    def batches(self):
        return ImportBatch.objects.filter(created_by=self.request.user, kind=ImportBatch.Kind.HISTORY)


class HistoryImportView(HistoryImportMixin, FormView):
    form_class = ImportUploadForm
    template_name = "awards/importing/history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(recent=self.batches()[:10], **kwargs)

    def form_valid(self, form):
        try:
            batch = history_import.check_file(form.cleaned_data["file"], user=self.request.user)
        except DomainError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect("importing:history_import_review", pk=batch.pk)


class HistoryImportTemplateView(HistoryImportMixin, View):
    def get(self, request):
        unit = request.user.unit
        content = history_import.template_bytes(unit.code, unit.name) if unit else history_import.template_bytes()
        return bytes_download(content, "mau-nhap-lich-su-thi-dua-khen-thuong.xlsx")


class HistoryImportReviewView(HistoryImportMixin, DetailView):
    template_name = "awards/importing/history_review.html"
    context_object_name = "batch"

    def get_queryset(self):
        return self.batches()

    def get_context_data(self, **kwargs):
        rows = self.object.valid_rows
        new_count = len(history_import.new_rows(self.object))
        preview = [
            {**row, "decision_shown": row.get("decision_number") or row.get("decision") or ""}
            for row in rows[:PREVIEW_ROWS]
        ]
        return super().get_context_data(
            preview=preview, new_count=new_count, present_count=len(rows) - new_count, **kwargs
        )


class HistoryImportConfirmView(HistoryImportMixin, View):
    def post(self, request, pk):
        if not self.batches().filter(pk=pk).exists():
            raise Http404
        if "cancel" in request.POST:
            history_import.cancel(pk, user=request.user)
            messages.info(request, _("The import was cancelled; nothing was imported."))
            return redirect("importing:history_import")
        try:
            done = background.confirm(
                history_import.KIND, pk, user=request.user, accept_partial=_accepts_partial(request)
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("importing:history_import_review", pk=pk)
        if done.in_progress:
            messages.info(request, background.IN_WORKER)
            return redirect("importing:history_import_review", pk=pk)
        count = done.imported_count
        messages.success(
            request,
            ngettext("Recorded %(count)d row of history.", "Recorded %(count)d rows of history.", count)
            % {"count": count},
        )
        return redirect("importing:history_import")
