"""The wethouder's home says where the process stands and what happens next, for every state from
no intake to a closed trajectory, in a number of queries that does not grow with the data."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from coaching.enums import MatchState, TrajectoryState
from coaching.models import Trajectory
from coaching.tests.factories import CoachProfileFactory, FormerRoleFactory, MatchFactory, trajectory_between
from intake.enums import IntakeState
from intake.models import IntakeConversation
from intake.tests.factories import BlotOnlyIntakeFactory, IntakeFactory, ReadyIntakeFactory, SubmittedIntakeFactory

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 4, 14, 10, 0, tzinfo=AMS)  # a Tuesday


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _at(days: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(NOW.date() + datetime.timedelta(days=days), datetime.time(hour), tzinfo=AMS)


def _match(wethouder, coach, state, *, intake_state=IntakeState.MATCHED, **fields):
    CoachProfileFactory(user=coach, phone="06 12345678", bio="Twintig jaar wethouder in Deventer.")
    intake = ReadyIntakeFactory(wethouder=wethouder, state=intake_state, submitted_at=_at(-30))
    return MatchFactory(intake=intake, coach=coach, state=state, approved_at=_at(-3), response_due_at=_at(2), **fields)


def _conversation(intake, coordinator):
    IntakeConversation.objects.create(intake=intake, planned_at=_at(3, 14), mode="online", planned_by=coordinator)


def build_none(wethouder, coach, coordinator):
    pass


def build_draft(wethouder, coach, coordinator):
    IntakeFactory(wethouder=wethouder)


def build_submitted(wethouder, coach, coordinator):
    SubmittedIntakeFactory(wethouder=wethouder, submitted_at=_at(-1))


def build_conversation_planned(wethouder, coach, coordinator):
    _conversation(SubmittedIntakeFactory(wethouder=wethouder, state=IntakeState.CONVERSATION_PLANNED), coordinator)


def build_conversation_held(wethouder, coach, coordinator):
    SubmittedIntakeFactory(wethouder=wethouder, state=IntakeState.CONVERSATION_HELD)


def build_ready_for_matching(wethouder, coach, coordinator):
    ReadyIntakeFactory(wethouder=wethouder)


def build_proposal_only(wethouder, coach, coordinator):
    """A coordinator has not approved the engine's proposal yet: nothing changes for the wethouder."""
    CoachProfileFactory(user=coach)
    MatchFactory(intake=ReadyIntakeFactory(wethouder=wethouder), coach=coach)


def build_coach_asked(wethouder, coach, coordinator):
    _match(wethouder, coach, MatchState.APPROVED)


def build_declined(wethouder, coach, coordinator):
    """The coach declined: the wethouder never knew them and is simply still waiting."""
    _match(wethouder, coach, MatchState.DECLINED, intake_state=IntakeState.READY_FOR_MATCHING)


def build_accepted(wethouder, coach, coordinator):
    _match(wethouder, coach, MatchState.ACCEPTED, accepted_at=_at(-1))


def build_kennismaking_planned(wethouder, coach, coordinator):
    _match(
        wethouder,
        coach,
        MatchState.KENNISMAKING_PLANNED,
        accepted_at=_at(-1),
        kennismaking_at=_at(2, 15),
        kennismaking_location="Stadhuis Utrecht",
    )


def build_klik_question(wethouder, coach, coordinator):
    _match(wethouder, coach, MatchState.KENNISMAKING_PLANNED, accepted_at=_at(-5), kennismaking_at=_at(-1))


def build_klik_waiting(wethouder, coach, coordinator):
    _match(
        wethouder,
        coach,
        MatchState.KENNISMAKING_PLANNED,
        accepted_at=_at(-5),
        kennismaking_at=_at(-1),
        wethouder_klik=True,
        wethouder_klik_at=_at(0, 9),
    )


def build_no_klik(wethouder, coach, coordinator):
    _match(wethouder, coach, MatchState.NO_KLIK, intake_state=IntakeState.READY_FOR_MATCHING, accepted_at=_at(-5))


def build_switched(wethouder, coach, coordinator):
    _match(wethouder, coach, MatchState.SWITCHED, intake_state=IntakeState.READY_FOR_MATCHING, accepted_at=_at(-90))


def build_trajectory(wethouder, coach, coordinator):
    # Nine months from 1 April end on New Year's Day, a holiday: the plan ends on 31 December.
    CoachProfileFactory(user=coach)
    trajectory_between(coach, wethouder, klik_on=datetime.date(2026, 4, 1))


def _ended(wethouder, coach, state):
    build_trajectory(wethouder, coach, None)
    trajectory = Trajectory.objects.get(wethouder=wethouder)
    Trajectory.objects.filter(pk=trajectory.pk).update(state=state, ended_at=_at(-2))
    trajectory.match.__class__.objects.filter(pk=trajectory.match_id).update(state=MatchState.ENDED)


def build_completed(wethouder, coach, coordinator):
    _ended(wethouder, coach, TrajectoryState.COMPLETED)


def build_stopped(wethouder, coach, coordinator):
    _ended(wethouder, coach, TrajectoryState.STOPPED)


def build_blot_only(wethouder, coach, coordinator):
    BlotOnlyIntakeFactory(wethouder=wethouder, submitted_at=_at(-2))


def build_withdrawn(wethouder, coach, coordinator):
    SubmittedIntakeFactory(wethouder=wethouder, state=IntakeState.WITHDRAWN, withdrawn_at=_at(-2))


#: state → (the sentence on where things stand, the one on what happens next)
EXPECTED = {
    "none": ("Vertel ons over uzelf en wat u van de coaching verwacht.", "Start uw intake"),
    "draft": (
        "Uw intake is nog niet ingediend.",
        "Hierna: zodra u hem indient, neemt een coördinator binnen vijf werkdagen contact met u op om het "
        "intakegesprek te plannen.",
    ),
    "submitted": (
        "We hebben uw intake ontvangen op 13 april 2026.",
        "Hierna: een coördinator neemt binnen vijf werkdagen contact met u op om het intakegesprek te plannen.",
    ),
    "conversation_planned": (
        "Uw intakegesprek is gepland op vrijdag 17 april 2026, 14:00 (Online).",
        "Hierna: na het gesprek zoeken we de coach die het best bij u past; meestal hoort u binnen twee weken van ons.",
    ),
    "conversation_held": (
        "Uw intakegesprek heeft plaatsgevonden. We zoeken de coach uit de pool die het best bij u past.",
        "Hierna: een coördinator keurt het voorstel goed en vraagt de coach; meestal hoort u binnen twee weken "
        "van ons.",
    ),
    "ready_for_matching": (
        "Uw intakegesprek heeft plaatsgevonden. We zoeken de coach uit de pool die het best bij u past.",
        "meestal hoort u binnen twee weken van ons.",
    ),
    "proposal_only": ("We zoeken de coach uit de pool die het best bij u past.", "binnen twee weken"),
    "coach_asked": (
        "We hebben een coach uit de pool gevraagd om u te coachen.",
        "Hierna: de coach antwoordt uiterlijk 16 april 2026. Daarna ziet u hier wie uw coach is en hoe u die bereikt.",
    ),
    "declined": ("We zoeken de coach uit de pool die het best bij u past.", "binnen twee weken"),
    "accepted": (
        "Carla Jansen heeft toegezegd uw coach te zijn.",
        "Hierna: maak samen een afspraak voor de kennismaking. Uw coach neemt binnen een week contact met u op "
        "om die te plannen, of u neemt zelf contact op: de gegevens staan hieronder.",
    ),
    "kennismaking_planned": (
        "Uw kennismaking met Carla Jansen is gepland op donderdag 16 april 2026, 15:00, Stadhuis Utrecht.",
        "Hierna: na de kennismaking zeggen u en uw coach elk, vertrouwelijk, of er een klik is.",
    ),
    "klik_question": (
        "Hoe was uw kennismaking met Carla Jansen? Laat ons weten of er een klik is; uw antwoord is vertrouwelijk.",
        "De klikvraag beantwoorden",
    ),
    "klik_waiting": (
        "Dank voor uw antwoord over de klik. We wachten nog op het antwoord van Carla Jansen.",
        "Hierna: is er aan beide kanten een klik, dan begint uw traject met een voorgesteld plan; anders zoeken "
        "we een andere coach. U krijgt in beide gevallen een e-mail.",
    ),
    "no_klik": (
        "Er was geen klik met Carla Jansen. Dat gebeurt, en daarom vragen we het.",
        "Hierna: we zoeken een andere coach uit de pool; meestal hoort u binnen twee weken van ons.",
    ),
    "switched": (
        "Uw traject met Carla Jansen is beëindigd, zodat u een andere coach krijgt.",
        "Hierna: we zoeken een andere coach uit de pool; meestal hoort u binnen twee weken van ons.",
    ),
    "trajectory": (
        "Uw traject met Carla Jansen loopt: 0 van 6 gesprekken gehouden, gepland tot 31 december 2026.",
        "Hierna: Coachgesprek op woensdag 15 april 2026.",
    ),
    "completed": (
        "Uw traject met Carla Jansen is afgerond op 12 april 2026.",
        "daar kunt u ook de eindevaluatie invullen.",
    ),
    "stopped": (
        "Uw traject met Carla Jansen is voortijdig gestopt op 12 april 2026.",
        "Vragen? Neem contact op met de coördinatoren van de Bestuurderspool.",
    ),
    "withdrawn": ("U hebt uw intake ingetrokken op 12 april 2026.", "U kunt op elk moment een nieuwe intake beginnen."),
    "blot_only": (
        "Op 12 april 2026 heeft u gevraagd om een plaats in de BLOT, het groepstraject voor nieuwe wethouders, "
        "zonder persoonlijke coach.",
        "Wilt u er ook een persoonlijke coach bij?",
    ),
}

#: Where the coach card and the contact details show: from acceptance until the match closes.
ACQUAINTED = {"accepted", "kennismaking_planned", "klik_question", "klik_waiting", "trajectory"}


def _text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize("state", EXPECTED)
def test_home_says_where_things_stand_and_what_is_next(client, wethouder, coach, coordinator, state):
    coach.last_name = "Jansen"
    coach.save()
    globals()[f"build_{state}"](wethouder, coach, coordinator)
    client.force_login(wethouder)
    text = _text(client.get("/"))
    where, next_step = EXPECTED[state]
    assert (where in text, next_step in text) == (True, True), text
    assert ("carla.coach@example.nl" in text, "06 12345678" in text and state != "trajectory") == (
        state in ACQUAINTED,
        state in ACQUAINTED - {"trajectory"},
    )


def test_every_stage_of_the_template_is_covered():
    """A new stage in the selector must get a row in the table above."""
    template = Path(__file__).resolve().parents[2] / "templates" / "home" / "_wethouder_progress.html"
    stages = set(re.findall(r'stage == "(\w+)"', template.read_text()))
    covered = set(EXPECTED) | {"ready_for_matching"}
    assert stages <= covered


def test_the_proposal_does_not_name_the_coach(client, wethouder, coach):
    coach.last_name = "Jansen"
    coach.save()
    build_coach_asked(wethouder, coach, None)
    client.force_login(wethouder)
    assert "Jansen" not in _text(client.get("/"))


def _busy_trajectory(wethouder, coach, extra: int):
    build_trajectory(wethouder, coach, None)
    profile = coach.coach_profile
    for year in range(extra):
        FormerRoleFactory(coach=profile, start_year=1990 + year, end_year=1991 + year)
    trajectory = Trajectory.objects.get(wethouder=wethouder)
    for appointment in list(trajectory.appointments.all())[:extra]:
        appointment.on = timezone.localdate() + datetime.timedelta(days=1)
        appointment.save()


@pytest.mark.parametrize("extra", [1, 6])
def test_home_queries_do_not_grow_with_the_data(client, wethouder, coach, django_assert_max_num_queries, extra):
    _busy_trajectory(wethouder, coach, extra)
    client.force_login(wethouder)
    # 12 for the coaching home, 2 for the group tracks (applications, the next BLOT).
    with django_assert_max_num_queries(14):
        response = client.get("/")
    assert response.context["progress"].stage == "trajectory"


def test_the_planned_conversation_s_place_is_on_the_home(client, wethouder, coordinator):
    """Seed 001's intake conversation: the wethouder sees its date and its place (or video link)."""
    intake = SubmittedIntakeFactory(wethouder=wethouder, state=IntakeState.CONVERSATION_PLANNED)
    IntakeConversation.objects.create(
        intake=intake,
        planned_at=_at(3, 14),
        mode="town_hall",
        location="Stadhuis Zwolle, kamer 2.14",
        planned_by=coordinator,
    )
    client.force_login(wethouder)
    page = client.get("/").content.decode()
    assert (
        "Uw intakegesprek is gepland op vrijdag 17 april 2026, 14:00, op deze plek: Stadhuis Zwolle, kamer 2.14."
        in page
    )
