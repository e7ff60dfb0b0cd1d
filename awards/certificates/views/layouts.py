"""Certificate templates (with their live preview) and the office printers (with calibration)."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import CreateView, ListView, UpdateView

from awards.certificates import preview
from awards.certificates import render as certificate_render
from awards.certificates.batches import print_calibration
from awards.certificates.content import default_issuer_title, sample_page
from awards.certificates.layout_forms import CalibrationForm, CertificateTemplateForm, PrinterForm
from awards.certificates.layouts import create_printer, create_template, update_printer, update_template
from awards.certificates.selectors import printers_for_user, templates_for_user
from thiduakt.errors import DomainError
from thiduakt.pdf.vietnamese import place_of
from thiduakt.views.mixins import RulePermissionMixin, ScopedObjectMixin, ServiceFormMixin, UserFormMixin

logger = logging.getLogger(__name__)

MM_TO_PX = 96 / 25.4  # CSS pixels per millimetre
PREVIEW_PARTIAL = "awards/certificates/layouts/_preview.html"


# --- the live preview -----------------------------------------------------------------------


def preview_context(form):
    """The preview of what the form holds: the URL of the frame that draws it, and its size.

    Whatever is wrong in the data falls back to its default (see the form); should that
    itself fail, the pane says so instead of the page failing."""
    mode = form.preview_mode_value()
    try:
        template = form.preview_template()
        width, height = template.page_mm
        frame = reverse("certificates:template_preview_frame")
        frame_url = f"{frame}?{urlencode({'t': preview.token(template, mode)})}"
    except Exception:  # the preview is a convenience: it must never break the form
        logger.exception("certificate template preview failed")
        return {"preview_failed": True, "preview_mode": mode, "default_positions": _safe_defaults(form)}
    return {
        "preview_url": frame_url,
        "preview_mode": mode,
        "preview_width_px": f"{width * MM_TO_PX:.0f}",
        "preview_height_px": f"{height * MM_TO_PX:.0f}",
        "preview_paper": f"{template.page_size} · {template.get_orientation_display()}",
        "default_positions": _safe_defaults(form),
    }


def _safe_defaults(form):
    try:
        return form.default_positions()
    except Exception:
        logger.exception("default positions for the preview failed")
        return {}


class TemplatePreviewView(LoginRequiredMixin, RulePermissionMixin, View):
    """POST the template form's data, get the preview pane back (htmx)."""

    permission_required = "awards.manage_certificate_templates"
    http_method_names = ["post"]

    def post(self, request):
        form = CertificateTemplateForm(request.POST, user=request.user)
        return render(request, PREVIEW_PARTIAL, preview_context(form))


@method_decorator(xframe_options_sameorigin, name="dispatch")
class TemplatePreviewFrameView(LoginRequiredMixin, RulePermissionMixin, View):
    """The sample certificate of a preview token, as the document of the pane's frame (its
    images and fonts are found from the static files' URL, the document's <base>)."""

    permission_required = "awards.manage_certificate_templates"
    http_method_names = ["get"]

    def get(self, request):
        try:
            template, mode = preview.from_token(request.GET.get("t", ""))
        except signing.BadSignature as error:
            raise Http404 from error
        context = certificate_render.document_context(
            template, [sample_page(template)], mode=mode, static_base=request.build_absolute_uri(settings.STATIC_URL)
        )
        response = HttpResponse(render_to_string(certificate_render.DOCUMENT, context))
        response["Content-Security-Policy"] = preview.FRAME_POLICY
        return response


# --- templates ------------------------------------------------------------------------------


class TemplateListView(LoginRequiredMixin, RulePermissionMixin, ListView):
    permission_required = "awards.manage_certificate_templates"
    template_name = "awards/certificates/layouts/template_list.html"
    context_object_name = "templates"
    paginate_by = 25

    def get_queryset(self):
        return templates_for_user(self.request.user).order_by("award_type__position", "issuer__path", "name", "pk")

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        rows = context["templates"]
        editable = {t.pk for t in rows if user.has_perm("awards.manage_certificate_templates", t)}
        return {**context, "editable": editable}


class TemplateFormMixin(UserFormMixin, ServiceFormMixin):
    form_class = CertificateTemplateForm
    template_name = "awards/certificates/layouts/template_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, **preview_context(context["form"])}

    def get_success_url(self):
        return reverse("certificates:template_list")


class TemplateCreateView(LoginRequiredMixin, RulePermissionMixin, TemplateFormMixin, CreateView):
    permission_required = "awards.manage_certificate_templates"
    success_message = gettext_lazy("The certificate template was created.")

    def get_initial(self):
        unit = self.request.user.unit
        initial = {"issuer_title": default_issuer_title(unit)}
        if unit is not None:
            initial.update(issuer=unit, place=place_of(unit))
        return initial

    def call_service(self, form):
        return create_template(actor=self.request.user, data=form.service_data())


class TemplateUpdateView(ScopedObjectMixin, RulePermissionMixin, TemplateFormMixin, UpdateView):
    selector = templates_for_user
    permission_required = "awards.manage_certificate_templates"
    success_message = gettext_lazy("The certificate template was saved.")
    context_object_name = "certificate_template"

    def call_service(self, form):
        return update_template(
            self.get_object(), actor=self.request.user, data=form.service_data(),
            expected_version=form.cleaned_data.get("version"),
        )  # fmt: skip


# --- printers -------------------------------------------------------------------------------


class PrinterListView(LoginRequiredMixin, RulePermissionMixin, ListView):
    permission_required = "awards.manage_printers"
    template_name = "awards/certificates/layouts/printer_list.html"
    context_object_name = "printers"
    paginate_by = 25

    def get_queryset(self):
        return printers_for_user(self.request.user).order_by("unit__path", "name", "pk")


class PrinterFormMixin(UserFormMixin, ServiceFormMixin):
    form_class = PrinterForm
    template_name = "awards/certificates/layouts/printer_form.html"

    def get_success_url(self):
        return reverse("certificates:printer_update", args=[self.object.pk])


class PrinterCreateView(LoginRequiredMixin, RulePermissionMixin, PrinterFormMixin, CreateView):
    permission_required = "awards.manage_printers"
    success_message = gettext_lazy("The printer was added. Print its calibration page to measure its offsets.")

    def get_initial(self):
        return {"unit": self.request.user.unit}

    def call_service(self, form):
        return create_printer(actor=self.request.user, data=form.service_data())


class PrinterUpdateView(ScopedObjectMixin, RulePermissionMixin, PrinterFormMixin, UpdateView):
    selector = printers_for_user
    permission_required = "awards.manage_printers"
    success_message = gettext_lazy("The printer was saved.")
    context_object_name = "printer"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        calibration = kwargs.get("calibration_form") or CalibrationForm(user=self.request.user)
        return {**context, "calibration_form": calibration}

    def call_service(self, form):
        return update_printer(
            self.get_object(), actor=self.request.user, data=form.service_data(),
            expected_version=form.cleaned_data.get("version"),
        )  # fmt: skip


class PrinterCalibrationView(ScopedObjectMixin, RulePermissionMixin, View):
    """Print the calibration page of a template on this printer (rendered by the worker)."""

    selector = printers_for_user
    permission_required = "awards.manage_printers"
    http_method_names = ["post"]

    def post(self, request, pk):
        printer = self.get_object()
        form = CalibrationForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, _("Choose the certificate template to print the calibration page for."))
            return redirect("certificates:printer_update", pk=printer.pk)
        try:
            batch = print_calibration(
                form.cleaned_data["template"], actor=request.user, unit=printer.unit, printer=printer,
                token=form.cleaned_data.get("token"),
            )  # fmt: skip
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("certificates:printer_update", pk=printer.pk)
        messages.success(
            request, _("The calibration page is being prepared; print it on plain paper when it is ready.")
        )
        return redirect(reverse("certificates:print_batch_detail", args=[batch.pk]))
