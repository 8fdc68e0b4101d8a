"""A wethouder with a complete history in the portal, each confidential text a canary that tests
look for in pages, exports and database dumps."""

import datetime
from dataclasses import dataclass

import time_machine
from django.utils import timezone

from bestuurderspool.notifications.models import Reminder
from coaching.models import CalendarFeed, Evaluation, MatchEvent, Trajectory
from coaching.services import trajectories as services
from coaching.services.requests import request_other_coach
from coaching.tests.factories import trajectory_between
from instruments import services as instruments
from intake.models import IntakeConversation, WishAdjustment

CANARIES = {
    "question": "Kanarie-coachvraag over de coalitie",
    "local_party": "Kanarie Lokaal Belang",
    "earlier_roles": "Kanarie-raadslid in Zwolle",
    "phone": "06-12345678",
    "notes": "Kanarie-gespreksverslag van de coordinatoren",
    "adjustment": "Kanarie-reden voor aanpassing",
    "private_notes": "Kanarie-privenotitie van de coach",
    "shared_summary": "Kanarie-samenvatting voor de wethouder",
    "observed": "Kanarie-observatie in de raad",
    "feedback": "Kanarie-feedback na de motie",
    "what_changed": "Kanarie-evaluatietekst",
    "location": "Kanarie-koffiehuis De Wethouder",
    "end_reason": "Kanarie-reden van stoppen",
    "event_note": "Kanarie-notitie bij de match",
    "other_coach": "Kanarie-reden voor een andere coach",
    "actor": "Kanarie-fractie De Vooruitgang",
    "actor_note": "Kanarie-notitie bij de actor",
    "goal": "Kanarie-leerdoel: rustiger debatteren",
    "reflection": "Kanarie-reflectie op de raadsvergadering",
    "moment": "Kanarie-moment bij de motie",
}


@dataclass
class History:
    trajectory: Trajectory
    session_id: int
    observation_id: int


def full_history(coach, wethouder, coordinator, *, ended=True) -> History:
    """Intake with answers, conversation and an adjusted wish; a trajectory with a logged
    session and observation, an evaluation, a feed and a reminder; ended (stopped) unless not."""
    trajectory = trajectory_between(coach, wethouder, observation_settings=("council",))
    intake = trajectory.match.intake
    for name in ("question", "local_party", "earlier_roles", "phone"):
        setattr(intake, name, CANARIES[name])
    intake.wish_political, intake.hardest_role = "same_party", "partner"
    intake.save()
    IntakeConversation.objects.create(
        intake=intake, planned_at=timezone.now(), mode="online", planned_by=coordinator, notes=CANARIES["notes"]
    )
    WishAdjustment.objects.create(
        intake=intake, field="wish_political", old_value="same_party", new_value="", made_by=coordinator,
        made_at=timezone.now(), reason=CANARIES["adjustment"],
    )  # fmt: skip
    MatchEvent.objects.create(match=trajectory.match, action="note", at=timezone.now(), note=CANARIES["event_note"])
    session = trajectory.appointments.filter(kind="session").first()
    observation = trajectory.appointments.get(kind="observation")
    session.location = CANARIES["location"]
    session.save()
    moment = datetime.datetime.combine(observation.on, datetime.time(22), tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        services.log_session(
            session, held_at=moment - datetime.timedelta(days=1), minutes=60, mode="online", themes=[],
            private_notes=CANARIES["private_notes"], shared_summary=CANARIES["shared_summary"], by=coach,
        )  # fmt: skip
        services.log_observation(
            observation, held_at=moment - datetime.timedelta(hours=3), minutes=120,
            observed=CANARIES["observed"], feedback=CANARIES["feedback"], by=coach,
        )  # fmt: skip
        Evaluation.objects.create(
            trajectory=trajectory, kind="interim", usefulness=4, klik=5, change=3,
            what_changed=CANARIES["what_changed"], submitted_at=moment,
        )  # fmt: skip
        request_other_coach(trajectory, reason=CANARIES["other_coach"], by=wethouder)
        instruments.add_actor(
            trajectory, by=coach, kind="faction", name=CANARIES["actor"], influence=4, stance=-1,
            relationship="strained", note=CANARIES["actor_note"],
        )  # fmt: skip
        instruments.add_goal(trajectory, text=CANARIES["goal"], by=wethouder)
        instruments.reflect_on_observation(observation, text=CANARIES["reflection"], by=wethouder)
        instruments.tag_moment(observation, moment=CANARIES["moment"], role="partner", theme="", by=wethouder)
        if ended:
            services.end_trajectory(trajectory, outcome="stopped", reason=CANARIES["end_reason"], by=coach)
    CalendarFeed.objects.get_or_create(user=wethouder)
    Reminder.objects.create(
        key=f"test-{session.pk}", kind="appointment_upcoming", user=wethouder, target_id=session.pk,
        due_at=timezone.now(), next_attempt_at=timezone.now(),
    )  # fmt: skip
    trajectory.refresh_from_db()
    return History(trajectory, session.pk, observation.pk)
