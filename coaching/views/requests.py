"""The wethouder's requests once the trajectory runs: a longer trajectory (the coach answers)
and another coach (the coordinators handle it)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.trajectories import ExtensionForm, OtherCoachForm
from ..models import CoachChangeRequest, ExtensionRequest
from ..services import requests as services
from .trajectories import _trajectory, _trajectory_form


@require_POST
def request_extension(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.request_extension",
        form_class=ExtensionForm,
        key="extension",
        action=lambda trajectory, data: services.request_extension(trajectory, by=request.user, **data),
        success=_("Your request has been sent to your coach."),
    )


@require_POST
def answer_extension(request, pk):
    trajectory = _trajectory(request, pk, "coaching.answer_extension")
    found = ExtensionRequest.objects.filter(trajectory=trajectory, agreed__isnull=True).first()
    if found is None:
        raise Http404
    agree = request.POST.get("agree") == "yes"
    try:
        services.answer_extension(found, agree=agree, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The trajectory has been extended.") if agree else _("Declined."))
    return redirect("coaching:trajectory_detail", pk=trajectory.pk)


@require_POST
def request_other_coach(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.request_other_coach",
        form_class=OtherCoachForm,
        key="other_coach",
        action=lambda trajectory, data: services.request_other_coach(trajectory, by=request.user, **data),
        success=_("The coordinators have your request and will contact you."),
    )


@require_POST
def close_coach_change_request(request, pk):
    trajectory = _trajectory(request, pk, "coaching.handle_coach_change")
    found = CoachChangeRequest.objects.filter(trajectory=trajectory, handled_at__isnull=True).first()
    if found is None:
        raise Http404
    services.close_coach_change_request(found, by=request.user)
    messages.success(request, _("The request is marked as handled."))
    return redirect("coaching:trajectory_detail", pk=trajectory.pk)
