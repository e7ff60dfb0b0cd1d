"""The awards features' pages, one namespace each. Paths are those users have always had;
the pages reachable without login are listed in thiduakt/urls.py, not here."""

from django.urls import include, path

urlpatterns = [
    path("", include("awards.nominations.urls")),
    path("", include("awards.importing.urls")),
    path("postings/", include("awards.posting.urls")),
    path("council/", include("awards.council.urls")),
    path("", include("awards.decisions.urls")),
    path("documents/", include("awards.documents.urls")),
    path("", include("awards.certificates.urls")),
]
