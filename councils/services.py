"""Every write of the council calendars, each in one transaction."""

import urllib.error
import urllib.request
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import ical
from .models import CouncilMeeting, MeetingFeed, Recess

#: A recess longer than this is a typing error, not a recess.
LONGEST_RECESS = timedelta(days=120)
FETCH_TIMEOUT_SECONDS = 15


def _calendar_messages() -> dict[str, str]:
    return {
        "too_large": _("The calendar is larger than 5 MB; this is not a council's meeting calendar."),
        "too_many": _("The calendar holds more than 5,000 meetings; this is not a council's meeting calendar."),
        "unreadable": _("This is not an iCalendar file (.ics) that can be read."),
        "empty": _("The calendar holds no meetings (events with a title and a start)."),
        "unreachable": _("The address could not be read: %(reason)s. Nothing has changed."),
        "scheme": _("Give an address that starts with https:// or http://."),
    }


@transaction.atomic
def add_recess(*, municipality, name: str, starts_on, ends_on, by) -> Recess:
    """A recess for one municipality, or for every one (municipality None)."""
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day lies before the first day.")}, code="order")
    if ends_on - starts_on > LONGEST_RECESS:
        raise ValidationError({"ends_on": _("A recess lasts at most 120 days.")}, code="too_long")
    return Recess.objects.create(
        municipality=municipality, name=name.strip(), starts_on=starts_on, ends_on=ends_on, created_by=by
    )


@transaction.atomic
def remove_recess(recess: Recess, *, by) -> None:
    recess.delete()


def fetch_calendar(url: str) -> bytes:
    """The calendar at `url` (http or https only), at most ical.MAX_BYTES."""
    if not url.lower().startswith(("https://", "http://")):
        raise ValidationError({"url": _calendar_messages()["scheme"]}, code="scheme")
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310 (scheme checked)
            return response.read(ical.MAX_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
        if isinstance(error, urllib.error.HTTPError):
            error.close()
        reason = getattr(error, "reason", None) or error.__class__.__name__
        message = _calendar_messages()["unreachable"] % {"reason": reason}
        raise ValidationError({"url": message}, code="unreachable") from error


@transaction.atomic
def import_meetings(municipality, *, data: bytes, url: str = "", by) -> int:
    """Replace the municipality's meetings by those in `data`, all or nothing: a calendar that
    cannot be read changes nothing. The address (when given) is kept for the next import."""
    try:
        meetings = ical.parse(data)
    except ical.CalendarError as error:
        field = "url" if url else "file"
        raise ValidationError({field: _calendar_messages()[str(error)]}, code=str(error)) from error
    CouncilMeeting.objects.filter(municipality=municipality).delete()
    CouncilMeeting.objects.bulk_create(
        CouncilMeeting(
            municipality=municipality,
            uid=meeting.uid,
            title=meeting.title,
            kind=meeting.kind,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            location=meeting.location,
        )
        for meeting in {meeting.uid: meeting for meeting in meetings}.values()
    )
    feed, _created = MeetingFeed.objects.get_or_create(municipality=municipality)
    feed.url = url or feed.url
    feed.imported_at, feed.meetings_imported = timezone.now(), len({m.uid for m in meetings})
    feed.save()
    return feed.meetings_imported
