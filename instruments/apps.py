from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "instruments"
    verbose_name = _("Coaching instruments")

    def ready(self):
        from bestuurderspool.privacy import registry
        from coaching.privacy import TRAJECTORY_SCRUBBERS

        from .selectors import personal_data
        from .services import scrub_trajectories

        # An erasure or the retention removes a trajectory's texts: the instruments' go with them.
        if scrub_trajectories not in TRAJECTORY_SCRUBBERS:
            TRAJECTORY_SCRUBBERS.append(scrub_trajectories)
        registry.add_personal_data(personal_data, order=70)
