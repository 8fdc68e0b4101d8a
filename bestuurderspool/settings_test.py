"""The few things tests change. PostgreSQL and Redis are used when DATABASE_URL / REDIS_URL
are set or their default local ports answer; otherwise SQLite and the filesystem broker.
With REQUIRE_SERVICES=1 (CI) a missing service is an error, never a silent fallback."""

import os
import socket


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


_require = os.environ.get("REQUIRE_SERVICES") == "1"
if "DATABASE_URL" not in os.environ and _answers("127.0.0.1", 5432):
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/bestuurderspool"
if "REDIS_URL" not in os.environ and _answers("127.0.0.1", 6379):
    os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/15"
if _require:
    for name, host, port in (("DATABASE_URL", "127.0.0.1", 5432), ("REDIS_URL", "127.0.0.1", 6379)):
        if name not in os.environ:
            raise SystemExit(f"REQUIRE_SERVICES=1 but {name} is not set and {host}:{port} does not answer.")
os.environ.setdefault("VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))

from .settings import *  # noqa: E402, F403
from .settings import CACHES, DATABASES  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PORTAL_URL = "http://testserver"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Tests change data and read the dashboard again at once: its counts are not cached here
# (cockpit/tests/test_dashboard_cache.py turns it on).
DASHBOARD_CACHE_SECONDS = 0
# Separate keys per test process: several test runs may share one Redis.
CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"
# No persistent connections in tests: live-server threads must not keep the test database open.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
# Static files straight from the source folders, as in development (no collectstatic).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
