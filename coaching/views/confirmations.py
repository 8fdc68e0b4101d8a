"""What each consequential action of the matching and the trajectory will do, and who will be
told, for its confirmation step (`bestuurderspool.confirm`). The "told" lines follow the
recipients in `coaching.emails`."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bestuurderspool.confirm import Confirmation

from ..enums import AppointmentStatus, TrajectoryState


def _day(value) -> str:
    return formats.date_format(value, "j F Y")


def _trajectory_url(trajectory) -> str:
    return reverse("coaching:trajectory_detail", args=[trajectory.pk])


def _ahead(trajectory) -> int:
    return trajectory.appointments.filter(
        status__in=[AppointmentStatus.PLANNED, AppointmentStatus.PROPOSED], on__gte=timezone.localdate()
    ).count()


def _both_mailed(trajectory) -> str:
    return _("%(coach)s and %(wethouder)s get an email.") % {
        "coach": trajectory.coach,
        "wethouder": trajectory.wethouder,
    }


def end_trajectory(trajectory, data) -> Confirmation:
    stopped = data["outcome"] == TrajectoryState.STOPPED
    happens = [
        _("The trajectory stops early. Reason: %(reason)s") % {"reason": data["reason"].strip()}
        if stopped
        else _("The trajectory is marked as completed."),
        ngettext(
            "The %(count)s appointment still ahead is cancelled; what happened stays in the history.",
            "The %(count)s appointments still ahead are cancelled; what happened stays in the history.",
            _ahead(trajectory),
        )
        % {"count": _ahead(trajectory)},
        _("The coach's place is freed. This cannot be undone."),
    ]
    return Confirmation(
        title=_("Stop the trajectory early?") if stopped else _("Complete the trajectory?"),
        button=_("Yes, stop the trajectory") if stopped else _("Yes, complete the trajectory"),
        cancel_url=_trajectory_url(trajectory),
        happens=happens,
        told=[_both_mailed(trajectory)],
    )


def switch_coach(trajectory, data) -> Confirmation:
    names = {"coach": trajectory.coach, "wethouder": trajectory.wethouder}
    return Confirmation(
        title=_("Switch to another coach?"),
        button=_("Yes, end and propose another coach"),
        cancel_url=_trajectory_url(trajectory),
        happens=[
            _("The trajectory with %(coach)s ends; its history stays.") % names,
            _("Appointments still ahead are cancelled."),
            _("%(coach)s is not proposed to %(wethouder)s again.") % names,
            _("The matching proposes the next coach; you approve that proposal yourself."),
            _("Reason: %(reason)s") % {"reason": data["reason"].strip()},
        ],
        told=[
            _("The coordinators get an email."),
            _("%(coach)s and %(wethouder)s get no email: tell them yourself.") % names,
        ],
    )


def plan_trajectory(trajectory, data, plan) -> Confirmation:
    remade = trajectory.appointments.filter(extra=False, status=AppointmentStatus.PLANNED).count()
    return Confirmation(
        title=_("Make the plan again?"),
        button=_("Yes, save the new plan"),
        cancel_url=_trajectory_url(trajectory),
        happens=[
            ngettext(
                "The %(count)s planned appointment is made again from the new numbers.",
                "The %(count)s planned appointments are made again from the new numbers.",
                remade,
            )
            % {"count": remade},
            _("%(sessions)s sessions over %(months)s months: the first on %(first)s, the last by %(end)s.")
            % {
                "sessions": data["sessions"],
                "months": data["months"],
                "first": _day(data["first_session"]),
                "end": _day(plan.end),
            },
            _("Moved appointments get the new dates; extra appointments stay as they are."),
        ],
        told=[_both_mailed(trajectory)],
        danger=False,
    )


def _response_due() -> str:
    return _day(timezone.localdate() + timedelta(days=settings.MATCH_RESPONSE_DAYS))


def approve_coach(intake, coach, *, reason: str = "") -> Confirmation:
    names = {"coach": coach, "wethouder": intake.wethouder, "date": _response_due()}
    happens = [
        _("%(coach)s is asked to coach %(wethouder)s and has until %(date)s to answer.") % names,
        _("A place in %(coach)s's agenda is reserved for this.") % names,
    ]
    if reason:
        happens += [
            _("Open proposals for this intake lapse."),
            _("Your reason: %(reason)s") % {"reason": reason.strip()},
        ]
    return Confirmation(
        title=_("Approve %(coach)s for %(wethouder)s?") % names,
        button=_("Yes, approve"),
        cancel_url=reverse("coaching:proposals", args=[intake.pk]),
        happens=happens,
        told=[
            _("%(coach)s gets an email asking to accept.") % names,
            _("%(wethouder)s hears from us once the coach has accepted.") % names,
        ],
        danger=False,
    )


def approve_wave(matches) -> Confirmation:
    count = len(matches)
    return Confirmation(
        title=ngettext("Approve %(count)s match?", "Approve %(count)s matches?", count) % {"count": count},
        button=_("Yes, approve"),
        cancel_url=reverse("coaching:wave"),
        happens=[
            *(_("%(wethouder)s with %(coach)s") % {"wethouder": m.wethouder, "coach": m.coach} for m in matches),
            _("Each coach is asked to accept and has until %(date)s to answer.") % {"date": _response_due()},
        ],
        told=[
            _("Each of these coaches gets an email asking to accept."),
            _("The wethouders hear from us once their coach has accepted."),
        ],
        danger=False,
    )


def decline_match(match, data) -> Confirmation:
    return Confirmation(
        title=_("Decline coaching %(wethouder)s?") % {"wethouder": match.wethouder},
        button=_("Yes, I decline"),
        cancel_url=reverse("coaching:match_detail", args=[match.pk]),
        happens=[
            _("This request closes; you are not proposed to this wethouder again."),
            _("The coordinators propose another coach."),
            _("Your reason: %(reason)s") % {"reason": data["reason"].strip()},
        ],
        told=[
            _("The coordinators get an email and read your reason."),
            _("The wethouder gets no email and never sees your reason."),
        ],
    )


def calendar_address(*, revoke: bool) -> Confirmation:
    back = reverse("coaching:calendar_settings")
    if revoke:
        return Confirmation(
            title=_("Stop your calendar address?"),
            button=_("Yes, stop this address"),
            cancel_url=back,
            happens=[
                _("Your current address stops working at once: calendar apps subscribed to it get no appointments."),
                _("You can make a new address later."),
            ],
        )
    return Confirmation(
        title=_("Make a new calendar address?"),
        button=_("Yes, make a new address"),
        cancel_url=back,
        happens=[
            _("Your current address stops working at once."),
            _("Enter the new address in your calendar app to keep seeing your appointments."),
        ],
    )


def decline_move(proposal, note: str) -> Confirmation:
    appointment = proposal.appointment
    names = {
        "what": appointment.get_kind_display(),
        "date": _day(appointment.on),
        "proposed": _day(proposal.on),
        "wethouder": appointment.trajectory.wethouder,
    }
    happens = [
        _("%(wethouder)s's proposal to move it to %(proposed)s is declined.") % names,
        _("The appointment (%(what)s) stays on %(date)s.") % names,
    ]
    if note.strip():
        happens.append(_("Your note: %(note)s") % {"note": note.strip()})
    return Confirmation(
        title=_("Decline the proposal to move?"),
        button=_("Yes, decline the proposal"),
        cancel_url=reverse("coaching:appointment_detail", args=[appointment.pk]),
        happens=happens,
        told=[_("%(wethouder)s gets an email and reads your note in the portal.") % names],
    )
