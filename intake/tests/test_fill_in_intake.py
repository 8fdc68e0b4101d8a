import pytest

from intake.enums import IntakeState
from intake.models import Intake
from intake.tests.factories import IntakeFactory

ABOUT = {
    "offer": "coach",
    "phone": "06 12345678",
    "municipality": "Den Haag",
    "portfolio": "Financiën",
    "party": "",
    "local_party": "Hart voor Den Haag",
    "installed_on": "2026-05-01",
    "first_term": "True",
    "earlier_roles": "Raadslid 2018–2026",
}


@pytest.fixture
def draft(wethouder):
    return IntakeFactory(wethouder=wethouder)


def step_url(intake, step):
    return f"/intake/{intake.pk}/stap/{step}/"


def test_start_intake_creates_a_draft(client, wethouder):
    client.force_login(wethouder)
    response = client.post("/intake/start/")
    intake = Intake.objects.get(wethouder=wethouder)
    assert response["Location"] == step_url(intake, 1)
    assert intake.state == IntakeState.DRAFT


def test_second_intake_while_one_is_open_is_refused_with_dutch_message(client, draft):
    client.force_login(draft.wethouder)
    response = client.post("/intake/start/", follow=True)
    assert "U heeft al een lopende intake" in response.content.decode()
    assert Intake.objects.filter(wethouder=draft.wethouder).count() == 1


def test_new_intake_after_withdrawal_is_allowed(client, draft):
    Intake.objects.filter(pk=draft.pk).update(state=IntakeState.WITHDRAWN)
    client.force_login(draft.wethouder)
    client.post("/intake/start/")
    assert Intake.objects.filter(wethouder=draft.wethouder).count() == 2


def test_step_is_saved_as_draft_and_everyday_name_finds_the_municipality(client, draft):
    client.force_login(draft.wethouder)
    response = client.post(step_url(draft, 1), ABOUT)
    assert response["Location"] == step_url(draft, 2)
    draft.refresh_from_db()
    assert (draft.municipality.name, draft.local_party, draft.last_completed_step) == (
        "'s-Gravenhage",
        "Hart voor Den Haag",
        1,
    )


def test_draft_survives_sign_out_and_is_resumed(client, draft):
    client.force_login(draft.wethouder)
    client.post(step_url(draft, 1), {**ABOUT, "stop": "1"})
    client.logout()
    client.force_login(draft.wethouder)
    home = client.get("/").content.decode()
    assert step_url(draft, 2) in home
    page = client.get(step_url(draft, 1)).content.decode()
    assert 'value="\'s-Gravenhage"' in page or 'value="&#x27;s-Gravenhage"' in page
    assert 'value="Financiën"' in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"installed_on": "2099-01-01"}, "installed_on", "kan niet in de toekomst liggen"),
        ({"municipality": "Atlantis"}, "municipality", "We kennen geen gemeente „Atlantis”"),
        ({"portfolio": "x" * 201}, "portfolio", "Zorg dat deze waarde niet meer dan 200 tekens bevat"),
        ({"portfolio": "Fin\x00anciën"}, "portfolio", "Null-tekens zijn niet toegestaan."),
        ({"party": "1"}, "local_party", "niet allebei"),
    ],
)
def test_bad_input_on_a_step_gets_dutch_message_and_keeps_what_was_typed(client, draft, changes, field, message):
    client.force_login(draft.wethouder)
    data = {**ABOUT, **changes}
    if "party" in changes:
        from bestuurderspool.municipalities.models import Party

        data["party"] = str(Party.objects.first().pk)
    response = client.post(step_url(draft, 1), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert response.context["form"].errors[field]
    assert 'value="Hart voor Den Haag"' in content
    draft.refresh_from_db()
    assert draft.last_completed_step == 0


def test_no_theme_is_accepted_as_draft_but_blocks_submission(client, draft):
    client.force_login(draft.wethouder)
    response = client.post(step_url(draft, 2), {"question": "Mijn vraag"})
    assert response["Location"] == step_url(draft, 3)
    page = client.get(step_url(draft, 2) + "?check=1").content.decode()
    assert "Dit antwoord is nodig voordat u kunt indienen." in page
    assert "Mijn vraag" in page
