"""Password rules, the first-login password change and the session lifetime (issue 17, item 8)."""

import datetime
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import UserFactory

TOO_SHORT = "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 10 ký tự."
COMMON_VI = "Mật khẩu này có rất nhiều người dùng."
APP_NAME = "Mật khẩu không được chứa tên của ứng dụng."


def _refusals(password):
    with translation.override("vi"):
        try:
            validate_password(password)
        except ValidationError as error:
            return error.messages
    return []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Cây-bàng-9", None),  # ten characters are enough
        ("Cây-bàng9", TOO_SHORT),
        ("Anh Yêu Em!", COMMON_VI),
        ("MATKHAU123", COMMON_VI),
        ("Hà Nội 123", COMMON_VI),
        ("I love you 123", COMMON_VI),
        ("Thiduakt@2026", APP_NAME),
        ("Thi đua KT - mùa thu", APP_NAME),
    ],
)
def test_password_rules(password, message):
    refusals = _refusals(password)
    if message is None:
        assert refusals == []
    else:
        assert message in refusals


def test_a_good_long_password_passes():
    assert _refusals("Cây bàng đỏ lá mùa đông") == []


def test_the_rules_explain_themselves_in_vietnamese():
    with translation.override("vi"):
        texts = password_validators_help_texts()
    assert "Mật khẩu của bạn phải chứa ít nhất 10 ký tự." in texts
    assert "Mật khẩu không được là mật khẩu tiếng Việt thông dụng." in texts
    assert APP_NAME in texts


@pytest.fixture
def flagged(db):
    return UserFactory(username="demo.canbo", must_change_password=True)


def test_a_flagged_account_is_sent_to_change_its_password(client, flagged):
    client.force_login(flagged)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url == reverse("password_change")
    htmx = client.get(reverse("person_list"), HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == reverse("password_change")
    assert client.get(reverse("password_change")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_after_the_change_the_account_works_as_usual(client, flagged):
    client.force_login(flagged)
    new = "Cây bàng đỏ lá mùa đông"
    response = client.post(
        reverse("password_change"),
        {"old_password": "Thiduakt@2026", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert not flagged.must_change_password and flagged.check_password(new)
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_demo_password_is_refused_as_the_new_password(client, flagged):
    client.force_login(flagged)
    page = client.post(
        reverse("password_change"),
        {"old_password": "Thiduakt@2026", "new_password1": "Thiduakt@2027", "new_password2": "Thiduakt@2027"},
    ).content.decode()
    assert APP_NAME in page
    flagged.refresh_from_db()
    assert flagged.must_change_password


def test_sessions_end_when_the_browser_closes_and_after_the_idle_time():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 10 * 3600


def test_activity_slides_the_expiry_and_idleness_ends_the_session(client, db):
    client.force_login(UserFactory())
    session = client.session
    session["seen"] = int(time.time()) - 61  # the last request was over a minute ago
    session.save()
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == ""  # a browser-session cookie
    expires = Session.objects.get().expire_date
    assert expires > timezone.now() + datetime.timedelta(hours=9, minutes=59)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(reverse("dashboard")).url.startswith(reverse("login"))


def test_requests_within_a_minute_do_not_write_the_session(client, db):
    client.force_login(UserFactory())
    client.get(reverse("dashboard"))
    assert "sessionid" not in client.get(reverse("dashboard")).cookies


def _production_settings(*names, **environment):
    code = "import django; django.setup(); from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "test-only", "DJANGO_SETTINGS_MODULE": "thiduakt.settings"}
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_production_hsts_preload_and_subdomains_are_opt_in():
    names = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "THIDUAKT_DEMO_MODE")
    assert _production_settings(*names) == ["31536000", "False", "False", "False"]
    opted_in = _production_settings(*names, SECURE_HSTS_PRELOAD="1", SECURE_HSTS_INCLUDE_SUBDOMAINS="1")
    assert opted_in == ["31536000", "True", "True", "False"]
