"""Who keeps the council calendars: the coordinators."""

import rules

from bestuurderspool.accounts.rules import is_coordinator

rules.add_perm("councils.manage_calendars", is_coordinator)
