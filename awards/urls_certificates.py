"""Certificate printing: the printable awards, one certificate, the print batches."""

from django.urls import path

from awards.views import certificates

urlpatterns = [
    path("certificates/", certificates.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/print/", certificates.PrintSelectionView.as_view(), name="print_selection"),
    path("certificates/<int:award_pk>/", certificates.CertificateDetailView.as_view(), name="certificate_detail"),
    path("certificates/<int:award_pk>/lines/", certificates.CertificateLinesView.as_view(), name="certificate_lines"),
    path(
        "certificates/<int:award_pk>/reprint/",
        certificates.CertificateReprintView.as_view(),
        name="certificate_reprint",
    ),
    path("decisions/<int:pk>/print/", certificates.DecisionPrintView.as_view(), name="decision_print"),
    path("print-batches/", certificates.PrintBatchListView.as_view(), name="print_batch_list"),
    path("print-batches/<int:pk>/", certificates.PrintBatchDetailView.as_view(), name="print_batch_detail"),
    path("print-batches/<int:pk>/panel/", certificates.PrintBatchPanelView.as_view(), name="print_batch_panel"),
    path("print-batches/<int:pk>/retry/", certificates.PrintBatchRetryView.as_view(), name="print_batch_retry"),
    path(
        "print-batches/<int:pk>/<str:fmt>/", certificates.PrintBatchDownloadView.as_view(), name="print_batch_download"
    ),
]
