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
