"""Journey 4: the coaching instruments. The wethouder takes the leadership mirror at the interim
evaluation (the start was taken earlier) and shares it; the coach builds a krachtenveld map,
starts a second version and compares the two; the wethouder answers an observation report with
their own reflection and tags a moment. Coordinators reach none of it."""

import datetime

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.services.trajectories import log_observation
from coaching.tests.factories import trajectory_between
from instruments import mirror, services
from tests.e2e.conftest import screenshot, sign_in, sign_out

OBSERVED = "Rustig en helder in de raad, tot de motie van de oppositie"


def _prepare():
    coach = with_totp(UserFactory(role="coach", first_name="Henk", last_name="Bakker"))
    wethouder = UserFactory(role="wethouder", first_name="Joris", last_name="Smit")
    today = timezone.localdate()
    trajectory = trajectory_between(
        coach, wethouder, klik_on=today - datetime.timedelta(days=150), observation_settings=("council",)
    )
    start = datetime.datetime.combine(trajectory.klik_on + datetime.timedelta(days=7), datetime.time(12))
    with time_machine.travel(start.replace(tzinfo=datetime.UTC), tick=False):
        scores = dict.fromkeys(mirror.KEYS, 2) | {"fallback_directing": 5, "partner_dialogue": 1}
        services.take_mirror(trajectory, moment="start", scores=scores, by=wethouder)
    observation = trajectory.appointments.filter(kind="observation", on__lte=today).order_by("on").first()
    held_at = datetime.datetime.combine(observation.on, datetime.time(20), tzinfo=datetime.UTC)
    log_observation(observation, held_at=held_at, minutes=150, observed=OBSERVED, feedback="", by=coach)
    return coach, wethouder, trajectory, observation


def test_mirror_krachtenveld_and_observation_analysis(new_page, a11y):
    coach, wethouder, trajectory, observation = _prepare()
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva"))

    # The wethouder takes the interim mirror and shares it with the coach.
    page = new_page()
    sign_in(page, wethouder)
    page.goto(f"/coaching/trajecten/{trajectory.pk}/")
    page.get_by_role("link", name="Leiderschapsspiegel").click()
    a11y.check(page, "mirror, start only")
    page.get_by_role("link", name="Vul de spiegel in: tussenevaluatie").click()
    page.get_by_role("button", name="Mijn spiegel opslaan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    a11y.check(page, "mirror form with errors")
    for key in mirror.KEYS:
        value = 4 if key.startswith(("ease", "partner")) else 3
        page.locator(f"input[name={key}][value='{value}']").check()
    page.get_by_role("button", name="Mijn spiegel opslaan").click()
    expect(page.get_by_test_id("mirror-ease")).to_contain_text("+2")
    page.get_by_role("button", name="Delen met mijn coach").click()
    expect(page.get_by_test_id("mirror-shared")).to_be_visible()
    a11y.check(page, "mirror with two moments")
    screenshot(page, "mirror")

    # The wethouder answers the observation report and tags a moment.
    page.goto(f"/instrumenten/observaties/{observation.pk}/")
    expect(page.get_by_test_id("observed")).to_contain_text(OBSERVED)
    page.get_by_label("Uw reflectie op deze vergadering").fill("Bij de motie schoot ik in de verdediging.")
    page.get_by_role("button", name="Mijn reflectie opslaan").click()
    expect(page.get_by_test_id("reflection")).to_contain_text("in de verdediging")
    page.get_by_label("Het moment").fill("Reactie op de motie van de oppositie")
    page.get_by_label("Rol", exact=True).select_option("directing")
    page.get_by_role("button", name="Dit moment labelen").click()
    expect(page.get_by_test_id("tags")).to_contain_text("Reactie op de motie")
    a11y.check(page, "answered observation report")
    screenshot(page, "observation-analysis")
    sign_out(page)

    # The coach maps the krachtenveld in two versions and compares them.
    sign_in(page, coach)
    page.goto(f"/instrumenten/traject/{trajectory.pk}/krachtenveld/")
    a11y.check(page, "empty krachtenveld")
    for kind, name, influence, stance, relationship in (
        ("faction", "Fractie Lokaal Belang", "4", "-1", "strained"),
        ("mayor", "Burgemeester", "5", "2", "good"),
        ("press", "Dagblad van het Noorden", "3", "0", "workable"),
    ):
        page.get_by_label("Soort").select_option(kind)
        page.get_by_label("Naam").fill(name)
        page.get_by_label("Invloed").select_option(influence)
        page.get_by_label("Houding tegenover uw agenda").select_option(stance)
        page.get_by_label("Verhouding").select_option(relationship)
        page.get_by_role("button", name="Toevoegen aan de kaart").click()
        expect(page.get_by_test_id("map-table")).to_contain_text(name)
    page.get_by_role("button", name="Begin een nieuwe versie").click()
    page.get_by_test_id("map-table").get_by_role("link", name="Fractie Lokaal Belang").click()
    page.get_by_label("Houding tegenover uw agenda").select_option("1")
    page.get_by_label("Verhouding").select_option("workable")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_label("Vergelijken met").select_option("1")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_test_id("changes")).to_contain_text("Fractie Lokaal Belang")
    expect(page.get_by_test_id("map-compared")).to_be_visible()
    a11y.check(page, "two versions of the krachtenveld compared")
    screenshot(page, "krachtenveld")

    # The coach sees the shared mirror and the analysis of governing style.
    page.goto(f"/instrumenten/traject/{trajectory.pk}/spiegel/")
    expect(page.get_by_test_id("mirror-shared-with-you")).to_be_visible()
    page.goto(f"/instrumenten/traject/{trajectory.pk}/")
    expect(page.get_by_test_id("analysis-roles")).to_contain_text("Regierol")
    a11y.check(page, "instruments overview")
    sign_out(page)

    # A coordinator reaches none of it.
    sign_in(page, coordinator)
    for url in (
        f"/instrumenten/traject/{trajectory.pk}/",
        f"/instrumenten/traject/{trajectory.pk}/krachtenveld/",
        f"/instrumenten/traject/{trajectory.pk}/spiegel/",
        f"/instrumenten/observaties/{observation.pk}/",
    ):
        assert page.goto(url).status == 404
