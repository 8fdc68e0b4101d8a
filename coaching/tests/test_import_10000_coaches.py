"""A national pool of 10,000 coaches (the most a file may hold) imported end to end: uploaded,
queued, imported by the task in batches (eagerly, as the test suite and CI run Celery), every
coach saved and invited exactly once, and the status page as cheap as for a small file. The wall
time on the development machine is in the README (Benchmarks)."""

from collections import Counter

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bestuurderspool.accounts.models import Invitation, User
from coaching.models import CoachProfile, PoolImport
from coaching.tests.test_import_large_pool import big_file, coach_line

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ROWS = 10_000


def status_page_queries(client, pool_import) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/coaching/pool/import/{pool_import.pk}/")
    assert response.status_code == 200
    return len(queries)


def test_10000_coaches_are_imported_once_each_through_the_upload_and_the_task(
    client, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    response = client.post(
        "/coaching/pool/import/", {"file": SimpleUploadedFile("pool.csv", big_file(ROWS).encode(), "text/csv")}
    )
    pool_import = PoolImport.objects.get()
    assert response["Location"] == f"/coaching/pool/import/{pool_import.pk}/"
    assert (pool_import.status, pool_import.created, pool_import.updated) == ("done", ROWS, 0)
    assert (pool_import.rows_done, pool_import.attempt, pool_import.errors, pool_import.content) == (ROWS, 1, [], "")

    emails = sorted(coach_line(n).split(",")[0] for n in range(ROWS))
    assert sorted(User.objects.filter(role="coach").values_list("email", flat=True)) == emails
    assert CoachProfile.objects.count() == ROWS
    assert sorted(Invitation.objects.values_list("user__email", flat=True)) == emails
    assert Counter(to for message in mail.outbox for to in message.to) == dict.fromkeys(emails, 1)

    small = PoolImport.objects.create(lines=2, by=coordinator, status="done", created=1, rows_done=1)
    with django_assert_max_num_queries(8):
        large_page = client.get(response["Location"])
    assert "Geïmporteerd: 10000 nieuw, 0 bijgewerkt." in large_page.content.decode()
    assert status_page_queries(client, pool_import) == status_page_queries(client, small)
