from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CockpitConfig(AppConfig):
    name = "cockpit"
    verbose_name = _("Coordinators' cockpit")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .aggregates import register_sqlite_median

        connection_created.connect(register_sqlite_median, dispatch_uid="cockpit_sqlite_median")
