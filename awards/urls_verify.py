"""The public verification of certificates: /v/ (type a code) and /v/<code>/ (the QR's target)."""

from django.urls import path

from awards.views.verify import VerifyView

urlpatterns = [
    path("v/", VerifyView.as_view(), name="certificate_verify_form"),
    path("v/<str:code>/", VerifyView.as_view(), name="certificate_verify"),
]
