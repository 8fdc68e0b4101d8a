"""Every text of the instruments is encrypted at rest: a real pg_dump holds none of it."""

import pytest

from instruments import services
from instruments.models import Actor
from tests.support.pgtools import dump_text

from .test_mirror import ANSWERS

CANARIES = {
    "actor_name": "Kanarie-actor-Wethouder-Vos",
    "actor_note": "Kanarie-notitie-dreigt-met-motie",
    "goal": "Kanarie-doel-minder-uitleggen",
    "comment": "Kanarie-commentaar-lukt-half",
    "reflection": "Kanarie-reflectie-te-defensief",
    "moment": "Kanarie-moment-interruptie-begroting",
}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_holds_no_text_of_the_instruments(coach, wethouder):
    import datetime

    from coaching.services.trajectories import log_observation
    from coaching.tests.factories import trajectory_between

    from .conftest import appointment_day, on_day

    trajectory = trajectory_between(coach, wethouder, observation_settings=("council",))
    observation = trajectory.appointments.get(kind="observation")
    with on_day(appointment_day(trajectory, "interim_evaluation")):
        services.add_actor(
            trajectory,
            by=coach,
            kind="fellow_alderman",
            name=CANARIES["actor_name"],
            influence=3,
            stance=0,
            relationship="workable",
            note=CANARIES["actor_note"],
        )
        goals = [services.add_goal(trajectory, text=CANARIES["goal"] + str(n), by=wethouder) for n in range(2)]
        services.score_goals(
            trajectory, moment="interim", scores={g.pk: (1, CANARIES["comment"]) for g in goals}, by=wethouder
        )
        services.take_mirror(trajectory, moment="interim", scores=ANSWERS, by=wethouder)
    with on_day(observation.on + datetime.timedelta(days=1)):
        log_observation(
            observation,
            held_at=datetime.datetime.combine(observation.on, datetime.time(20), tzinfo=datetime.UTC),
            minutes=90,
            observed="Gezien",
            feedback="",
            by=coach,
        )
        services.reflect_on_observation(observation, text=CANARIES["reflection"], by=wethouder)
        services.tag_moment(observation, moment=CANARIES["moment"], role="partner", theme="", by=coach)
    dump = dump_text()
    assert "instruments_actor" in dump
    assert "instruments_momenttag" in dump
    assert wethouder.email in dump  # the dump is real and complete
    assert [name for name, text in CANARIES.items() if text in dump] == []
    assert Actor.objects.get().name == CANARIES["actor_name"]
