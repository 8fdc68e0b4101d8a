from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TracksConfig(AppConfig):
    name = "tracks"
    verbose_name = _("Group tracks")

    def ready(self):
        # The reminder system plans every kind from its registered sources and the data rights
        # run what the apps register; tracks adds its own there (the site-wide apps do not
        # import the apps above them).
        from intake.events import intake_submitted, intake_withdrawn

        from . import invitations, privacy, reminders
        from .services import apply_from_intake, withdraw_with_intake

        reminders.register()
        invitations.register()
        intake_submitted.connect(apply_from_intake, dispatch_uid="tracks.apply_from_intake")
        intake_withdrawn.connect(withdraw_with_intake, dispatch_uid="tracks.withdraw_with_intake")
        privacy.register()
