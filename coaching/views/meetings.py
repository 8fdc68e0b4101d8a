"""Planning an observation at a meeting from the council's calendar."""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import CouncilMeeting
from councils.selectors import meetings_to_observe

from ..services import moves
from ..services import trajectories as services
from .trajectories import _appointment


def observation_meetings(request, pk):
    """The coming meetings of the wethouder's council of the observation's kind, until the end
    of the trajectory; the coach's choice moves the observation there, the wethouder's is a
    proposal to move it that the coach answers."""
    appointment = _appointment(request, pk, "coaching.change_appointment")
    trajectory = appointment.trajectory
    moves_directly = rules.has_perm("coaching.reschedule_appointment", request.user, trajectory)
    if request.method == "POST":
        chosen = request.POST.get("meeting", "")
        meeting = get_object_or_404(CouncilMeeting, pk=int(chosen) if chosen.isdigit() else 0)
        try:
            if moves_directly:
                services.observe_meeting(appointment, meeting=meeting, by=request.user)
                done = _("The observation is planned at %(title)s.")
            else:
                moves.propose_meeting(appointment, meeting=meeting, by=request.user)
                done = _("You proposed to observe %(title)s. Your coach agrees or declines; you will hear by mail.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("coaching:observation_meetings", appointment.pk)
        messages.success(request, done % {"title": meeting.title})
        return redirect("coaching:appointment_detail", appointment.pk)
    meetings = meetings_to_observe(
        trajectory.match.intake.municipality,
        kind=appointment.setting,
        start=timezone.localdate(),
        end=trajectory.ends_on,
    )
    context = {
        "appointment": appointment,
        "trajectory": trajectory,
        "meetings": meetings,
        "moves_directly": moves_directly,
    }
    return render(request, "coaching/observation_meetings.html", context)
