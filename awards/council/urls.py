"""Council sessions, ballots and results."""

from django.urls import path

from awards.council import views

app_name = "council"

urlpatterns = [
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/new/", views.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/agenda/", views.AgendaAddView.as_view(), name="session_agenda"),
    path("sessions/<int:pk>/attendance/", views.AttendanceView.as_view(), name="session_attendance"),
    path("sessions/<int:pk>/open/", views.OpenVotingView.as_view(), name="session_open"),
    path("sessions/<int:pk>/ballot/", views.BallotView.as_view(), name="session_ballot"),
    path("sessions/<int:pk>/written/", views.WrittenOpinionView.as_view(), name="session_written"),
    path("sessions/<int:pk>/close/", views.CloseVotingView.as_view(), name="session_close"),
    path("sessions/<int:pk>/results/", views.ResultsView.as_view(), name="session_results"),
]
