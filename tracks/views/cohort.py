"""The waiting list and the cohort: a wethouder applies, the coordinator composes and approves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import explain, selectors, services
from ..enums import ApplicationState, Pin, TrackKind
from ..forms import (
    ApplicationForm,
)
from ..models import Application, Track
from .common import attempt, require, visible_track


def _open_track(pk) -> Track:
    return get_object_or_404(Track.objects.taking_applications().filter(kind=TrackKind.BLOT), pk=pk)


def apply(request, pk):
    require(request, "tracks.apply")
    track = _open_track(pk)
    municipality, party = selectors.home_municipality(request.user)
    form = ApplicationForm(request.POST or None, initial={"municipality": municipality, "party": party})
    action = lambda data: services.apply_for_track(track, wethouder=request.user, **data)  # noqa: E731
    if request.method == "POST" and attempt(request, form, action, _("You are on the waiting list.")):
        return redirect("home")
    return render(request, "tracks/apply.html", {"form": form, "track": track})


@require_POST
def withdraw(request, pk):
    application = get_object_or_404(Application, pk=pk, wethouder=request.user)
    try:
        services.withdraw_application(application, by=request.user)
        messages.success(request, _("Your application has been withdrawn."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("home")


def compose(request, pk):
    track = visible_track(request, pk, "tracks.manage_tracks")
    proposal = services.propose_cohort(track)
    applications = {a.pk: a for a in selectors.waiting_list(track)}
    rows = [
        (applications[d.applicant_id], d.placed, [explain.reason_sentence(r) for r in d.reasons])
        for d in proposal.decisions
    ]
    context = {"track": track, "rows": rows, "placed_count": len(proposal.placed_ids), "pins": Pin}
    return render(request, "tracks/compose.html", context)


@require_POST
def pin(request, pk):
    application = get_object_or_404(
        Application.objects.filter(track__in=Track.objects.visible_to(request.user), state=ApplicationState.WAITING),
        pk=pk,
    )
    require(request, "tracks.manage_tracks", application.track)
    value = request.POST.get("pin", "")
    if value not in Pin.values:
        raise Http404
    try:
        services.pin_application(application, pin=value, by=request.user)
        messages.success(request, _("The proposal has been adjusted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("tracks:compose", application.track_id)


@require_POST
def approve(request, pk):
    track = visible_track(request, pk, "tracks.manage_tracks")
    try:
        placed = services.approve_cohort(track, by=request.user)
        messages.success(
            request, _("The cohort has been approved; %(count)s participants are invited.") % {"count": len(placed)}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("tracks:compose", track.pk)
    return redirect("tracks:detail", track.pk)
