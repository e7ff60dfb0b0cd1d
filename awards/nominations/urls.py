"""Submissions (tờ trình) and their nominations, the attachments, the verification inbox."""

from django.urls import path

from awards.nominations.views import nominations, submissions

app_name = "nominations"

urlpatterns = [
    path("submissions/", submissions.SubmissionListView.as_view(), name="submission_list"),
    path("submissions/new/", submissions.SubmissionCreateView.as_view(), name="submission_create"),
    path("submissions/<int:pk>/", submissions.SubmissionDetailView.as_view(), name="submission_detail"),
    path("submissions/<int:pk>/edit/", submissions.SubmissionUpdateView.as_view(), name="submission_update"),
    path("submissions/<int:pk>/submit/", submissions.SubmitView.as_view(), name="submission_submit"),
    path("submissions/<int:pk>/evaluate/", submissions.EvaluateView.as_view(), name="submission_evaluate"),
    path("submissions/<int:pk>/readdress/", submissions.ReaddressView.as_view(), name="submission_readdress"),
    path("submissions/<int:pk>/decide/", submissions.BulkDecisionView.as_view(), name="submission_decide"),
    path("submissions/<int:pk>/nominations/new/", nominations.NominationFormView.as_view(), name="add"),
    path(
        "submissions/<int:pk>/nominations/<int:nomination>/edit/", nominations.NominationFormView.as_view(), name="edit"
    ),
    path("submissions/<int:pk>/people/", nominations.PersonSearchView.as_view(), name="people"),
    path("nominations/<int:pk>/", nominations.NominationDetailView.as_view(), name="detail"),
    path("nominations/<int:pk>/state/", nominations.NominationStateView.as_view(), name="state"),
    path("nominations/<int:pk>/remove/", nominations.NominationRemoveView.as_view(), name="remove"),
    path("nominations/<int:pk>/files/", nominations.AttachmentUploadView.as_view(), name="attach"),
    path("nominations/<int:pk>/checks/<int:rule>/", nominations.ManualCheckView.as_view(), name="manual_check"),
    path("attachments/<int:pk>/", nominations.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("inbox/", nominations.InboxView.as_view(), name="inbox"),
]
