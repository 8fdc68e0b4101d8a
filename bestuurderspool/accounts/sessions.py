"""Session limits suited to confidential data, and no caching of what a signed-in user sees.

Coaches, coordinators and staff read other people's coaching data: their session ends after
`SESSION_IDLE_SECONDS_CONFIDENTIAL` without a request (default 30 minutes) and
`SESSION_MAX_SECONDS_CONFIDENTIAL` after signing in (default 12 hours: one working day).
Wethouders see only their own trajectory: 4 hours idle, 14 days at most. The moments are kept in
the session; the session's own expiry follows the idle limit, so an abandoned session also dies
in the database. Every response to a signed-in user is `Cache-Control: no-store`, so a shared
computer's browser cache or a proxy keeps no copy of a coaching page.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

STARTED, SEEN = "limits_started_at", "limits_seen_at"
#: The last-seen moment is written at most this often (a session save per request is wasted work).
SEEN_RESOLUTION_SECONDS = 60


def limits_for(user) -> tuple[int, int]:
    """(idle, absolute) limits in seconds for this user's sessions."""
    if user.requires_mfa:
        return settings.SESSION_IDLE_SECONDS_CONFIDENTIAL, settings.SESSION_MAX_SECONDS_CONFIDENTIAL
    return settings.SESSION_IDLE_SECONDS, settings.SESSION_MAX_SECONDS


@receiver(user_logged_in)
def _start_limits(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = request.session[SEEN] = now
        request.session.set_expiry(2 * limits_for(user)[0])


def _expired_reason(session, idle: int, absolute: int, now: int) -> str | None:
    started, seen = session.get(STARTED), session.get(SEEN)
    if started is not None and now - started >= absolute:
        return _("You have been signed out %(hours)s hours after signing in. Please sign in again.") % {
            "hours": absolute // 3600
        }
    if seen is not None and now - seen >= idle:
        return _("You have been signed out after %(minutes)s minutes without activity.") % {"minutes": idle // 60}
    return None


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            idle, absolute = limits_for(user)
            now = int(time.time())
            reason = _expired_reason(request.session, idle, absolute, now)
            if reason:
                logout(request)
                messages.info(request, reason)
                return redirect_to_login(request.get_full_path() if request.method == "GET" else "/")
            self._touch(request.session, idle, now)
        response = self.get_response(request)
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        # A view that decided its own caching (a coach's photo: private, an hour) keeps it.
        if signed_in and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response

    @staticmethod
    def _touch(session, idle: int, now: int) -> None:
        session.setdefault(STARTED, now)
        if now - session.get(SEEN, 0) >= SEEN_RESOLUTION_SECONDS:
            session[SEEN] = now
            session.set_expiry(2 * idle)
