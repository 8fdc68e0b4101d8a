from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "instruments"
    verbose_name = _("Coaching instruments")

    def ready(self):
        from bestuurderspool.privacy.selectors import PERSONAL_DATA_SECTIONS
        from bestuurderspool.privacy.services.scrub import TRAJECTORY_SCRUBBERS

        from .selectors import personal_data
        from .services import scrub_trajectories

        if scrub_trajectories not in TRAJECTORY_SCRUBBERS:
            TRAJECTORY_SCRUBBERS.append(scrub_trajectories)
        if personal_data not in PERSONAL_DATA_SECTIONS:
            PERSONAL_DATA_SECTIONS.append(personal_data)
