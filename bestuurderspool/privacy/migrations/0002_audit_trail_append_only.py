"""On PostgreSQL the audit trail refuses UPDATE and DELETE in the database itself, whoever
connects; the retention purge alone deletes, with a transaction-local switch
(`services/audit.py`). TRUNCATE is not refused: the test suite empties tables with it."""

from django.db import migrations

CREATE = """
CREATE FUNCTION privacy_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('bestuurderspool.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER privacy_auditevent_append_only
    BEFORE UPDATE OR DELETE ON privacy_auditevent
    FOR EACH ROW EXECUTE FUNCTION privacy_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent;
DROP FUNCTION IF EXISTS privacy_auditevent_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_audit_trail_and_erasure_requests")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
