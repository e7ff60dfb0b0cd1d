"""The PDF documents: /documents/<kind>/<id>/ where kind is "minutes" (id of the council
session) or "decision" (id of the decision)."""

from django.urls import path

from awards.views import documents

urlpatterns = [
    path("documents/<str:kind>/<int:pk>/", documents.DocumentPageView.as_view(), name="document_page"),
    path("documents/<str:kind>/<int:pk>/panel/", documents.DocumentPanelView.as_view(), name="document_panel"),
    path("documents/<str:kind>/<int:pk>/generate/", documents.DocumentRequestView.as_view(), name="document_request"),
    path("documents/<str:kind>/<int:pk>/download/", documents.DocumentDownloadView.as_view(), name="document_download"),
    path("documents/minutes/<int:pk>/finalise/", documents.MinutesFinaliseView.as_view(), name="minutes_finalise"),
]
