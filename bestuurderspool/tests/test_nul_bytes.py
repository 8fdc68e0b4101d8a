"""A NUL byte in an address or a query parameter answers 404 or a form error, never a 500
(PostgreSQL refuses NUL in text, so it must not reach a query)."""

import pytest

from bestuurderspool.tests.urlwalk import walk

QUERY = "?q=%00&state=%00&next=%00&page=%00&attention=%00&province=%00&older_than_days=%00&check=%00"


def test_a_nul_byte_in_the_calendar_feed_address_is_404_for_anyone(client, db):
    assert client.get("/agenda/%00.ics").status_code == 404
    assert client.get("/agenda/abc%00def.ics").status_code == 404


@pytest.mark.parametrize("persona", [None, "wethouder", "coach", "coordinator"])
def test_no_url_answers_500_to_a_nul_byte(client, db, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    client.raise_request_exception = True
    statuses = {}
    for route in walk():
        if route.path.startswith("/admin/"):
            continue
        for path in (route.path.replace("example", "%00"), route.path + QUERY):
            statuses[path] = client.get(path).status_code
    # /health/ answers 503 by design while beat has not run (as in the tests): not an error page.
    errors = [path for path, status in statuses.items() if status >= 500]
    assert [path for path in errors if not (path.startswith("/health/") and statuses[path] == 503)] == []
