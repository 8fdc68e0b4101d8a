from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    """What a meeting in a council's calendar is, as far as observation planning cares."""

    COUNCIL = "council", _("Council meeting")
    COMMITTEE = "committee", _("Committee meeting")
    OTHER = "other", _("Other meeting")
