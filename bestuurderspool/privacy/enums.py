from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("Read")
    CHANGE = "change", _("Changed")
    EXPORT = "export", _("Exported")
    ADMIN_CHANGE = "admin_change", _("Changed in the admin")
    ADMIN_DELETE = "admin_delete", _("Deleted in the admin")
    PASSWORD_CHANGED_BY_OTHER = "password_by_other", _("Password changed by someone else")
    RESET_LINK_SENT = "reset_link_sent", _("Password reset link sent")
    MFA_REMOVED_BY_OTHER = "mfa_by_other", _("Two-factor authentication removed by someone else")
    ERASURE_REQUESTED = "erasure_requested", _("Erasure requested")
    ERASED = "erased", _("Erased")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    PURGED = "purged", _("Purged after its retention period")


class ErasureState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CARRIED_OUT = "carried_out", _("Carried out")


#: The group whose staff members read the audit trail (besides superusers).
PRIVACY_OFFICER_GROUP = "Privacy officer"
