from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WETHOUDER = "wethouder", _("Wethouder")
    COACH = "coach", _("Coach")
    COORDINATOR = "coordinator", _("Coordinator")


#: Roles that are invited by a coordinator rather than signing up themselves.
INVITED_ROLES = (Role.COACH, Role.COORDINATOR)
