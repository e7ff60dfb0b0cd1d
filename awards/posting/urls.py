"""The secretariat's public postings (the public page itself is listed in thiduakt/urls.py)."""

from django.urls import path

from awards.posting import views

app_name = "posting"

urlpatterns = [
    path("", views.NoticeListView.as_view(), name="notice_list"),
    path("new/", views.NoticeCreateView.as_view(), name="notice_create"),
    path("<int:pk>/", views.NoticeDetailView.as_view(), name="notice_detail"),
]
