"""Appointments as iCalendar (RFC 5545): one .ics per appointment, and a private feed per user.

Events carry the kind, the other person and the place, never notes. An appointment without a
time is an all-day event; with a time it is anchored in Europe/Amsterdam, so calendars keep it
at the right hour across the daylight-saving changes.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .enums import AppointmentStatus

PRODID = "-//Bestuurderspool//Portal//NL"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def title(appointment, *, for_user) -> str:
    trajectory = appointment.trajectory
    other = trajectory.wethouder if for_user.pk == trajectory.coach_id else trajectory.coach
    return _("%(kind)s with %(person)s") % {"kind": appointment.get_kind_display(), "person": other}


def event(appointment, *, for_user) -> Event:
    item = Event()
    item.add("uid", f"appointment-{appointment.pk}@bestuurderspool")
    item.add("summary", title(appointment, for_user=for_user))
    item.add("dtstamp", timezone.now())
    if appointment.start_time:
        start = datetime.combine(appointment.on, appointment.start_time, tzinfo=timezone.get_default_timezone())
        item.add("dtstart", start)
        item.add("dtend", start + timedelta(minutes=appointment.duration_minutes))
    else:
        item.add("dtstart", appointment.on)
        item.add("dtend", appointment.on + timedelta(days=1))
    if appointment.location:
        item.add("location", appointment.location)
    if appointment.occasion:
        item.add("description", appointment.occasion)
    if appointment.status == AppointmentStatus.CANCELLED:
        item.add("status", "CANCELLED")
    elif appointment.status == AppointmentStatus.PROPOSED:
        item.add("status", "TENTATIVE")
    else:
        item.add("status", "CONFIRMED")
    return item


def appointment_ics(appointment, *, for_user) -> bytes:
    calendar = _calendar(_("Bestuurderspool"))
    calendar.add("method", "PUBLISH")
    calendar.add_component(event(appointment, for_user=for_user))
    return calendar.to_ical()


def feed_ics(appointments, *, for_user) -> bytes:
    calendar = _calendar(_("Bestuurderspool coaching"))
    for appointment in appointments:
        calendar.add_component(event(appointment, for_user=for_user))
    return calendar.to_ical()
