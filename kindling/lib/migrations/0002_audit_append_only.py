"""On PostgreSQL the database itself refuses to change or delete an audit row.

SQLite has no roles and its test flush deletes rows, so there the model's save() and delete()
guard instead (see AuditEvent). TRUNCATE, which only an operator or the test runner issues,
is not a row change and stays possible.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION kindling_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER lib_auditevent_append_only
    BEFORE UPDATE OR DELETE ON lib_auditevent
    FOR EACH ROW EXECUTE FUNCTION kindling_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS lib_auditevent_append_only ON lib_auditevent;
DROP FUNCTION IF EXISTS kindling_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("lib", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
