"""Fazhi settings: one module, driven by FAZHI_* environment variables."""

import os
import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", BASE_DIR.parent / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


# pytest-django imports these settings before any conftest.py runs: recognise the test run here.
if "pytest" in sys.modules:
    os.environ.setdefault("FAZHI_TESTING", "1")
DEBUG = env_bool("FAZHI_DEBUG")
SECRET_KEY = os.environ.get("FAZHI_SECRET_KEY", "")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("FAZHI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    # django-ninja as an app serves the API docs' Swagger UI from its own static files (no CDN,
    # which the CSP and an offline government network both refuse).
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "fazhi.core",
    "fazhi.notifications",
    "fazhi.exchange",
    "fazhi.plans",
    "fazhi.normdocs",
    "fazhi.enforcement",
    "fazhi.disputes",
    "fazhi.catalogs",
    "fazhi.decisions",
    "fazhi.portal",
]

MIDDLEWARE = [
    "fazhi.core.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fazhi.core.middleware.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fazhi.core.middleware.AccountPolicyMiddleware",
    "fazhi.core.middleware.ApiNumberRangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fazhi.core.middleware.SecurityHeadersMiddleware",
    "fazhi.core.errorpages.ApplicationErrorMiddleware",
    "axes.middleware.AxesMiddleware",
    "fazhi.core.memo.MemoMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
FORM_RENDERER = "fazhi.core.forms.BootstrapRenderer"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.core.context_processors.navigation",
                "fazhi.core.context_processors.public_navigation",
                "fazhi.portal.context_processors.installation",
            ],
        },
    }
]

_default_db = f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("FAZHI_DATABASE_URL", _default_db), conn_max_age=60
    )
}
# Tests: FAZHI_TEST_DATABASE_URL switches the suite to PostgreSQL.
if os.environ.get("FAZHI_TEST_DATABASE_URL") and os.environ.get("FAZHI_TESTING"):
    DATABASES["default"] = dj_database_url.parse(os.environ["FAZHI_TEST_DATABASE_URL"])
    if os.environ.get("FAZHI_TEST_DB_NAME"):
        DATABASES["default"]["TEST"] = {"NAME": os.environ["FAZHI_TEST_DB_NAME"]}
# Production: HTTPS or PostgreSQL. It never runs with a key anyone can read in the source: the
# embedded default generates its own once (var/secret.key, owner-only), production must set one.
FAZHI_PRODUCTION = env_bool("FAZHI_HTTPS") or "postgresql" in DATABASES["default"]["ENGINE"]
if not SECRET_KEY and os.environ.get("FAZHI_TESTING"):
    SECRET_KEY = "tests-only-" + "k" * 50  # noqa: S105 - a test run, possibly on PostgreSQL
if not SECRET_KEY:
    if FAZHI_PRODUCTION or os.environ.get("FAZHI_REQUIRE_SECRET_KEY"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "FAZHI_SECRET_KEY must be set (a long random string) when FAZHI_HTTPS is set or "
            "the database is PostgreSQL; see README, section Production"
        )
    from fazhi.core.secrets import embedded_secret_key

    SECRET_KEY = embedded_secret_key(VAR_DIR / "secret.key")
# Audit checkpoints: signed with a key kept outside the database (fazhi.core.checkpoints).
FAZHI_AUDIT_KEY = os.environ.get("FAZHI_AUDIT_KEY", "")
FAZHI_AUDIT_KEY_FILE = Path(os.environ.get("FAZHI_AUDIT_KEY_FILE", VAR_DIR / "audit.key"))
FAZHI_AUDIT_CHECKPOINTS = Path(
    os.environ.get("FAZHI_AUDIT_CHECKPOINTS", VAR_DIR / "audit-checkpoints.jsonl")
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "fazhi.core.backends.PasswordBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if os.environ.get("FAZHI_TESTING"):
    # Test passwords protect nothing; Argon2 would make every created user cost ~50 ms.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.core.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
# 等保 level 3: passwords expire (0 turns it off); an idle session ends besides the absolute age.
FAZHI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("FAZHI_PASSWORD_MAX_AGE_DAYS", "90"))
FAZHI_IDLE_TIMEOUT_MINUTES = int(os.environ.get("FAZHI_IDLE_TIMEOUT_MINUTES", "30"))
OTP_TOTP_ISSUER = "Fazhi"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes): 5 failures lock the username+IP pair for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("FAZHI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The client address, for the lockout and every rate limit: X-Forwarded-For is believed only when
# the request comes from one of these proxies (addresses or networks, comma-separated).
# API pagination: an offset beyond this is a 422, not a database overflow.
NINJA_PAGINATION_MAX_OFFSET = 10_000_000
FAZHI_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("FAZHI_TRUSTED_PROXIES", "").split(",") if p.strip()
]
AXES_CLIENT_IP_CALLABLE = "fazhi.core.clientip.client_ip"

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("FAZHI_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
# Source strings are Chinese; each app keeps an English catalogue in its own locale/ folder
# (docs/adr/0004-interface-language.md). English is chosen on the page, never from the browser.
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("FAZHI_MEDIA_ROOT", VAR_DIR / "media"))
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FAZHI_MAX_UPLOAD_BYTES = int(os.environ.get("FAZHI_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
# Zip-based uploads (docx, xlsx, ofd): refused before parsing beyond these (fazhi.core.uploads).
FAZHI_UPLOAD_MAX_ENTRIES = int(os.environ.get("FAZHI_UPLOAD_MAX_ENTRIES", "1000"))
FAZHI_UPLOAD_MAX_UNZIPPED_BYTES = int(
    os.environ.get("FAZHI_UPLOAD_MAX_UNZIPPED_BYTES", str(100 * 1024 * 1024))
)
FAZHI_UPLOAD_MAX_RATIO = int(os.environ.get("FAZHI_UPLOAD_MAX_RATIO", "100"))

REDIS_URL = os.environ.get("FAZHI_REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Without a broker (the embedded default) background work (notifications, a large import) runs in
# a thread of the web process after the request (core.background), so a slow mail server or a
# 20,000-row workbook never holds the page. `fazhi serve` turns it on for its web processes;
# a command (`fazhi demo`, a cron job) and the tests run the work inline, before they exit.
FAZHI_BACKGROUND_IN_THREAD = (
    not REDIS_URL and env_bool("FAZHI_BACKGROUND_IN_THREAD") and not os.environ.get("FAZHI_TESTING")
)
CELERY_TIMEZONE = TIME_ZONE


def _job(task: str, schedule, expires: int = 6 * 60 * 60) -> dict:
    """A beat entry; `expires` drops a run the worker could not start in time (no pile-up)."""
    return {"task": task, "schedule": schedule, "options": {"expires": expires}}


CELERY_BEAT_SCHEDULE = {
    # Every 10 minutes: notifications whose channel failed are sent again.
    "notifications-retry": _job("notifications.retry", crontab(minute="*/10"), expires=9 * 60),
    # Daily at 06:30: deemed acceptances and abandoned applications (disputes).
    "disputes-apply-deadlines": _job("disputes.apply_deadlines", crontab(hour=6, minute=30)),
    # Daily at 07:30 the alerts before statutory deadlines end, at 08:00 the digests.
    "notifications-deadline-alerts": _job(
        "notifications.deadline_alerts", crontab(hour=7, minute=30)
    ),
    "notifications-digest": _job("notifications.digest", crontab(hour=8, minute=0)),
    # Daily at 23:50: the signed audit checkpoint (the portal publishes it as the day's digest).
    "core-audit-checkpoint": _job("core.audit_checkpoint", crontab(hour=23, minute=50)),
    # Daily at 02:30 (after the backup): personal data past its retention period (core.retention).
    "core-retention": _job("core.retention_run", crontab(hour=2, minute=30)),
}


# Rate limits and the lockout live in the cache, so it must be shared by every worker: Redis in
# production, a database table on the embedded default (created by `fazhi createcachetable`, which
# `make demo` and `fazhi serve` run). Only tests keep it in the process.
if REDIS_URL:
    _cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
elif os.environ.get("FAZHI_TESTING"):
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
else:
    _cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "fazhi_cache",
    }
CACHES = {"default": _cache}
# Production (deploy/): sessions live in Redis beside the cache, so any gunicorn process serves
# any signed-in user and a restart of one process signs nobody out.
if REDIS_URL and not os.environ.get("FAZHI_TESTING"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# Prometheus metrics (django-prometheus) when FAZHI_METRICS=1: the middleware counts requests
# and latencies per view; every gunicorn worker writes to PROMETHEUS_MULTIPROC_DIR and
# deploy/metrics.py serves the sum on a loopback port that nginx shows only to the monitor.
if env_bool("FAZHI_METRICS"):
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE.insert(0, "django_prometheus.middleware.PrometheusBeforeMiddleware")
    MIDDLEWARE.append("django_prometheus.middleware.PrometheusAfterMiddleware")

# Uploads: a path shared by every process (FAZHI_MEDIA_ROOT, e.g. an NFS mount) by default, or
# an S3-compatible bucket through django-storages (pip install 'fazhi[s3]') where a province
# provides one.


def s3_storages(env) -> dict:
    """STORAGES for an S3-compatible bucket named by the FAZHI_S3_* variables of `env`."""
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env["FAZHI_S3_BUCKET"],
                "endpoint_url": env.get("FAZHI_S3_ENDPOINT") or None,
                "access_key": env.get("FAZHI_S3_ACCESS_KEY", ""),
                "secret_key": env.get("FAZHI_S3_SECRET_KEY", ""),
                "region_name": env.get("FAZHI_S3_REGION") or None,
                "default_acl": "private",
                "querystring_auth": True,
                # Without it boto signs links the old way (SigV2), which S3-compatible stores refuse.
                "signature_version": "s3v4",
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


if os.environ.get("FAZHI_S3_BUCKET"):
    STORAGES = s3_storages(os.environ)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Every line carries the request's id; FAZHI_LOG_FORMAT=json gives one JSON object a line
# (production: set FAZHI_LOG_LEVEL=INFO to log each request with its status and duration).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "fazhi.core.requestlog.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if os.environ.get("FAZHI_LOG_FORMAT") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
}

# Notifications: the inbox always; email by SMTP when FAZHI_SMTP_HOST is set (the console
# otherwise); links in mails and bot messages start with FAZHI_BASE_URL.
FAZHI_BASE_URL = os.environ.get("FAZHI_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("FAZHI_MAIL_FROM", "fazhi@localhost")
if os.environ.get("FAZHI_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["FAZHI_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("FAZHI_SMTP_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("FAZHI_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("FAZHI_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("FAZHI_SMTP_TLS")
elif not os.environ.get("FAZHI_TESTING"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = 10

# The region the platform serves (its GB/T 2260 code and name, shown in the portal's and the
# sign-in page's titles); the demo is Tianzhen County.
FAZHI_REGION_CODE = os.environ.get("FAZHI_REGION_CODE", "140222")
FAZHI_REGION_NAME = os.environ.get("FAZHI_REGION_NAME", "天镇县")
FAZHI_REGION_NAME_EN = os.environ.get("FAZHI_REGION_NAME_EN", "Tianzhen County")
