"""Django settings for Weerbaar, configured entirely from the environment.

Secure by default: without ``WEERBAAR_DEBUG=1`` the settings refuse to start
unless ``WEERBAAR_SECRET_KEY``, ``WEERBAAR_KEY_ENCRYPTION_KEYS`` and ``WEERBAAR_AUDIT_KEY``
are given. In development the secret key, a key-encryption key and the audit key are generated once
into ``WEERBAAR_DATA_DIR`` (default ``./var``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from weerbaar.core.devkeys import (
    load_or_create_dev_audit_key,
    load_or_create_dev_keys,
    parse_audit_key,
    parse_key_encryption_keys,
)
from weerbaar.matching.keys import ENV as MATCHING_KEYS_ENV
from weerbaar.matching.keys import check_apart as check_matching_keys_apart
from weerbaar.matching.keys import load_or_create_dev_matching_keys, parse_matching_keys

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from exc


DEBUG = env_bool("WEERBAAR_DEBUG")
DATA_DIR = Path(os.environ.get("WEERBAAR_DATA_DIR") or "var").resolve()

# --- secrets -----------------------------------------------------------------
_secret = os.environ.get("WEERBAAR_SECRET_KEY", "")
_keks = os.environ.get("WEERBAAR_KEY_ENCRYPTION_KEYS", "")
if DEBUG and (not _secret or not _keks):
    _dev = load_or_create_dev_keys(DATA_DIR)
    _secret = _secret or _dev.secret_key
    _keks = _keks or _dev.key_encryption_keys
if not _secret:
    raise ImproperlyConfigured("WEERBAAR_SECRET_KEY is required when WEERBAAR_DEBUG is off.")
if not _keks:
    raise ImproperlyConfigured("WEERBAAR_KEY_ENCRYPTION_KEYS is required when WEERBAAR_DEBUG is off.")
SECRET_KEY = _secret
# Ordered mapping key id -> 32-byte key; the first one wraps new case keys.
KEY_ENCRYPTION_KEYS = parse_key_encryption_keys(_keks)
# The audit log's MAC key (docs/security.md, "The audit log"): kept apart from the database and the KEKs.
_audit_key = os.environ.get("WEERBAAR_AUDIT_KEY", "")
if DEBUG and not _audit_key:
    _audit_key = load_or_create_dev_audit_key(DATA_DIR)
if not _audit_key:
    raise ImproperlyConfigured("WEERBAAR_AUDIT_KEY is required when WEERBAAR_DEBUG is off.")
AUDIT_KEY = parse_audit_key(_audit_key)
# The matching key(s) of perpetrator identifiers (docs/matching.md): epoch -> key, newest first; apart from the
# database, the KEKs and the audit key. Without it matching cannot be switched on (``weerbaar matching enable``
# refuses; with matching on, the job, every entry and ``weerbaar check`` fail until it is set).
_matching_keys = os.environ.get(MATCHING_KEYS_ENV, "")
if DEBUG and not _matching_keys:
    _matching_keys = load_or_create_dev_matching_keys(DATA_DIR)
MATCHING_KEYS = parse_matching_keys(_matching_keys) if _matching_keys else {}
check_matching_keys_apart(MATCHING_KEYS, AUDIT_KEY, *KEY_ENCRYPTION_KEYS.values())
# Perpetrator identifiers one advisor may add in 24 hours, and how many in one hour alert the coordinators.
MATCHING_DAILY_QUOTA = env_int("WEERBAAR_MATCHING_DAILY_QUOTA", 30)
MATCHING_BULK_ALERT = env_int("WEERBAAR_MATCHING_BULK_ALERT", 10)
# Signed checkpoints of the chain's head: always appended to this file; also piped to the operator's command
# (e.g. `logger -t weerbaar-audit`, or an ssh to an append-only host) when one is set.
AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("WEERBAAR_AUDIT_CHECKPOINT_FILE") or DATA_DIR / "audit-checkpoints.jsonl"
).resolve()
AUDIT_CHECKPOINT_COMMAND = os.environ.get("WEERBAAR_AUDIT_CHECKPOINT_COMMAND", "").strip()

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("WEERBAAR_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "").split(",")
    if h.strip()
]
if DEBUG:
    ALLOWED_HOSTS += ["testserver", "[::1]"]

# --- applications -------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "weerbaar.core",
    "weerbaar.accounts",
    "weerbaar.directory",
    "weerbaar.cases",
    "weerbaar.todos",
    "weerbaar.intake",
    "weerbaar.guidance",
    "weerbaar.advice",
    "weerbaar.incidents",
    "weerbaar.notifications",
    "weerbaar.network",
    "weerbaar.aftercare",
    "weerbaar.council",
    "weerbaar.telephony",
    "weerbaar.rights",
    "weerbaar.concerns",  # the structured concern note of a case and its incident timeline
    "weerbaar.backups",
    "weerbaar.destruction",  # destroys cases by crypto-shredding (retention, erasure); uses the backups ledger
    "weerbaar.retention",  # retention policy, legal holds and destruction lists; destroys through destruction
    "weerbaar.stats",  # anonymised aggregates behind disclosure control (threshold, rounding, secondary suppression)
    "weerbaar.releases",  # the public yearly overview (/cijfers): releases approved by two people, then frozen
    "weerbaar.matching",  # perpetrator identifiers as keyed tokens, the nightly matching job, two-coordinator review
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "weerbaar.core.middleware.ApiVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Cache-Control: no-store on every answer that may carry case content or a code (API, signed-in pages).
    "weerbaar.web.http.NoStoreMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so its process_exception runs first: development shows Weerbaar's 404/500, not Django's debug pages.
    "weerbaar.core.middleware.DevErrorPagesMiddleware",
]

ROOT_URLCONF = "weerbaar.urls"
WSGI_APPLICATION = "weerbaar.wsgi.application"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "weerbaar.core.context_processors.weerbaar",
                "weerbaar.notifications.context_processors.notifications",
                "weerbaar.accounts.context_processors.jobs_overdue",
            ],
        },
    }
]

# --- database -----------------------------------------------------------------
# The data directory holds the SQLite file, development keys, evidence and e-mail files: the service user's
# alone (0700), and the SQLite file 0600 before SQLite creates it with the umask's 0644 (its -wal and -shm
# files copy the database file's mode).
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


def _restrict(path: Path, mode: int) -> None:
    """Take group and other access away from an older installation's file or directory (when it is ours)."""
    try:
        info = path.stat()
        if info.st_mode & 0o077 and info.st_uid == os.getuid():
            path.chmod(mode)
    except OSError:
        pass


def _restrict_file(name: str) -> None:
    if not name or name == ":memory:" or name.startswith("file:") or not Path(name).parent.is_dir():
        return
    try:
        os.close(os.open(name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        _restrict(Path(name), 0o600)


_restrict(DATA_DIR, 0o700)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'weerbaar.sqlite3'}",
        conn_max_age=env_int("WEERBAAR_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # Seconds a connection waits for another's write lock before "database is locked"; the worker's
        # jobs then retry on top of this (core.jobs.LOCKED_RETRY_DELAYS). WAL lets readers go on while one writes.
        "timeout": env_int("WEERBAAR_SQLITE_BUSY_TIMEOUT_SECONDS", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    _restrict_file(str(DATABASES["default"].get("NAME") or ""))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "weerbaar_cache",
    }
}

# --- authentication -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "weerbaar.accounts.signin.MaximumLengthValidator"},  # 128
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:queue"
OTP_TOTP_ISSUER = "Weerbaar"

AXES_FAILURE_LIMIT = env_int("WEERBAAR_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
# Lock the combination of user name and address, so one attacker cannot lock everyone out; the address by the same
# trusted-proxy rule as the application's rate limits (WEERBAAR_TRUSTED_PROXIES), never the proxy's own. Many
# addresses trying one user name meet a per-name slowdown instead of a lock (accounts.signin).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "weerbaar.accounts.signin.client_ip"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)  # only if the callable is ever removed: never a forged header
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env_int("WEERBAAR_IDLE_TIMEOUT_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- internationalisation -------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

# --- static files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Evidence files, already encrypted by weerbaar.incidents.vault before they are written.
    "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(Path(os.environ.get("WEERBAAR_EVIDENCE_DIR") or DATA_DIR / "evidence").resolve()),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# --- background jobs ----------------------------------------------------------------
# django-tasks with its database backend (the embedded default), or with WEERBAAR_TASKS_BACKEND=rq on Redis
# (django-tasks-rq; WEERBAAR_REDIS_URL required). Either way `weerbaar worker` runs the worker and the
# scheduler of core.jobs in one process. Tasks go to one queue, WEERBAAR_TASKS_QUEUE (default "default").
TASKS_BACKEND = os.environ.get("WEERBAAR_TASKS_BACKEND", "db").strip().lower() or "db"
TASKS_QUEUE = os.environ.get("WEERBAAR_TASKS_QUEUE", "").strip() or "default"
if TASKS_BACKEND == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": sorted({"default", TASKS_QUEUE})}}
elif TASKS_BACKEND == "rq":
    REDIS_URL = os.environ.get("WEERBAAR_REDIS_URL", "").strip()
    if not REDIS_URL:
        raise ImproperlyConfigured("WEERBAAR_REDIS_URL is required when WEERBAAR_TASKS_BACKEND=rq.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    _rq_queue = {"URL": REDIS_URL, "DEFAULT_TIMEOUT": env_int("WEERBAAR_TASK_TIMEOUT_SECONDS", 3600)}
    # "default" too: django-tasks-rq reads task results through the connection of the queue named "default".
    RQ_QUEUES = {"default": _rq_queue, TASKS_QUEUE: _rq_queue}
    RQ_SHOW_ADMIN_LINK = False
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": sorted({"default", TASKS_QUEUE})}}
else:
    raise ImproperlyConfigured(f"WEERBAAR_TASKS_BACKEND must be 'db' or 'rq', got {TASKS_BACKEND!r}")
WORKER_INTERVAL_SECONDS = env_int("WEERBAAR_WORKER_INTERVAL_SECONDS", 2)
SCHEDULER_TICK_SECONDS = env_int("WEERBAAR_SCHEDULER_TICK_SECONDS", 30)

# --- backups (weerbaar backup; docs/operations.md, Backups) ------------------------------------------
# The scheduled job writes an age-encrypted archive into WEERBAAR_BACKUP_DIR every WEERBAAR_BACKUP_EVERY_HOURS,
# encrypted to every public key in WEERBAAR_BACKUP_RECIPIENTS (space- or comma-separated age1… keys), and keeps
# the newest WEERBAAR_BACKUP_KEEP. No directory or no recipient: the job does nothing.
BACKUP_DIR = os.environ.get("WEERBAAR_BACKUP_DIR", "").strip()
BACKUP_RECIPIENTS = [key for key in os.environ.get("WEERBAAR_BACKUP_RECIPIENTS", "").replace(",", " ").split() if key]
BACKUP_KEEP = env_int("WEERBAAR_BACKUP_KEEP", 7)
BACKUP_EVERY_HOURS = env_int("WEERBAAR_BACKUP_EVERY_HOURS", 24)
# The deletion ledger (references and destruction moments of destroyed cases), replayed after every restore.
# Never inside a backup; in production on another disk or host than the data directory.
DELETION_LEDGER_FILE = Path(os.environ.get("WEERBAAR_DELETION_LEDGER_FILE") or DATA_DIR / "deletion-ledger.jsonl")

# --- e-mail (notifications; never case content) ---------------------------------------
# With WEERBAAR_DEBUG=1 every e-mail is written as a file under $WEERBAAR_DATA_DIR/mail/ (a contract
# checked from outside); otherwise it goes out over SMTP. The send_mail job retries with back-off.
WEERBAAR_BASE_URL = (os.environ.get("WEERBAAR_BASE_URL") or "http://127.0.0.1:8000").rstrip("/")
# Statistics: cells below this count are suppressed (default 10; the stats app refuses anything below 5 at start-up).
STATS_THRESHOLD = env_int("WEERBAAR_STATS_THRESHOLD", 10)
DEFAULT_FROM_EMAIL = os.environ.get("WEERBAAR_EMAIL_FROM") or "Weerbaar <noreply@weerbaar.localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env_int("WEERBAAR_EMAIL_TIMEOUT", 30)
if DEBUG:
    EMAIL_BACKEND = "weerbaar.notifications.mail_backend.EmailBackend"  # one file per e-mail
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("WEERBAAR_EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("WEERBAAR_EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("WEERBAAR_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("WEERBAAR_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("WEERBAAR_EMAIL_USE_TLS", True)

# --- uploads (evidence) ---------------------------------------------------------
# Uploads stay in memory (never a plain temporary file on disk) and are bounded per file.
FILE_UPLOAD_HANDLERS = ["weerbaar.incidents.uploads.EvidenceUploadHandler"]
EVIDENCE_MAX_FILE_BYTES = env_int("WEERBAAR_EVIDENCE_MAX_FILE_MB", 25) * 1024 * 1024
EVIDENCE_MAX_CASE_BYTES = env_int("WEERBAAR_EVIDENCE_MAX_CASE_MB", 500) * 1024 * 1024
EVIDENCE_MAX_CASE_FILES = env_int("WEERBAAR_EVIDENCE_MAX_CASE_FILES", 500)
# What an office holder (anyone with a help request) may add in any 24 hours (incidents.quotas).
EVIDENCE_HOLDER_DAILY_FILES = env_int("WEERBAAR_EVIDENCE_HOLDER_DAILY_FILES", 50)
EVIDENCE_HOLDER_DAILY_BYTES = env_int("WEERBAAR_EVIDENCE_HOLDER_DAILY_MB", 250) * 1024 * 1024
# One file per request, and a cap on the whole body of one file plus the other fields, checked on its
# Content-Length before it is read (incidents.uploads; the API middleware applies the same sum).
DATA_UPLOAD_MAX_NUMBER_FILES = 1
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, named here because the body cap adds it
# Images: refused above this many pixels (from the header, before decoding), and decoded in a child process
# with its address space and CPU time capped, at most this many at once per web process (core.imaging).
EVIDENCE_MAX_IMAGE_PIXELS = env_int("WEERBAAR_EVIDENCE_MAX_IMAGE_MEGAPIXELS", 40) * 1_000_000
IMAGE_DECODER_MEMORY_BYTES = env_int("WEERBAAR_IMAGE_DECODER_MEMORY_MB", 384) * 1024 * 1024
IMAGE_DECODER_SECONDS = env_int("WEERBAAR_IMAGE_DECODER_SECONDS", 20)
IMAGE_DECODERS_PER_PROCESS = env_int("WEERBAAR_IMAGE_DECODERS_PER_PROCESS", 1)

# --- security headers -----------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("WEERBAAR_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # plain-HTTP health probes of a load balancer
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix: browsers keep these cookies only when Secure, without Domain and for path "/", so a
    # sibling subdomain cannot plant or overwrite them (ASVS 3.4.4). Development over plain HTTP keeps the names.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- REST API -------------------------------------------------------------------
API_VERSION = "1.0.0"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["weerbaar.accounts.authentication.StaffTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "weerbaar.core.api.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Weerbaar API",
    "DESCRIPTION": "Confidential support desk for Dutch political office holders facing aggression.",
    "VERSION": API_VERSION,
    "OAS_VERSION": "3.0.3",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Paths are written relative to the server URL, which carries the major version (API design rule uri-version).
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/api/v1", "description": "This Weerbaar installation"}],
    "CONTACT": {
        "name": "Ondersteuningsteam Weerbaar Bestuur",
        "email": "politiekeambtsdragers@minbzk.nl",
        "url": "https://www.weerbaarbestuur.nl",
    },
    "LICENSE": {
        "name": "EUPL-1.2",
        "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
    },
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set where field names repeat across apps ("kind", "affected").
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "weerbaar.cases.choices.Status",
        "AffectedEnum": "weerbaar.cases.choices.Affected",
        "AffectedPersonEnum": "weerbaar.incidents.choices.AffectedPerson",
        "IdentifierKindEnum": "weerbaar.incidents.choices.IdentifierKind",
        "ReportKindEnum": "weerbaar.incidents.choices.ReportKind",
        "DamageKindEnum": "weerbaar.incidents.choices.DamageKind",
        "PartnerKindEnum": "weerbaar.directory.choices.PartnerKind",
        "CallEventKindEnum": "weerbaar.telephony.models.CallEventKind",
        "CouncilStatusEnum": "weerbaar.council.choices.Status",
        "CouncilBodyEnum": "weerbaar.council.choices.Body",
        "CouncilRequesterRoleEnum": "weerbaar.council.choices.RequesterRole",
        "PresenceEnum": "weerbaar.council.choices.Presence",
        "ReferralStatusEnum": "weerbaar.network.choices.ReferralStatus",
        "ReferralCancelReasonEnum": "weerbaar.network.choices.CancelReason",
        "ConsentMethodEnum": "weerbaar.network.choices.ConsentMethod",
        "ContactMethodEnum": "weerbaar.network.choices.ContactMethod",
        "ReferralPartyEnum": "weerbaar.network.choices.Party",
        "CheckInStatusEnum": "weerbaar.aftercare.choices.CheckInStatus",
        "MoodEnum": "weerbaar.aftercare.choices.Mood",
        "RelationEnum": "weerbaar.aftercare.choices.Relation",
        "ConcernItemEnum": "weerbaar.concerns.choices.Item",
        "ConcernAnswerEnum": "weerbaar.concerns.choices.Answer",
        "ConcernLevelEnum": "weerbaar.concerns.choices.Level",
        "ConcernConfirmationEnum": "weerbaar.concerns.choices.Confirmation",
        "ConcernPromptEnum": "weerbaar.concerns.choices.Prompt",
        "PerpetratorIdentifierKindEnum": "weerbaar.matching.choices.IdentifierKind",
        "MatchStatusEnum": "weerbaar.matching.choices.MatchStatus",
        "MatchDecisionEnum": "weerbaar.matching.choices.Decision",
        "HandlePlatformEnum": "weerbaar.matching.choices.Platform",
        "SenderEnum": ["officeHolder", "advisor"],  # who wrote a message or recorded an incident or a file
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "weerbaar.core.openapi.add_common_error_responses",
        "weerbaar.core.openapi.add_api_version_header",
    ],
}

# --- Weerbaar ---------------------------------------------------------------------
WEERBAAR: dict[str, Any] = {
    # Help requests per hour per client address (public form and API); 0 = off.
    "INTAKE_RATE_LIMIT": env_int("WEERBAAR_INTAKE_RATE_LIMIT", 20),
    # Step-plan assessments (public, nothing stored) per hour per client address; 0 = off.
    "ASSESSMENT_RATE_LIMIT": env_int("WEERBAAR_ASSESSMENT_RATE_LIMIT", 120),
    # Step-plan PDFs (public, WeasyPrint: about a second of CPU each) per hour per client address; 0 = off.
    "STEP_PLAN_PDF_RATE_LIMIT": env_int("WEERBAAR_STEP_PLAN_PDF_RATE_LIMIT", 30),
    # Downloads of an office holder's data (a ZIP with a PDF and every original) per case per hour; 0 = off.
    "EXPORT_RATE_LIMIT": env_int("WEERBAAR_EXPORT_RATE_LIMIT", 10),
    # Follow-up sign-in attempts per 15 minutes per reference and client address (never per reference alone, so
    # nobody can keep an office holder out), and per client address whatever the reference; 0 = off.
    "FOLLOW_UP_RATE_LIMIT": env_int("WEERBAAR_FOLLOW_UP_RATE_LIMIT", 10),
    "FOLLOW_UP_ADDRESS_RATE_LIMIT": env_int("WEERBAAR_FOLLOW_UP_ADDRESS_RATE_LIMIT", 30),
    "FOLLOW_UP_SESSION_SECONDS": env_int("WEERBAAR_FOLLOW_UP_SESSION_SECONDS", 30 * 60),
    # Staff sign-in: after this many failed passwords for one user name (all addresses together) each further
    # attempt waits 1 s, 2 s, 4 s … up to LOGIN_SLOWDOWN_MAX_SECONDS; a browser where that name signed in before
    # skips it. 0 = off. (The hard lock per name and address is WEERBAAR_LOGIN_FAILURE_LIMIT, django-axes.)
    "LOGIN_SLOWDOWN_AFTER": env_int("WEERBAAR_LOGIN_SLOWDOWN_AFTER", 10),
    "LOGIN_SLOWDOWN_MAX_SECONDS": env_int("WEERBAAR_LOGIN_SLOWDOWN_MAX_SECONDS", 60),
    # Days the office holder may still read a closed case in Mijn zaak and the API; then every session ends.
    "CLOSED_ACCESS_DAYS": env_int("WEERBAAR_CLOSED_ACCESS_DAYS", 90),
    # Number of reverse proxies in front of the app that append to X-Forwarded-For (0 = none).
    "TRUSTED_PROXIES": env_int("WEERBAAR_TRUSTED_PROXIES", 0),
    # Business hours used for respond-by deadlines (local time, Europe/Amsterdam).
    "WORKDAY_START": os.environ.get("WEERBAAR_WORKDAY_START", "09:00"),
    "WORKDAY_END": os.environ.get("WEERBAAR_WORKDAY_END", "17:00"),
    "URGENT_RESPONSE_WORKING_HOURS": env_int("WEERBAAR_URGENT_RESPONSE_WORKING_HOURS", 1),
    "NORMAL_RESPONSE_WORKING_DAYS": env_int("WEERBAAR_NORMAL_RESPONSE_WORKING_DAYS", 1),
    # Extra non-working dates (YYYY-MM-DD, comma separated) on top of Dutch public holidays.
    "EXTRA_NON_WORKING_DAYS": [
        d.strip() for d in os.environ.get("WEERBAAR_EXTRA_NON_WORKING_DAYS", "").split(",") if d.strip()
    ],
    "NATIONAL_PHONE": "070-3738314",
    # Shared secret(s) for the signature of the telephony webhook (POST /api/v1/call-events); two separated by
    # a comma while rotating. Unset: the webhook answers 503 and records nothing.
    "TELEPHONY_SECRET": os.environ.get("WEERBAAR_TELEPHONY_SECRET", ""),
    # Development mode shows Weerbaar's own 404 and 500 pages; 1 = Django's debug pages (URL patterns, traceback).
    "DEBUG_ERROR_PAGES": env_bool("WEERBAAR_DEBUG_ERROR_PAGES"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # References (WB-…, RG-…) never reach a log line: core.logredact redacts every record when it is made
    # (installed by the core app) and this filter does it again for records made some other way.
    "filters": {"no_references": {"()": "weerbaar.core.logredact.ReferenceRedactingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_references"]}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # Request logging could carry URLs and bodies of failed requests: keep it to warnings.
        "django.request": {"level": "ERROR", "propagate": True},
        "axes": {"level": "WARNING", "propagate": True},
        # WeasyPrint reports every layout step at INFO; its warnings (a missing font, a refused URL) still show.
        "weasyprint": {"level": "WARNING", "propagate": True},
        "fontTools": {"level": "WARNING", "propagate": True},
    },
}
