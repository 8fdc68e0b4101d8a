"""During the track: attendance, the group space, learning goals, evaluations and the alumni."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import (
    AttendanceForm,
    ContactForm,
    EntryForm,
    EvaluationForm,
    GoalForm,
)
from ..models import Track, TrackSession
from .common import attempt, require, visible_track


def attendance(request, pk):
    session = get_object_or_404(TrackSession.objects.filter(track__in=Track.objects.visible_to(request.user)), pk=pk)
    track = session.track
    require(request, "tracks.record_attendance", track)
    participants = list(selectors.placed(track))
    recorded = selectors.attendance_by_session(track).get(session.pk, {})
    initial = {"present": [str(user_id) for user_id, present in recorded.items() if present]}
    form = AttendanceForm(request.POST or None, participants=participants, initial=initial)
    action = lambda data: services.record_attendance(session, present=data["present"], by=request.user)  # noqa: E731
    if request.method == "POST" and attempt(request, form, action, _("The attendance has been recorded.")):
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/attendance.html", {"form": form, "track": track, "session": session})


def group_space(request, pk):
    track = visible_track(request, pk, "tracks.use_group_space")
    form = EntryForm(request.POST or None, track=track)
    action = lambda data: services.add_entry(track, by=request.user, **data)  # noqa: E731
    if request.method == "POST" and attempt(request, form, action, _("The entry has been added.")):
        return redirect("tracks:group_space", track.pk)
    context = {"track": track, "form": form, "entries": list(selectors.group_entries(track))}
    return render(request, "tracks/group_space.html", context)


def goals(request, pk):
    track = visible_track(request, pk, "tracks.use_group_space")
    application = selectors.own_application(request.user, track)
    form = GoalForm(request.POST or None) if application else None
    if request.method == "POST":
        require(request, "tracks.add_goal", track)
        action = lambda data: services.add_goal(application, text=data["text"], by=request.user)  # noqa: E731
        if attempt(request, form, action, _("The learning goal has been added.")):
            return redirect("tracks:goals", track.pk)
    context = {"track": track, "goals": selectors.goals_for(request.user, track), "form": form}
    return render(request, "tracks/goals.html", context)


def _evaluate(request, track, session=None):
    require(request, "tracks.evaluate", track)
    form = EvaluationForm(request.POST or None)
    action = lambda data: services.evaluate(track, participant=request.user, session=session, **data)  # noqa: E731
    if request.method == "POST" and attempt(request, form, action, _("Thank you for your evaluation.")):
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/evaluation_form.html", {"form": form, "track": track, "session": session})


def evaluate_session(request, pk):
    session = get_object_or_404(TrackSession.objects.filter(track__in=Track.objects.visible_to(request.user)), pk=pk)
    return _evaluate(request, session.track, session)


def evaluate_track(request, pk):
    return _evaluate(request, visible_track(request, pk, "tracks.evaluate"))


def alumni(request, pk):
    track = visible_track(request, pk, "tracks.view_alumni")
    application = selectors.own_application(request.user, track)
    form = None
    if application:
        initial = {"shares_contact": application.shares_contact, "contact_details": application.contact_details}
        form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(request, "tracks.share_contact", track)
        action = lambda data: services.share_contact(application, by=request.user, **data)  # noqa: E731
        if attempt(request, form, action, _("Your choice has been saved.")):
            return redirect("tracks:alumni", track.pk)
    return render(request, "tracks/alumni.html", {"track": track, "members": selectors.alumni(track), "form": form})


MIRROR_SLUGS = {"start": "start", "eind": "closing"}


def mirror_page(request, pk):
    """The participant's own mirror in the track: start and close, with the change."""
    from instruments.selectors import mirror_table

    track = visible_track(request, pk, "tracks.evaluate")
    application = selectors.own_application(request.user, track)
    readings = {reading.moment: reading for reading in application.mirrors.all()} if application else {}
    open_now = services.mirror_moments_open(track)
    context = {
        "track": track,
        "groups": mirror_table(readings),
        "readings": readings,
        "open_now": [
            {"slug": slug, "moment": moment, "taken": moment in readings}
            for slug, moment in MIRROR_SLUGS.items()
            if moment in open_now
        ],
    }
    return render(request, "tracks/mirror.html", context)


def take_mirror(request, pk, moment):
    from django.http import Http404

    from instruments.forms import MirrorForm

    if moment not in MIRROR_SLUGS:
        raise Http404
    track = visible_track(request, pk, "tracks.evaluate")
    application = selectors.own_application(request.user, track)
    if application is None:
        raise Http404
    taken = application.mirrors.filter(moment=MIRROR_SLUGS[moment]).first()
    form = MirrorForm(request.POST or None, initial=taken.scores if taken else None)
    action = lambda data: services.take_mirror(application, moment=MIRROR_SLUGS[moment], scores=data, by=request.user)  # noqa: E731
    if request.method == "POST" and attempt(request, form, action, _("Your mirror has been saved.")):
        return redirect("tracks:mirror", track.pk)
    return render(request, "tracks/mirror_form.html", {"track": track, "form": form})
