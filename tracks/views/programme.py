"""The year programme: participants, talks with the managers and the sponsored assignment."""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..enums import ApplicationState, TrackKind
from ..forms import (
    AssignmentForm,
    CommentForm,
    HeldForm,
    ParticipantForm,
    SponsorForm,
    TalkForm,
)
from ..models import Application, Assignment, ManagerTalk, Track
from .common import attempt, require, visible_track


def talks(request, pk):
    track = visible_track(request, pk, "tracks.plan_talks")
    if not track.is_year_programme:
        raise Http404
    participants = track.applications.placed().select_related("wethouder")
    form = TalkForm(request.POST or None, participants=participants)
    action = lambda data: services.plan_manager_talk(  # noqa: E731
        data["application"], kind=data["kind"], planned_on=data["planned_on"], by=request.user
    )
    if request.method == "POST" and attempt(request, form, action, _("The talk has been planned.")):
        return redirect("tracks:talks", track.pk)
    return _talks_page(request, track, participants, form=form)


def _talks_page(request, track, participants, *, form=None, participant_form=None):
    may_manage = rules.has_perm("tracks.manage_tracks", request.user, track)
    context = {
        "track": track,
        "form": form or TalkForm(participants=participants),
        "talks": selectors.manager_talks(track),
        "may_record": rules.has_perm("tracks.record_talk", request.user, track),
        "participant_form": (participant_form or ParticipantForm()) if may_manage else None,
        "may_appoint_sponsors": rules.has_perm("tracks.appoint_sponsor", request.user, track),
        "participants": list(participants),
    }
    return render(request, "tracks/talks.html", context)


@require_POST
def talk_held(request, pk):
    talk = get_object_or_404(
        ManagerTalk.objects.filter(application__track__in=Track.objects.visible_to(request.user)), pk=pk
    )
    require(request, "tracks.record_talk", talk.application.track)
    form = HeldForm(request.POST)
    action = lambda data: services.record_talk_held(talk, held_on=data["held_on"], by=request.user)  # noqa: E731
    if not attempt(request, form, action, _("The talk has been recorded as held.")):
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("tracks:talks", talk.application.track_id)


@require_POST
def add_participant(request, pk):
    track = visible_track(request, pk, "tracks.manage_tracks")
    form = ParticipantForm(request.POST)
    action = lambda data: services.add_participant(track, by=request.user, **data)  # noqa: E731
    if attempt(request, form, action, _("The participant has been added.")):
        return redirect("tracks:talks", track.pk)
    participants = track.applications.placed().select_related("wethouder")
    return _talks_page(request, track, participants, participant_form=form)


def _assignment(request, pk) -> Assignment:
    """The assignment of a year programme's participant, for the participant, their sponsor and
    the learning manager; a 404 for everyone else."""
    user = request.user
    mine = (
        Q(wethouder=user, state=ApplicationState.PLACED) | Q(assignment__sponsor=user) | Q(track__learning_manager=user)
    )
    queryset = Application.objects.filter(mine, track__kind=TrackKind.YEAR_PROGRAMME).select_related(
        "track", "wethouder"
    )
    application = get_object_or_404(queryset.distinct(), pk=pk)
    assignment = Assignment.objects.filter(application=application).select_related("sponsor").first()
    assignment = assignment or Assignment(application=application)
    require(request, "tracks.view_assignment", assignment)
    return assignment


def assignment(request, pk):
    assignment = _assignment(request, pk)
    application = assignment.application
    may_edit = rules.has_perm("tracks.edit_assignment", request.user, assignment)
    initial = {"title": assignment.title, "description": assignment.description}
    edit_form = AssignmentForm(request.POST if "describe" in request.POST else None, initial=initial)
    comment_form = CommentForm(request.POST if "comment" in request.POST else None)
    if "describe" in request.POST:
        require(request, "tracks.edit_assignment", assignment)
        action = lambda data: services.describe_assignment(application, by=request.user, **data)  # noqa: E731
        if attempt(request, edit_form, action, _("The assignment has been saved.")):
            return redirect("tracks:assignment", application.pk)
    elif "comment" in request.POST:
        require(request, "tracks.comment_on_assignment", assignment)
        if assignment.pk is None:
            raise Http404
        action = lambda data: services.comment_on_assignment(assignment, text=data["text"], by=request.user)  # noqa: E731
        if attempt(request, comment_form, action, _("Your comment has been added.")):
            return redirect("tracks:assignment", application.pk)
    comments = list(assignment.comments.select_related("author")) if assignment.pk else []
    context = {
        "assignment": assignment,
        "application": application,
        "comments": comments,
        "edit_form": edit_form if may_edit else None,
        "comment_form": comment_form if assignment.pk else None,
    }
    return render(request, "tracks/assignment.html", context)


def sponsors(request, pk):
    """The coordinators' page of a year programme's sponsors: who sponsors whom and whether they
    have an account yet; appoint one (someone new is invited)."""
    track = visible_track(request, pk, "tracks.appoint_sponsor")
    if not track.is_year_programme:
        raise Http404
    participants = track.applications.placed().select_related("wethouder")
    initial = {"organisation": _("Municipality of %(name)s") % {"name": track.client_municipality}}
    form = SponsorForm(request.POST or None, participants=participants, initial=initial)
    action = lambda data: services.appoint_sponsor(  # noqa: E731
        data["application"],
        email=data["email"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        organisation=data["organisation"],
        by=request.user,
    )
    if request.method == "POST" and attempt(request, form, action, _appointed):
        return redirect("tracks:sponsors", track.pk)
    context = {"track": track, "form": form, "rows": selectors.sponsor_rows(track)}
    return render(request, "tracks/sponsors.html", context)


def _appointed(assignment: Assignment) -> str:
    sponsor = assignment.sponsor
    if sponsor.has_usable_password():
        return _("The sponsor has been appointed and informed.")
    name = sponsor.get_full_name() or sponsor.email
    return _("%(name)s has been sent an invitation to set a password, and then finds the assignment.") % {"name": name}


@require_POST
def resend_sponsor_invitation(request, pk, application_pk):
    """A new link for a sponsor who has not set a password (the earlier link stops working)."""
    track = visible_track(request, pk, "tracks.appoint_sponsor")
    assignments = Assignment.objects.filter(application__track=track).select_related("sponsor")
    assignment = get_object_or_404(assignments, application_id=application_pk)
    try:
        services.resend_sponsor_invitation(assignment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        sent = _("The invitation has been sent again to %(email)s.") % {"email": assignment.sponsor.email}
        messages.success(request, sent)
    return redirect("tracks:sponsors", track.pk)
