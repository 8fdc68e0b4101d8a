"""The main navigation, per role, as data: the header renders it, and the link of the page
you are on is marked (`aria-current="page"`). A link counts as current on its own page and on
the pages below it; where two links match, the longer (more specific) one wins."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .accounts.enums import Role

_NOTIFICATIONS = ("notifications:list", _("Notifications"))
MENUS = {
    Role.COORDINATOR: [
        ("home", _("Home")),
        ("intake:worklist", _("Intakes")),
        ("coaching:pool", _("Pool")),
        ("coaching:matches", _("Matches")),
        ("coaching:wave", _("Wave")),
        ("coaching:trajectories", _("Trajectories")),
        ("cockpit:supply_demand", _("Supply and demand")),
        ("cockpit:forecast", _("Forecast")),
        ("coaching:report_export", _("Exports")),
        ("tracks:list", _("Group tracks")),
        ("invitation_create", _("Invitations")),
        ("privacy:erasure_list", _("Erasure requests")),
        _NOTIFICATIONS,
    ],
    Role.COACH: [
        ("home", _("Home")),
        ("coaching:my_matches", _("My matches")),
        ("coaching:trajectories", _("Trajectories")),
        ("coaching:my_profile", _("My profile")),
        ("coaching:calendar_settings", _("My calendar")),
        _NOTIFICATIONS,
    ],
    Role.WETHOUDER: [
        ("home", _("Home")),
        ("coaching:my_matches", _("My coach")),
        ("coaching:trajectories", _("My trajectory")),
        ("coaching:calendar_settings", _("My calendar")),
        _NOTIFICATIONS,
    ],
    Role.SPONSOR: [("home", _("Home"))],
}


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str
    current: bool = False


def menu_for(user, path: str) -> list[NavLink]:
    """The signed-in user's links (superusers get the coordinator's), the current one marked."""
    if not user.is_authenticated:
        return []
    role = Role.COORDINATOR if user.is_superuser else user.role
    links = [(reverse(view_name), label) for view_name, label in MENUS.get(role, [])]
    matching = [url for url, _label in links if path == url or (url != "/" and path.startswith(url))]
    current = max(matching, key=len, default=None)
    return [NavLink(url, str(label), url == current) for url, label in links]
