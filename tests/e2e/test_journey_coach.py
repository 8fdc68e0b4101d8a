"""Journey 3: the coach plans the trajectory, logs a session with private notes and a shared
summary, and writes an observation report. The wethouder sees the summary and the report, not
the private notes; the coordinator sees neither. A proposal to move shows in the timeline."""

import datetime
import io

from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.models import Appointment, CoachProfile
from coaching.tests.factories import FormerRoleFactory, municipality, trajectory_between
from tests.e2e.conftest import confirm, expect_error_summary, screenshot, sign_in, sign_out
from tests.e2e.viewport import assert_fits_a_phone

PRIVATE = "Twijfelt of de fractie achter haar staat"
SUMMARY = "We oefenden het interruptiedebat"
OBSERVED = "Rustig en helder in de raad, tot de motie van de oppositie"
INTRODUCTION = "Twaalf jaar wethouder in Deventer. Ik luister eerst, en vraag dan door."
MOVE_REASON = "Die dag is er een extra raadsvergadering over de begroting"


def portrait_png() -> bytes:
    """A drawn head and shoulders, standing in for a portrait."""
    image = Image.new("RGB", (480, 480), (214, 228, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 300, 390, 620), fill=(40, 80, 120))
    draw.ellipse((160, 90, 320, 270), fill=(226, 190, 160))
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def check_page(page, a11y, label: str) -> None:
    a11y.check(page, label)
    assert_fits_a_phone(page, label)


def local_input(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_coach_plans_logs_and_reports_and_only_the_right_people_read_it(new_page, a11y):
    coach = with_totp(UserFactory(role="coach", first_name="Henk", last_name="Bakker"))
    wethouder = UserFactory(role="wethouder", first_name="Joris", last_name="Smit")
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva"))
    today = timezone.localdate()
    trajectory = trajectory_between(
        coach, wethouder, klik_on=today - datetime.timedelta(days=10), observation_settings=("council",)
    )
    url = f"/coaching/trajecten/{trajectory.pk}/"
    CoachProfile.objects.filter(user=coach).update(phone="06 12345678")
    FormerRoleFactory(coach=coach.coach_profile, municipality=municipality("Deventer"), description="Financiën")
    FormerRoleFactory(coach=coach.coach_profile, background="ex_raadslid", municipality=municipality("Zwolle"),
                      start_year=2002, end_year=2010)  # fmt: skip

    page = new_page()
    sign_in(page, coach)
    page.goto(url)
    a11y.check(page, "trajectory page for the coach")

    # Plan: 9 sessions is refused with the reason, then 7 over 10 months.
    page.locator("details:has(#id_sessions) summary").click()
    page.locator("#id_sessions").fill("9")
    page.locator("#id_months").fill("10")
    page.locator("#id_first_session").fill(str(today - datetime.timedelta(days=3)))
    page.locator("form[action$='/plan/'] button[type=submit]").click()
    expect_error_summary(page, "Een traject heeft tussen 5 en 8 sessies.")
    expect(page.locator("#id_months")).to_have_value("10")
    a11y.check(page, "plan with errors")
    screenshot(page, "error-summary")
    page.locator("#id_sessions").fill("7")
    page.locator("form[action$='/plan/'] button[type=submit]").click()
    expect(page.get_by_test_id("confirm-happens")).to_contain_text("7 sessies over 10 maanden")
    assert trajectory.appointments.filter(kind="session").count() == 6
    confirm(page, a11y, "plan: confirmation")
    expect(page.get_by_text("Het plan is opgeslagen.")).to_be_visible()
    assert trajectory.appointments.filter(kind="session").count() == 7

    # The first session now lies three days back: the home lists it to log, one click from its form.
    session = trajectory.appointments.filter(kind="session").order_by("on").first()
    page.goto("/")
    to_log = page.get_by_test_id("appointments-to-log").get_by_role("link")
    expect(to_log.first).to_contain_text("Vastleggen: Coachgesprek van")
    expect(page.get_by_test_id("next-appointments").get_by_role("link").first).to_be_visible()
    check_page(page, a11y, "coach home")
    screenshot(page, "coach-home")
    to_log.first.click()
    page.wait_for_url(f"**/coaching/afspraken/{session.pk}/#log-heading")

    # Log the first session.
    page.locator("#id_held_at").fill(local_input(timezone.now() + datetime.timedelta(days=2)))
    page.locator("#id_minutes").fill("80")
    page.locator("input[name=mode][value=in_person]").check()
    page.locator("input[name=themes][value=council]").check()
    page.locator("#id_private_notes").fill(PRIVATE)
    page.locator("#id_shared_summary").fill(SUMMARY)
    page.locator("form[action$='/verslag/'] button[type=submit]").click()
    expect_error_summary(page, "Een gesprek kunt u pas vastleggen nadat het heeft plaatsgevonden.")
    expect(page.locator("#id_private_notes")).to_have_value(PRIVATE)
    a11y.check(page, "session log with errors")
    page.locator("#id_held_at").fill(local_input(timezone.now() - datetime.timedelta(days=3, hours=2)))
    page.locator("form[action$='/verslag/'] button[type=submit]").click()
    expect(page.get_by_test_id("private-notes")).to_contain_text(PRIVATE)

    # Write the observation report.
    observation = trajectory.appointments.get(kind="observation")
    page.goto(f"/coaching/afspraken/{observation.pk}/")
    page.locator("#id_held_at").fill(local_input(timezone.now() - datetime.timedelta(days=1)))
    page.locator("#id_minutes").fill("150")
    page.locator("#id_observed").fill(OBSERVED)
    page.locator("#id_feedback").fill("Neem een pauze voor u antwoordt.")
    a11y.check(page, "observation report")
    page.locator("form[action$='/verslag/'] button[type=submit]").click()
    expect(page.get_by_test_id("progress")).to_have_text("1 van 7 gesprekken gehouden")
    a11y.check(page, "trajectory page after logging")
    screenshot(page, "trajectory-coach")
    assert Appointment.objects.filter(trajectory=trajectory, status="held").count() == 2

    # Mijn agenda: the appointments themselves, dates written out, besides the feed address.
    page.get_by_role("link", name="Mijn agenda", exact=True).click()
    upcoming = page.get_by_test_id("upcoming-heading").locator("li")
    expect(upcoming.first).to_contain_text("Joris Smit")
    assert upcoming.count() == trajectory.appointments.filter(status="planned", on__gte=today).count()
    check_page(page, a11y, "coach calendar")
    screenshot(page, "coach-agenda")

    # The introduction and photo a wethouder sees once the coach accepted: checked by content.
    page.goto("/")
    page.get_by_role("link", name="Mijn kennismakingstekst en foto").click()
    page.get_by_label("Uw kennismakingstekst voor de wethouder").fill(INTRODUCTION)
    page.get_by_label("Foto (niet verplicht)").set_input_files(
        files=[{"name": "portret.jpg", "mimeType": "image/jpeg", "buffer": b"geen foto"}]
    )
    page.get_by_role("button", name="Mijn kennismakingstekst opslaan").click()
    expect_error_summary(page, "Dit bestand is geen foto die we kunnen lezen.")
    expect(page.get_by_label("Uw kennismakingstekst voor de wethouder")).to_have_value(INTRODUCTION)
    check_page(page, a11y, "introduction with errors")
    page.get_by_label("Foto (niet verplicht)").set_input_files(
        files=[{"name": "portret.png", "mimeType": "image/png", "buffer": portrait_png()}]
    )
    page.get_by_role("button", name="Mijn kennismakingstekst opslaan").click()
    expect(page.get_by_text("Uw kennismakingstekst is opgeslagen.")).to_be_visible()
    expect(page.get_by_test_id("coach-introduction")).to_have_text(INTRODUCTION)
    check_page(page, a11y, "introduction")
    screenshot(page, "coach-introduction")
    sign_out(page)

    sign_in(page, wethouder)
    # Home: where things stand, and the coach card with photo, introduction and contact details.
    expect(page.get_by_test_id("stage")).to_contain_text("Uw traject met Henk Bakker loopt: 1 van 7 gesprekken")
    card = page.get_by_test_id("coach-card")
    expect(card.get_by_test_id("coach-introduction")).to_have_text(INTRODUCTION)
    expect(card.get_by_test_id("contact-details")).to_contain_text(coach.email)
    expect(card.get_by_test_id("contact-details")).to_contain_text("06 12345678")
    expect(card).to_contain_text("Oud-wethouder Deventer (2010–2018): Financiën")
    assert card.locator("img").evaluate("(img) => img.complete && img.naturalWidth") == 480
    check_page(page, a11y, "wethouder home with the coach card")
    screenshot(page, "coach-card")
    page.get_by_role("link", name="Meldingen", exact=True).click()
    expect(page.get_by_test_id("notifications").get_by_role("link")).to_have_text(
        ["Uw coach heeft een observatieverslag geschreven", "Uw coach heeft een samenvatting van een gesprek gedeeld"]
    )
    check_page(page, a11y, "wethouder notifications")
    page.goto(url)
    expect(page.get_by_test_id("shared-summary")).to_contain_text(SUMMARY)
    expect(page.get_by_test_id("observation-report")).to_contain_text(OBSERVED)
    expect(page.get_by_text(PRIVATE)).to_have_count(0)
    expect(page.get_by_test_id("private-notes")).to_have_count(0)
    a11y.check(page, "trajectory page for the wethouder")
    screenshot(page, "trajectory-wethouder")
    page.goto(f"/coaching/afspraken/{session.pk}/")
    expect(page.get_by_text(PRIVATE)).to_have_count(0)

    # The wethouder proposes to move the next session (no direct move); the coach agrees at home.
    ahead = trajectory.appointments.filter(kind="session", status="planned", on__gt=today).order_by("on").first()
    new_day = ahead.on + datetime.timedelta(days=7)
    page.goto(f"/coaching/afspraken/{ahead.pk}/")
    expect(page.locator("form[action$='/verzetten/']")).to_have_count(0)
    expect(page.get_by_role("heading", name="Verzetten voorstellen")).to_be_visible()
    page.locator("#id_move-on").fill(str(new_day))
    page.locator("#id_move-start_time").fill("16:00")
    page.locator("#id_move-location").fill("Stadhuis, kamer 2")
    page.locator("form[action$='/verzetten/voorstellen/'] button[type=submit]").click()
    expect_error_summary(page, "Dit veld is verplicht.")
    expect(page.locator("#id_move-location")).to_have_value("Stadhuis, kamer 2")
    check_page(page, a11y, "move proposal with errors")
    page.locator("#id_move-reason").fill(MOVE_REASON)
    page.locator("form[action$='/verzetten/voorstellen/'] button[type=submit]").click()
    expect(page.get_by_test_id("open-move-proposal")).to_contain_text(MOVE_REASON)
    check_page(page, a11y, "the wethouder's open move proposal")
    page.goto(url)
    with translation.override("nl"):
        badge = f"Verzetten voorgesteld naar {date_filter(new_day, 'j F Y')}"
    expect(page.get_by_test_id(f"appointment-{ahead.pk}").get_by_test_id("move-proposed")).to_have_text(badge)
    check_page(page, a11y, "trajectory page with an open move proposal")
    sign_out(page)

    sign_in(page, coach)
    proposals = page.get_by_test_id("home-move-proposals")
    expect(proposals).to_contain_text(MOVE_REASON)
    check_page(page, a11y, "coach home with a move proposal")
    screenshot(page, "coach-move-proposal")
    proposals.get_by_role("button", name="Akkoord en verzetten").click()
    expect(page.get_by_text("Akkoord: de afspraak is verzet.")).to_be_visible()
    ahead.refresh_from_db()
    assert (ahead.on, ahead.location) == (new_day, "Stadhuis, kamer 2")
    expect(page.get_by_test_id("history")).to_contain_text(MOVE_REASON)
    check_page(page, a11y, "appointment moved as proposed")
    sign_out(page)

    sign_in(page, coordinator)
    page.goto(f"/coaching/afspraken/{ahead.pk}/")
    expect(page.get_by_test_id("history")).to_be_visible()
    expect(page.get_by_text(MOVE_REASON)).to_have_count(0)
    page.goto(url)
    expect(page.get_by_test_id("progress")).to_have_text("1 van 7 gesprekken gehouden")
    for text in (PRIVATE, SUMMARY, OBSERVED):
        expect(page.get_by_text(text)).to_have_count(0)
    a11y.check(page, "trajectory page for the coordinator")

    # Ending asks first; "No, go back" changes nothing, confirming ends it.
    for confirmed in (False, True):
        page.locator("details:has(input[name=outcome]) summary").click()
        page.locator("input[name=outcome][value=completed]").check()
        page.locator("form[action$='/afsluiten/'] button[type=submit]").click()
        expect(page.get_by_test_id("confirm-told")).to_contain_text("Henk Bakker en Joris Smit krijgen een e-mail.")
        if confirmed:
            screenshot(page, "confirm-end-trajectory")
            confirm(page, a11y, "end the trajectory: confirmation")
        else:
            page.get_by_role("link", name="Nee, ga terug").click()
            expect(page.get_by_test_id("trajectory-state")).to_have_text("Actief")
    expect(page.get_by_test_id("trajectory-state")).to_have_text("Afgerond")
    expect(page.get_by_test_id("pace")).to_contain_text("Dit traject is beëindigd op")
    page.goto("/coaching/trajecten/")
    a11y.check(page, "trajectory overview")
