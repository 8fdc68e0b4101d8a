from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, register_converter

from coaching.views.trajectories import calendar_feed

from . import views
from .privacy import views as privacy_views

# The Django admin signs in through allauth, so the same email verification and MFA apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Bestuurderspool"


class FeedTokenConverter:
    """A calendar feed token is URL-safe base64; anything else (a NUL byte, a slash) is not a
    feed address and answers 404 before it reaches a query."""

    regex = "[A-Za-z0-9_-]{1,128}"
    #: For the tests that walk every URL.
    example = "example"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FeedTokenConverter, "feedtoken")

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", privacy_views.privacy_statement, name="privacy"),
    path("toegankelijkheid/", privacy_views.accessibility_statement, name="accessibility"),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.icon, {"path": "bestuurderspool/icons/favicon.ico"}, name="favicon"),
    # iOS asks for these at the root when a page is added to the home screen.
    path(
        "apple-touch-icon.png",
        views.icon,
        {"path": "bestuurderspool/icons/apple-touch-icon.png"},
        name="apple_touch_icon",
    ),
    path(
        "apple-touch-icon-precomposed.png",
        views.icon,
        {"path": "bestuurderspool/icons/apple-touch-icon.png"},
        name="apple_touch_icon_precomposed",
    ),
    path("health/noop/", views.noop, name="noop"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("", include("bestuurderspool.accounts.urls")),
    path("intake/", include("intake.urls")),
    path("coaching/", include("coaching.urls")),
    path("instrumenten/", include("instruments.urls")),
    path("raadskalenders/", include("councils.urls")),
    path("cockpit/", include("cockpit.urls")),
    path("groepstrajecten/", include("tracks.urls")),
    path("meldingen/", include("bestuurderspool.notifications.urls")),
    path("agenda/<feedtoken:token>.ics", calendar_feed, name="calendar_feed"),
    path("mijn-account/", include("bestuurderspool.privacy.urls")),
    path("admin/", admin.site.urls),
    path("dev/mail/", include("bestuurderspool.devmail.urls")),
]
