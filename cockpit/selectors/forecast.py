"""Loading what the election-wave forecast needs (a constant number of queries) and running it."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from bestuurderspool.municipalities.models import Municipality
from coaching import planning
from coaching.models import CoachProfile, CoachStatus, Trajectory
from intake.enums import IntakeState
from intake.models import Intake

from ..forecast import CoachSupply, Forecast, ForecastInput, MunicipalityInput, default_new_wethouders, project
from ..models import ExpectedNewWethouders, ForecastSettings
from ..periods import LAST_ELECTION

#: Fewer intakes than this since the last election is too little history to learn from.
MIN_HISTORY = 20


@dataclass(frozen=True)
class History:
    intakes: int
    expected_new: float
    uptake: float | None  # None: too little history
    theme_shares: dict[str, float]


@dataclass(frozen=True)
class ForecastPage:
    settings: ForecastSettings
    history: History
    uptake: float
    forecast: Forecast
    overrides: list[ExpectedNewWethouders]


def _municipalities() -> list[MunicipalityInput]:
    overrides = dict(ExpectedNewWethouders.objects.values_list("municipality_id", "count"))
    return [
        MunicipalityInput(code, name, province, population, overrides.get(pk))
        for pk, code, name, province, population in Municipality.objects.values_list(
            "pk", "code", "name", "province__name", "population"
        )
    ]


def _coaches() -> list[CoachSupply]:
    today = timezone.localdate()
    releases = defaultdict(list)
    for coach_id, ends_on in Trajectory.objects.active().values_list("coach_id", "ends_on"):
        releases[coach_id].append(ends_on)
    paused = Q(status=CoachStatus.PAUSED) & (Q(paused_until__isnull=True) | Q(paused_until__gt=today))
    profiles = (
        CoachProfile.objects.filter(user__is_active=True, home_municipality__isnull=False)
        .exclude(paused)
        .values_list("user_id", "home_municipality__province__name", "themes", "capacity", "active_load")
    )
    return [
        CoachSupply(province, frozenset(themes), max(capacity - load, 0), tuple(releases[user_id]))
        for user_id, province, themes, capacity, load in profiles
    ]


def history(municipalities: list[MunicipalityInput], newcomer_share: float) -> History:
    """What the last election taught: the share of new wethouders who asked for a coach (intakes
    submitted since then against the default expectation), and the themes intakes named."""
    themes = list(
        Intake.objects.wants_coach()
        .exclude(state=IntakeState.DRAFT)
        .filter(submitted_at__date__gte=LAST_ELECTION)
        .values_list("themes", flat=True)
    )
    expected = sum(default_new_wethouders(m.population, newcomer_share) for m in municipalities)
    enough = len(themes) >= MIN_HISTORY and expected > 0
    named = Counter(theme for chosen in themes for theme in set(chosen))
    return History(
        intakes=len(themes),
        expected_new=expected,
        uptake=min(len(themes) / expected, 1.0) if enough else None,
        theme_shares={theme: n / len(themes) for theme, n in sorted(named.items())} if enough else {},
    )


def forecast_page() -> ForecastPage:
    settings = ForecastSettings.current()
    municipalities = _municipalities()
    newcomer_share = settings.newcomer_percent / 100
    past = history(municipalities, newcomer_share)
    uptake = past.uptake if past.uptake is not None else settings.default_uptake_percent / 100
    forecast = project(
        ForecastInput(
            election=settings.next_election,
            municipalities=municipalities,
            coaches=_coaches(),
            newcomer_share=newcomer_share,
            uptake=uptake,
            theme_shares=past.theme_shares,
            trajectory_months=planning.DEFAULT_MONTHS,
            places_per_new_coach=settings.places_per_new_coach,
        )
    )
    overrides = list(
        ExpectedNewWethouders.objects.select_related("municipality__province").order_by("municipality__name")
    )
    return ForecastPage(settings=settings, history=past, uptake=uptake, forecast=forecast, overrides=overrides)
