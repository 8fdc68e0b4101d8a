import pytest

from bestuurderspool.accounts.tests.factories import PASSWORD, UserFactory


def test_wethouder_login_lands_on_wethouder_home(client, wethouder):
    response = client.post("/accounts/login/", {"login": wethouder.email, "password": PASSWORD}, follow=True)
    assert response.templates[0].name == "home/wethouder.html"
    assert response.context["user"] == wethouder


@pytest.mark.parametrize(
    ("persona", "template"),
    [
        ("wethouder", "home/wethouder.html"),
        ("coach", "home/coach.html"),
        ("coordinator", "home/coordinator.html"),
        ("sponsor", "home/sponsor.html"),
    ],
)
def test_each_role_has_its_own_home(client, db, request, persona, template):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/")
    assert response.templates[0].name == template


def test_anonymous_visitor_sees_landing_page(client, db):
    response = client.get("/")
    assert response.templates[0].name == "home/landing.html"
    assert "Account aanmaken als wethouder" in response.content.decode()


def test_header_shows_user_and_role(client, coach):
    client.force_login(coach)
    content = client.get("/").content.decode()
    assert str(coach) in content
    assert "Coach" in content


def test_unverified_email_reaches_no_data(client, db):
    user = UserFactory(role="wethouder", verified_email=False)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/").templates[0].name == "home/landing.html"
    # An account that is somehow signed in without a verified address is signed out at once.
    client.force_login(user)
    response = client.get("/")
    assert response["Location"] == "/accounts/login/"
    assert client.get("/").templates[0].name == "home/landing.html"


def test_a_sponsor_opens_no_page_of_another_role(client, sponsor):
    """Every URL of the portal, visited as a sponsor: nothing breaks on the role, and besides the
    home only the pages every signed-in person has answer (the assignment is in tracks' tests)."""
    from bestuurderspool.tests.urlwalk import walk

    client.force_login(sponsor)
    opened = set()
    for route in walk():
        if route.path.startswith(("/accounts/", "/admin/")) or route.name == "health":
            continue  # allauth's own pages, Django's admin, and the monitors' check of the broker
        status = client.get(route.path).status_code
        assert status < 500, route
        if status == 200:
            opened.add(route.path)
    own = {"/", "/meldingen/", "/meldingen/instellingen/", "/mijn-account/", "/health/noop/"}
    assert opened == own | {"/privacy/", "/toegankelijkheid/"}
