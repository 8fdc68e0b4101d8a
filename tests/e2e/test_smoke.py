from tests.e2e.conftest import screenshot


def test_landing_page_renders_in_dutch_without_accessibility_violations(new_page, a11y):
    page = new_page()
    page.goto("/")
    assert page.locator("h1").inner_text() == "Coaching voor nieuwe wethouders door ervaren oud-bestuurders"
    a11y.check(page, "landing")
    screenshot(page, "landing")
