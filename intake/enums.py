from django.db import models
from django.utils.translation import gettext_lazy as _


class IntakeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CONVERSATION_PLANNED = "conversation_planned", _("Intake conversation planned")
    CONVERSATION_HELD = "conversation_held", _("Intake conversation held")
    READY_FOR_MATCHING = "ready_for_matching", _("Ready for matching")
    MATCHED = "matched", _("Matched")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: States in which an intake is open: a wethouder has at most one open intake.
OPEN_STATES = [state for state in IntakeState if state != IntakeState.WITHDRAWN]


class MunicipalRole(models.TextChoices):
    """The five roles of a municipality (seed 004)."""

    AUTONOMOUS = "autonomous", _("Autonomous role (e.g. passports, public order)")
    DIRECTING = "directing", _("Directing role, regie (e.g. allocating care under the WMO)")
    SUPPORTING = "supporting", _("Supporting role (e.g. subsidies for associations)")
    SYMBOLIC = "symbolic", _("Symbolic role (e.g. celebrations, personal attention)")
    PARTNER = "partner", _("Partner role (equal partnership with citizens and partners)")


class PartnerAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class ConversationMode(models.TextChoices):
    TOWN_HALL = "town_hall", _("At the town hall")
    ELSEWHERE = "elsewhere", _("Elsewhere")
    ONLINE = "online", _("Online")
