"""Pages of group tracks. Every view fetches through `visible_to` (a track that is not the
user's is a 404), checks its rule with django-rules' own permission set, and lets one service
do the work; a refused rule is shown on the form with what was typed kept."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import explain, selectors, services
from .enums import ApplicationState, Pin, TrackKind, TrackState
from .forms import (
    ApplicationForm,
    AssignmentForm,
    AttendanceForm,
    CommentForm,
    ContactForm,
    EntryForm,
    EvaluationForm,
    GoalForm,
    HeldForm,
    ParticipantForm,
    PhaseForm,
    SessionForm,
    SponsorForm,
    TalkForm,
    TrackForm,
)
from .models import Application, Assignment, ManagerTalk, Track, TrackSession


def _require(request, permission, obj=None):
    if not rules.has_perm(permission, request.user, obj):
        raise PermissionDenied


def _track(request, pk, permission="tracks.view_track") -> Track:
    try:
        track = selectors.track_for(request.user, pk)
    except Track.DoesNotExist as error:
        raise Http404 from error
    _require(request, permission, track)
    return track


def _attempt(request, form, action, success) -> bool:
    """Validate, call the service; its refusal lands on the form, nothing typed is lost."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    messages.success(request, success)
    return True


def track_list(request):
    tracks = list(selectors.tracks_for(request.user))
    if not tracks and not rules.has_perm("tracks.manage_tracks", request.user):
        raise Http404
    may_manage = rules.has_perm("tracks.manage_tracks", request.user)
    return render(request, "tracks/track_list.html", {"tracks": tracks, "may_manage": may_manage})


def track_create(request):
    _require(request, "tracks.manage_tracks")
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        track = services.create_track(data=form.cleaned_data, by=request.user)
        messages.success(request, _("The track has been created."))
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/track_form.html", {"form": form})


def track_edit(request, pk):
    track = _track(request, pk, "tracks.manage_tracks")
    form = TrackForm(request.POST or None, instance=track)
    if request.method == "POST" and form.is_valid():
        services.change_track(track, data=form.cleaned_data, by=request.user)
        messages.success(request, _("The track has been saved."))
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
    track = _track(request, pk)
    return render(request, "tracks/track_detail.html", _detail_context(request, track))


def session_create(request, pk):
    track = _track(request, pk, "tracks.manage_tracks")
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_session(track, data=form.cleaned_data, by=request.user)
        messages.success(request, _("The session has been added."))
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/session_form.html", {"form": form, "track": track})


def session_edit(request, pk):
    session = get_object_or_404(TrackSession.objects.filter(track__in=Track.objects.visible_to(request.user)), pk=pk)
    _require(request, "tracks.manage_tracks", session.track)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        services.change_session(session, data=form.cleaned_data, by=request.user)
        messages.success(request, _("The session has been saved."))
        return redirect("tracks:detail", session.track_id)
    return render(request, "tracks/session_form.html", {"form": form, "track": session.track, "session": session})


@require_POST
def phase_set(request, pk):
    track = _track(request, pk, "tracks.manage_tracks")
    form = PhaseForm(request.POST)
    if _attempt(
        request, form, lambda d: services.set_phase(track, by=request.user, **d), _("The phase has been saved.")
    ):
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/track_detail.html", _detail_context(request, track, form))


def _open_track(pk) -> Track:
    return get_object_or_404(
        Track, pk=pk, kind=TrackKind.BLOT, state=TrackState.OPEN, starts_on__gt=timezone.localdate()
    )


def apply(request, pk):
    _require(request, "tracks.apply")
    track = _open_track(pk)
    municipality, party = selectors.home_municipality(request.user)
    form = ApplicationForm(request.POST or None, initial={"municipality": municipality, "party": party})
    action = lambda data: services.apply_for_track(track, wethouder=request.user, **data)  # noqa: E731
    if request.method == "POST" and _attempt(request, form, action, _("You are on the waiting list.")):
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
    track = _track(request, pk, "tracks.manage_tracks")
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
    _require(request, "tracks.manage_tracks", application.track)
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
    track = _track(request, pk, "tracks.manage_tracks")
    try:
        placed = services.approve_cohort(track, by=request.user)
        messages.success(
            request, _("The cohort has been approved; %(count)s participants are invited.") % {"count": len(placed)}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("tracks:compose", track.pk)
    return redirect("tracks:detail", track.pk)


def attendance(request, pk):
    session = get_object_or_404(TrackSession.objects.filter(track__in=Track.objects.visible_to(request.user)), pk=pk)
    track = session.track
    _require(request, "tracks.record_attendance", track)
    participants = list(selectors.placed(track))
    recorded = selectors.attendance_by_session(track).get(session.pk, {})
    initial = {"present": [str(user_id) for user_id, present in recorded.items() if present]}
    form = AttendanceForm(request.POST or None, participants=participants, initial=initial)
    action = lambda data: services.record_attendance(session, present=data["present"], by=request.user)  # noqa: E731
    if request.method == "POST" and _attempt(request, form, action, _("The attendance has been recorded.")):
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/attendance.html", {"form": form, "track": track, "session": session})


def group_space(request, pk):
    track = _track(request, pk, "tracks.use_group_space")
    form = EntryForm(request.POST or None, track=track)
    action = lambda data: services.add_entry(track, by=request.user, **data)  # noqa: E731
    if request.method == "POST" and _attempt(request, form, action, _("The entry has been added.")):
        return redirect("tracks:group_space", track.pk)
    context = {"track": track, "form": form, "entries": list(selectors.group_entries(track))}
    return render(request, "tracks/group_space.html", context)


def goals(request, pk):
    track = _track(request, pk, "tracks.use_group_space")
    application = selectors.own_application(request.user, track)
    form = GoalForm(request.POST or None) if application else None
    if request.method == "POST":
        _require(request, "tracks.add_goal", track)
        action = lambda data: services.add_goal(application, text=data["text"], by=request.user)  # noqa: E731
        if _attempt(request, form, action, _("The learning goal has been added.")):
            return redirect("tracks:goals", track.pk)
    context = {"track": track, "goals": selectors.goals_for(request.user, track), "form": form}
    return render(request, "tracks/goals.html", context)


def _evaluate(request, track, session=None):
    _require(request, "tracks.evaluate", track)
    form = EvaluationForm(request.POST or None)
    action = lambda data: services.evaluate(track, participant=request.user, session=session, **data)  # noqa: E731
    if request.method == "POST" and _attempt(request, form, action, _("Thank you for your evaluation.")):
        return redirect("tracks:detail", track.pk)
    return render(request, "tracks/evaluation_form.html", {"form": form, "track": track, "session": session})


def evaluate_session(request, pk):
    session = get_object_or_404(TrackSession.objects.filter(track__in=Track.objects.visible_to(request.user)), pk=pk)
    return _evaluate(request, session.track, session)


def evaluate_track(request, pk):
    return _evaluate(request, _track(request, pk, "tracks.evaluate"))


@require_POST
def close(request, pk):
    track = _track(request, pk, "tracks.close_track")
    try:
        services.close_track(track, by=request.user)
        messages.success(request, _("The track has been closed; the group stays reachable to its members."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("tracks:detail", track.pk)


def alumni(request, pk):
    track = _track(request, pk, "tracks.view_alumni")
    application = selectors.own_application(request.user, track)
    form = None
    if application:
        initial = {"shares_contact": application.shares_contact, "contact_details": application.contact_details}
        form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST":
        _require(request, "tracks.share_contact", track)
        action = lambda data: services.share_contact(application, by=request.user, **data)  # noqa: E731
        if _attempt(request, form, action, _("Your choice has been saved.")):
            return redirect("tracks:alumni", track.pk)
    return render(request, "tracks/alumni.html", {"track": track, "members": selectors.alumni(track), "form": form})


def talks(request, pk):
    track = _track(request, pk, "tracks.plan_talks")
    if not track.is_year_programme:
        raise Http404
    participants = track.applications.placed().select_related("wethouder")
    form = TalkForm(request.POST or None, participants=participants)
    action = lambda data: services.plan_manager_talk(  # noqa: E731
        data["application"], kind=data["kind"], planned_on=data["planned_on"], by=request.user
    )
    if request.method == "POST" and _attempt(request, form, action, _("The talk has been planned.")):
        return redirect("tracks:talks", track.pk)
    context = {
        "track": track,
        "form": form,
        "talks": selectors.manager_talks(track),
        "may_record": rules.has_perm("tracks.record_talk", request.user, track),
        "participant_form": ParticipantForm() if rules.has_perm("tracks.manage_tracks", request.user, track) else None,
        "sponsor_form": SponsorForm(participants=participants)
        if rules.has_perm("tracks.appoint_sponsor", request.user, track)
        else None,
        "participants": list(participants),
    }
    return render(request, "tracks/talks.html", context)


@require_POST
def talk_held(request, pk):
    talk = get_object_or_404(
        ManagerTalk.objects.filter(application__track__in=Track.objects.visible_to(request.user)), pk=pk
    )
    _require(request, "tracks.record_talk", talk.application.track)
    form = HeldForm(request.POST)
    action = lambda data: services.record_talk_held(talk, held_on=data["held_on"], by=request.user)  # noqa: E731
    if not _attempt(request, form, action, _("The talk has been recorded as held.")):
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("tracks:talks", talk.application.track_id)


@require_POST
def add_participant(request, pk):
    track = _track(request, pk, "tracks.manage_tracks")
    form = ParticipantForm(request.POST)
    action = lambda data: services.add_participant(track, email=data["email"], by=request.user)  # noqa: E731
    if not _attempt(request, form, action, _("The participant has been added.")):
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("tracks:talks", track.pk)


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
    _require(request, "tracks.view_assignment", assignment)
    return assignment


def assignment(request, pk):
    assignment = _assignment(request, pk)
    application = assignment.application
    may_edit = rules.has_perm("tracks.edit_assignment", request.user, assignment)
    initial = {"title": assignment.title, "description": assignment.description}
    edit_form = AssignmentForm(request.POST if "describe" in request.POST else None, initial=initial)
    comment_form = CommentForm(request.POST if "comment" in request.POST else None)
    if "describe" in request.POST:
        _require(request, "tracks.edit_assignment", assignment)
        action = lambda data: services.describe_assignment(application, by=request.user, **data)  # noqa: E731
        if _attempt(request, edit_form, action, _("The assignment has been saved.")):
            return redirect("tracks:assignment", application.pk)
    elif "comment" in request.POST:
        _require(request, "tracks.comment_on_assignment", assignment)
        if assignment.pk is None:
            raise Http404
        action = lambda data: services.comment_on_assignment(assignment, text=data["text"], by=request.user)  # noqa: E731
        if _attempt(request, comment_form, action, _("Your comment has been added.")):
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


@require_POST
def appoint_sponsor(request, pk):
    track = _track(request, pk, "tracks.appoint_sponsor")
    form = SponsorForm(request.POST, participants=track.applications.placed().select_related("wethouder"))
    action = lambda data: services.appoint_sponsor(data["application"], email=data["email"], by=request.user)  # noqa: E731
    if not _attempt(request, form, action, _("The sponsor has been appointed and informed.")):
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("tracks:talks", track.pk)
