"""Who may use the privacy pages. Checked with django-rules' own permission set
(`rules.has_perm`), never `user.has_perm`, which Django answers "yes" for every superuser."""

import rules

from bestuurderspool.accounts.rules import is_coordinator, is_wethouder

from .enums import PRIVACY_OFFICER_GROUP


@rules.predicate
def is_privacy_officer(user) -> bool:
    """A superuser, or a staff member (who must use two-factor authentication, like every staff
    account) in the privacy officer group."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (user.is_staff and user.groups.filter(name=PRIVACY_OFFICER_GROUP).exists())


rules.add_perm("privacy.view_audit_trail", is_privacy_officer)
rules.add_perm("privacy.use_data_rights", is_wethouder)
rules.add_perm("privacy.handle_erasure", is_coordinator)
