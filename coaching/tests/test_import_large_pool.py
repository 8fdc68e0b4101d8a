"""Large pool files: limits with a clear message instead of a 500, and files of more than 500
lines imported by a worker (every row checked before the first is saved), with a page that shows
how far it is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bestuurderspool.accounts.models import User
from coaching.csv_pool import parse_pool_csv
from coaching.models import CoachProfile, PoolImport
from coaching.selectors.pool import import_progress
from coaching.services.pool import ImportRefused, check_pool, import_pool, save_rows
from coaching.services.pool_imports import progress_recorder, queue_pool_import, run_pool_import
from coaching.tests.test_import_coaches import GOOD, HEADER, csv_text


def coach_line(n: int) -> str:
    return f"c{n:05d}@example.nl,Anna{n},Jansen,Zwolle,female,CDA,nl,2,council;media,mon_morning,yes,active,,,,\n"


def big_file(rows: int, *, bad_line: int | None = None) -> str:
    lines = [coach_line(n) for n in range(rows)]
    if bad_line is not None:
        lines[bad_line - 2] = lines[bad_line - 2].replace(",2,", ",99,")
    return HEADER + "".join(lines)


def upload(client, content: str, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            "/coaching/pool/import/", {"file": SimpleUploadedFile("pool.csv", content.encode(), "text/csv")}
        )


def test_a_cell_over_131072_characters_gets_a_clear_message_not_a_500(client, coordinator):
    content = HEADER + GOOD[0] + "x@example.nl,X,Y,Zwolle,,,,1,,,,,,," + '"' + "a" * 140_000 + '"\n'
    client.force_login(coordinator)
    response = client.post(
        "/coaching/pool/import/", {"file": SimpleUploadedFile("pool.csv", content.encode(), "text/csv")}
    )
    assert response.status_code == 400
    errors = [(e.line, e.column, e.message) for e in response.context["errors"]]
    assert errors == [
        (
            3,
            "",
            "Deze regel is niet te lezen: een cel is langer dan 2000 tekens of een aanhalingsteken "
            "wordt niet gesloten.",
        )
    ]
    assert CoachProfile.objects.count() == 0


def test_a_cell_over_the_limit_is_named_by_line_and_column(db):
    content = csv_text(
        GOOD[0], GOOD[1].replace("ex_burgemeester:Oss:2005-2017", "ex_burgemeester:Oss:2005-2017;" + "x" * 2_001)
    )
    with pytest.raises(ImportRefused) as refused:
        import_pool(content)
    assert [(e.line, e.column, e.message) for e in refused.value.errors] == [
        (3, "former_roles", "Deze cel is langer dan 2000 tekens.")
    ]
    assert CoachProfile.objects.count() == 0


def test_more_than_10000_coaches_are_refused(db):
    _rows, errors = parse_pool_csv(big_file(10_001))
    assert [(e.line, e.message) for e in errors] == [(10_002, "Een bestand bevat hoogstens 10000 coaches.")]


@pytest.fixture
def threshold(settings):
    """The default is 500 coaches; a smaller threshold keeps these tests quick."""
    settings.POOL_IMPORT_BACKGROUND_ROWS = 20
    return 20


def test_the_default_threshold_is_500_coaches_saved_in_batches_of_100(settings):
    assert (settings.POOL_IMPORT_BACKGROUND_ROWS, settings.POOL_IMPORT_BATCH_ROWS) == (500, 100)


def test_a_small_file_is_still_imported_during_the_request(
    client, coordinator, threshold, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = upload(client, big_file(threshold), django_capture_on_commit_callbacks)
    assert (response.status_code, response["Location"]) == (302, "/coaching/pool/")
    assert (CoachProfile.objects.count(), PoolImport.objects.count()) == (threshold, 0)


def test_10000_rows_with_one_bad_row_import_nothing_in_the_background(
    client, coordinator, django_capture_on_commit_callbacks
):
    content = big_file(10_000, bad_line=9_000)
    assert 960_000 < len(content.encode()) < 1_000_000
    client.force_login(coordinator)
    response = upload(client, content, django_capture_on_commit_callbacks)
    pool_import = PoolImport.objects.get()
    assert response["Location"] == f"/coaching/pool/import/{pool_import.pk}/"
    assert (pool_import.status, pool_import.content, pool_import.lines) == ("refused", "", 10_001)
    assert pool_import.errors == [
        {"line": 9_000, "column": "capacity", "message": "De capaciteit moet een geheel getal van 0 tot 10 zijn."}
    ]
    assert (CoachProfile.objects.count(), User.objects.filter(role="coach").count()) == (0, 0)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Het bestand is geweigerd: 1 probleem. Er is niets geïmporteerd." in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()


def test_a_large_file_is_imported_in_the_background_and_the_page_shows_the_outcome(
    client, coordinator, threshold, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = upload(client, big_file(threshold + 1), django_capture_on_commit_callbacks)
    pool_import = PoolImport.objects.get()
    assert response["Location"] == f"/coaching/pool/import/{pool_import.pk}/"
    assert (pool_import.status, pool_import.created, pool_import.updated, pool_import.content) == ("done", 21, 0, "")
    assert CoachProfile.objects.count() == 21
    assert "Geïmporteerd: 21 nieuw, 0 bijgewerkt." in client.get(response["Location"]).content.decode()


def test_a_running_import_shows_its_progress_and_refreshes_itself(client, coordinator):
    pool_import = PoolImport.objects.create(content=big_file(600), lines=601, by=coordinator)
    PoolImport.objects.filter(pk=pool_import.pk).update(status="running")
    progress_recorder(pool_import.pk)("writing", 300, 600)
    client.force_login(coordinator)
    page = client.get(f"/coaching/pool/import/{pool_import.pk}/")
    content = page.content.decode()
    assert page.context["progress"] == {"phase": "writing", "done": 300, "total": 600, "percent": 50}
    assert '<meta http-equiv="refresh" content="5">' in content
    assert "Opslaan: coach 300 van 600." in content
    assert f'href="/coaching/pool/import/{pool_import.pk}/"' in content


def test_the_task_gets_an_id_and_runs_once(coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pool_import = queue_pool_import(big_file(21), by=coordinator)
    assert len(callbacks) == 1
    run_pool_import(pool_import.pk)
    run_pool_import(pool_import.pk)  # a task delivered twice
    pool_import.refresh_from_db()
    assert (pool_import.status, pool_import.created, pool_import.updated) == ("done", 21, 0)
    assert import_progress(pool_import) is None


@pytest.mark.parametrize("persona", [None, "wethouder", "coach"])
def test_only_coordinators_see_an_import(client, db, request, coordinator, persona):
    pool_import = PoolImport.objects.create(content="x", lines=1, by=coordinator)
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/coaching/pool/import/{pool_import.pk}/")
    assert response.status_code == (302 if persona is None else 403)
    client.force_login(coordinator)
    assert client.get(f"/coaching/pool/import/{pool_import.pk + 1}/").status_code == 404


def test_new_coaches_of_a_batch_are_saved_in_as_many_statements_as_one_coach(
    coordinator, django_capture_on_commit_callbacks
):
    def statements(rows: int) -> int:
        checked = check_pool(HEADER + "".join(coach_line(n) for n in range(rows)))
        batch = [row for row in checked if not User.objects.filter(email=row.email).exists()]
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as mails:
            assert save_rows(batch, by=coordinator) == len(batch)
        assert len(mails) == len(batch)
        return len(queries)

    assert statements(1) == statements(100)
    assert CoachProfile.objects.count() == 100


def test_known_coaches_of_a_batch_are_updated_in_as_many_statements_as_one_coach(coordinator):
    rows = check_pool(HEADER + "".join(coach_line(n) for n in range(100)))
    save_rows(rows, by=coordinator)
    changed = check_pool(
        HEADER + "".join(coach_line(n).replace(",2,council;media,", ",3,council,") for n in range(100))
    )

    def statements(batch) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert save_rows(batch, by=coordinator) == 0
        return len(queries)

    assert statements(changed[:1]) == statements(changed)
    assert set(CoachProfile.objects.values_list("capacity", flat=True)) == {3}
    assert {tuple(themes) for themes in CoachProfile.objects.values_list("themes", flat=True)} == {("council",)}
    assert CoachProfile.objects.count() == 100
