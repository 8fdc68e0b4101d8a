"""Permission predicates about people and roles, shared by every app's rules module."""

import rules


@rules.predicate
def is_wethouder(user) -> bool:
    return user.is_authenticated and user.is_wethouder


@rules.predicate
def is_coach(user) -> bool:
    return user.is_authenticated and user.is_coach


@rules.predicate
def is_coordinator(user) -> bool:
    return user.is_authenticated and (user.is_coordinator or user.is_superuser)


rules.add_perm("accounts.invite_user", is_coordinator)
rules.add_perm("accounts.view_invitations", is_coordinator)
# Django's admin site, linked from the menu: for superusers only.
rules.add_perm("accounts.use_admin_site", rules.is_superuser)
