"""Permissions of the cockpit: the coordinators' overview of the pool and its forecast."""

import rules

from bestuurderspool.accounts.rules import is_coordinator

rules.add_perm("cockpit.view_cockpit", is_coordinator)
rules.add_perm("cockpit.change_forecast", is_coordinator)
