"""Excel imports: a submission's nominations, and the award history."""

from django.urls import path

from awards.importing import views

app_name = "importing"

urlpatterns = [
    path("submissions/<int:pk>/import/", views.SubmissionImportView.as_view(), name="submission_import"),
    path(
        "submissions/<int:pk>/import/template.xlsx",
        views.SubmissionImportTemplateView.as_view(),
        name="submission_import_template",
    ),
    path(
        "submissions/<int:pk>/import/<uuid:batch>/",
        views.SubmissionImportReviewView.as_view(),
        name="submission_import_review",
    ),
    path(
        "submissions/<int:pk>/import/<uuid:batch>/confirm/",
        views.SubmissionImportConfirmView.as_view(),
        name="submission_import_confirm",
    ),
    path("history/import/", views.HistoryImportView.as_view(), name="history_import"),
    path("history/import/template.xlsx", views.HistoryImportTemplateView.as_view(), name="history_import_template"),
    path("history/import/<uuid:pk>/", views.HistoryImportReviewView.as_view(), name="history_import_review"),
    path("history/import/<uuid:pk>/confirm/", views.HistoryImportConfirmView.as_view(), name="history_import_confirm"),
]
