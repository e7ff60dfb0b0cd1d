"""Failed logins are throttled per account and per client address (issue 17, item 5)."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory
from thiduakt.client_ip import client_ip
from thiduakt.enums import Role
from thiduakt.models import AuditLog, LoginFailure

PASSWORD = "Thiduakt@2026"
WAIT = "Đăng nhập sai quá nhiều lần"


def _login(client, username, password, url=None, **headers):
    return client.post(url or reverse("login"), {"username": username, "password": password}, **headers)


def _logged_in(client):
    return "_auth_user_id" in client.session


def _flood(client, username, times=30, **headers):
    for _ in range(times):
        _login(client, username, "sai-mat-khau", **headers)


@pytest.fixture
def users(db):
    return UserFactory(username="nguyen.an"), UserFactory(username="tran.binh")


def test_after_a_flood_the_right_password_is_refused_with_the_wait(client, users):
    an, _ = users
    _flood(client, "nguyen.an")
    response = _login(client, "nguyen.an", PASSWORD)
    assert not _logged_in(client)
    page = response.content.decode()
    assert "Đăng nhập sai quá nhiều lần. Vui lòng chờ 15 phút rồi thử lại." in page
    entry = AuditLog.objects.get(action="login.throttle", data__scope="account")
    assert entry.data["username"] == "nguyen.an"
    assert entry.data["client_ip"] == "127.0.0.1"
    assert entry.unit == an.unit  # the account's unit administrator sees it


def test_the_account_is_throttled_from_another_address_too(client, users):
    _flood(client, "nguyen.an", times=5, REMOTE_ADDR="198.51.100.1")
    _login(client, "nguyen.an", PASSWORD, REMOTE_ADDR="198.51.100.2")
    assert not _logged_in(client)


def test_another_account_from_the_same_address_is_throttled(client, users):
    _flood(client, "nguyen.an")
    response = _login(client, "tran.binh", PASSWORD)
    assert not _logged_in(client)
    assert WAIT in response.content.decode()
    assert AuditLog.objects.filter(action="login.throttle", data__scope="address").count() == 1


def test_the_wait_ends_with_the_window(client, users):
    _flood(client, "nguyen.an")
    LoginFailure.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    _login(client, "nguyen.an", PASSWORD)
    assert _logged_in(client)


def test_a_few_typos_do_not_throttle_and_a_success_forgets_them(client, users):
    _flood(client, "nguyen.an", times=4)
    _login(client, "nguyen.an", PASSWORD)
    assert _logged_in(client)
    assert not LoginFailure.objects.filter(username="nguyen.an").exists()


def test_behind_the_trusted_proxy_each_client_address_counts_alone(client, users, settings):
    settings.THIDUAKT_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    _flood(client, "nguyen.an", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    # The attacker's own leftmost entry is not believed: the proxy appended the real address.
    _login(client, "tran.binh", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5, 203.0.113.5", **proxy)
    assert not _logged_in(client)
    _login(client, "tran.binh", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert _logged_in(client)
    assert set(LoginFailure.objects.values_list("client_ip", flat=True)) == {"203.0.113.5"}


def test_without_a_trusted_proxy_a_forged_header_is_ignored(client, users):
    for i in range(30):
        _login(client, "nguyen.an", "sai-mat-khau", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    _login(client, "tran.binh", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert not _logged_in(client)
    assert set(LoginFailure.objects.values_list("client_ip", flat=True)) == {"127.0.0.1"}


def test_the_admin_login_is_throttled(client, db):
    UserFactory(username="quan.tri", role=Role.ADMIN)
    url = reverse("admin:login")
    _flood(client, "quan.tri", url=url)
    response = _login(client, "quan.tri", PASSWORD, url=url)
    assert not _logged_in(client)
    assert WAIT in response.content.decode()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),
        (1, "198.51.100.7, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.7, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.1"),  # fewer hops than proxies: the proxy did not set it
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.THIDUAKT_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_client_ip_reads_the_configured_header(settings):
    settings.THIDUAKT_TRUSTED_PROXY_COUNT = 1
    settings.THIDUAKT_CLIENT_IP_HEADER = "X-Real-IP"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.5")
    assert client_ip(request) == "203.0.113.5"
