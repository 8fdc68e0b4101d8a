"""Journey 4: a coordinator reads the dashboard on their home page (charts drawn, tables behind
them), narrows the period, reads supply and demand, and plans the next election wave. Every page
checked with axe at 375 px and 1280 px, none scrolls sideways."""

import pytest
from playwright.sync_api import expect

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.tests.factories import CoachProfileFactory, FormerRoleFactory, municipality
from cockpit.models import ForecastSettings
from cockpit.tests.factories import build
from intake.tests.factories import ReadyIntakeFactory, SubmittedIntakeFactory
from tests.e2e.conftest import DESKTOP, PHONE, expect_error_summary, follow_menu, screenshot, sign_in

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def assert_no_sideways_scroll(page, label: str) -> None:
    """At each width, once the charts have followed the new width (Chart.js resizes on the next
    frame), the page is no wider than the window."""
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        for _ in range(30):  # up to 3 seconds
            if page.evaluate(OVERFLOW) <= 0:
                break
            page.wait_for_timeout(100)
        else:
            pytest.fail(f"{label} @ {viewport['width']}px scrolls sideways by {page.evaluate(OVERFLOW)}px")
    page.set_viewport_size(DESKTOP)


def test_coordinator_reads_the_cockpit(new_page, a11y):
    coordinator = with_totp(UserFactory(role="coordinator", first_name="Eva", email="eva@bestuurderspool.nl"))
    build(coordinator, 1)
    for name in ("Maastricht", "Venlo", "Heerlen"):
        ReadyIntakeFactory(municipality=municipality(name), wish_backgrounds=["ex_burgemeester"])
    SubmittedIntakeFactory(municipality=municipality("Middelburg"))
    FormerRoleFactory(coach=CoachProfileFactory(capacity=3), background="ex_burgemeester")

    page = new_page()
    sign_in(page, coordinator)
    expect(page.locator("canvas[data-chart=chart-funnel]")).to_be_visible()
    expect(page.locator("details[data-chart-table]").first).not_to_have_attribute("open", "")
    expect(page.get_by_test_id("waits-table")).to_contain_text("Ingediend → intakegesprek gevoerd")
    a11y.check(page, "dashboard")
    assert_no_sideways_scroll(page, "dashboard")
    screenshot(page, "dashboard")

    page.locator("#id_period").select_option("custom")
    page.locator("#id_start").fill("2026-05-31")
    page.locator("#id_end").fill("2026-05-01")
    page.get_by_test_id("period-form").get_by_role("button").click()
    expect(page.get_by_text("De laatste dag kan niet voor de eerste dag liggen.")).to_be_visible()
    a11y.check(page, "dashboard, a wrong period")
    page.locator("#id_start").fill("2026-04-01")
    page.locator("#id_end").fill("2026-04-30")
    page.get_by_test_id("period-form").get_by_role("button").click()
    expect(page.get_by_test_id("period-shown")).to_contain_text("1 april 2026")

    follow_menu(page, "Rapportage", "Vraag en aanbod")
    expect(page.get_by_test_id("shortages")).to_contain_text(
        "3 intakes wensen een oud-burgemeester in Limburg; 0 vrije plaatsen binnen 60 km"
    )
    a11y.check(page, "supply and demand")
    assert_no_sideways_scroll(page, "supply and demand")

    follow_menu(page, "Rapportage", "Prognose")
    expect(page.locator("canvas[data-chart=chart-forecast]")).to_be_visible()
    expect(page.get_by_test_id("recruiting")).to_contain_text("Werf ")
    a11y.check(page, "forecast")
    assert_no_sideways_scroll(page, "forecast")
    screenshot(page, "forecast")

    page.locator("#id_newcomer_percent").fill("140")
    page.get_by_test_id("forecast-settings").get_by_role("button").click()
    expect_error_summary(page, "Zorg ervoor dat deze waarde hoogstens 100 is.")
    a11y.check(page, "forecast, wrong settings")
    page.locator("#id_newcomer_percent").fill("60")
    page.get_by_test_id("forecast-settings").get_by_role("button").click()
    expect(page.get_by_text("De instellingen van de prognose zijn opgeslagen.")).to_be_visible()
    assert ForecastSettings.current().newcomer_percent == 60

    with page.expect_download() as download:
        page.get_by_test_id("forecast-csv").click()
    assert download.value.suggested_filename == "verkiezingsgolf-prognose.csv"
