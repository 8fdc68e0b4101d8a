from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from coaching.views.trajectories import calendar_feed

from . import views

# The Django admin signs in through allauth, so the same email verification and MFA apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Bestuurderspool"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("health/", views.health, name="health"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("", include("bestuurderspool.accounts.urls")),
    path("intake/", include("intake.urls")),
    path("coaching/", include("coaching.urls")),
    path("instrumenten/", include("instruments.urls")),
    path("raadskalenders/", include("councils.urls")),
    path("groepstrajecten/", include("tracks.urls")),
    path("meldingen/", include("bestuurderspool.notifications.urls")),
    path("agenda/<str:token>.ics", calendar_feed, name="calendar_feed"),
    path("admin/", admin.site.urls),
]
