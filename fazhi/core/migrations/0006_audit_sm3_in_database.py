"""PostgreSQL: pgcrypto, so the audit append computes its SM3 in the statement that locks the
chain head (`core.audit`). A trusted extension: the database's owner may create it."""

from django.db import migrations

SAMPLE = '0{"名称":"县司法局","seq":1}'


def create_pgcrypto(apps, schema_editor):
    import hashlib

    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")
        cursor.execute("SELECT encode(digest(convert_to(%s, 'UTF8'), 'sm3'), 'hex')", [SAMPLE])
        found = cursor.fetchone()[0]
    if found != hashlib.new("sm3", SAMPLE.encode()).hexdigest():
        raise RuntimeError("pgcrypto's SM3 differs from Python's: the audit chain needs both")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_accounts_and_file_digests")]

    operations = [migrations.RunPython(create_pgcrypto, migrations.RunPython.noop, elidable=False)]
