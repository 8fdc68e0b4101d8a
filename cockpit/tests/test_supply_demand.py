"""Supply and demand per matching criterion: the counts (plain data) and the page in words."""

import pytest
from django.urls import reverse

from coaching.matching import CoachData, IntakeData, Wish
from coaching.tests.factories import CoachProfileFactory, FormerRoleFactory, municipality
from cockpit.supply import DemandIntake, Shortage, SupplyCoach, analyse
from intake.enums import IntakeState
from intake.tests.factories import ReadyIntakeFactory, SubmittedIntakeFactory

MAASTRICHT = (50.85, 5.69)
HEERLEN = (50.89, 5.98)
ZWOLLE = (52.51, 6.09)


def _intake(number, where=MAASTRICHT, *, waiting=True, province="Limburg", **wishes):
    data = IntakeData(id=number, municipality=f"GM{number}", lat=where[0], lon=where[1], **wishes)
    return DemandIntake(data=data, province=province, waiting=waiting)


def _coach(number, where, *, province, free=1, active=True, **offers):
    data = CoachData(
        id=number, active=active, capacity=free, load=0, home_municipality="GMX", lat=where[0], lon=where[1], **offers
    )
    return SupplyCoach(data=data, province=province)


def _rows(result, criterion):
    return {
        row.value: (row.waiting, row.expected, row.free_places, row.places_within_reach)
        for row in result.rows[criterion]
    }


def test_background_far_away_is_a_shortage_in_the_province():
    burgemeester = Wish(frozenset({"ex_burgemeester"}))
    intakes = [_intake(n, waiting=n < 3, background=burgemeester) for n in range(4)]
    coaches = [
        _coach(1, ZWOLLE, province="Overijssel", free=2, backgrounds=frozenset({"ex_burgemeester"})),
        _coach(2, HEERLEN, province="Limburg", free=1, backgrounds=frozenset({"ex_wethouder"})),
    ]
    result = analyse(intakes, coaches, radius_km=60)
    assert _rows(result, "background") == {"ex_burgemeester": (3, 1, 2, 0)}
    assert _rows(result, "province") == {"Limburg": (3, 1, 1, 1)}
    assert result.shortages == [
        Shortage("background", "ex_burgemeester", "Limburg", 4, 0),
        Shortage("province", "Limburg", "Limburg", 4, 1),
    ]


def test_coaches_without_a_free_place_or_paused_offer_nothing():
    intakes = [_intake(1, wants_observation=True)]
    coaches = [
        _coach(1, HEERLEN, province="Limburg", free=0, observes=True),
        _coach(2, HEERLEN, province="Limburg", active=False, observes=True),
    ]
    result = analyse(intakes, coaches, radius_km=60)
    assert (_rows(result, "observation"), result.free_places) == ({"observation": (1, 0, 0, 0)}, 0)
    assert Shortage("observation", "observation", "Limburg", 1, 0) in result.shortages


def test_political_wishes_count_the_same_party_or_any_other():
    intakes = [
        _intake(1, party="vvd", political=Wish(frozenset({"same_party"}))),
        _intake(2, party="vvd", political=Wish(frozenset({"other_party"}))),
    ]
    coaches = [_coach(1, HEERLEN, province="Limburg", party="vvd"), _coach(2, HEERLEN, province="Limburg", party="cda")]
    result = analyse(intakes, coaches, radius_km=60)
    assert _rows(result, "political") == {"other_party": (1, 0, 2, 1), "same:vvd": (1, 0, 1, 1)}
    assert result.shortages == []


def test_themes_gender_and_day_parts_are_counted_per_value():
    intakes = [
        _intake(1, themes=frozenset({"media", "council"}), gender=Wish(frozenset({"female"})),
                availability=frozenset({"mon_morning"})),
        _intake(2, waiting=False, themes=frozenset({"media"})),
    ]  # fmt: skip
    coaches = [_coach(1, ZWOLLE, province="Overijssel", themes=frozenset({"media"}), gender="female")]
    result = analyse(intakes, coaches, radius_km=60)
    assert _rows(result, "themes") == {"council": (1, 0, 0, 0), "media": (1, 1, 1, 0)}
    assert _rows(result, "gender") == {"female": (1, 0, 1, 0)}
    assert _rows(result, "availability") == {"mon_morning": (1, 0, 0, 0)}


def test_unanswered_wishes_ask_for_nothing():
    intakes = [_intake(1, party="vvd", gender=Wish(frozenset({""})), political=Wish(frozenset({""})))]
    result = analyse(intakes, [_coach(1, HEERLEN, province="Limburg")], radius_km=60)
    assert (result.rows["gender"], result.rows["political"], result.shortages) == ([], [], [])


def test_nothing_open_gives_empty_rows():
    result = analyse([], [_coach(1, ZWOLLE, province="Overijssel")], radius_km=60)
    assert (result.rows["themes"], result.shortages, result.free_places) == ([], [], 1)


@pytest.fixture
def limburg_wants_a_burgemeester(db):
    for _ in range(3):
        ReadyIntakeFactory(municipality=municipality("Maastricht"), wish_backgrounds=["ex_burgemeester"])
    SubmittedIntakeFactory(municipality=municipality("Maastricht"), wish_backgrounds=["ex_burgemeester"])
    FormerRoleFactory(coach=CoachProfileFactory(), background="ex_burgemeester", municipality=municipality("Zwolle"))


def test_page_names_the_shortage_in_dutch(coordinator, client_for, limburg_wants_a_burgemeester):
    response = client_for(coordinator).get(reverse("cockpit:supply_demand"))
    assert (
        "4 intakes wensen een oud-burgemeester in Limburg; 0 vrije plaatsen binnen 60 km"
        in response.context["shortages"]
    )
    assert "4 intakes in Limburg; 0 vrije plaatsen binnen 60 km" in response.context["shortages"]
    assert (
        "4 intakes wensen een oud-burgemeester in Limburg; 0 vrije plaatsen binnen 60 km" in response.content.decode()
    )


def test_page_counts_waiting_and_expected_intakes(coordinator, client_for, limburg_wants_a_burgemeester):
    SubmittedIntakeFactory(state=IntakeState.WITHDRAWN, municipality=municipality("Maastricht"))
    criteria = dict(client_for(coordinator).get(reverse("cockpit:supply_demand")).context["criteria"])
    (label, row), *_ = criteria["Achtergrond"]
    assert (label, row.waiting, row.expected, row.free_places) == ("Oud-burgemeester", 3, 1, 2)


def test_page_names_parties_as_people_write_them(coordinator, client_for):
    ReadyIntakeFactory(wish_political="same_party")  # D66, in Utrecht
    CoachProfileFactory(home_municipality=municipality("Utrecht"), party=None, local_party="Stadsbelang")
    criteria = dict(client_for(coordinator).get(reverse("cockpit:supply_demand")).context["criteria"])
    [(label, row)] = criteria["Politieke wens"]
    assert (label, row.waiting, row.free_places) == ("een coach van D66", 1, 0)


def test_page_query_count_does_not_grow_with_the_data(coordinator, client_for, django_assert_max_num_queries):
    client = client_for(coordinator)
    ReadyIntakeFactory()
    CoachProfileFactory()
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("cockpit:supply_demand"))
    for _ in range(5):
        ReadyIntakeFactory(themes=["media"])
        FormerRoleFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("cockpit:supply_demand"))
    assert response.context["analysis"].free_places == 12
