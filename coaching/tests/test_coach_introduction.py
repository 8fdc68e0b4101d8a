"""The coach writes an introduction and uploads a photo; the photo is checked by its content,
stored without its metadata under a random name outside the static files, and served only to
those who may see it."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bestuurderspool.accounts.validators import validate_phone
from coaching.enums import MatchState
from coaching.models import CoachProfile
from coaching.tests.factories import CoachProfileFactory, MatchFactory
from intake.tests.factories import ReadyIntakeFactory

URL = "/coaching/profiel/voorstellen/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _image(fmt: str, size=(1600, 1200), *, exif: bool = False) -> bytes:
    image = Image.new("RGB", size, (30, 90, 160))
    output = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "Camera Maker"  # Make
        data[0x8825] = {2: (52.0, 5.0, 0.0)}  # GPS latitude
        image.save(output, format=fmt, exif=data)
    else:
        image.save(output, format=fmt)
    return output.getvalue()


def _upload(content: bytes, name: str = "portret.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def profile(coach):
    return CoachProfileFactory(user=coach, bio="")


def test_coach_uploads_a_photo_stored_without_metadata_under_a_random_name(client, coach, profile, media):
    client.force_login(coach)
    response = client.post(
        URL, {"bio": "Ik was twaalf jaar wethouder.", "photo": _upload(_image("JPEG", exif=True), "mijn-gps.jpg")}
    )
    assert response["Location"] == URL
    profile.refresh_from_db()
    stored = Path(media) / profile.photo.name
    assert (profile.bio, stored.parent.name, "mijn-gps" in profile.photo.name) == (
        "Ik was twaalf jaar wethouder.",
        "coach-photos",
        False,
    )
    with Image.open(stored) as image:
        assert (image.format, max(image.size), dict(image.getexif())) == ("JPEG", 800, {})


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted_and_stored_as_jpeg(client, coach, profile, media, fmt):
    client.force_login(coach)
    client.post(URL, {"bio": "", "photo": _upload(_image(fmt, (300, 200)), f"foto.{fmt.lower()}")})
    profile.refresh_from_db()
    with Image.open(Path(media) / profile.photo.name) as image:
        assert (image.format, image.size) == ("JPEG", (300, 200))


BAD_UPLOADS = {
    "text named .jpg": (b"dit is geen foto", "Dit bestand is geen foto die we kunnen lezen."),
    "gif": (None, "Kies een JPEG-, PNG- of WebP-afbeelding."),
    "larger than 5 MB": (b"\xff\xd8" + b"0" * (5 * 1024 * 1024), "De foto is groter dan 5 MB."),
}


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_a_bad_upload_is_refused_on_the_field_and_nothing_is_lost(client, coach, profile, media, case):
    content, message = BAD_UPLOADS[case]
    if content is None:
        content = _image("GIF", (40, 40))
    client.force_login(coach)
    response = client.post(URL, {"bio": "Mijn getypte tekst.", "photo": _upload(content)})
    assert (response.status_code, message in response.content.decode()) == (400, True)
    assert "Mijn getypte tekst." in response.content.decode()
    profile.refresh_from_db()
    assert (profile.bio, profile.photo.name, list(Path(media).rglob("*.*"))) == ("", "", [])


def test_replacing_and_removing_the_photo_deletes_the_old_file(
    client, coach, profile, media, django_capture_on_commit_callbacks
):
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"bio": "", "photo": _upload(_image("JPEG"))})
        client.post(URL, {"bio": "", "photo": _upload(_image("PNG"), "b.png")})
    assert len(list(Path(media).rglob("*.jpg"))) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"bio": "", "remove_photo": "on"})
    profile.refresh_from_db()
    assert (profile.photo.name, list(Path(media).rglob("*.jpg"))) == ("", [])


@pytest.mark.parametrize("persona", ["wethouder", "coordinator", None])
def test_only_a_coach_has_the_introduction_page(request, db, client, persona):
    user = request.getfixturevalue(persona) if persona else None
    if user is not None:
        client.force_login(user)
    response = client.post(URL, {"bio": "Overgenomen"})
    assert response.status_code == (302 if user is None else 403)
    assert not CoachProfile.objects.filter(bio="Overgenomen").exists()


# --- Who sees the photo ------------------------------------------------------------------------


@pytest.fixture
def photo_profile(client, coach, profile):
    client.force_login(coach)
    client.post(URL, {"bio": "", "photo": _upload(_image("JPEG"))})
    client.logout()
    profile.refresh_from_db()
    return profile


def _match(coach, wethouder, state):
    return MatchFactory(intake=ReadyIntakeFactory(wethouder=wethouder), coach=coach, state=state)


@pytest.mark.parametrize(
    ("persona", "match_state", "status"),
    [
        ("coach", None, 200),
        ("coordinator", None, 200),
        ("wethouder", MatchState.ACCEPTED, 200),
        ("wethouder", MatchState.KLIK, 200),
        ("wethouder", MatchState.APPROVED, 404),
        ("wethouder", MatchState.NO_KLIK, 404),
        ("wethouder", None, 404),
        ("other_wethouder", MatchState.ACCEPTED, 404),
        ("other_coach", None, 404),
        (None, None, 302),
    ],
)
def test_the_photo_is_served_only_to_who_may_see_it(
    request, db, client, photo_profile, coach, wethouder, persona, match_state, status
):
    if match_state:
        _match(coach, wethouder, match_state)
    user = request.getfixturevalue(persona) if persona else None
    if user is not None:
        client.force_login(user)
    response = client.get(f"/coaching/coaches/{photo_profile.pk}/foto/")
    assert response.status_code == status
    if status == 200:
        assert (response["Content-Type"], response["Cache-Control"]) == ("image/jpeg", "private, max-age=3600")
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_a_coach_without_a_photo_has_none(client, coordinator, profile):
    client.force_login(coordinator)
    assert client.get(f"/coaching/coaches/{profile.pk}/foto/").status_code == 404


def test_the_wethouder_sees_the_photo_on_the_coach_card(client, photo_profile, coach, wethouder):
    match = _match(coach, wethouder, MatchState.ACCEPTED)
    MatchFactory._meta.model.objects.filter(pk=match.pk).update(accepted_at=match.proposed_at)
    client.force_login(wethouder)
    content = client.get(f"/coaching/matches/{match.pk}/").content.decode()
    assert f'src="/coaching/coaches/{photo_profile.pk}/foto/"' in content


# --- Phone numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("06 12345678", True),
        ("06-12345678", True),
        ("030 286 11 11", True),
        ("(030) 2861111", True),
        ("+31 6 12345678", True),
        ("0032 2 123 45 67", True),
        ("+1 202 555 0143", True),
        ("0612345", False),
        ("06 123456789", False),
        ("bel mij maar", False),
        ("+31", False),
        ("12345678", False),
    ],
)
def test_phone_numbers_dutch_or_international(number, valid):
    from django.core.exceptions import ValidationError

    try:
        validate_phone(number)
    except ValidationError:
        assert not valid
    else:
        assert valid


def test_a_wrong_phone_number_is_refused_on_the_profile_form(client, coach, profile):
    client.force_login(coach)
    response = client.post("/coaching/profiel/", {"phone": "bel mij maar", "capacity": "2", "status": "active"})
    assert response.status_code == 400
    assert "Vul een telefoonnummer in zoals 06 12345678" in response.content.decode()
    profile.refresh_from_db()
    assert profile.phone == ""
