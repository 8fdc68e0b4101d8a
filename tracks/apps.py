from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TracksConfig(AppConfig):
    name = "tracks"
    verbose_name = _("Group tracks")

    def ready(self):
        # The reminder system plans every kind from its SOURCES; tracks adds its own there
        # (the notifications app does not import the apps above it).
        from bestuurderspool.privacy.selectors import PERSONAL_DATA_SECTIONS
        from bestuurderspool.privacy.services.scrub import PERSON_SCRUBBERS
        from intake.events import intake_submitted

        from . import privacy, reminders
        from .services import apply_from_intake

        reminders.register()
        intake_submitted.connect(apply_from_intake, dispatch_uid="tracks.apply_from_intake")
        # The data download and the erasure cover the group tracks too.
        if privacy.personal_data not in PERSONAL_DATA_SECTIONS:
            PERSONAL_DATA_SECTIONS.append(privacy.personal_data)
        if privacy.erase not in PERSON_SCRUBBERS:
            PERSON_SCRUBBERS.append(privacy.erase)
