"""Settings for the archive, driven by environment variables (see README)."""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Local use is the default; production sets DEBUG=0 and the variables below.
DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-not-for-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Public address of the site, used in feeds, sitemaps and canonical links
# when a page is rendered outside a request (e.g. from a management command).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Евразийский аналитический архив")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "taggit",
    "config.apps.LoginLockoutsConfig",  # django-axes, named in Russian
    "reversion",
    "django_prose_editor",
    "django_tasks",
    "config.apps.BackgroundTasksConfig",  # django-tasks-db, named in Russian
    "editorial",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.routers.PublicReadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages, feeds and sitemaps as whole responses; 503 when the database is down (archive/cache.py).
    "archive.cache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the site has one language, and it would only add «Vary: Accept-Language»,
    # splitting every shared cache by the reader's browser language.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "editorial.revisions.RevisionAuthorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "archive.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# PostgreSQL in production and CI (DATABASE_URL=postgres://...);
# an SQLite file in the project when nothing is set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails fast: the public cache then serves its last good copy.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    # Many short requests, not a few big reports: no parallel plans by default. At a million
    # articles a parallel walk of the date index for one page of a filtered list took 2–4 s,
    # the same walk in one process 0.2 s (benchmarks/scale.py). Commands may raise it.
    workers = os.environ.get("DATABASE_PARALLEL_WORKERS", "0")
    DATABASES["default"]["OPTIONS"].setdefault("options", f"-c max_parallel_workers_per_gather={int(workers)}")
# Readers' pages read from a replica when one is set (config/routers.py). The alias always
# exists (a mirror of ``default`` in tests) but is used only when the variable is set.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASES["replica"] = {
    **(
        dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
        if DATABASE_REPLICA_URL
        else DATABASES["default"]
    ),
    "TEST": {"MIRROR": "default"},
}
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when CACHE_URL=redis://..., process memory otherwise.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "archive",
        }
    }
else:
    # Each process keeps its own copies; they are what readers get while the database is down, so keep
    # more than Django's default 300 (a page's copy is some 50 KB).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "2000"))},
        }
    }
# With local memory, the processes of the site on one machine learn of a change through this file
# (archive/generation.py); by default one per database in the system's temporary folder, so that two
# sites on one machine never share it. "" turns it off (changes then reach other processes within a minute).
_DATABASE = DATABASES["default"]
_SITE = "|".join(str(_DATABASE.get(part) or "") for part in ("ENGINE", "HOST", "PORT", "NAME"))
PAGE_CACHE_STAMP = os.environ.get(
    "PAGE_CACHE_STAMP",
    os.path.join(tempfile.gettempdir(), f"archive-generation-{hashlib.sha256(_SITE.encode()).hexdigest()[:16]}"),
)

# Background jobs (django-tasks: imports, WebSub pings): kept in the database and run by
# `manage.py db_worker` (`make run` starts one). TASKS_BACKEND=immediate runs them at once in
# the process that enqueues them (tests, scripts); any other value is a backend's dotted path.
_TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if _TASKS_BACKEND == "immediate"
        else _TASKS_BACKEND
    }
}

# WebSub hubs told about every feed change (comma-separated URLs), e.g. https://pubsubhubbub.appspot.com/
WEBSUB_HUBS = env_list("WEBSUB_HUBS", [])
# Seconds to wait before each new attempt at a ping a hub refused or did not answer.
WEBSUB_RETRY_DELAYS = [30, 300, 1800]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
# Moscow time is the reference clock of the Russian-language political press
# the archive serves and of most partner sites; date archives and "scheduled
# for" times are read in it. Stored values are always UTC (USE_TZ).
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads are streamed to temporary files on disk, each refused as soon as it passes
# its cap (editorial/uploads.py); kept files wait in IMPORT_DIR (not public, unlike
# MEDIA_ROOT) until their import job has read them.
DATA_UPLOAD_MAX_NUMBER_FILES = 500
FILE_UPLOAD_HANDLERS = ["editorial.uploads.CappedUploadHandler"]
IMPORT_DIR = Path(os.environ.get("IMPORT_DIR", BASE_DIR / "var" / "imports"))
IMPORT_UPLOAD_MAX_BYTES = int(os.environ.get("IMPORT_UPLOAD_MAX_BYTES", str(200 * 1024 * 1024)))  # one upload
# Batches of more documents than this run as a background job (admin and command alike).
IMPORT_BACKGROUND_THRESHOLD = int(os.environ.get("IMPORT_BACKGROUND_THRESHOLD", "300"))

# Security: on by default in production, each overridable.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts and styles only from our own files, no
# inline script anywhere (neither the public site nor the admin needs one); a template
# that ever must inline a script uses the request's nonce (``{{ request.csp_nonce }}``).
# JSON-LD and the admin's JSON data blocks are not scripts the browser runs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Pages of refused requests in Russian: templates/400.html, 403.html, 403_csrf.html.
CSRF_FAILURE_VIEW = "config.security.csrf_failure"

# Admin login throttling (django-axes): 5 wrong passwords for one user name from one
# address lock that pair out for 15 minutes (templates/axes_lockout.html says so).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "config.security.login_lockout"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip"
AXES_VERBOSE = False
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# How long a signed preview link for an outside reviewer works (editorial/preview.py).
PREVIEW_LINK_SECONDS = int(os.environ.get("PREVIEW_LINK_SECONDS", str(3 * 24 * 3600)))

TAGGIT_CASE_INSENSITIVE = True
FORMS_URLFIELD_ASSUME_HTTPS = True
