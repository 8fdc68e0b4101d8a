from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Coaching")

    def ready(self):
        from intake.events import intake_withdrawn

        from . import privacy, reminders
        from .receivers import end_matches_of_withdrawn_intake

        intake_withdrawn.connect(end_matches_of_withdrawn_intake, dispatch_uid="end_matches_of_withdrawn_intake")
        # The site-wide reminder system and data rights do not import the apps above them:
        # coaching adds its reminder sources and its part in the AVG rights there.
        reminders.register()
        privacy.register()
