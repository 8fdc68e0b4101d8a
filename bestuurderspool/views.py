"""Site-wide pages: the role homes, the public landing and privacy pages, and the health check."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.views import i18n
from django.views.decorators.cache import never_cache

from .accounts.enums import Role
from .accounts.services import remember_language

logger = logging.getLogger(__name__)

HOME_TEMPLATES = {
    Role.WETHOUDER: "home/wethouder.html",
    Role.COACH: "home/coach.html",
    Role.COORDINATOR: "home/coordinator.html",
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
def privacy(request):
    return render(request, "home/privacy.html")


@login_not_required
@never_cache
def health(request):
    """For load balancers and monitoring: 200 when the database and the cache answer, else 503."""
    checks = {"database": _check_database(), "cache": _check_cache()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


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
