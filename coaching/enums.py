"""The coaching vocabulary, shared by the intake (what a wethouder asks for) and the pool (what a
coach offers). The values are also the matching engine's codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class MatchState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved, waiting for the coach")
    ACCEPTED = "accepted", _("Accepted by the coach")
    KENNISMAKING_PLANNED = "kennismaking_planned", _("First meeting planned")
    KLIK = "klik", _("Klik: trajectory")
    NO_KLIK = "no_klik", _("No klik")
    DECLINED = "declined", _("Declined by the coach")
    EXPIRED = "expired", _("No answer from the coach in time")
    CANCELLED = "cancelled", _("Cancelled")
    ENDED = "ended", _("Trajectory ended")
    SWITCHED = "switched", _("Trajectory switched to another coach")


class MatchEventAction(models.TextChoices):
    """What a `MatchEvent` records, in words for the coordinators' history of a match."""

    PROPOSED = "proposed", _("Proposed")
    SUPERSEDED = "superseded", _("Proposal replaced by another")
    APPROVED = "approved", _("Approved; the coach is asked")
    CHOSEN = "chosen", _("Chosen by a coordinator instead of the ranking")
    ACCEPTED = "accepted", _("Accepted by the coach")
    DECLINED = "declined", _("Declined by the coach")
    EXPIRED = "expired", _("No answer from the coach in time")
    KENNISMAKING_PLANNED = "kennismaking_planned", _("First meeting planned")
    KLIK_ANSWERED_BY_COACH = "klik_answered_by_coach", _("The coach answered the klik question")
    KLIK_ANSWERED_BY_WETHOUDER = "klik_answered_by_wethouder", _("The wethouder answered the klik question")
    KLIK = "klik", _("Klik: the trajectory starts")
    NO_KLIK = "no_klik", _("No klik")
    CANCELLED = "cancelled", _("Cancelled")
    ENDED = "ended", _("Trajectory ended")
    SWITCHED = "switched", _("Trajectory switched to another coach")


#: Notes the portal itself writes on an event, in words.
MATCH_EVENT_NOTES = {"intake withdrawn": _("the intake was withdrawn")}


class MatchSource(models.TextChoices):
    ENGINE = "engine", _("Proposed by the matching engine")
    OVERRIDE = "override", _("Chosen by a coordinator")
    WAVE = "wave", _("Proposed in a wave")


class TrajectoryState(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped early")
    SWITCHED = "switched", _("Switched to another coach")


class AppointmentKind(models.TextChoices):
    SESSION = "session", _("Coaching session")
    OBSERVATION = "observation", _("Observation")
    INTERIM_EVALUATION = "interim_evaluation", _("Interim evaluation")
    FINAL_EVALUATION = "final_evaluation", _("Closing conversation")


class AppointmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the wethouder")
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class EvaluationKind(models.TextChoices):
    INTERIM = "interim", _("Interim evaluation")
    FINAL = "final", _("Closing evaluation")
