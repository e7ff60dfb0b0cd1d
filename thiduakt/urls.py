from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from awards.certificates.public_views import VerifyView
from awards.posting.public_views import PublicNoticeView
from thiduakt.login_throttle import LoginForm
from thiduakt.views import accounts, dashboard, imports, people, units

# Apart from the login page, every page reachable without logging in is in this one list,
# for a security review to read: the public verification of a certificate (the QR's
# target) and the public posting of nominations for opinions.
public_patterns = [
    path("v/", VerifyView.as_view(), name="verify_form"),
    path("v/<str:code>/", VerifyView.as_view(), name="verify"),
    path("public/<uuid:token>/", PublicNoticeView.as_view(), name="notice"),
]

urlpatterns = [
    path("", include((public_patterns, "public"))),
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("units/", units.UnitListView.as_view(), name="unit_list"),
    path("units/new/", units.UnitCreateView.as_view(), name="unit_create"),
    path("units/<int:pk>/", units.UnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/edit/", units.UnitUpdateView.as_view(), name="unit_update"),
    path("units/<int:pk>/successors/", units.SuccessionAddView.as_view(), name="unit_succession_add"),
    path(
        "units/<int:pk>/successors/<int:succession>/remove/",
        units.SuccessionRemoveView.as_view(),
        name="unit_succession_remove",
    ),
    path("units/successions/import/", imports.SuccessionImportView.as_view(), name="succession_import"),
    path(
        "units/successions/import/template.xlsx",
        imports.SuccessionImportTemplateView.as_view(),
        name="succession_import_template",
    ),
    path(
        "units/successions/import/<uuid:pk>/",
        imports.SuccessionImportReviewView.as_view(),
        name="succession_import_review",
    ),
    path(
        "units/successions/import/<uuid:pk>/confirm/",
        imports.SuccessionImportConfirmView.as_view(),
        name="succession_import_confirm",
    ),
    path("people/", people.PersonListView.as_view(), name="person_list"),
    path("people/new/", people.PersonCreateView.as_view(), name="person_create"),
    path("people/<int:pk>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", people.PersonUpdateView.as_view(), name="person_update"),
    path("people/import/", imports.PeopleImportView.as_view(), name="people_import"),
    path("people/import/template.xlsx", imports.PeopleImportTemplateView.as_view(), name="people_import_template"),
    path("people/import/<uuid:pk>/", imports.PeopleImportReviewView.as_view(), name="people_import_review"),
    path("people/import/<uuid:pk>/confirm/", imports.PeopleImportConfirmView.as_view(), name="people_import_confirm"),
    path("imports/<uuid:pk>/progress/", imports.ImportProgressView.as_view(), name="import_progress"),
    path("", include("campaigns.urls")),
    path("", include("awards.urls")),
    path("admin/", admin.site.urls),
]
