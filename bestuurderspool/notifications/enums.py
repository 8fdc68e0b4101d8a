from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    APPOINTMENT_UPCOMING = "appointment_upcoming", _("A session or observation is coming up")
    SESSION_NOT_LOGGED = "session_not_logged", _("A session held yesterday is not logged yet")
    MATCH_WAITING = "match_waiting", _("A proposed match waits for your answer")
    KLIK_QUESTION = "klik_question", _("The klik question after the first meeting")
    EVALUATION_DUE = "evaluation_due", _("The interim or closing evaluation")
    INTAKE_WAITING = "intake_waiting", _("An intake waits more than 5 working days for its conversation")
    PROPOSAL_WAITING = "proposal_waiting", _("A proposal waits for approval")
    TRAJECTORY_BEHIND = "trajectory_behind", _("A trajectory is behind its plan (no session for 8 weeks)")
    TRAJECTORY_BEHIND_PLAN = "trajectory_behind_plan", _("A trajectory is behind its planned sessions")
    TRAJECTORY_ENDING = "trajectory_ending", _("A trajectory ends within a month")
    PROFILE_UNCONFIRMED = "profile_unconfirmed", _("A coach's profile has not been confirmed for a year")
    REMINDER_FAILED = "reminder_failed", _("A reminder could not be delivered")
    TRACK_SESSION_UPCOMING = "track_session_upcoming", _("A session of your group track is tomorrow")
    MOVE_PROPOSAL_WAITING = "move_proposal_waiting", _("A proposal to move an appointment waits for your answer")
    # Events: written as sent notifications the moment they happen (see services.record_event).
    MATCH_APPROVED = "match_approved", _("A coach has been asked to coach you")
    MATCH_ACCEPTED = "match_accepted", _("Your coach has accepted: arrange the first meeting")
    KENNISMAKING_PLANNED = "kennismaking_planned", _("Your first meeting is planned")
    NO_KLIK = "no_klik", _("No klik: another coach is sought")
    TRAJECTORY_STARTED = "trajectory_started", _("Klik: your trajectory has started")
    SUMMARY_SHARED = "summary_shared", _("Your coach shared a summary of a session")
    OBSERVATION_REPORTED = "observation_reported", _("Your coach wrote an observation report")
    MOVE_AGREED = "move_agreed", _("Your coach agreed to move an appointment")
    MOVE_DECLINED = "move_declined", _("Your coach declined your proposal to move an appointment")


#: Things that happened, for the notification list: never planned, queued or turned off.
EVENT_KINDS = frozenset(
    {
        ReminderKind.MATCH_APPROVED,
        ReminderKind.MATCH_ACCEPTED,
        ReminderKind.KENNISMAKING_PLANNED,
        ReminderKind.NO_KLIK,
        ReminderKind.TRAJECTORY_STARTED,
        ReminderKind.SUMMARY_SHARED,
        ReminderKind.OBSERVATION_REPORTED,
        ReminderKind.MOVE_AGREED,
        ReminderKind.MOVE_DECLINED,
    }
)

#: Reminders the process depends on: they cannot be turned off.
REQUIRED_KINDS = frozenset(
    {
        ReminderKind.MATCH_WAITING,
        ReminderKind.KLIK_QUESTION,
        ReminderKind.MOVE_PROPOSAL_WAITING,
        ReminderKind.REMINDER_FAILED,
    }
)

#: Which role receives which kinds (the preferences page offers only these).
KINDS_BY_ROLE = {
    "coach": [
        ReminderKind.APPOINTMENT_UPCOMING,
        ReminderKind.SESSION_NOT_LOGGED,
        ReminderKind.MATCH_WAITING,
        ReminderKind.KLIK_QUESTION,
        ReminderKind.MOVE_PROPOSAL_WAITING,
        ReminderKind.TRACK_SESSION_UPCOMING,
    ],
    "wethouder": [
        ReminderKind.APPOINTMENT_UPCOMING,
        ReminderKind.KLIK_QUESTION,
        ReminderKind.EVALUATION_DUE,
        ReminderKind.TRACK_SESSION_UPCOMING,
    ],
    "coordinator": [
        ReminderKind.INTAKE_WAITING,
        ReminderKind.PROPOSAL_WAITING,
        ReminderKind.TRAJECTORY_BEHIND,
        ReminderKind.TRAJECTORY_BEHIND_PLAN,
        ReminderKind.TRAJECTORY_ENDING,
        ReminderKind.PROFILE_UNCONFIRMED,
        ReminderKind.REMINDER_FAILED,
    ],
}


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Waiting until due")
    QUEUED = "queued", _("Handed to a worker")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("No longer needed")
    SKIPPED = "skipped", _("Turned off by the recipient")
