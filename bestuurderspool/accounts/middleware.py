"""One gate for every request of a signed-in user, so no view can forget it; and the language
of every page.

- No verified email address: signed out (allauth already refuses the login; this catches
  accounts made some other way).
- Coaches, coordinators and staff without an authenticator app: sent to TOTP setup from every
  URL except the few needed to set it up or leave.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
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
        "privacy",
        "accessibility",
        "health",
    }
)


def _url_name(request) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


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
            if user.requires_mfa and _url_name(request) not in MFA_SETUP_URL_NAMES and not has_totp(user):
                messages.warning(
                    request,
                    _("Set up two-factor authentication first: your role gives access to confidential data."),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)


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
