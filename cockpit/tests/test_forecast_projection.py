"""The election-wave forecast's arithmetic: plain numbers, no database."""

from datetime import date

import pytest

from cockpit.forecast import (
    CoachSupply,
    ForecastInput,
    MunicipalityInput,
    college_size,
    council_seats,
    default_new_wethouders,
    project,
)

ELECTION = date(2030, 3, 20)


@pytest.mark.parametrize(
    ("population", "seats", "college"),
    [
        (972, 9, 2),  # Schiermonnikoog: 20 % of 9 is 1, at least 2
        (25_845, 21, 4),
        (50_000, 29, 5),
        (50_001, 31, 6),
        (120_000, 39, 7),
        (931_298, 45, 7),  # Amsterdam: 20 % of 45 is 9, at most 7
    ],
)
def test_college_size_follows_the_population(population, seats, college):
    assert (council_seats(population), college_size(population)) == (seats, college)


def test_default_new_wethouders_is_the_newcomer_share_of_the_college():
    assert default_new_wethouders(50_000, 0.5) == 2.5


def _input(**overrides):
    values = {
        "election": ELECTION,
        "municipalities": [
            MunicipalityInput("GM1", "Groot", "Limburg", 150_000, expected_new=4),
            MunicipalityInput("GM2", "Klein", "Limburg", 2_000),  # college 2, one new
            MunicipalityInput("GM3", "Elders", "Zeeland", 2_000, expected_new=2),
        ],
        "coaches": [],
        "newcomer_share": 0.5,
        "uptake": 0.5,
        "arrival": (0.5, 0.5),
        "trajectory_months": 2,
        "places_per_new_coach": 2,
        "months": 4,
    }
    return ForecastInput(**{**values, **overrides})


def test_project_spreads_the_intakes_over_the_months_and_holds_them_for_a_trajectory():
    result = project(_input())
    limburg = result.provinces[0]
    assert result.months == [date(2030, 3, 1), date(2030, 4, 1), date(2030, 5, 1), date(2030, 6, 1)]
    assert (limburg.key, limburg.new_wethouders, limburg.intakes) == ("Limburg", 5.0, 2.5)
    assert limburg.arrivals == [1.25, 1.25, 0.0, 0.0]
    assert limburg.holding == [1.25, 2.5, 1.25, 0.0]


def test_project_counts_places_as_trajectories_end_and_recruits_for_the_worst_month():
    coaches = [
        CoachSupply("Limburg", frozenset({"media"}), free=1, releases=(date(2030, 4, 15),)),
        CoachSupply("Zeeland", frozenset(), free=5),
    ]
    result = project(_input(coaches=coaches))
    limburg, zeeland = result.provinces
    assert limburg.capacity == [1, 1, 2, 2]
    assert (limburg.short_places, limburg.coaches_to_recruit) == (1.5, 1)
    assert (zeeland.short_places, zeeland.coaches_to_recruit) == (0.0, 0)
    # Zeeland's five free places do not cover Limburg's shortage: recruiting is per province.
    assert result.total.short_places == 0.0
    assert result.coaches_to_recruit == 1


def test_project_rounds_the_recruiting_need_up_per_province():
    result = project(_input(uptake=1.0, places_per_new_coach=2))
    assert [(row.key, row.short_places, row.coaches_to_recruit) for row in result.provinces] == [
        ("Limburg", 5.0, 3),
        ("Zeeland", 2.0, 1),
    ]


def test_project_divides_the_demand_over_the_themes_against_the_coaches_on_that_theme():
    coaches = [CoachSupply("Limburg", frozenset({"media"}), free=1)]
    result = project(_input(coaches=coaches, uptake=1.0, theme_shares={"media": 0.5, "threats": 0.25}))
    media, threats = result.themes
    assert (media.key, media.intakes, media.capacity[0], media.short_places) == ("media", 3.5, 1, 2.5)
    assert (threats.key, threats.intakes, threats.capacity[0], threats.short_places) == ("threats", 1.75, 0, 1.75)


def test_project_without_municipalities_is_empty():
    result = project(_input(municipalities=[]))
    assert (result.provinces, result.total.intakes, result.coaches_to_recruit) == ([], 0.0, 0)
