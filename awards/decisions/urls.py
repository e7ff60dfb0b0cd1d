"""Award decisions: drafted from a council session, edited, signed."""

from django.urls import path

from awards.decisions import views

app_name = "decisions"

urlpatterns = [
    path("decisions/", views.DecisionListView.as_view(), name="list"),
    path("council/sessions/<int:pk>/decision/", views.DecisionDraftView.as_view(), name="draft"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="detail"),
    path("decisions/<int:pk>/edit/", views.DecisionUpdateView.as_view(), name="update"),
    path("decisions/<int:pk>/sign/", views.DecisionSignView.as_view(), name="sign"),
]
