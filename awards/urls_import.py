from django.urls import path

from awards.views import imports

urlpatterns = [
    path("submissions/<int:pk>/import/", imports.SubmissionImportView.as_view(), name="submission_import"),
    path(
        "submissions/<int:pk>/import/template.xlsx",
        imports.SubmissionImportTemplateView.as_view(),
        name="submission_import_template",
    ),
    path(
        "submissions/<int:pk>/import/<uuid:batch>/",
        imports.SubmissionImportReviewView.as_view(),
        name="submission_import_review",
    ),
    path(
        "submissions/<int:pk>/import/<uuid:batch>/confirm/",
        imports.SubmissionImportConfirmView.as_view(),
        name="submission_import_confirm",
    ),
    path("history/import/", imports.HistoryImportView.as_view(), name="history_import"),
    path("history/import/template.xlsx", imports.HistoryImportTemplateView.as_view(), name="history_import_template"),
    path("history/import/<uuid:pk>/", imports.HistoryImportReviewView.as_view(), name="history_import_review"),
    path(
        "history/import/<uuid:pk>/confirm/", imports.HistoryImportConfirmView.as_view(), name="history_import_confirm"
    ),
]
