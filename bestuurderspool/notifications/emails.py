"""The reminder mail: HTML and plain text in the recipient's language, with what its source adds
(the appointment's .ics, for one). It says what is due and links to the portal; it never quotes
notes or other confidential text."""

from bestuurderspool.mail import templated_mail

from .sources import SOURCES, Mail


def reminder_messages(reminders) -> dict[int, object]:
    """The mail for each reminder, by reminder id. What the sources add is read once per source
    function for all the reminders it serves (the appointments of two kinds: one query)."""
    by_hook: dict = {}
    for reminder in reminders:
        hook = SOURCES[reminder.kind].mail
        if hook is not None:
            by_hook.setdefault(hook, []).append(reminder)
    added = {pk: mail for hook, group in by_hook.items() for pk, mail in hook(group).items()}
    return {r.pk: reminder_message(r, added.get(r.pk)) for r in reminders}


def reminder_message(reminder, added: Mail | None = None):
    added = added or Mail()
    context = {**added.context, "reminder": reminder, "path": SOURCES[reminder.kind].path(reminder)}
    message = templated_mail("reminder", to=reminder.user, context=context, attachments=added.attachments)
    # Lets a mail system (and the integration tests) recognise one reminder however often it is seen.
    message.extra_headers["X-Bestuurderspool-Reminder"] = reminder.key
    return message
