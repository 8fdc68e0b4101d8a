"""Journeys of people invited into a year programme. A coordinator appoints someone new as the
sponsor of a participant's assignment (first with the address of a coach, which is refused on the
field with what was typed kept); the sponsor follows the link in the mail, sets a password, lands on their page with the
assignment, reads it and comments, and reaches nothing else of the programme. A coordinator adds
someone new as a participant (asked for the name first), who sets a password and finds the
programme on their home."""

import re

from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.tests.factories import CoachProfileFactory, municipality
from tests.e2e.conftest import expect_error_summary, follow_menu, sign_in, sign_out
from tracks import services
from tracks.tests.factories import TrackFactory

SPONSOR_EMAIL = "g.griffioen@almere.example.nl"
NEW_PASSWORD = "een-lange-zin-voor-de-sponsor"


def _programme(coordinator, manager):
    """A year programme for Almere with two participants, each with a described assignment."""
    track = TrackFactory(
        kind="year_programme",
        name="Jaarprogramma Almere 2027",
        client_municipality=municipality("Almere"),
        learning_manager=manager,
    )
    applications = []
    for first_name, title in (("Joris", "Ouderen en digitalisering"), ("Sanne", "Kanarie-opdracht van Sanne")):
        participant = UserFactory(role="wethouder", first_name=first_name, last_name="Smit")
        application = services.add_participant(track, email=participant.email, by=coordinator)
        services.describe_assignment(application, title=title, description="Met partners en inwoners", by=participant)
        applications.append(application)
    return track, applications


def _invitation_link(live_server_url: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [SPONSOR_EMAIL]]
    (link,) = re.findall(r"http\S+/uitnodiging/\S+/", message.body)
    assert link.startswith(live_server_url)
    return link


def test_a_new_sponsor_is_invited_sets_a_password_and_sees_their_assignment(new_page, a11y, live_server, settings):
    settings.PORTAL_URL = live_server.url
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva", last_name="Jansen"))
    manager = with_totp(UserFactory(role="coach", first_name="Henk", last_name="Bakker"))
    CoachProfileFactory(user=manager)
    track, (joris, sanne) = _programme(coordinator, manager)

    # The coordinator goes to the programme's sponsors and enters someone new.
    page = new_page()
    sign_in(page, coordinator)
    follow_menu(page, "Trajecten", "Groepstrajecten")
    page.get_by_role("link", name="Jaarprogramma Almere 2027").click()
    page.get_by_role("link", name="Deelnemers en gesprekken met de leidinggevenden").click()
    page.get_by_role("link", name="Sponsors van de opdrachten").click()
    expect(page.locator("#id_organisation")).to_have_value("Gemeente Almere")
    a11y.check(page, "sponsors of the assignments")
    page.locator("#id_application").select_option(str(joris.pk))
    page.locator("#id_first_name").fill("Gert")
    page.locator("#id_last_name").fill("Griffioen")
    page.locator("#id_email").fill(manager.email)
    page.get_by_role("button", name="Aanwijzen").click()
    expect_error_summary(page, "hoort bij het account van een coach")
    expect(page.locator("#id_email")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#id_first_name")).to_have_value("Gert")
    expect(page.locator("#id_last_name")).to_have_value("Griffioen")
    expect(page.locator("#id_application")).to_have_value(str(joris.pk))
    a11y.check(page, "sponsor form with the address of a coach")
    page.locator("#id_email").fill(SPONSOR_EMAIL)
    page.get_by_role("button", name="Aanwijzen").click()
    expect(page.get_by_text("Gert Griffioen heeft een uitnodiging gekregen")).to_be_visible()
    row = page.get_by_test_id("sponsor-row").filter(has_text="Joris Smit")
    expect(row.get_by_test_id("sponsor-status")).to_contain_text("Uitgenodigd; de link is geldig tot")
    expect(row).to_contain_text("Gemeente Almere")
    a11y.check(page, "sponsors page with the invitation sent")
    sign_out(page)

    # The sponsor follows the link in the mail and sets a password.
    sponsor_page = new_page()
    sponsor_page.goto(_invitation_link(live_server.url))
    expect(sponsor_page.get_by_text("U bent uitgenodigd voor de Bestuurderspool als Sponsor.")).to_be_visible()
    expect(sponsor_page.get_by_text("tweestapsverificatie")).to_have_count(0)
    a11y.check(sponsor_page, "the sponsor sets a password")
    sponsor_page.locator("#id_password1").fill(NEW_PASSWORD)
    sponsor_page.locator("#id_password2").fill(NEW_PASSWORD)
    sponsor_page.get_by_role("button", name="Wachtwoord instellen").click()

    # Their page: the assignment they sponsor, and nothing else to go to.
    sponsor_page.wait_for_url(f"{live_server.url}/")
    expect(sponsor_page.locator("h1")).to_have_text("Welkom, Gert")
    expect(sponsor_page.get_by_test_id("sponsored-assignment")).to_have_count(1)
    expect(sponsor_page.get_by_test_id("sponsored-assignment")).to_contain_text("Opdracht van Joris Smit")
    expect(sponsor_page.locator("#main-nav .nav-link")).to_have_text(["Start"])
    a11y.check(sponsor_page, "the sponsor's page")
    sponsor_page.get_by_role("link", name="Opdracht van Joris Smit").click()
    expect(sponsor_page.get_by_test_id("assignment-title")).to_have_text("Ouderen en digitalisering")
    a11y.check(sponsor_page, "the sponsored assignment")
    sponsor_page.locator("#id_text").fill("Neem ook de bibliotheek mee.")
    sponsor_page.get_by_role("button", name="Toevoegen").click()
    expect(sponsor_page.get_by_test_id("assignment-comment")).to_contain_text("Neem ook de bibliotheek mee.")

    # Someone else's assignment and the programme itself are not theirs.
    for path in (reverse("tracks:assignment", args=[sanne.pk]), reverse("tracks:detail", args=[track.pk])):
        response = sponsor_page.goto(path)
        assert response.status == 404, path
        expect(sponsor_page.get_by_text("Kanarie")).to_have_count(0)


PARTICIPANT_EMAIL = "s.visser@almere.example.nl"


def test_someone_new_is_added_to_a_year_programme_and_finds_it_after_setting_a_password(
    new_page, a11y, live_server, settings
):
    settings.PORTAL_URL = live_server.url
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva", last_name="Jansen"))
    manager = with_totp(UserFactory(role="coach", first_name="Henk", last_name="Bakker"))
    CoachProfileFactory(user=manager)
    track, _applications = _programme(coordinator, manager)

    # The coordinator enters the address of someone new, first without the name.
    page = new_page()
    sign_in(page, coordinator)
    page.goto(reverse("tracks:talks", args=[track.pk]))
    page.get_by_label("E-mailadres van de deelnemer").fill(PARTICIPANT_EMAIL)
    page.get_by_role("button", name="Toevoegen").click()
    expect_error_summary(page, "vul de naam in, dan nodigen we de persoon uit")
    expect(page.get_by_label("E-mailadres van de deelnemer")).to_have_value(PARTICIPANT_EMAIL)
    a11y.check(page, "adding a participant without a name")
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("Visser")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("De deelnemer is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("link", name="Opdracht van Sanne Visser")).to_be_visible()
    sign_out(page)

    # The participant follows the link in the mail, sets a password and finds the programme.
    (message,) = [m for m in mail.outbox if m.to == [PARTICIPANT_EMAIL]]
    (link,) = re.findall(r"http\S+/uitnodiging/\S+/", message.body)
    participant = new_page()
    participant.goto(link)
    a11y.check(participant, "the participant sets a password")
    participant.locator("#id_password1").fill(NEW_PASSWORD)
    participant.locator("#id_password2").fill(NEW_PASSWORD)
    participant.get_by_role("button", name="Wachtwoord instellen").click()
    participant.wait_for_url(f"{live_server.url}/")
    expect(participant.locator("main")).to_contain_text("Jaarprogramma Almere 2027")
    a11y.check(participant, "the participant's home")
