"""Reads of the council calendars."""

from django.utils import timezone

from .models import CouncilMeeting, MeetingFeed, Recess


def calendar_page(municipality) -> dict:
    today = timezone.localdate()
    return {
        "own_recesses": list(Recess.objects.filter(municipality=municipality, ends_on__gte=today)),
        "recesses": Recess.objects.periods_for(municipality, start=today, end=today.replace(year=today.year + 1)),
        "feed": MeetingFeed.objects.filter(municipality=municipality).first(),
        "meetings": CouncilMeeting.objects.filter(municipality=municipality, starts_at__gte=timezone.now()),
    }


def national_recesses():
    return Recess.objects.filter(municipality__isnull=True, ends_on__gte=timezone.localdate())


def meetings_to_observe(municipality, *, kind: str, start, end, limit: int = 100) -> list[CouncilMeeting]:
    """The first `limit` meetings of `kind` (council or committee) of `municipality` between two
    dates, for planning an observation; each marked `in_recess` when it falls in one of the
    municipality's recesses (an observation is not planned there, see `coaching/planning.py`)."""
    meetings = list(
        CouncilMeeting.objects.filter(
            municipality=municipality, kind=kind, starts_at__date__gte=start, starts_at__date__lte=end
        ).order_by("starts_at")[:limit]
    )
    recesses = Recess.objects.periods_for(municipality, start=start, end=end) if meetings else []
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        meeting.in_recess = any(day in period for period in recesses)
    return meetings
