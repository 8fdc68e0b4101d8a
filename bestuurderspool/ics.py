"""One event as iCalendar (RFC 5545), for invitations sent by mail. The same UID with a higher
SEQUENCE updates the event in the recipient's calendar; METHOD:REQUEST makes it an invitation."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Bestuurderspool//Portal//NL"


def invitation_ics(
    *, uid: str, summary: str, start: datetime, minutes: int, location: str = "", sequence: int = 0
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("summary", summary)
    event.add("dtstamp", timezone.now())
    start = timezone.localtime(start)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    if location:
        event.add("location", location)
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
