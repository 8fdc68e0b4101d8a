import os

from celery import Celery

from .observability import setup_celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestuurderspool.settings")

app = Celery("bestuurderspool", task_cls="bestuurderspool.observability:RequestIdTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
setup_celery(app)
app.autodiscover_tasks()
