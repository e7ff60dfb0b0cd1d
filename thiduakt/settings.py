"""One settings module, configured from the environment.

With nothing set it runs on embedded defaults (SQLite and a filesystem Celery broker under
DATA_DIR) so `make run` works on a bare machine; DATABASE_URL and CELERY_BROKER_URL switch
to PostgreSQL and Redis. Importing the settings creates a folder only for an embedded default
in use (the SQLite file's, the filesystem broker's, the default STATIC_ROOT): a configured
path is the operator's to provide.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DATA_DIR = Path(env("DATA_DIR", default=str(BASE_DIR / "data")))


def _configured(name):
    """Whether the environment (or .env) sets `name`, so its embedded default is not used."""
    return name in env.ENVIRON


def _embedded_folder(path):
    """A folder an embedded default needs: made here, so `make run` works on a bare machine."""
    path.mkdir(parents=True, exist_ok=True)
    return path


DEBUG = env.bool("DEBUG", default=True)
_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
SECRET_KEY = env("SECRET_KEY", default=_DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY when DEBUG=0.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "thiduakt.apps.AdminConfig",  # django.contrib.admin, on the administrator-only site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "thiduakt",
    "campaigns",
    "awards",
    "exemplars",
    "demo",  # after the apps it builds: the demo data and `load_demo`
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "thiduakt.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thiduakt.session_idle.SessionIdleTimeoutMiddleware",
    "thiduakt.password_change_required.PasswordChangeRequiredMiddleware",
    "thiduakt.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "thiduakt.urls"
WSGI_APPLICATION = "thiduakt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thiduakt.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'thiduakt.sqlite3'}")}
if not _configured("DATABASE_URL"):
    _embedded_folder(DATA_DIR)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A connection kept for a minute, checked before reuse: a restarted database costs the requests
# made while it is down (a 503 page), not a restart of the app.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker process read while the web process writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
    # A file, not shared-cache memory: concurrent-writer tests need SQLite's real locking.
    # One file per test process, so two test runs on one machine do not collide.
    # Beside the database file (DATA_DIR for the embedded one).
    _sqlite_name = DATABASES["default"]["NAME"]
    _sqlite_dir = Path(_sqlite_name).parent if _sqlite_name not in ("", ":memory:") else _embedded_folder(DATA_DIR)
    DATABASES["default"]["TEST"] = {"NAME": str(_sqlite_dir / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "thiduakt.User"
AUTHENTICATION_BACKENDS = [
    "thiduakt.login_throttle.LoginThrottleBackend",  # first: refuses before any password is checked
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "thiduakt.passwords.VietnameseCommonPasswordValidator"},
    {"NAME": "thiduakt.passwords.ApplicationNameValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins within the window that throttle an account, and a client address (a whole
# office may share one address, hence the higher limit).
THIDUAKT_LOGIN_FAILURES_PER_ACCOUNT = env.int("THIDUAKT_LOGIN_FAILURES_PER_ACCOUNT", default=5)
THIDUAKT_LOGIN_FAILURES_PER_ADDRESS = env.int("THIDUAKT_LOGIN_FAILURES_PER_ADDRESS", default=20)
THIDUAKT_LOGIN_WINDOW_MINUTES = env.int("THIDUAKT_LOGIN_WINDOW_MINUTES", default=15)
# The client address comes from this header when the app runs behind this many trusted reverse
# proxies (each appends the address it saw); with 0 the header is ignored and REMOTE_ADDR used.
THIDUAKT_TRUSTED_PROXY_COUNT = env.int("THIDUAKT_TRUSTED_PROXY_COUNT", default=0)
THIDUAKT_CLIENT_IP_HEADER = env("THIDUAKT_CLIENT_IP_HEADER", default="X-Forwarded-For")
# A session ends after this many idle hours (SessionIdleTimeoutMiddleware slides the expiry
# along with the user's requests) and when the browser closes.
SESSION_COOKIE_AGE = int(env.float("THIDUAKT_SESSION_IDLE_HOURS", default=10) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Demo mode keeps the demo accounts' shared password usable; outside it `load_demo` makes
# every demo account change its password at its first login.
THIDUAKT_DEMO_MODE = env.bool("THIDUAKT_DEMO_MODE", default=DEBUG)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese is the only UI language: listing English too would serve English to
# browsers that ask for it.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["thiduakt.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(DATA_DIR / "staticfiles")))
if not _configured("STATIC_ROOT"):
    _embedded_folder(STATIC_ROOT)  # WhiteNoise warns at startup about a missing STATIC_ROOT
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
# Uploaded files live outside static and outside the code tree.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Celery -----------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
_broker_dir = DATA_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        _embedded_folder(_broker_dir / sub)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        # Broadcast (worker control) messages; kombu's default is ./control in the cwd.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    _default_backend = f"file://{_broker_dir / 'results'}"
else:
    _default_backend = CELERY_BROKER_URL
    # Publishing happens in requests (thiduakt.outbox): a broker that is down must refuse quickly.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=_default_backend)
if CELERY_RESULT_BACKEND.startswith("file://") and not _configured("CELERY_RESULT_BACKEND"):
    _embedded_folder(_broker_dir / "results")
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery beat (`make run` and docker-compose run it) drains the outbox of messages the broker refused.
THIDUAKT_OUTBOX_DRAIN_SECONDS = env.int("THIDUAKT_OUTBOX_DRAIN_SECONDS", default=30)
CELERY_BEAT_SCHEDULE = {
    "drain-outbox": {
        "task": "thiduakt.drain_outbox",
        "schedule": THIDUAKT_OUTBOX_DRAIN_SECONDS,
        "options": {"expires": THIDUAKT_OUTBOX_DRAIN_SECONDS},
    },
}
# Its folder is made when beat starts (thiduakt.celery.PersistentScheduler), not by every
# process importing the settings.
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULER = "thiduakt.celery:PersistentScheduler"

# --- Certificates ----------------------------------------------------------------------
# The address printed in each certificate's QR code: the public verification page lives there.
THIDUAKT_PUBLIC_URL = env("THIDUAKT_PUBLIC_URL", default="http://127.0.0.1:8000")
# A print batch is cut into chunks of this many certificates, rendered in parallel by the workers.
THIDUAKT_PRINT_CHUNK_SIZE = env.int("THIDUAKT_PRINT_CHUNK_SIZE", default=50)
# A chunk (or the merge) claimed this long ago and not finished is taken to be lost with its worker.
THIDUAKT_PRINT_LEASE_SECONDS = env.int("THIDUAKT_PRINT_LEASE_SECONDS", default=300)
THIDUAKT_PRINT_MAX_ATTEMPTS = env.int("THIDUAKT_PRINT_MAX_ATTEMPTS", default=3)
# A queue of their own for the PDF tasks (documents and certificates), e.g. for a dedicated worker.
THIDUAKT_PDF_QUEUE = env("THIDUAKT_PDF_QUEUE", default=None)

# --- Public posting: opinions from the public ----------------------------------------------
# Per sender (their address, kept as a keyed hash) an hour, and per notice in 24 hours.
THIDUAKT_FEEDBACK_PER_HOUR = env.int("THIDUAKT_FEEDBACK_PER_HOUR", default=5)
THIDUAKT_FEEDBACK_PER_NOTICE_PER_DAY = env.int("THIDUAKT_FEEDBACK_PER_NOTICE_PER_DAY", default=500)


# --- Excel imports (thiduakt/importing/limits.py) --------------------------------------
# What an uploaded workbook may be: checked on its zip directory before it is opened, and on
# its rows (empty ones included) while they are read.
THIDUAKT_IMPORT_LIMITS = {
    "file_bytes": 5 * 1024 * 1024,
    "unpacked_bytes": 50 * 1024 * 1024,
    "part_bytes": 30 * 1024 * 1024,
    "compression_ratio": 100,
    "zip_entries": 500,
    "rows": 5000,
    "sheet_rows": 10000,
    "columns": 64,
    "line_chars": 4000,  # of a line of a CSV table
}
# A file larger than this (about 3,000 rows of a nomination list) is checked, then imported, by
# the worker; the page shows the progress.
THIDUAKT_IMPORT_BACKGROUND_BYTES = env.int("THIDUAKT_IMPORT_BACKGROUND_BYTES", default=128 * 1024)
THIDUAKT_IMPORT_QUEUE = env("THIDUAKT_IMPORT_QUEUE", default=None)  # a queue of their own, if wanted

# --- Email (console unless configured) --------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="thiduakt <no-reply@localhost>")
# Mail is sent by the worker (thiduakt.outbox), on this queue when set.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
THIDUAKT_MAIL_QUEUE = env("THIDUAKT_MAIL_QUEUE", default=None)

# --- Security: strict unless DEBUG -----------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    # Both bind other hosts of the domain (preload: for years, in the browsers' own lists): opt-in.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    # check --deploy would ask for both: leaving them off is the decision above, not an oversight.
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
    if env.bool("BEHIND_TLS_PROXY", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Tests set this so that a missing service or browser fails rather than skips.
REQUIRE_SERVICES = env.bool("THIDUAKT_REQUIRE_SERVICES", default=False)
