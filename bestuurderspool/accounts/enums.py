from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WETHOUDER = "wethouder", _("Wethouder")
    COACH = "coach", _("Coach")
    COORDINATOR = "coordinator", _("Coordinator")
    #: The director who sponsors a year programme participant's assignment (group tracks): sees
    #: that assignment and nothing else.
    SPONSOR = "sponsor", _("Sponsor")


#: Roles that a coordinator invites. A wethouder normally signs up; a participant of a year
#: programme, chosen by the client municipality, is invited where they are added.
INVITED_ROLES = (Role.COACH, Role.COORDINATOR, Role.SPONSOR, Role.WETHOUDER)
#: The roles of the invitations page; a sponsor is invited where they are appointed, with the
#: assignment they sponsor.
INVITATION_PAGE_ROLES = (Role.COACH, Role.COORDINATOR)
