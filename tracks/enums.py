from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackKind(models.TextChoices):
    BLOT = "blot", _("BLOT cohort")
    YEAR_PROGRAMME = "year_programme", _("Year programme")


class TrackState(models.TextChoices):
    OPEN = "open", _("Open for applications")
    COMPOSED = "composed", _("Cohort composed")
    CLOSED = "closed", _("Closed")


class ApplicationState(models.TextChoices):
    WAITING = "waiting", _("On the waiting list")
    PLACED = "placed", _("Participant")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Pin(models.TextChoices):
    """A coordinator's adjustment to the proposed cohort."""

    NONE = "", _("No adjustment")
    IN = "in", _("Placed in the cohort by a coordinator")
    OUT = "out", _("Kept on the waiting list by a coordinator")


class UPhase(models.TextChoices):
    """The phases of the U-process the year programme follows (seed 002)."""

    CO_INITIATING = "co_initiating", _("Co-initiating")
    CO_SENSING = "co_sensing", _("Co-sensing")
    PRESENCING = "presencing", _("Presencing")
    CO_CREATING = "co_creating", _("Co-creating")
    CO_EVOLVING = "co_evolving", _("Co-evolving")


class EntryKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement")
    MATERIAL = "material", _("Shared material")
    SESSION_NOTE = "session_note", _("Session notes")


class Scale(models.IntegerChoices):
    ONE = 1, "1"
    TWO = 2, "2"
    THREE = 3, "3"
    FOUR = 4, "4"
    FIVE = 5, "5"


class TalkKind(models.TextChoices):
    INTAKE = "intake", _("Intake talk")
    INTERIM = "interim", _("Interim talk")
    CLOSING = "closing", _("Closing talk")
