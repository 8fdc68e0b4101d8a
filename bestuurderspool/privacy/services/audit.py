"""Writing the audit trail: one INSERT per page, never the content of what was read."""

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from ..models import AuditEvent


def _person_id(obj) -> int | None:
    """The wethouder a record is about: the user itself, its wethouder, or its trajectory's."""
    if isinstance(obj, get_user_model()):
        return obj.pk
    if hasattr(obj, "wethouder_id"):
        return obj.wethouder_id
    return getattr(getattr(obj, "trajectory", None), "wethouder_id", None)


def _event(action: str, obj, *, by, person) -> AuditEvent:
    whole_table = isinstance(obj, type)  # a model: every row of it (an export)
    return AuditEvent(
        actor_id=getattr(by, "pk", None),
        action=action,
        record_type=obj._meta.label_lower,
        record_id=None if whole_table else obj.pk,
        person_id=person.pk if person is not None else None if whole_table else _person_id(obj),
    )


def record(action: str, obj, *, by, person=None) -> None:
    """Record that `by` (None: the system) did `action` to `obj`, a sensitive record (or a model
    class: all its rows). The person it is about is `person`, or the record's wethouder (or the
    record itself when it is a user, or its trajectory's wethouder)."""
    _event(action, obj, by=by, person=person).save(force_insert=True)


def record_many(action: str, objs, *, by) -> None:
    """`record` for several records at once, still in one INSERT."""
    events = [_event(action, obj, by=by, person=None) for obj in objs]
    if events:
        AuditEvent.objects.bulk_create(events)


@transaction.atomic
def purge_audit_events(before) -> int:
    """Delete the audit records older than `before` (the retention period). The PostgreSQL
    trigger lets deletes through only with this transaction's switch on."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL bestuurderspool.audit_purge = 'on'")
    old = AuditEvent.objects.filter(at__lt=before)
    # QuerySet.delete is refused on purpose; the raw delete is this one sanctioned path.
    return old._raw_delete(old.db)
