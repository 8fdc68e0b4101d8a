"""Coordinators define tracks, sessions and U-process phases, and close a track; everyone
with a place in a track reads its page."""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import (
    PhaseForm,
    SessionForm,
    TrackForm,
)
from ..models import Track, TrackSession
from .common import attempt, require, visible_track


def track_list(request):
    tracks = list(selectors.tracks_for(request.user))
    if not tracks and not rules.has_perm("tracks.manage_tracks", request.user):
        raise Http404
    may_manage = rules.has_perm("tracks.manage_tracks", request.user)
    return render(request, "tracks/track_list.html", {"tracks": tracks, "may_manage": may_manage})


def track_create(request):
    require(request, "tracks.manage_tracks")
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        track = services.create_track(data=form.cleaned_data, by=request.user)
        messages.success(request, _("The track has been created."))
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/track_form.html", {"form": form})


def track_edit(request, pk):
    track = visible_track(request, pk, "tracks.manage_tracks")
    form = TrackForm(request.POST or None, instance=track)
    if request.method == "POST" and attempt(
        request, form, lambda d: services.change_track(track, data=d, by=request.user), _("The track has been saved.")
    ):
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/track_form.html", {"form": form, "track": track})


def _detail_context(request, track, phase_form=None) -> dict:
    return {
        "track": track,
        "may_manage": rules.has_perm("tracks.manage_tracks", request.user, track),
        "participants": list(selectors.placed(track)),
        "phase_form": phase_form or (PhaseForm() if track.is_year_programme else None),
        "sessions": selectors.sessions_with_attendance(track),
        "may_record": rules.has_perm("tracks.record_attendance", request.user, track),
        "may_use_space": rules.has_perm("tracks.use_group_space", request.user, track),
        "may_evaluate": rules.has_perm("tracks.evaluate", request.user, track),
        "may_plan_talks": rules.has_perm("tracks.plan_talks", request.user, track),
        "own_application": selectors.own_application(request.user, track),
        "closing_scales": selectors.evaluation_scales(track).get(None),
    }


def track_detail(request, pk):
    track = visible_track(request, pk)
    return render(request, "tracks/track_detail.html", _detail_context(request, track))


def session_create(request, pk):
    track = visible_track(request, pk, "tracks.manage_tracks")
    form = SessionForm(request.POST or None)
    if request.method == "POST" and attempt(
        request, form, lambda d: services.add_session(track, data=d, by=request.user), _("The session has been added.")
    ):
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/session_form.html", {"form": form, "track": track})


def session_edit(request, pk):
    session = get_object_or_404(TrackSession.objects.filter(track__in=Track.objects.visible_to(request.user)), pk=pk)
    require(request, "tracks.manage_tracks", session.track)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and attempt(
        request,
        form,
        lambda d: services.change_session(session, data=d, by=request.user),
        _("The session has been saved."),
    ):
        return redirect("tracks:detail", session.track_id)
    return render(request, "tracks/session_form.html", {"form": form, "track": session.track, "session": session})


@require_POST
def phase_set(request, pk):
    track = visible_track(request, pk, "tracks.manage_tracks")
    form = PhaseForm(request.POST)
    if attempt(
        request, form, lambda d: services.set_phase(track, by=request.user, **d), _("The phase has been saved.")
    ):
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/track_detail.html", _detail_context(request, track, form))


@require_POST
def close(request, pk):
    track = visible_track(request, pk, "tracks.close_track")
    try:
        services.close_track(track, by=request.user)
        messages.success(request, _("The track has been closed; the group stays reachable to its members."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("tracks:detail", track.pk)
