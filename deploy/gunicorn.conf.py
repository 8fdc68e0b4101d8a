"""gunicorn's settings for the web unit (deploy/bestuurderspool-web.service), from the same
environment file as the portal. Requests are logged by the portal itself (JSON, with the request
id, user id and duration), so gunicorn writes no access log; its own messages are JSON too."""

import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_WORKERS", "3"))
# Long enough for the slowest page (the matching wave); a stuck process is replaced after this.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 20
# Recycle processes now and then, so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
# Caddy on the same machine sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket (gunicornc): the unit's signals do all the operator needs, and its default
# place is the service user's home, which the unit keeps read-only.
control_socket_disable = True
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "timestamp": "time",
            "rename_fields": {"levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "WARNING", "handlers": ["console"], "propagate": False},
    },
    "root": {"level": "INFO", "handlers": []},
}
