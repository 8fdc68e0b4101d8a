from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Intake")

    def ready(self):
        # The site-wide reminder system and data rights do not import the apps above them: the
        # intake adds its reminder source and its part in the AVG rights there.
        from . import privacy, reminders

        reminders.register()
        privacy.register()
