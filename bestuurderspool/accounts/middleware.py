"""One gate for every request of a signed-in user, so no view can forget it; and the language
of every page.

- No verified email address: signed out (allauth already refuses the login; this catches
  accounts made some other way).
- Coaches, coordinators and staff without an authenticator app: a page they open is sent to
  TOTP setup (remembering it, to return there afterwards), from every URL except the few needed
  to set it up or leave. Anything else the browser asks for (the tab's icon, a form posted from
  an old tab, a calendar file) is refused with 403, never redirected: a redirect would load the
  setup page behind the user's back.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "set_language",
        "mfa_setup_done",
        "privacy",
        "accessibility",
        "health",
        "favicon",
        "apple_touch_icon",
        "apple_touch_icon_precomposed",
    }
)
#: Where a page sent to TOTP setup is remembered, for the "continue" after the recovery codes.
MFA_SETUP_NEXT_SESSION_KEY = "bp.mfa_setup_next"


def _url_name(request) -> str | None:
    try:
        return resolve(request.path_info).url_name or ""
    except Resolver404:
        return None


def is_page_request(request) -> bool:
    """A page the user opens (a navigation), not a subresource, a fetch or a form post.
    Browsers say so in Sec-Fetch-Dest; without it, by asking for HTML (or for nothing)."""
    if request.method not in ("GET", "HEAD"):
        return False
    destination = request.headers.get("Sec-Fetch-Dest")
    if destination:
        return destination == "document"
    accept = request.headers.get("Accept", "")
    return not accept or "text/html" in accept


def has_verified_email(user) -> bool:
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class AccountSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if not has_verified_email(user):
                logout(request)
                messages.error(request, _("Please confirm your email address before signing in."))
                return redirect("account_login")
            if user.requires_mfa and _needs_gate(request) and not has_totp(user):
                return self._send_to_setup(request)
        return self.get_response(request)

    @staticmethod
    def _send_to_setup(request):
        if not is_page_request(request):
            return HttpResponseForbidden(_("Set up two-factor authentication first."), content_type="text/plain")
        request.session[MFA_SETUP_NEXT_SESSION_KEY] = request.get_full_path()
        messages.warning(
            request,
            _("Set up two-factor authentication first: your role gives access to confidential data."),
        )
        return redirect("mfa_activate_totp")


def _needs_gate(request) -> bool:
    """Every URL of the portal except the set-up pages; an unknown address just answers 404."""
    name = _url_name(request)
    return name is not None and name not in MFA_SETUP_URL_NAMES


class LanguageMiddleware:
    """Dutch, unless English was chosen: with the switch on this browser (the language cookie),
    or earlier by the signed-in user (`User.language`, which their mails use too). The browser's
    Accept-Language is not followed: the portal is Dutch, and English is a choice."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = dict(settings.LANGUAGES)

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in self.languages and request.user.is_authenticated:
            chosen = request.user.language
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
