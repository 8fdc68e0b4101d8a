"""Settings for the Bestuurderspool portal.

One module, driven by environment variables. With none set, the portal runs on embedded
defaults (SQLite, a filesystem Celery broker, mail to the console), so `make run` works on a
fresh machine. Production differs only by variables: see README, "Configuration".
"""

from datetime import date
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
if (BASE_DIR / ".env").exists():  # optional; absent on CI and in production
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

# Production (DEBUG off) must be given its secrets; it refuses to start without them rather
# than run on a guessable key or accept any Host header.
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-development-key-do-not-deploy")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    _missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not env.str(name, default="")]
    if _missing:
        raise ImproperlyConfigured(
            "Production mode (DEBUG=False) needs these environment variables: "
            + ", ".join(_missing)
            + ". See README, 'Configuration'."
        )
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "bestuurderspool.accounts",
    "bestuurderspool.municipalities",
    "bestuurderspool.notifications",
    "bestuurderspool.demo",
    "intake",
    "councils",
    "coaching",
    "instruments",
    "cockpit",
    "tracks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # After accounts and allauth.mfa: its admin replaces theirs (no secrets, no passwords set).
    "bestuurderspool.privacy",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "bestuurderspool.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bestuurderspool.accounts.middleware.LanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bestuurderspool.accounts.sessions.SessionLimitsMiddleware",
    "bestuurderspool.accounts.middleware.AccountSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "bestuurderspool.urls"
WSGI_APPLICATION = "bestuurderspool.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # The project package is not an app; its template tags are registered here.
            "libraries": {"navigation": "bestuurderspool.templatetags.navigation"},
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: each web or worker process keeps its connection between
    # requests; health checks drop one the server closed.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A worker's reminder locks live as long as its database session (notifications/services.py).
    # If its machine vanishes without closing the connection, the server notices within two
    # minutes, not after the system's default of two hours, and the reminders go out again.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = " ".join(
        [
            _options.get("options", ""),
            "-c tcp_keepalives_idle=60 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=6",
        ]
    ).strip()
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and broker -----------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Shared between the web, worker and beat processes of one machine, which allauth's rate
    # limits need; a per-process memory cache would let each process count on its own.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = VAR_DIR / "broker"
    # The filesystem transport expects its folders to exist; web, worker and beat share them.
    for _folder in ("queue", "processed"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    "expire-unanswered-matches": {
        "task": "coaching.tasks.matches.expire_unanswered_matches",
        "schedule": 3600,
    },
    # Reminders are found in the database every minute; nothing waits in the broker for later.
    "send-due-reminders": {
        "task": "bestuurderspool.notifications.tasks.send_due_reminders",
        "schedule": 60,
    },
    # Interrupted pool imports marked so, and waiting ones whose task was lost sent again.
    "sweep-pool-imports": {
        "task": "coaching.tasks.pool.sweep_pool_imports",
        "schedule": 60,
    },
    # Invitations whose mail task was lost queued again.
    "sweep-unmailed-invitations": {
        "task": "bestuurderspool.accounts.tasks.sweep_unmailed_invitations",
        "schedule": 300,
    },
    "purge-expired-data": {
        "task": "bestuurderspool.privacy.tasks.purge_expired_data",
        "schedule": 24 * 3600,
    },
}
# A reminder handed to a worker but not sent after this long (its task was lost with a Redis
# restart or a killed worker) is handed out again; the row lock makes a late duplicate harmless.
REMINDER_REQUEUE_AFTER_SECONDS = env.int("REMINDER_REQUEUE_AFTER_SECONDS", default=300)
# How often beat has the reminder sweep run; /health/ and the operators' pages call beat late
# when the sweep has not run for BEAT_LATE_AFTER_SECONDS.
CELERY_BEAT_SCHEDULE["send-due-reminders"]["schedule"] = env.int("REMINDER_SWEEP_SECONDS", default=60)
BEAT_LATE_AFTER_SECONDS = env.int("BEAT_LATE_AFTER_SECONDS", default=300)
# The coordinators' dashboard counts (numbers only) are shared from the cache for this long.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=60)
# An invitation still without its mail this long after it was made is mailed by the sweep.
INVITATION_REQUEUE_AFTER_SECONDS = env.int("INVITATION_REQUEUE_AFTER_SECONDS", default=600)

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "bestuurderspool.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "bestuurderspool.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Bestuurderspool] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http" if DEBUG else "https")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Bestuurderspool"
MFA_FORMS = {"activate_totp": "bestuurderspool.accounts.forms.ActivateTOTPForm"}

MFA_ADAPTER = "bestuurderspool.privacy.adapter.MFAAdapter"
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)
# Days a coach has to accept or decline a proposal before the next coach is proposed.
MATCH_RESPONSE_DAYS = env.int("MATCH_RESPONSE_DAYS", default=5)
# Pool files with more coaches than this are imported by a Celery worker (progress on a page).
POOL_IMPORT_BACKGROUND_ROWS = env.int("POOL_IMPORT_BACKGROUND_ROWS", default=500)
# The worker saves a large file in batches of this many coaches, each committed with a heartbeat
# (a batch takes a few seconds); an import without a heartbeat for POOL_IMPORT_STALE_SECONDS has
# lost its worker and is shown as interrupted. Its file is kept POOL_IMPORT_KEEP_DAYS for a restart.
POOL_IMPORT_BATCH_ROWS = env.int("POOL_IMPORT_BATCH_ROWS", default=100)
POOL_IMPORT_STALE_SECONDS = env.int("POOL_IMPORT_STALE_SECONDS", default=300)
POOL_IMPORT_KEEP_DAYS = env.int("POOL_IMPORT_KEEP_DAYS", default=7)

# --- Security -------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# Session limits (bestuurderspool/accounts/sessions.py): coaches, coordinators and staff read
# confidential coaching data; wethouders only their own.
SESSION_IDLE_SECONDS_CONFIDENTIAL = env.int("SESSION_IDLE_SECONDS_CONFIDENTIAL", default=30 * 60)
SESSION_MAX_SECONDS_CONFIDENTIAL = env.int("SESSION_MAX_SECONDS_CONFIDENTIAL", default=12 * 3600)
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=4 * 3600)
SESSION_MAX_SECONDS = env.int("SESSION_MAX_SECONDS", default=14 * 24 * 3600)
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Mail -----------------------------------------------------------------------------------
# Django 6.1's MAILERS: SMTP when EMAIL_HOST is set; otherwise, in DEBUG, the sent-mail pages;
# otherwise the console.
if env.str("EMAIL_HOST", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "bestuurderspool.mail.SMTPBackend",
            "OPTIONS": {
                "host": env.str("EMAIL_HOST"),
                "port": env.int("EMAIL_PORT", default=25),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=False),
                "timeout": env.int("EMAIL_TIMEOUT", default=10),
            },
        }
    }
elif DEBUG:
    # Development (`make run`): every mail kept as a file, shared by web, worker and beat, and
    # shown rendered at /dev/mail/ (bestuurderspool/devmail).
    MAILERS = {
        "default": {
            "BACKEND": "bestuurderspool.devmail.backend.EmailBackend",
            "OPTIONS": {"directory": str(VAR_DIR / "mail")},
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Bestuurderspool <noreply@bestuurderspool.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address `make run` serves on (Procfile): links in mails must open where the session is.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000")

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Uploaded files (coach photos) are private: stored under var/, never below STATIC or a public
# URL, and served only by views that check who asks (MEDIA_URL stays unset).
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Encryption of confidential coaching texts ------------------------------------------------
# A comma-separated list of Fernet keys: the first encrypts, all decrypt (rotation: README).
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS",
    default=["O_Tqfuy2b9F8wt_bCKHkBfcTzHvltvPtDztvVLcEtzc="] if DEBUG else [],
)
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("Production mode (DEBUG=False) needs FIELD_ENCRYPTION_KEYS.")

# --- Privacy: retention periods (days) and the statements ----------------------------------------
# Defaults and reasons: README, "Privacy".
RETENTION_TRAJECTORY_TEXTS_DAYS = env.int("RETENTION_TRAJECTORY_TEXTS_DAYS", default=183)
RETENTION_INTAKE_ANSWERS_DAYS = env.int("RETENTION_INTAKE_ANSWERS_DAYS", default=92)
RETENTION_UNMATCHED_INTAKE_DAYS = env.int("RETENTION_UNMATCHED_INTAKE_DAYS", default=365)
RETENTION_AUDIT_DAYS = env.int("RETENTION_AUDIT_DAYS", default=730)
ERASURE_DEADLINE_DAYS = env.int("ERASURE_DEADLINE_DAYS", default=30)
PRIVACY_ORGANISATION = env.str("PRIVACY_ORGANISATION", default="Stichting Bestuurderspool")
PRIVACY_ADDRESS = env.str("PRIVACY_ADDRESS", default="Postbus 1234, 2500 AA Den Haag")
PRIVACY_CONTACT_EMAIL = env.str("PRIVACY_CONTACT_EMAIL", default="privacy@bestuurderspool.nl")
PRIVACY_DPO_NAME = env.str("PRIVACY_DPO_NAME", default="De functionaris gegevensbescherming")
PRIVACY_DPO_EMAIL = env.str("PRIVACY_DPO_EMAIL", default="fg@bestuurderspool.nl")
ACCESSIBILITY_STATUS = env.str("ACCESSIBILITY_STATUS", default="B")
ACCESSIBILITY_STATEMENT_DATE = date.fromisoformat(env.str("ACCESSIBILITY_STATEMENT_DATE", default="2026-12-01"))
ACCESSIBILITY_CONTACT_EMAIL = env.str("ACCESSIBILITY_CONTACT_EMAIL", default="toegankelijkheid@bestuurderspool.nl")

# --- Logging --------------------------------------------------------------------------------
# One JSON object a line in production (for a log collector), readable text in development.
# Every record carries the request id and the signed-in user's id (bestuurderspool/observability.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be 'text' or 'json'.")
# A request or a database query that takes longer than this is logged as a warning.
SLOW_REQUEST_MS = env.int("SLOW_REQUEST_MS", default=1000)
SLOW_QUERY_MS = env.int("SLOW_QUERY_MS", default=200)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "bestuurderspool.observability.ContextFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
            "timestamp": "time",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["context"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
