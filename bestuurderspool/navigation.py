"""The main navigation, per role, as data: the header renders it, and the link of the page
you are on is marked (`aria-current="page"`), with the group that holds it. A link counts as
current on its own page and on the pages below it; where two links match, the longer (more
specific) one wins.

Links name their pages by URL name and the permissions that guard them by name, so this
module, the lowest layer, never imports the apps whose pages it links to."""

from dataclasses import dataclass

import rules
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .accounts.enums import Role


@dataclass(frozen=True)
class Item:
    """A link in a menu; `perm` (a django-rules permission) hides it from whom it would refuse."""

    view_name: str
    label: str
    perm: str | None = None


@dataclass(frozen=True)
class Group:
    """A dropdown of links under one heading."""

    label: str
    items: tuple[Item, ...]


_HOME = Item("home", _("Home"))
_NOTIFICATIONS = Item("notifications:list", _("Notifications"))
MENUS: dict[str, list[Item | Group]] = {
    Role.COORDINATOR: [
        _HOME,
        Group(
            _("Registrations"),
            (Item("intake:worklist", _("Intakes")), Item("invitation_create", _("Invitations"))),
        ),
        Group(
            _("Matches"),
            (Item("coaching:matches", _("Matches")), Item("coaching:wave", _("Matching wave"))),
        ),
        Group(
            _("Trajectories"),
            (Item("coaching:trajectories", _("Trajectories")), Item("tracks:list", _("Group tracks"))),
        ),
        Group(
            _("Pool"),
            (
                Item("coaching:pool", _("Coach pool")),
                Item("coaching:pool_import", _("Import coaches")),
                Item("coaching:weights", _("Matching weights")),
                Item("councils:calendars", _("Council calendars")),
            ),
        ),
        Group(
            _("Reports"),
            (
                Item("cockpit:supply_demand", _("Supply and demand")),
                Item("cockpit:forecast", _("Forecast")),
                Item("coaching:report_export", _("Exports")),
            ),
        ),
        Group(
            _("Administration"),
            (
                Item("privacy:erasure_list", _("Erasure requests")),
                Item("notifications:failed", _("Failed reminders")),
                Item("privacy:audit_trail", _("Audit trail"), perm="privacy.view_audit_trail"),
                Item("admin:index", _("Admin site"), perm="accounts.use_admin_site"),
            ),
        ),
        _NOTIFICATIONS,
    ],
    Role.COACH: [
        _HOME,
        Item("coaching:my_matches", _("My matches")),
        Item("coaching:trajectories", _("Trajectories")),
        Item("coaching:my_profile", _("My profile")),
        Item("coaching:calendar_settings", _("My calendar")),
        _NOTIFICATIONS,
    ],
    Role.WETHOUDER: [
        _HOME,
        Item("coaching:my_matches", _("My coach")),
        Item("coaching:trajectories", _("My trajectory")),
        Item("coaching:calendar_settings", _("My calendar")),
        _NOTIFICATIONS,
    ],
    Role.SPONSOR: [_HOME],
}


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str
    current: bool = False


@dataclass(frozen=True)
class NavGroup:
    label: str
    links: list[NavLink]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def menu_for(user, path: str) -> list[NavLink | NavGroup]:
    """The signed-in user's links and groups (superusers get the coordinator's), without the
    links their permissions refuse and groups left empty, the current link marked."""
    if not user.is_authenticated:
        return []
    role = Role.COORDINATOR if user.is_superuser else user.role
    entries = [_visible(entry, user) for entry in MENUS.get(role, [])]
    entries = [entry for entry in entries if entry]
    current = _current_url(_flat_urls(entries), path)
    return [_mark(entry, current) for entry in entries]


def _visible(entry: Item | Group, user) -> Item | Group | None:
    if isinstance(entry, Group):
        items = tuple(item for item in entry.items if _allowed(item, user))
        return Group(entry.label, items) if items else None
    return entry if _allowed(entry, user) else None


def _allowed(item: Item, user) -> bool:
    return item.perm is None or rules.has_perm(item.perm, user)


def _flat_urls(entries) -> list[str]:
    items = [item for entry in entries for item in (entry.items if isinstance(entry, Group) else (entry,))]
    return [reverse(item.view_name) for item in items]


def _current_url(urls: list[str], path: str) -> str | None:
    matching = [url for url in urls if path == url or (url != "/" and path.startswith(url))]
    return max(matching, key=len, default=None)


def _mark(entry: Item | Group, current: str | None) -> NavLink | NavGroup:
    if isinstance(entry, Group):
        return NavGroup(str(entry.label), [_mark(item, current) for item in entry.items])
    url = reverse(entry.view_name)
    return NavLink(url, str(entry.label), url == current)
