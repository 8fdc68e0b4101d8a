"""The reminder kinds' sources are registered by the apps that own them (intake, coaching,
tracks) when they start; the reminder system plans them in the order the kinds are declared."""

from bestuurderspool.notifications.enums import ReminderKind
from bestuurderspool.notifications.sources import SOURCES, registered


def test_every_kind_has_its_source():
    assert sorted(SOURCES) == sorted(ReminderKind)


def test_the_sources_are_planned_in_the_order_of_the_kinds():
    assert registered() == [SOURCES[kind] for kind in ReminderKind]


def test_only_the_appointment_reminders_and_the_proposal_to_move_add_to_their_mail():
    adding = [kind for kind, source in SOURCES.items() if source.mail is not None]
    assert sorted(adding) == [
        ReminderKind.APPOINTMENT_UPCOMING,
        ReminderKind.MOVE_PROPOSAL_WAITING,
        ReminderKind.SESSION_NOT_LOGGED,
    ]
    assert SOURCES[ReminderKind.APPOINTMENT_UPCOMING].mail is SOURCES[ReminderKind.SESSION_NOT_LOGGED].mail
