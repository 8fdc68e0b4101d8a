"""Site-wide pages: the role homes, the public landing page, and the health check."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views import i18n
from django.views.decorators.cache import cache_control, never_cache
from kombu import Connection

from .accounts.enums import Role
from .accounts.services import remember_language
from .notifications.services import beat_start, last_sweep, sweep_is_late

logger = logging.getLogger(__name__)

HOME_TEMPLATES = {
    Role.WETHOUDER: "home/wethouder.html",
    Role.COACH: "home/coach.html",
    Role.COORDINATOR: "home/coordinator.html",
    Role.SPONSOR: "home/sponsor.html",
}

#: Each app's contribution to a role's home page: functions `(user) -> dict` of context.
HOME_SECTIONS = {
    Role.WETHOUDER: [
        "intake.selectors.wethouder_home",
        "coaching.selectors.trajectories.trajectory_home",
        "coaching.selectors.home.wethouder_progress",
        "tracks.selectors.wethouder_tracks",
    ],
    Role.COACH: [
        "coaching.selectors.pool.coach_home",
        "coaching.selectors.trajectories.trajectory_home",
        "coaching.selectors.home.coach_appointments",
        "tracks.selectors.led_tracks",
    ],
    Role.COORDINATOR: [
        "intake.selectors.coordinator_home",
        "bestuurderspool.notifications.selectors.coordinator_home",
        "coaching.selectors.trajectories.attention_counts",
        "instruments.selectors.coordinator_home",
    ],
    Role.SPONSOR: ["tracks.selectors.sponsor_home"],
}
#: Sections that read the page's query string (the dashboard's period): `(user, query) -> dict`.
HOME_QUERY_SECTIONS = {
    Role.COORDINATOR: ["cockpit.views.dashboard_section"],
}


@login_not_required
def home(request):
    """The landing page for visitors; for a signed-in user, the home page made for their role."""
    if not request.user.is_authenticated:
        return render(request, "home/landing.html")
    role = Role.COORDINATOR if request.user.is_superuser else request.user.role
    context = {}
    for path in HOME_SECTIONS[role]:
        context.update(import_string(path)(request.user))
    for path in HOME_QUERY_SECTIONS.get(role, []):
        context.update(import_string(path)(request.user, request.GET))
    return render(request, HOME_TEMPLATES[role], context)


@login_not_required
def set_language(request):
    """Django's language switch (it sets the cookie for this browser); a signed-in user's choice
    is also kept on their account, so their pages elsewhere and their mails follow it."""
    response = i18n.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        remember_language(request.user, request.POST.get("language", ""))
    return response


@login_not_required
@never_cache
def health(request):
    """For load balancers and monitoring (no account, no data): each part's state, 200 when all
    are "ok", else 503. `?checks=database,cache` checks only those (a load balancer asks only
    what a web process needs; an uptime monitor asks everything). See docs/deploy.md, "Health and monitoring"."""
    wanted = [name for name in request.GET.get("checks", "").split(",") if name in HEALTH_CHECKS] or HEALTH_CHECKS
    checks = {name: HEALTH_CHECKS[name]() for name in wanted}
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "error", **checks}
    if "beat" in checks:
        last = _last_sweep_or_none()
        body["beat_last_run"] = last.isoformat() if last else None
    response = JsonResponse(body, status=200 if healthy else 503)
    # Each failing part was logged as a warning above; Django would add an ERROR line for every
    # probe of a monitor (every few seconds) while the part is down.
    response._has_been_logged = True
    return response


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        logger.warning("Health check: database unreachable", exc_info=True)
        return "error"


def _check_cache() -> str:
    try:
        cache.set("health-check", "ok", 10)
        return "ok" if cache.get("health-check") == "ok" else "error"
    except Exception:
        logger.warning("Health check: cache unreachable", exc_info=True)
        return "error"


@login_not_required
@cache_control(max_age=86_400, public=True)
def icon(request, path):
    """The icons browsers ask for at fixed addresses, sent on to the static file (whose name
    carries its hash in production, so the redirect is temporary)."""
    return redirect(static(path))


@never_cache
def noop(request):
    """Signed in, nothing else: what every page costs before its own work (session, user, the
    security middleware). The page benchmark measures each page as a multiple of this one."""
    return HttpResponse("ok", content_type="text/plain")


def _check_broker() -> str:
    """The Celery broker accepts a connection (the web queues mail and reminders through it)."""
    try:
        options = {"connect_timeout": 2, "transport_options": settings.CELERY_BROKER_TRANSPORT_OPTIONS}
        with Connection(settings.CELERY_BROKER_URL, **options) as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
        return "ok"
    except Exception:
        logger.warning("Health check: broker unreachable", exc_info=True)
        return "error"


def _last_sweep_or_none():
    return _read_or_none(last_sweep, "when the reminder sweep last ran")


def _read_or_none(read, what: str):
    """A moment kept in the cache, or None when the cache cannot be read (its own check says so)."""
    try:
        return read()
    except Exception:
        logger.warning("Health check: cannot read %s", what, exc_info=True)
        return None


def _check_beat() -> str:
    """Beat is alive when the reminder sweep (planned by beat every minute, run by a worker) ran
    within `BEAT_LATE_AFTER_SECONDS`, or beat started less than that ago."""
    last = _last_sweep_or_none()
    started = _read_or_none(beat_start, "when beat started")
    if sweep_is_late(last, timezone.now(), started=started):
        logger.warning("Health check: the reminder sweep has not run since %s", last)
        return "late"
    return "ok"


HEALTH_CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker, "beat": _check_beat}
