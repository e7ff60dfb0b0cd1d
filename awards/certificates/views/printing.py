"""Certificate printing: the printable awards, the print batches and their progress, and one
award's certificate (its line breaks, a reprint).

The secretariat (and the administrator) print the certificates of the decisions issued in
their scope. An object outside the scope is a 404; in the scope without the role (unit
staff, council members) a 403, on the pages as on the POSTs. A batch's panel polls itself
every second with htmx while the workers print.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import ListView
from django_filters.views import FilterView

from awards.certificates.batches import progress, reprint, resume, retry, start_awards_batch, start_decision_batch
from awards.certificates.content import recorded_detail_lines, recorded_name_lines, verify_url
from awards.certificates.forms import (
    AwardFilter,
    CertificateLinesForm,
    DecisionPrintForm,
    PrintOptionsForm,
    ReprintForm,
)
from awards.certificates.models import BatchKind, BatchStatus, Certificate
from awards.certificates.selectors import batches_for_user, printable_awards_for_user, with_done
from awards.certificates.services import set_certificate_lines
from awards.decisions.selectors import decisions_for_user
from thiduakt import outbox
from thiduakt.downloads import file_download
from thiduakt.errors import DomainError
from thiduakt.selectors import history_for

PERMISSION = "awards.print_certificates"
WAITING_FOR_SERVICE = gettext_lazy(
    "The printing service cannot be reached at the moment. "
    "The print job is recorded and will start by itself as soon as the service is back."
)
DOWNLOADS = {"pdf": "pdf", "zip": "archive"}  # the format asked for → the batch field holding it


class PrintAccessMixin(LoginRequiredMixin):
    """Find the object through the user's scoped selector (outside: 404), then check the
    printing permission on it (in scope without the role: 403). List pages have no object:
    the role decides."""

    def get_target(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.target = self.get_target()
        if not request.user.has_perm(PERMISSION, self.target):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def certificate_of(award):
    try:
        return award.certificate
    except Certificate.DoesNotExist:
        return None


def form_errors(form):
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


# --- the printable awards -------------------------------------------------------------------


class CertificateListView(PrintAccessMixin, FilterView):
    filterset_class = AwardFilter
    template_name = "awards/certificates/list.html"
    context_object_name = "awards"
    paginate_by = 50

    def get_queryset(self):
        return printable_awards_for_user(self.request.user).order_by(
            "-decision_line__decision__date", "registry_number", "pk"
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        valid = not filterset.is_bound or filterset.is_valid()
        total = context["paginator"].count if context.get("paginator") else len(context["object_list"])
        context.update(
            total=total,
            filtered=bool(filterset.query_items()),
            print_form=PrintOptionsForm(user=self.request.user) if valid and total else None,
            selection=filterset.query_items(),
        )
        return context


def selection_description(filterset, count):
    """How a batch of a filtered list is named in the list of batches."""
    parts = []
    for name, value in filterset.active():
        if name == "award_type":
            parts.append(value.name)
        elif name == "year":
            parts.append(_("year %(year)s") % {"year": int(value)})
        elif name == "number":
            parts.append(_("decision number “%(text)s”") % {"text": value})
        elif name == "issuer":
            parts.append(_("issued by %(unit)s") % {"unit": value.name})
        elif name == "printed":
            parts.append(_("printed before") if value else _("not printed yet"))
        elif name == "q":
            parts.append(_("search “%(text)s”") % {"text": value})
    filters = ", ".join(parts) or _("no filter")
    return ngettext(
        "Filtered list: %(filters)s (%(count)d certificate)",
        "Filtered list: %(filters)s (%(count)d certificates)",
        count,
    ) % {"filters": filters, "count": count}


class PrintSelectionView(PrintAccessMixin, View):
    """Print every certificate of the list as filtered (the filter comes with the POST)."""

    def post(self, request):
        user = request.user
        filterset = AwardFilter(request.POST, queryset=printable_awards_for_user(user), user=user)
        back = reverse("certificates:list")
        if filterset.query_items():
            back += "?" + urlencode(filterset.query_items())
        form = PrintOptionsForm(request.POST, user=user)
        if not filterset.is_valid():
            messages.error(request, _("The filter of the list is not valid: check it and try again."))
            return redirect(back)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect(back)
        if user.unit is None:
            messages.error(request, _("Your account has no home unit: ask the administrator to set one."))
            return redirect(back)
        awards = filterset.qs
        description = selection_description(filterset, awards.count())
        options = form.options()
        try:
            batch = start_awards_batch(
                awards, actor=user, unit=user.unit, kind=BatchKind.SELECTION, description=description, **options
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(back)
        messages.success(request, _("The certificates are being printed; this page shows the progress."))
        return redirect("certificates:print_batch_detail", pk=batch.pk)


class DecisionPrintView(PrintAccessMixin, View):
    """Print the certificates of a signed decision."""

    def get_target(self):
        self.decision = get_object_or_404(decisions_for_user(self.request.user), pk=self.kwargs["pk"])
        return self.decision

    def post(self, request, pk):
        form = DecisionPrintForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect("decisions:detail", pk=pk)
        options = form.options()
        try:
            batch = start_decision_batch(self.decision, actor=request.user, **options)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("decisions:detail", pk=pk)
        if options["token"] and batch.request_token != options["token"]:  # another form's print of it
            if batch.status == BatchStatus.READY:
                messages.info(
                    request,
                    _("This decision's certificates were already printed: here is that print. To print them all "
                      "again, tick “Print the whole decision again”."),
                )  # fmt: skip
            else:
                messages.info(request, _("This decision's certificates are already being printed: here is that print."))
        else:
            messages.success(request, _("The certificates are being printed; this page shows the progress."))
        return redirect("certificates:print_batch_detail", pk=batch.pk)


# --- print batches --------------------------------------------------------------------------


class PrintBatchListView(PrintAccessMixin, ListView):
    template_name = "awards/certificates/batch_list.html"
    context_object_name = "batches"
    paginate_by = 20

    def get_queryset(self):
        return with_done(batches_for_user(self.request.user))


class BatchMixin(PrintAccessMixin):
    def get_target(self):
        self.batch = get_object_or_404(batches_for_user(self.request.user), pk=self.kwargs["pk"])
        return self.batch

    def panel(self, **extra):
        return render(self.request, "awards/certificates/_batch_panel.html", panel_context(self.batch, **extra))


def panel_context(batch, **extra):
    args = [batch.pk]
    return {
        "batch": batch,
        "progress": progress(batch),
        "polling": batch.in_progress or batch.archive_pending,
        "waiting_for_service": batch.in_progress and outbox.stalled(),
        "panel_id": f"print-batch-{batch.pk}",
        "panel_url": reverse("certificates:print_batch_panel", args=args),
        "retry_url": reverse("certificates:print_batch_retry", args=args),
        "pdf_url": reverse("certificates:print_batch_download", args=[batch.pk, "pdf"]),
        "zip_url": reverse("certificates:print_batch_download", args=[batch.pk, "zip"]),
        **extra,
    }


class PrintBatchDetailView(BatchMixin, View):
    def get(self, request, pk):
        batch = self.batch
        certificate = None
        if batch.kind == BatchKind.REPRINT:  # one certificate: link back to its page
            chunk = batch.chunks.first()
            ids = chunk.certificate_ids if chunk else []
            certificate = Certificate.objects.select_related("award").filter(pk__in=ids[:1]).first()
        context = {**panel_context(batch), "certificate": certificate}
        return render(request, "awards/certificates/batch_detail.html", context)


class PrintBatchPanelView(BatchMixin, View):
    def get(self, request, pk):
        if self.batch.in_progress:
            # A chunk whose worker died (its lease ran out) is sent again; one still queued is not.
            resume(batches=[self.batch], include_pending=False)
            self.batch.refresh_from_db()
        return self.panel()


class PrintBatchRetryView(BatchMixin, View):
    def post(self, request, pk):
        refusal = ""
        try:
            self.batch = retry(self.batch, actor=request.user)
        except DomainError as error:
            refusal = error.message
        if request.headers.get("HX-Request"):
            self.batch.refresh_from_db()
            return self.panel(refusal=refusal)
        if refusal:
            messages.error(request, refusal)
        elif outbox.stalled():
            messages.warning(request, WAITING_FOR_SERVICE)
        else:
            messages.success(request, _("The print batch was sent to the printing service again."))
        return redirect("certificates:print_batch_detail", pk=pk)


class PrintBatchDownloadView(BatchMixin, View):
    def get(self, request, pk, fmt):
        if fmt not in DOWNLOADS or self.batch.status != BatchStatus.READY:
            raise Http404
        return file_download(getattr(self.batch, DOWNLOADS[fmt]), f"in-bang-{pk}.{fmt}")


# --- one certificate ------------------------------------------------------------------------


class CertificateMixin(PrintAccessMixin):
    """An award of a signed decision in scope (a revoked one too: its page shows why nothing
    can be printed); the permission is checked on its decision."""

    def get_target(self):
        awards = printable_awards_for_user(self.request.user, include_revoked=True)
        self.award = get_object_or_404(awards, pk=self.kwargs["award_pk"])
        self.certificate = certificate_of(self.award)
        return self.award.decision_line.decision

    def lines_form(self, data=None):
        return CertificateLinesForm(
            data, certificate=self.certificate, recorded_name="\n".join(recorded_name_lines(self.award)),
            recorded_details="\n".join(recorded_detail_lines(self.award)),
        )  # fmt: skip

    def page(self, *, lines_form=None, reprint_form=None):
        award, certificate = self.award, self.certificate
        context = {
            "award": award,
            "decision": self.target,
            "certificate": certificate,
            "verify_url": verify_url(certificate.code) if certificate else "",
            "can_print": not award.revoked,
            "printed": certificate is not None and certificate.print_count > 0,
            "lines_form": lines_form or self.lines_form(),
            "reprint_form": reprint_form or ReprintForm(user=self.request.user),
            "history": history_for(award),
        }
        return render(self.request, "awards/certificates/detail.html", context)

    def detail_url(self):
        return reverse("certificates:detail", args=[self.award.pk])


class CertificateDetailView(CertificateMixin, View):
    def get(self, request, award_pk):
        return self.page()


class CertificateLinesView(CertificateMixin, View):
    def post(self, request, award_pk):
        form = self.lines_form(request.POST)
        if form.is_valid():
            try:
                set_certificate_lines(
                    self.award, actor=request.user, name_lines=form.cleaned_data["name_lines"],
                    detail_lines=form.cleaned_data["detail_lines"], expected_version=form.cleaned_data["version"],
                )  # fmt: skip
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The line breaks of the certificate were saved."))
                return redirect(self.detail_url())
        return self.page(lines_form=form)


class CertificateReprintView(CertificateMixin, View):
    def post(self, request, award_pk):
        if self.certificate is None:  # never printed: the service says why for a certificate not printed yet
            messages.error(request, _("This certificate has not been printed yet: print it with its decision or list."))
            return redirect(self.detail_url())
        form = ReprintForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.page(reprint_form=form)
        options = form.options()
        try:
            batch = reprint(self.certificate, actor=request.user, reason=form.cleaned_data["reason"], **options)
        except DomainError as error:  # shown on the form, the reason typed kept
            form.add_error(None, error.message)
            return self.page(reprint_form=form)
        messages.success(request, _("The certificate is being printed again; this page shows the progress."))
        return redirect("certificates:print_batch_detail", pk=batch.pk)
