"""Council sessions, ballots and results; the secretariat's public postings."""

from django.urls import path

from awards.views import council

urlpatterns = [
    path("council/sessions/", council.SessionListView.as_view(), name="council_session_list"),
    path("council/sessions/new/", council.SessionCreateView.as_view(), name="council_session_create"),
    path("council/sessions/<int:pk>/", council.SessionDetailView.as_view(), name="council_session_detail"),
    path("council/sessions/<int:pk>/agenda/", council.AgendaAddView.as_view(), name="council_session_agenda"),
    path("council/sessions/<int:pk>/attendance/", council.AttendanceView.as_view(), name="council_session_attendance"),
    path("council/sessions/<int:pk>/open/", council.OpenVotingView.as_view(), name="council_session_open"),
    path("council/sessions/<int:pk>/ballot/", council.BallotView.as_view(), name="council_session_ballot"),
    path("council/sessions/<int:pk>/written/", council.WrittenOpinionView.as_view(), name="council_session_written"),
    path("council/sessions/<int:pk>/close/", council.CloseVotingView.as_view(), name="council_session_close"),
    path("council/sessions/<int:pk>/results/", council.ResultsView.as_view(), name="council_session_results"),
    path("postings/", council.NoticeListView.as_view(), name="notice_list"),
    path("postings/new/", council.NoticeCreateView.as_view(), name="notice_create"),
    path("postings/<int:pk>/", council.NoticeDetailView.as_view(), name="notice_detail"),
]
