"""A must needs a value: "This is a must" beside "No preference" gets a message on that field
(issue: the proposals then excluded the whole pool). A criterion left open is "geen voorkeur"
in the explanation and gives every coach the same points."""

import pytest

from coaching.selectors.matching import ranking_for_intake
from coaching.tests.factories import CoachProfileFactory
from intake.tests.factories import IntakeFactory, ReadyIntakeFactory

NO_VALUE_MUSTS = [
    ({"wish_gender": "", "wish_gender_must": "on"}, "wish_gender"),
    ({"wish_political": "", "wish_political_must": "on"}, "wish_political"),
    ({"wish_distance": "", "wish_distance_must": "on"}, "wish_distance"),
    ({"wish_backgrounds_must": "on"}, "wish_backgrounds"),
]


@pytest.mark.parametrize(("data", "field"), NO_VALUE_MUSTS)
def test_a_must_without_a_value_gets_a_message_on_the_field(client, wethouder, data, field):
    draft = IntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    response = client.post(f"/intake/{draft.pk}/stap/4/", {"wish_distance": "far", **data})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["Kies eerst wat u wilt, of vink „Dit is een eis” uit."]
    draft.refresh_from_db()
    assert (draft.last_completed_step, draft.wish_gender_must, draft.wish_distance) == (0, False, "")


def test_a_must_with_a_value_is_saved(client, wethouder):
    draft = IntakeFactory(wethouder=wethouder)
    client.force_login(wethouder)
    response = client.post(f"/intake/{draft.pk}/stap/4/", {"wish_gender": "female", "wish_gender_must": "on"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.wish_gender, draft.wish_gender_must) == ("female", True)


def test_a_stored_must_without_a_value_excludes_nobody_and_costs_nobody_points(wethouder):
    intake = ReadyIntakeFactory(wethouder=wethouder, wish_gender="", wish_gender_must=True)
    for gender in ("male", "female", ""):
        CoachProfileFactory(gender=gender)
    ranking = ranking_for_intake(intake, limit=10)
    assert ranking["exclusions"] == []
    gender_rows = [next(c for c in p["criteria"] if c["label"] == "Gender") for p in ranking["proposals"]]
    assert [row["sentence"] for row in gender_rows] == ["geen voorkeur"] * 3
    assert len({(row["points"], row["max_points"]) for row in gender_rows}) == 1
    assert gender_rows[0]["points"] == gender_rows[0]["max_points"]


def test_every_open_criterion_says_no_preference(wethouder):
    intake = ReadyIntakeFactory(wethouder=wethouder, wants_observation=False)
    CoachProfileFactory()
    [proposal] = ranking_for_intake(intake)["proposals"]
    sentences = {c["label"]: c["sentence"] for c in proposal["criteria"]}
    assert {label: sentences[label] for label in ("Achtergrond", "Gender", "Politieke verwantschap", "Observatie")} == {
        "Achtergrond": "geen voorkeur",
        "Gender": "geen voorkeur",
        "Politieke verwantschap": "geen voorkeur",
        "Observatie": "geen voorkeur",
    }
    assert sentences["Afstand"].startswith("geen voorkeur (woont ")


def test_a_coordinator_cannot_make_a_must_without_a_value_either(client, coordinator, wethouder):
    from intake.models import WishAdjustment

    intake = ReadyIntakeFactory(wethouder=wethouder, wish_gender="female", wish_gender_must=True)
    client.force_login(coordinator)
    data = {
        "themes": ["personal_leadership", "field_of_forces"],
        "wish_gender": "",
        "wish_gender_must": "on",
        "availability": ["mon_morning", "thu_evening"],
        "meeting_places": ["town_hall"],
        "reason": "Besproken",
    }
    response = client.post(f"/intake/{intake.pk}/wensen/", data)
    assert response.status_code == 400
    assert response.context["wishes_form"].errors["wish_gender"] == [
        "Kies eerst wat u wilt, of vink „Dit is een eis” uit."
    ]
    assert WishAdjustment.objects.count() == 0
