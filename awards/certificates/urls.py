"""Certificate printing and layouts: the printable awards, one certificate, the print batches,
the certificate templates and the printers (public verification is in thiduakt/urls.py)."""

from django.urls import path

from awards.certificates.views import layouts, printing

app_name = "certificates"

urlpatterns = [
    path("certificates/", printing.CertificateListView.as_view(), name="list"),
    path("certificates/print/", printing.PrintSelectionView.as_view(), name="print_selection"),
    path("certificates/<int:award_pk>/", printing.CertificateDetailView.as_view(), name="detail"),
    path("certificates/<int:award_pk>/lines/", printing.CertificateLinesView.as_view(), name="lines"),
    path("certificates/<int:award_pk>/reprint/", printing.CertificateReprintView.as_view(), name="reprint"),
    path("decisions/<int:pk>/print/", printing.DecisionPrintView.as_view(), name="decision_print"),
    path("print-batches/", printing.PrintBatchListView.as_view(), name="print_batch_list"),
    path("print-batches/<int:pk>/", printing.PrintBatchDetailView.as_view(), name="print_batch_detail"),
    path("print-batches/<int:pk>/panel/", printing.PrintBatchPanelView.as_view(), name="print_batch_panel"),
    path("print-batches/<int:pk>/retry/", printing.PrintBatchRetryView.as_view(), name="print_batch_retry"),
    path("print-batches/<int:pk>/<str:fmt>/", printing.PrintBatchDownloadView.as_view(), name="print_batch_download"),
    path("certificate-templates/", layouts.TemplateListView.as_view(), name="template_list"),
    path("certificate-templates/new/", layouts.TemplateCreateView.as_view(), name="template_create"),
    path("certificate-templates/preview/", layouts.TemplatePreviewView.as_view(), name="template_preview"),
    path(
        "certificate-templates/preview/frame/",
        layouts.TemplatePreviewFrameView.as_view(),
        name="template_preview_frame",
    ),
    path("certificate-templates/<int:pk>/edit/", layouts.TemplateUpdateView.as_view(), name="template_update"),
    path("printers/", layouts.PrinterListView.as_view(), name="printer_list"),
    path("printers/new/", layouts.PrinterCreateView.as_view(), name="printer_create"),
    path("printers/<int:pk>/edit/", layouts.PrinterUpdateView.as_view(), name="printer_update"),
    path("printers/<int:pk>/calibration/", layouts.PrinterCalibrationView.as_view(), name="printer_calibration"),
]
