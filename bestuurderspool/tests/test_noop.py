import pytest
from django.urls import reverse


@pytest.mark.parametrize("persona", ["wethouder", "coach", "coordinator"])
def test_the_noop_page_answers_every_signed_in_role(persona, request, client_for, django_assert_max_num_queries):
    client = client_for(request.getfixturevalue(persona))
    with django_assert_max_num_queries(6):
        response = client.get(reverse("noop"))
    assert (response.status_code, response.content) == (200, b"ok")


def test_the_noop_page_needs_a_signed_in_user(client_for, db):
    response = client_for(None).get(reverse("noop"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
