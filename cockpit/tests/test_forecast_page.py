"""The election-wave forecast page: settings, a municipality's own expectation, the uptake from
history, the recruiting need in words and the CSV export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from bestuurderspool.municipalities.models import Municipality
from coaching.tests.factories import CoachProfileFactory, municipality
from cockpit.models import ExpectedNewWethouders, ForecastSettings
from intake.tests.factories import SubmittedIntakeFactory

UNKNOWN = "We kennen geen gemeente „Atlantis”. Kies een gemeente uit de lijst."
SETTINGS = {
    "next_election": "2030-03-20",
    "newcomer_percent": "50",
    "default_uptake_percent": "25",
    "places_per_new_coach": "2",
}


def test_forecast_names_the_recruiting_need_per_province(coordinator, client_for):
    response = client_for(coordinator).get(reverse("cockpit:forecast"))
    forecast = response.context["forecast"]
    brabant = next(row for row in forecast.provinces if row.key == "Noord-Brabant")
    # 56 municipalities, no coaches: every place needed at the worst month is short.
    assert brabant.coaches_to_recruit == -(-round(max(brabant.holding), 6) // 2)
    assert len(forecast.provinces) == 12
    assert response.context["recruiting"].startswith(f"Werf {forecast.coaches_to_recruit} coaches, van wie ")
    assert f"{brabant.coaches_to_recruit} in Noord-Brabant" in response.context["recruiting"]
    assert "25% van de nieuwe wethouders vraagt om een coach" in response.content.decode()


def test_coaches_in_a_province_reduce_its_need(coordinator, client_for):
    before = client_for(coordinator).get(reverse("cockpit:forecast")).context["forecast"]
    CoachProfileFactory(home_municipality=municipality("Middelburg"), capacity=10)
    after = client_for(coordinator).get(reverse("cockpit:forecast")).context["forecast"]
    zeeland = [next(r for r in f.provinces if r.key == "Zeeland") for f in (before, after)]
    assert (zeeland[0].capacity[0], zeeland[1].capacity[0]) == (0, 10)
    assert zeeland[1].coaches_to_recruit == max(zeeland[0].coaches_to_recruit - 5, 0)


def test_coordinator_saves_the_settings(coordinator, client_for):
    response = client_for(coordinator).post(
        reverse("cockpit:forecast_settings"),
        {**SETTINGS, "next_election": "2030-03-27", "default_uptake_percent": "40"},
    )
    settings = ForecastSettings.current()
    assert (response.status_code, response.url) == (302, reverse("cockpit:forecast"))
    assert (settings.next_election, settings.default_uptake_percent, settings.updated_by) == (
        datetime.date(2030, 3, 27),
        40,
        coordinator,
    )
    page = client_for(coordinator).get(reverse("cockpit:forecast"))
    assert (page.context["page"].uptake, page.context["forecast"].months[0]) == (0.4, datetime.date(2030, 3, 1))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("newcomer_percent", "120", "Zorg ervoor dat deze waarde hoogstens 100 is."),
        ("next_election", "20 maart", "Voer een geldige datum in."),
        ("next_election", "2026-03-18", "De volgende verkiezingen komen na de laatste, van 18 maart 2026."),
        ("places_per_new_coach", "0", "Zorg ervoor dat deze waarde minstens 1 is."),
    ],
)
def test_wrong_settings_are_explained_and_nothing_is_saved(coordinator, client_for, field, value, message):
    response = client_for(coordinator).post(reverse("cockpit:forecast_settings"), {**SETTINGS, field: value})
    assert (response.status_code, response.context["settings_form"].errors[field]) == (400, [message])
    assert f'value="{value}"' in response.content.decode()
    assert ForecastSettings.current().updated_at is None


def test_coordinator_sets_and_clears_a_municipality_expectation(coordinator, client_for):
    client = client_for(coordinator)
    response = client.post(reverse("cockpit:expected_new"), {"municipality": "Den Haag", "count": "6"})
    assert response.status_code == 302
    override = ExpectedNewWethouders.objects.get()
    assert (override.municipality.name, override.count, override.updated_by) == ("'s-Gravenhage", 6, coordinator)
    rows = {row.key: row for row in client.get(reverse("cockpit:forecast")).context["forecast"].provinces}
    defaults = sum(
        min(max(((45 if m.population > 200_000 else 39) * 20 // 100), 2), 7) * 0.5
        for m in Municipality.objects.filter(province__name="Zuid-Holland").exclude(name="'s-Gravenhage")
        if m.population > 100_000
    )
    assert rows["Zuid-Holland"].new_wethouders > defaults
    client.post(reverse("cockpit:expected_new"), {"municipality": "Den Haag", "count": ""})
    assert ExpectedNewWethouders.objects.count() == 0


def test_override_replaces_the_default_in_the_projection(coordinator, client_for):
    client = client_for(coordinator)
    before = {r.key: r.new_wethouders for r in client.get(reverse("cockpit:forecast")).context["forecast"].provinces}
    client.post(reverse("cockpit:expected_new"), {"municipality": "Vlieland", "count": "3"})  # default: 1 new
    after = {r.key: r.new_wethouders for r in client.get(reverse("cockpit:forecast")).context["forecast"].provinces}
    assert after["Fryslân"] - before["Fryslân"] == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"municipality": "Atlantis", "count": "2"}, "municipality", UNKNOWN),
        ({"municipality": "Utrecht", "count": "-1"}, "count", "Zorg ervoor dat deze waarde minstens 0 is."),
        ({"municipality": "Utrecht", "count": "twee"}, "count", "Voer een geheel getal in."),
    ],
)  # fmt: skip
def test_wrong_expectation_is_explained_and_nothing_is_saved(coordinator, client_for, data, field, message):
    response = client_for(coordinator).post(reverse("cockpit:expected_new"), data)
    assert (response.status_code, response.context["expected_form"].errors[field]) == (400, [message])
    assert f'value="{data[field]}"' in response.content.decode()
    assert ExpectedNewWethouders.objects.count() == 0


def test_uptake_is_learnt_from_the_intakes_since_the_last_election(coordinator, client_for):
    for _ in range(20):
        SubmittedIntakeFactory(submitted_at=datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC), themes=["media"])
    page = client_for(coordinator).get(reverse("cockpit:forecast")).context["page"]
    assert page.history.intakes == 20
    assert page.uptake == pytest.approx(20 / page.history.expected_new)
    assert page.history.theme_shares == {"media": 1.0}
    assert [row.key for row in page.forecast.themes] == ["media"]


def test_csv_export_has_every_province_and_month(coordinator, client_for):
    response = client_for(coordinator).get(reverse("cockpit:forecast_csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(rows) == 13 * 12
    first = rows[0]
    assert (first["month"], first["places_available"], first["places_short"]) == (
        "2030-03-01",
        "0",
        first["places_needed"],
    )
    assert {row["province"] for row in rows} >= {"Limburg", "Nederland"}


def test_forecast_query_count_does_not_grow_with_the_data(coordinator, client_for, django_assert_max_num_queries):
    client = client_for(coordinator)
    CoachProfileFactory()
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("cockpit:forecast"))
    first = len(few.captured_queries)  # read now: the next requests empty the connection's log
    for name in ("Utrecht", "Zwolle", "Breda"):
        CoachProfileFactory(home_municipality=municipality(name))
        client.post(reverse("cockpit:expected_new"), {"municipality": name, "count": "2"})
    for _ in range(5):
        SubmittedIntakeFactory()
    with django_assert_max_num_queries(first):
        response = client.get(reverse("cockpit:forecast"))
    assert len(response.context["page"].overrides) == 3
