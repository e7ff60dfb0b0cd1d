from django.urls import path

from awards.views import certificate_templates as views

urlpatterns = [
    path("certificate-templates/", views.TemplateListView.as_view(), name="certificate_template_list"),
    path("certificate-templates/new/", views.TemplateCreateView.as_view(), name="certificate_template_create"),
    path("certificate-templates/preview/", views.TemplatePreviewView.as_view(), name="certificate_template_preview"),
    path(
        "certificate-templates/preview/frame/",
        views.TemplatePreviewFrameView.as_view(),
        name="certificate_template_preview_frame",
    ),
    path(
        "certificate-templates/<int:pk>/edit/", views.TemplateUpdateView.as_view(), name="certificate_template_update"
    ),
    path("printers/", views.PrinterListView.as_view(), name="printer_list"),
    path("printers/new/", views.PrinterCreateView.as_view(), name="printer_create"),
    path("printers/<int:pk>/edit/", views.PrinterUpdateView.as_view(), name="printer_update"),
    path("printers/<int:pk>/calibration/", views.PrinterCalibrationView.as_view(), name="printer_calibration"),
]
