from django.urls import path

from awards.views import decisions

urlpatterns = [
    path("decisions/", decisions.DecisionListView.as_view(), name="decision_list"),
    path("council/sessions/<int:pk>/decision/", decisions.DecisionDraftView.as_view(), name="decision_draft"),
    path("decisions/<int:pk>/", decisions.DecisionDetailView.as_view(), name="decision_detail"),
    path("decisions/<int:pk>/edit/", decisions.DecisionUpdateView.as_view(), name="decision_update"),
    path("decisions/<int:pk>/sign/", decisions.DecisionSignView.as_view(), name="decision_sign"),
]
