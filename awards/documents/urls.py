"""The PDF documents: /documents/<kind>/<id>/ where kind is "minutes" (id of the council
session) or "decision" (id of the decision)."""

from django.urls import path

from awards.documents import views

app_name = "documents"

urlpatterns = [
    path("<str:kind>/<int:pk>/", views.DocumentPageView.as_view(), name="page"),
    path("<str:kind>/<int:pk>/panel/", views.DocumentPanelView.as_view(), name="panel"),
    path("<str:kind>/<int:pk>/generate/", views.DocumentRequestView.as_view(), name="request"),
    path("<str:kind>/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="download"),
    path("minutes/<int:pk>/finalise/", views.MinutesFinaliseView.as_view(), name="minutes_finalise"),
]
