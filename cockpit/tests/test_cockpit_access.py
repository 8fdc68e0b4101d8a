"""Every cockpit page is for coordinators: refused to coaches and wethouders, sign-in first for
anonymous visitors, and a refused change writes nothing."""

import pytest
from django.urls import reverse

from cockpit.models import ExpectedNewWethouders, ForecastSettings

PAGES = ["cockpit:supply_demand", "cockpit:forecast", "cockpit:forecast_csv"]
CHANGES = [
    ("cockpit:forecast_settings", {"next_election": "2030-03-20", "newcomer_percent": "60",
                                   "default_uptake_percent": "30", "places_per_new_coach": "3"}),
    ("cockpit:expected_new", {"municipality": "Utrecht", "count": "3"}),
]  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", ["wethouder", "coach"])
def test_pages_are_refused_to_coaches_and_wethouders(db, request, client_for, page, persona):
    response = client_for(request.getfixturevalue(persona)).get(reverse(page))
    assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_pages_send_anonymous_visitors_to_sign_in(db, client_for, page):
    response = client_for(None).get(reverse(page))
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("account_login"))


@pytest.mark.parametrize("page", PAGES)
def test_pages_open_for_coordinators(db, coordinator, client_for, page):
    response = client_for(coordinator).get(reverse(page))
    assert response.status_code == 200


@pytest.mark.parametrize(("change", "data"), CHANGES)
@pytest.mark.parametrize("persona", ["wethouder", "coach", None])
def test_changes_are_refused_and_write_nothing(db, request, client_for, change, data, persona):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).post(reverse(change), data)
    assert response.status_code == (403 if user else 302)
    assert (ForecastSettings.current().newcomer_percent, ExpectedNewWethouders.objects.count()) == (50, 0)


@pytest.mark.parametrize("persona", ["wethouder", "coach"])
def test_the_home_of_coaches_and_wethouders_has_no_dashboard(db, request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(reverse("home"))
    assert (response.status_code, "period_form" in response.context) == (200, False)
