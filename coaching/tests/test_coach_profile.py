import pytest

from coaching.models import CoachProfile, FormerRole
from coaching.tests.factories import CoachProfileFactory

PROFILE = {
    "home_municipality": "Den Haag",
    "phone": "",
    "bio": "Oud-wethouder met twintig jaar bestuurservaring.",
    "themes": ["council", "media"],
    "party": "",
    "local_party": "",
    "gender": "male",
    "languages": ["nl"],
    "capacity": "3",
    "availability": ["mon_morning"],
    "observes": "on",
    "status": "active",
    "paused_until": "",
    "roles-TOTAL_FORMS": "1",
    "roles-INITIAL_FORMS": "0",
    "roles-0-background": "ex_wethouder",
    "roles-0-municipality": "Leiden",
    "roles-0-province": "",
    "roles-0-start_year": "2006",
    "roles-0-end_year": "2014",
    "conflicts-TOTAL_FORMS": "0",
    "conflicts-INITIAL_FORMS": "0",
}


def test_coach_fills_in_own_profile_and_it_is_confirmed(client, coach):
    client.force_login(coach)
    response = client.post("/coaching/profiel/", PROFILE)
    assert response["Location"] == "/coaching/profiel/"
    profile = CoachProfile.objects.get(user=coach)
    assert (profile.home_municipality.name, profile.capacity, profile.profile_confirmed_at is not None) == (
        "'s-Gravenhage",
        3,
        True,
    )
    assert [(r.background, r.municipality.name, r.start_year) for r in FormerRole.objects.all()] == [
        ("ex_wethouder", "Leiden", 2006)
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"home_municipality": "Atlantis"}, "We kennen geen gemeente „Atlantis”"),
        ({"capacity": "11"}, "Zorg ervoor dat deze waarde hoogstens 10 is."),
        ({"status": "paused"}, "Geef aan tot wanneer u pauzeert."),
        ({"roles-0-end_year": "2001"}, "Het eindjaar ligt voor het beginjaar."),
    ],
)
def test_bad_profile_input_gets_dutch_message_and_keeps_input(client, coach, changes, message):
    client.force_login(coach)
    response = client.post("/coaching/profiel/", {**PROFILE, **changes})
    content = response.content.decode()
    assert response.status_code == 400
    assert message in content
    assert "twintig jaar bestuurservaring" in content
    assert FormerRole.objects.count() == 0


def test_capacity_below_the_current_load_is_refused(client, coach):
    CoachProfileFactory(user=coach, active_load=2, capacity=2)
    client.force_login(coach)
    response = client.post("/coaching/profiel/", {**PROFILE, "capacity": "1"})
    assert "de capaciteit kan niet lager" in response.content.decode()
    assert CoachProfile.objects.get(user=coach).capacity == 2


def test_coordinator_edits_any_profile(client, coordinator, coach):
    profile = CoachProfileFactory(user=coach)
    client.force_login(coordinator)
    response = client.post(f"/coaching/pool/{profile.pk}/", PROFILE)
    assert response["Location"] == f"/coaching/pool/{profile.pk}/"
    profile.refresh_from_db()
    assert (profile.capacity, profile.profile_confirmed_at) == (3, None)


@pytest.mark.parametrize("persona", ["other_coach", "wethouder", "other_wethouder"])
def test_someone_elses_profile_is_404_and_unchanged(client, db, request, coach, persona):
    profile = CoachProfileFactory(user=coach)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/coaching/pool/{profile.pk}/").status_code == 404
    assert client.post(f"/coaching/pool/{profile.pk}/", PROFILE).status_code == 404
    profile.refresh_from_db()
    assert profile.capacity == 2


@pytest.mark.parametrize("persona", ["coach", "wethouder"])
def test_pool_overview_is_for_coordinators(client, db, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/coaching/pool/").status_code == 403
    assert client.get("/coaching/pool/gewichten/").status_code == 403


@pytest.mark.parametrize("n", [1, 50])
def test_pool_overview_query_count_does_not_grow(client, coordinator, django_assert_max_num_queries, n):
    for _ in range(n):
        profile = CoachProfileFactory()
        FormerRole.objects.create(coach=profile, background="ex_raadslid")
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get("/coaching/pool/?theme=media")
    assert len(response.context["page"]) == n


def test_weights_are_visible_to_coordinators(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/coaching/pool/gewichten/").context["weights"].themes == 3.0
