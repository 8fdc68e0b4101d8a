"""Loading the open intakes and the pool for the supply-and-demand page (a constant number of
queries: the engine's own loaders, and one for the provinces)."""

from bestuurderspool.municipalities.models import Municipality, Party
from bestuurderspool.municipalities.names import normalise
from coaching.selectors.matching import intake_data, load_coaches, load_weights, rejected_coach_ids
from intake.enums import IntakeState
from intake.models import Intake

from ..supply import DemandIntake, SupplyAndDemand, SupplyCoach, analyse

EXPECTED_STATES = (IntakeState.SUBMITTED, IntakeState.CONVERSATION_PLANNED, IntakeState.CONVERSATION_HELD)


def party_names(intakes) -> dict[str, str]:
    """The engine compares parties by a normalised key ("d66"); people read their names ("D66")."""
    names = {normalise(intake.party_name): intake.party_name for intake in intakes if intake.party_name}
    return names | {normalise(name): name for name in Party.objects.values_list("short_name", flat=True)}


def supply_and_demand() -> tuple[SupplyAndDemand, dict[str, str]]:
    """The analysis, and the names of the parties in it by their key."""
    province_of = dict(Municipality.objects.values_list("code", "province__name"))
    intakes = list(
        Intake.objects.wants_coach()
        .filter(state__in=[*EXPECTED_STATES, IntakeState.READY_FOR_MATCHING], municipality__isnull=False)
        .select_related("wethouder", "municipality", "party")
        .prefetch_related("adjustments")
    )
    rejected = rejected_coach_ids(intakes)
    demand = [
        DemandIntake(
            data=intake_data(intake, rejected[intake.pk], list(intake.adjustments.all())),
            province=province_of[intake.municipality.code],
            waiting=intake.state == IntakeState.READY_FOR_MATCHING,
        )
        for intake in intakes
    ]
    coaches = [
        SupplyCoach(data=coach, province=province_of.get(coach.home_municipality, "")) for coach in load_coaches()
    ]
    return analyse(demand, coaches, radius_km=load_weights().far_km), party_names(intakes)
