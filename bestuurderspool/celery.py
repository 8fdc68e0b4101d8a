import os

from celery import Celery, signals

from .observability import setup_celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestuurderspool.settings")

app = Celery("bestuurderspool", task_cls="bestuurderspool.observability:RequestIdTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
setup_celery(app)
app.autodiscover_tasks()


@signals.beat_init.connect
def _beat_started(**kwargs):
    """Beat records its start, so a portal just started is not reported late (`/health/`, the
    coordinators' dashboard) before its first sweep."""
    from django.utils import timezone

    from .notifications.services import beat_started

    beat_started(timezone.now())
