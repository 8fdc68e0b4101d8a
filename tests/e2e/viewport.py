"""Layout checks for the journeys."""

from tests.e2e.conftest import DESKTOP, PHONE


def assert_fits_a_phone(page, label: str) -> None:
    """At 375 px nothing makes the page scroll sideways."""
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size(DESKTOP)
    assert overflow <= 0, f"{label}: {overflow}px wider than a 375px screen"
