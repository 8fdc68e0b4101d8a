"""The intake's states and answers, and the coaching vocabulary that the intake (what a wethouder
asks for) and the pool (what a coach offers) share. The values are also the matching engine's
codes."""

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
    # Submitted for a place in the BLOT only: outside the coach matching until the wethouder
    # asks for a personal coach after all (`ask_for_coach`). Last, so the process order above
    # (the funnel, the demo's transitions) stays as it was.
    BLOT_ONLY = "blot_only", _("A place in the BLOT only")


#: States in which an intake is open: a wethouder has at most one open intake.
OPEN_STATES = [state for state in IntakeState if state != IntakeState.WITHDRAWN]


#: The open states of the coach process after submission, in its order: the coordinators' work
#: (a draft is the wethouder's, a BLOT-only intake is the group track's).
WORK_STATES = [
    state for state in IntakeState if state not in (IntakeState.DRAFT, IntakeState.WITHDRAWN, IntakeState.BLOT_ONLY)
]


class Offer(models.TextChoices):
    """What the wethouder asks the Bestuurderspool for: a personal coach (seed 001), a place in
    the next BLOT group track (seed 000), or both."""

    COACH = "coach", _("A personal coach")
    BLOT = "blot", _("A place in the BLOT")
    BOTH = "both", _("Both")


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


class Theme(models.TextChoices):
    PERSONAL_LEADERSHIP = "personal_leadership", _("Personal leadership")
    GOVERNING_STYLE = "governing_style", _("Style of governing")
    FIELD_OF_FORCES = (
        "field_of_forces",
        _("The field of forces around the chair (council, college, civil service, party, press)"),
    )
    COUNCIL = "council", _("Dealing with council and committees")
    MEDIA = "media", _("Public appearance and media")
    INTEGRITY = "integrity", _("Dilemmas and integrity")
    THREATS = "threats", _("Pressure, aggression and threats")
    PARTNERS = "partners", _("Working with citizens and partners")


class Background(models.TextChoices):
    EX_WETHOUDER = "ex_wethouder", _("Former wethouder")
    EX_BURGEMEESTER = "ex_burgemeester", _("Former burgemeester")
    EX_GEDEPUTEERDE = "ex_gedeputeerde", _("Former gedeputeerde")
    EX_RAADSLID = "ex_raadslid", _("Former council member")
    OTHER = "other", _("Other administrative background")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class PoliticalWish(models.TextChoices):
    SAME_PARTY = "same_party", _("Same party")
    OTHER_PARTY = "other_party", _("Another party")


class DistanceWish(models.TextChoices):
    NEARBY = "nearby", _("Nearby")
    FAR = "far", _("Far away, for discretion")


class DayPart(models.TextChoices):
    MON_MORNING = "mon_morning", _("Monday morning")
    MON_AFTERNOON = "mon_afternoon", _("Monday afternoon")
    MON_EVENING = "mon_evening", _("Monday evening")
    TUE_MORNING = "tue_morning", _("Tuesday morning")
    TUE_AFTERNOON = "tue_afternoon", _("Tuesday afternoon")
    TUE_EVENING = "tue_evening", _("Tuesday evening")
    WED_MORNING = "wed_morning", _("Wednesday morning")
    WED_AFTERNOON = "wed_afternoon", _("Wednesday afternoon")
    WED_EVENING = "wed_evening", _("Wednesday evening")
    THU_MORNING = "thu_morning", _("Thursday morning")
    THU_AFTERNOON = "thu_afternoon", _("Thursday afternoon")
    THU_EVENING = "thu_evening", _("Thursday evening")
    FRI_MORNING = "fri_morning", _("Friday morning")
    FRI_AFTERNOON = "fri_afternoon", _("Friday afternoon")
    FRI_EVENING = "fri_evening", _("Friday evening")


class ObservationSetting(models.TextChoices):
    COUNCIL = "council", _("Council meeting (raadsvergadering)")
    COMMITTEE = "committee", _("Committee meeting (commissievergadering)")
    PUBLIC = "public", _("Other public appearance")


class MeetingPlace(models.TextChoices):
    TOWN_HALL = "town_hall", _("At the town hall")
    ELSEWHERE = "elsewhere", _("Elsewhere")
    ONLINE = "online", _("Online")
