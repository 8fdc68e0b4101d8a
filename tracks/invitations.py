"""How the group tracks queue a lost invitation mail again (`bestuurderspool.accounts.mailers`):
a sponsor's names the assignment they were last appointed to, a participant's the year
programme they were last added to."""

from bestuurderspool.accounts import mailers
from bestuurderspool.accounts.enums import Role

from . import tasks
from .enums import TrackKind
from .models import Application, Assignment


def queue_sponsor_invitation(invitation) -> bool:
    assignment = Assignment.objects.filter(sponsor_id=invitation.user_id).order_by("-updated_at", "-pk").first()
    if assignment is None:
        return False
    tasks.send_sponsor_invitation.delay(assignment.pk, invitation.pk)
    return True


def queue_participant_invitation(invitation) -> bool:
    programmes = Application.objects.filter(wethouder_id=invitation.user_id, track__kind=TrackKind.YEAR_PROGRAMME)
    application = programmes.order_by("-applied_at", "-pk").first()
    if application is None:
        return False
    tasks.send_participant_invitation.delay(application.pk, invitation.pk)
    return True


def register() -> None:
    mailers.register(Role.SPONSOR, queue_sponsor_invitation)
    mailers.register(Role.WETHOUDER, queue_participant_invitation)
