"""Trajectories: the page both sides share, the plan, appointments and their logs, evaluations,
endings, and calendars. Every view fetches through `visible_to(request.user)` (a foreign id is
a 404), checks its permission, and lets one service do the work; a refused rule is shown on the
form with what was typed kept."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bestuurderspool.confirm import confirmation_page, is_confirmed
from bestuurderspool.privacy.enums import AuditAction
from bestuurderspool.privacy.services.audit import record

from .. import calendar
from ..enums import AppointmentKind, AppointmentStatus, EvaluationKind, TrajectoryState
from ..forms.trajectories import (
    CancelForm,
    DeclineMoveForm,
    EndForm,
    EvaluationForm,
    ExtensionForm,
    ExtraForm,
    MoveProposalForm,
    ObservationLogForm,
    OtherCoachForm,
    PlanForm,
    RescheduleForm,
    SessionLogForm,
    SwitchForm,
)
from ..models import Appointment, CalendarFeed, Trajectory
from ..selectors import trajectories as selectors
from ..selectors.home import upcoming_appointments
from ..services import trajectories as services
from . import confirmations

PAGE_SIZE = 50
ATTENTION_CHOICES = [
    ("quiet", gettext_lazy("No session for 8 weeks")),
    ("behind", gettext_lazy("Behind the plan")),
    ("ends_soon", gettext_lazy("Ending within a month")),
]


def _require(request, permission, obj=None):
    if not rules.has_perm(permission, request.user, obj):
        raise PermissionDenied


def _trajectory(request, pk, permission="coaching.view_trajectory"):
    try:
        trajectory = selectors.trajectory_for(request.user, pk)
    except Trajectory.DoesNotExist as error:
        raise Http404 from error
    _require(request, permission, trajectory)
    return trajectory


def _appointment(request, pk, permission="coaching.view_trajectory"):
    try:
        appointment = selectors.appointment_for(request.user, pk)
    except Appointment.DoesNotExist as error:
        raise Http404 from error
    _require(request, permission, appointment.trajectory)
    return appointment


def _attempt(form, action):
    """Validate `form`, call `action` with its data; a refusal lands on the form (on the field it
    names, or above the form), so nothing typed is lost. Returns the action's result, or None."""
    if not form.is_valid():
        return None
    try:
        return action(form.cleaned_data) or True
    except ValidationError as error:
        if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
            form.add_error(None, error)
        else:
            form.add_error(None, error.messages)
        return None


def _submit(request, form, action, success) -> bool:
    if _attempt(form, action) is None:
        return False
    messages.success(request, success)
    return True


# --- Lists and the trajectory page ------------------------------------------------------------


def trajectory_list(request):
    user = request.user
    if not (user.is_coach or user.is_wethouder or rules.has_perm("coaching.view_trajectory_overview", user)):
        raise PermissionDenied
    state = request.GET.get("state", "")
    state = state if state in TrajectoryState.values else ""
    attention = request.GET.get("attention", "")
    attention = attention if attention in selectors.ATTENTION else ""
    listed = selectors.trajectory_list(user, state=state, attention=attention).only("pk")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "trajectories": selectors.flagged(page),
        "states": TrajectoryState.choices,
        "state": state,
        "attention": attention,
        "attention_choices": ATTENTION_CHOICES if rules.has_perm("coaching.view_trajectory_overview", user) else (),
    }
    if rules.has_perm("coaching.view_trajectory_overview", user):
        context["scores"] = selectors.evaluation_scores()
    return render(request, "coaching/trajectory_list.html", context)


def trajectory_detail(request, pk, *, forms=None, status=200):
    trajectory = _trajectory(request, pk)
    page = selectors.trajectory_page(trajectory, request.user)
    user = request.user
    if user.pk in (trajectory.coach_id, trajectory.wethouder_id):  # they read the reports here
        record(AuditAction.READ, trajectory, by=user)
    forms = forms or {}
    context = {
        "page": page,
        "trajectory": trajectory,
        "is_coach": trajectory.coach_id == user.pk,
        "is_wethouder": trajectory.wethouder_id == user.pk,
        "plan_form": forms.get("plan")
        or PlanForm(
            initial={
                "sessions": trajectory.planned_sessions,
                "months": trajectory.planned_months,
                "first_session": _first_session(page),
            }
        ),
        "extra_form": forms.get("extra") or ExtraForm(initial={"kind": AppointmentKind.SESSION}),
        "end_form": forms.get("end") or EndForm(),
        "switch_form": forms.get("switch") or SwitchForm(),
        "extension_form": forms.get("extension")
        or ExtensionForm(initial={"months": trajectory.planned_months, "sessions": trajectory.planned_sessions}),
        "other_coach_form": forms.get("other_coach") or OtherCoachForm(),
        "open_extension": trajectory.extension_requests.filter(agreed__isnull=True).first(),
        "coach_change": trajectory.coach_change_requests.filter(handled_at__isnull=True).first()
        if trajectory.wethouder_id == user.pk or user.has_perm("coaching.handle_coach_change")
        else None,
        "evaluation_due": _evaluation_due(page, user),
        "plan_fixed_on": _plan_fixed_on(page),
        "scores": selectors.evaluation_scores([trajectory])
        if rules.has_perm("coaching.view_trajectory_overview", user)
        else None,
    }
    return render(request, "coaching/trajectory_detail.html", context, status=status)


def _first_session(page):
    sessions = [e.appointment for e in page.timeline if e.appointment.kind == AppointmentKind.SESSION]
    return sessions[0].on if sessions else None


def _plan_fixed_on(page):
    """The day the first appointment was held: from then on the plan is no longer made again
    (`services.check_plan`), only single appointments change."""
    held = [e.appointment.held_at for e in page.timeline if e.appointment.is_held and e.appointment.held_at]
    return timezone.localtime(min(held)).date() if held else None


def _evaluation_due(page, user) -> str | None:
    """The evaluation the wethouder can fill in now (the service's own dates): the closing one
    first, then the interim one."""
    trajectory = page.trajectory
    if trajectory.wethouder_id != user.pk:
        return None
    today = timezone.localdate()
    dates = {e.appointment.kind: e.appointment.on for e in page.timeline if not e.appointment.is_cancelled}
    for kind in (EvaluationKind.FINAL, EvaluationKind.INTERIM):
        opens_on = services.evaluation_opens_on(trajectory, kind, dates=dates)
        if kind not in page.evaluations and opens_on is not None and opens_on <= today:
            return kind
    return None


def _trajectory_form(request, pk, *, permission, form_class, key, action, success, then=None, confirm=None):
    """POST a form about a trajectory: the service's refusal re-renders the page with the form
    open and what was typed kept. With `confirm(trajectory, data)` (which checks, writes nothing
    and returns a `Confirmation`), a first POST answers the confirmation step instead."""
    trajectory = _trajectory(request, pk, permission)
    form = form_class(request.POST)
    if confirm and not is_confirmed(request):
        confirmation = _attempt(form, lambda data: confirm(trajectory, data))
        if confirmation:
            return confirmation_page(request, confirmation)
    elif _submit(request, form, lambda data: action(trajectory, data), success):
        return then(trajectory) if then else redirect("coaching:trajectory_detail", pk=pk)
    return trajectory_detail(request, pk, forms={key: form})


def _confirm_plan(trajectory, data, by):
    plan = services.check_plan(trajectory, by=by, **data)
    return confirmations.plan_trajectory(trajectory, data, plan)


def _confirm_end(trajectory, data, by):
    services.check_end(trajectory, by=by, **data)
    return confirmations.end_trajectory(trajectory, data)


@require_POST
def plan(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.plan_trajectory",
        form_class=PlanForm,
        key="plan",
        action=lambda trajectory, data: services.plan_trajectory(trajectory, by=request.user, **data),
        success=_("The plan has been saved."),
        confirm=lambda trajectory, data: _confirm_plan(trajectory, data, request.user),
    )


@require_POST
def propose_extra(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.propose_extra",
        form_class=ExtraForm,
        key="extra",
        action=lambda trajectory, data: services.propose_extra(trajectory, by=request.user, **data),
        success=_("Proposed. The other side is asked to agree."),
    )


@require_POST
def end(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.end_trajectory",
        form_class=EndForm,
        key="end",
        action=lambda trajectory, data: services.end_trajectory(trajectory, by=request.user, **data),
        success=_("The trajectory has ended."),
        confirm=lambda trajectory, data: _confirm_end(trajectory, data, request.user),
    )


@require_POST
def switch(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.switch_coach",
        form_class=SwitchForm,
        key="switch",
        action=lambda trajectory, data: services.switch_coach(trajectory, by=request.user, **data),
        success=_("The trajectory ended; approve the next coach."),
        then=lambda trajectory: redirect("coaching:proposals", intake_pk=trajectory.match.intake_id),
        confirm=confirmations.switch_coach,
    )


def evaluate_old_address(request, pk, kind):
    _trajectory(request, pk, "coaching.evaluate")
    if kind not in EvaluationKind.values:
        raise Http404
    return redirect("coaching:evaluate", pk=pk, kind=kind, permanent=True)


def evaluate(request, pk, kind):
    trajectory = _trajectory(request, pk, "coaching.evaluate")
    if kind not in EvaluationKind.values:
        raise Http404
    form = EvaluationForm(request.POST or None)

    def action(data):
        services.submit_evaluation(trajectory, kind=kind, by=request.user, **data)

    if request.method == "POST" and _submit(request, form, action, _("Thank you for your evaluation.")):
        return redirect("coaching:trajectory_detail", pk=pk)
    context = {"trajectory": trajectory, "form": form, "kind": EvaluationKind(kind)}
    return render(request, "coaching/evaluation_form.html", context, status=400 if form.errors else 200)


# --- Appointments ------------------------------------------------------------------------------


def appointment_detail(request, pk, *, forms=None, status=200):
    appointment = _appointment(request, pk)
    user = request.user
    forms = forms or {}
    log_form_class = ObservationLogForm if appointment.kind == AppointmentKind.OBSERVATION else SessionLogForm
    entry = selectors.report_for(appointment, user)
    if user.pk in (appointment.trajectory.coach_id, appointment.trajectory.wethouder_id):
        record(AuditAction.READ, appointment, by=user)
    history = selectors.appointment_history(appointment, user)
    context = {
        **history,
        "open_move": next((proposal for proposal in history["move_proposals"] if proposal.is_open), None),
        "appointment": appointment,
        "trajectory": appointment.trajectory,
        "entry": entry,
        "is_coach": appointment.trajectory.coach_id == user.pk,
        "is_wethouder": appointment.trajectory.wethouder_id == user.pk,
        "log_form": forms.get("log") or log_form_class(initial=_log_initial(appointment, entry)),
        "reschedule_form": forms.get("reschedule")
        or RescheduleForm(
            initial={"on": appointment.on, "start_time": appointment.start_time, "location": appointment.location}
        ),
        "cancel_form": forms.get("cancel") or CancelForm(),
        "move_form": forms.get("propose_move") or MoveProposalForm(prefix="move"),
        "decline_move_form": forms.get("decline_move") or DeclineMoveForm(prefix="decline"),
    }
    return render(request, "coaching/appointment_detail.html", context, status=status)


def _log_initial(appointment, entry) -> dict:
    if not appointment.is_held:
        return {"minutes": appointment.duration_minutes, "mode": "in_person"}
    return {
        "held_at": timezone.localtime(appointment.held_at),
        "minutes": appointment.held_minutes,
        "mode": appointment.mode,
        "themes": appointment.themes,
        "private_notes": entry.private_notes,
        "shared_summary": entry.shared_summary,
        "observed": entry.observed,
        "feedback": entry.feedback,
    }


@require_POST
def log_appointment(request, pk):
    appointment = _appointment(request, pk, "coaching.log_appointment")
    is_observation = appointment.kind == AppointmentKind.OBSERVATION
    form = (ObservationLogForm if is_observation else SessionLogForm)(request.POST)

    def action(data):
        if is_observation:
            services.log_observation(appointment, by=request.user, **data)
        else:
            services.log_session(appointment, by=request.user, **data)

    if _submit(request, form, action, _("Logged.")):
        record(AuditAction.CHANGE, appointment, by=request.user)
        return redirect("coaching:trajectory_detail", pk=appointment.trajectory_id)
    return appointment_detail(request, pk, forms={"log": form}, status=400)


@require_POST
def reschedule(request, pk):
    appointment = _appointment(request, pk, "coaching.reschedule_appointment")
    form = RescheduleForm(request.POST)

    def action(data):
        services.reschedule_appointment(appointment, by=request.user, **data)

    if _submit(request, form, action, _("The appointment has been moved.")):
        return redirect("coaching:trajectory_detail", pk=appointment.trajectory_id)
    return appointment_detail(request, pk, forms={"reschedule": form}, status=400)


@require_POST
def cancel(request, pk):
    appointment = _appointment(request, pk, "coaching.change_appointment")
    form = CancelForm(request.POST)

    def action(data):
        services.cancel_appointment(appointment, reason=data["reason"], by=request.user)

    if _submit(request, form, action, _("The appointment has been cancelled.")):
        return redirect("coaching:trajectory_detail", pk=appointment.trajectory_id)
    return appointment_detail(request, pk, forms={"cancel": form}, status=400)


@require_POST
def answer_extra(request, pk):
    appointment = _appointment(request, pk, "coaching.answer_extra")
    agree = request.POST.get("agree") == "yes"
    try:
        services.answer_extra(appointment, agree=agree, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Agreed.") if agree else _("Declined."))
    return redirect("coaching:trajectory_detail", pk=appointment.trajectory_id)


def appointment_ics(request, pk):
    appointment = _appointment(request, pk)
    response = HttpResponse(calendar.appointment_ics(appointment, for_user=request.user), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="afspraak-{appointment.pk}.ics"'
    return response


# --- Calendar feed ----------------------------------------------------------------------------


def calendar_settings(request):
    if not (request.user.is_coach or request.user.is_wethouder):
        raise PermissionDenied
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        revoke = request.POST.get("action") == "revoke"
        if feed and not is_confirmed(request):
            return confirmation_page(request, confirmations.calendar_address(revoke=revoke))
        if revoke:
            services.revoke_calendar_feed(request.user)
            messages.success(request, _("Your calendar address no longer works."))
        else:
            services.renew_calendar_feed(request.user)
            messages.success(request, _("Your new calendar address is ready. An older one no longer works."))
        return redirect("coaching:calendar_settings")
    url = request.build_absolute_uri(f"/agenda/{feed.token}.ics") if feed else None
    context = {"feed": feed, "feed_url": url, "appointments": upcoming_appointments(request.user)}
    return render(request, "coaching/calendar_settings.html", context)


@login_not_required
def calendar_feed(request, token):
    """The private iCalendar feed: the token in the address is the only credential (calendar
    apps cannot sign in). Revoked or unknown: 404."""
    feed = get_object_or_404(CalendarFeed.objects.for_token(token).select_related("user"))
    user = feed.user
    if not user.is_active:
        raise Http404
    appointments = (
        Appointment.objects.filter(Q(trajectory__coach=user) | Q(trajectory__wethouder=user))
        .exclude(status=AppointmentStatus.PROPOSED)
        .select_related("trajectory__coach", "trajectory__wethouder")
    )
    response = HttpResponse(calendar.feed_ics(appointments, for_user=user), content_type="text/calendar")
    patch_cache_control(response, no_store=True, private=True)
    return response
