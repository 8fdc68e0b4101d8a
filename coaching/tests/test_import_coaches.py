import csv
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from bestuurderspool.accounts.models import User
from coaching.csv_pool import export_pool_csv
from coaching.models import CoachProfile, ConflictOfInterest, FormerRole
from coaching.selectors.pool import pool_for_export
from coaching.services.pool import ImportRefused, import_pool

HEADER = (
    "email,first_name,last_name,home_municipality,gender,party,languages,capacity,themes,availability,"
    "observes,status,paused_until,former_roles,conflict_municipalities,conflict_people\n"
)
GOOD = [
    "henk@example.nl,Henk,Bakker,Zwolle,male,CDA,nl;en,3,council;media,mon_morning,yes,active,,"
    "ex_wethouder:Deventer:2010-2018;ex_gedeputeerde:Overijssel:2019-,Kampen,Jan Jansen <jan@example.nl>\n",
    "greet@example.nl,Greet,Smit,Den Bosch,female,Lokaal Belang,nl,2,threats,tue_evening,no,paused,2027-03-01,"
    "ex_burgemeester:Oss:2005-2017,,\n",
]


def csv_text(*rows):
    return HEADER + "".join(rows)


def snapshot():
    return (
        User.objects.count(),
        list(CoachProfile.objects.order_by("pk").values()),
        FormerRole.objects.count(),
        ConflictOfInterest.objects.count(),
    )


def test_import_creates_coaches_with_roles_and_conflicts(db):
    assert import_pool(csv_text(*GOOD)) == {"created": 2, "updated": 0}
    henk = CoachProfile.objects.get(user__email="henk@example.nl")
    assert (henk.home_municipality.name, henk.party.short_name, henk.capacity, henk.themes) == (
        "Zwolle",
        "CDA",
        3,
        ["council", "media"],
    )
    assert sorted(str(r) for r in henk.former_roles.all()) == ["Oud-gedeputeerde Overijssel", "Oud-wethouder Deventer"]
    assert sorted((c.municipality_id is not None, c.person_email) for c in henk.conflicts.all()) == [
        (False, "jan@example.nl"),
        (True, ""),
    ]
    greet = CoachProfile.objects.get(user__email="greet@example.nl")
    assert (greet.home_municipality.name, greet.local_party, greet.status) == (
        "'s-Hertogenbosch",
        "Lokaal Belang",
        "paused",
    )


def test_import_is_all_or_nothing_and_reports_every_refused_row(db):
    bad = [
        "x@example.nl,X,Y,Atlantis,,,,2,,,,,,,,\n",
        "z@example.nl,Z,Y,Utrecht,,,,veel,,,,,,,,\n",
        "henk@example.nl,Henk,Dubbel,Utrecht,,,,2,,,,,,,,\n",
    ]
    before = snapshot()
    with pytest.raises(ImportRefused) as refused:
        import_pool(csv_text(*GOOD, *bad))
    assert [(e.line, e.column) for e in refused.value.errors] == [
        (4, "home_municipality"),
        (5, "capacity"),
        (6, "email"),
    ]
    messages = [e.message for e in refused.value.errors]
    assert messages[0] == "Onbekende gemeente „Atlantis”."
    assert "geheel getal van 0 tot 10" in messages[1]
    assert messages[2] == "Het e-mailadres staat ook op regel 2."
    assert snapshot() == before


def test_import_again_updates_by_email_and_never_duplicates(db):
    import_pool(csv_text(*GOOD))
    first = snapshot()
    again = [GOOD[0].replace(",3,", ",4,"), GOOD[1].replace("greet@example.nl", "Greet@Example.NL")]
    assert import_pool(csv_text(*again)) == {"created": 0, "updated": 2}
    assert (User.objects.count(), FormerRole.objects.count()) == (first[0], first[2])
    assert CoachProfile.objects.get(user__email="henk@example.nl").capacity == 4


def test_export_then_import_changes_nothing(db):
    import_pool(csv_text(*GOOD))
    before = snapshot()
    exported = export_pool_csv(pool_for_export())
    assert import_pool(exported) == {"created": 0, "updated": 2}
    after = snapshot()
    assert (after[0], after[2], after[3]) == (before[0], before[2], before[3])
    assert [{k: v for k, v in row.items() if k != "updated_at"} for row in after[1]] == [
        {k: v for k, v in row.items() if k != "updated_at"} for row in before[1]
    ]
    assert export_pool_csv(pool_for_export()) == exported


def test_capacity_below_current_load_is_refused(db):
    import_pool(csv_text(*GOOD))
    CoachProfile.objects.filter(user__email="henk@example.nl").update(active_load=3)
    with pytest.raises(ImportRefused) as refused:
        import_pool(csv_text(GOOD[0].replace(",3,", ",2,")))
    assert [(e.line, e.column) for e in refused.value.errors] == [(2, "capacity")]


def test_email_of_a_wethouder_is_refused(wethouder):
    with pytest.raises(ImportRefused) as refused:
        import_pool(csv_text(f"{wethouder.email},A,B,Utrecht,,,,2,,,,,,,,\n"))
    assert refused.value.errors[0].message == "Dit adres hoort bij een account dat geen coach is."


def test_command_reports_and_exits_nonzero_on_refusal(db, tmp_path):
    path = tmp_path / "pool.csv"
    path.write_text(csv_text("a@example.nl,A,B,Atlantis,,,,2,,,,,,,,\n"), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_coaches", str(path), stderr=err)
    assert "line 2, home_municipality" in err.getvalue()
    path.write_text(csv_text(*GOOD), encoding="utf-8")
    out = io.StringIO()
    call_command("import_coaches", str(path), "--dry-run", stdout=out)
    assert out.getvalue().strip() == "Dry run: would have created 2, updated 0 coaches."
    assert CoachProfile.objects.count() == 0
    call_command("import_coaches", str(path), stdout=out)
    assert CoachProfile.objects.count() == 2


def test_upload_by_coordinator_invites_new_coaches(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("pool.csv", csv_text(*GOOD).encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/coaching/pool/import/", {"file": upload})
    assert response["Location"] == "/coaching/pool/"
    assert sorted(m.to[0] for m in mail.outbox) == ["greet@example.nl", "henk@example.nl"]


def test_upload_with_errors_shows_the_table_and_writes_nothing(client, coordinator):
    client.force_login(coordinator)
    before = snapshot()
    upload = SimpleUploadedFile("pool.csv", csv_text("a@example.nl,A,B,Atlantis,,,,2,,,,,,,,\n").encode())
    response = client.post("/coaching/pool/import/", {"file": upload})
    assert response.status_code == 400
    assert "Onbekende gemeente „Atlantis”." in response.content.decode()
    assert snapshot() == before


def test_upload_of_a_non_text_file_gets_a_clear_message(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/coaching/pool/import/", {"file": SimpleUploadedFile("pool.xlsx", b"\xff\xfe\x00\x81")})
    assert "geen UTF-8-tekst" in response.content.decode()


@pytest.mark.parametrize("persona", ["wethouder", "coach"])
def test_only_coordinators_import_and_export(client, db, request, persona):
    client.force_login(request.getfixturevalue(persona))
    upload = SimpleUploadedFile("pool.csv", csv_text(*GOOD).encode())
    assert client.post("/coaching/pool/import/", {"file": upload}).status_code == 403
    assert client.get("/coaching/pool/export.csv").status_code == 403
    assert CoachProfile.objects.count() == 0


FORMULAS = (
    'mal@example.nl,=HYPERLINK("http://x"),\'=quoted,Zwolle,,-2+3,nl,1,,,no,active,,,,@SUM(1+1)\n',
    "tab@example.nl,Tab,+31 6,Zwolle,,,nl,1,,,no,active,,,,Jan <jan@example.nl>\n",
)


def test_the_pool_export_neutralises_formulas_and_imports_back_unchanged(db):
    import_pool(csv_text(*FORMULAS))
    before = snapshot()
    exported = export_pool_csv(pool_for_export())
    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    assert [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    assert {'\'=HYPERLINK("http://x")', "'=quoted", "'-2+3", "'@SUM(1+1)", "'+31 6"} <= set(cells)
    assert import_pool(exported) == {"created": 0, "updated": 2}
    assert _same_profiles(snapshot(), before)
    profile = CoachProfile.objects.select_related("user").get(user__email="mal@example.nl")
    assert (profile.user.first_name, profile.user.last_name, profile.local_party) == (
        '=HYPERLINK("http://x")',
        "=quoted",  # an apostrophe before a formula means text, as in a spreadsheet
        "-2+3",
    )
    assert list(profile.conflicts.values_list("person_name", flat=True)) == ["@SUM(1+1)"]
    assert export_pool_csv(pool_for_export()) == exported


def _same_profiles(after, before):
    def strip(rows):
        return [{k: v for k, v in row.items() if k != "updated_at"} for row in rows]

    return after[0] == before[0] and strip(after[1]) == strip(before[1]) and after[2:] == before[2:]
