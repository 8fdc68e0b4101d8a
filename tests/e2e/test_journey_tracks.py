"""Journey 5: a BLOT cohort from enrolment to the first session. The coordinator defines the
track and its first 24-hour session; a wethouder applies from their home; the coordinator
reads the proposed cohort with its reasons and approves it; the learning manager opens the
group space, writes the group's first agreement and records the attendance."""

from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.tests.factories import CoachProfileFactory, municipality
from tests.e2e.conftest import follow_menu, screenshot, sign_in, sign_out
from tracks import services
from tracks.models import Track


def _waiting_list(track):
    """Two colleagues applied earlier: one from Utrecht, one from Zwolle, where the learning
    manager lives."""
    for first_name, place, party in (("Sanne", "Utrecht", "D66"), ("Pieter", "Zwolle", "VVD")):
        wethouder = UserFactory(role="wethouder", first_name=first_name, last_name="de Vries")
        services.apply_for_track(track, wethouder=wethouder, municipality=municipality(place), party=party)


def test_a_cohort_from_enrolment_to_the_first_session(new_page, a11y):
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva", last_name="Jansen"))
    manager = with_totp(UserFactory(role="coach", first_name="Henk", last_name="Bakker"))
    CoachProfileFactory(user=manager)
    wethouder = UserFactory(role="wethouder", first_name="Joris", last_name="Smit")

    # The coordinator defines the BLOT and its first 24-hour session.
    page = new_page()
    sign_in(page, coordinator)
    follow_menu(page, "Trajecten", "Groepstrajecten")
    page.get_by_role("link", name="Nieuw groepstraject").click()
    page.locator("#id_kind").select_option("blot")
    page.locator("#id_name").fill("BLOT 2027")
    page.locator("#id_starts_on").fill("2027-01-14")
    page.locator("#id_ends_on").fill("2026-10-01")
    page.locator("#id_learning_manager").select_option(str(manager.pk))
    page.locator("#id_guest_colleagues").fill("Jan Jansen, oud-burgemeester")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_ends_on")).to_have_class("dateinput form-control is-invalid")
    a11y.check(page, "track form with errors")
    page.locator("#id_ends_on").fill("2027-10-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_test_id("track-state")).to_have_text("Open voor aanmeldingen")
    page.get_by_role("link", name="Nieuwe sessie").click()
    page.locator("#id_title").fill("Eerste 24-uurssessie")
    page.locator("#id_starts_at").fill("2027-01-14T14:00")
    page.locator("#id_ends_at").fill("2027-01-15T14:00")
    page.locator("#id_venue").fill("Landgoed De Horst, Driebergen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_test_id("track-session")).to_contain_text("vrijdag 15 januari 2027 14:00")
    a11y.check(page, "track detail")
    sign_out(page)
    track = Track.objects.get()
    _waiting_list(track)

    # A wethouder applies from their home.
    sign_in(page, wethouder)
    page.get_by_role("link", name="Meld u aan voor een plaats").click()
    page.get_by_label("Gemeente").select_option(str(municipality("Deventer").pk))
    page.get_by_label("Partij").fill("CDA")
    page.get_by_label("Motivatie (niet verplicht)").fill("Leren van collega's uit heel andere gemeenten.")
    a11y.check(page, "application form")
    screenshot(page, "track-apply")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_test_id("track-application")).to_contain_text(
        "U staat op de wachtlijst van BLOT 2027 (nummer 3)"
    )
    a11y.check(page, "wethouder home with the application")
    sign_out(page)

    # A colleague coordinator (a TOTP code is accepted once) reads the proposal and approves it.
    sign_in(page, with_totp(UserFactory(role="coordinator", first_name="Karin", last_name="Visser")))
    page.goto(f"/groepstrajecten/{track.pk}/samenstellen/")
    rows = page.get_by_test_id("proposal-row")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text="Pieter")).to_contain_text("De leermanager woont in deze gemeente")
    expect(rows.filter(has_text="Joris")).to_contain_text("In de groep")
    a11y.check(page, "cohort proposal")
    screenshot(page, "cohort-proposal")
    page.get_by_role("button", name="Goedkeuren en de deelnemers uitnodigen").click()
    expect(page.get_by_test_id("track-state")).to_have_text("Groep samengesteld")
    expect(page.get_by_test_id("participant")).to_have_count(2)
    sign_out(page)

    # The learning manager opens the group space and records the first session's attendance.
    sign_in(page, manager)
    page.get_by_role("link", name="BLOT 2027").click()
    page.get_by_role("link", name="De groepsruimte").click()
    page.get_by_label("Soort").select_option("agreement")
    page.get_by_label("Titel").fill("Wat hier gezegd wordt, blijft hier")
    page.get_by_label("Tekst").fill("We delen ervaringen, geen namen van anderen.")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_test_id("group-entry")).to_contain_text("blijft hier")
    a11y.check(page, "group space")
    screenshot(page, "track-group-space")
    page.get_by_role("link", name="BLOT 2027").click()
    page.get_by_role("link", name="Aanwezigheid vastleggen").click()
    page.get_by_label("Joris Smit").check()
    a11y.check(page, "attendance form")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_test_id("attendance")).to_contain_text("1 van 2 deelnemers aanwezig")
    a11y.check(page, "track detail with attendance")
    screenshot(page, "track-detail")
