from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TracksConfig(AppConfig):
    name = "tracks"
    verbose_name = _("Group tracks")

    def ready(self):
        # The reminder system plans every kind from its SOURCES; tracks adds its own there
        # (the notifications app does not import the apps above it).
        from . import reminders

        reminders.register()
