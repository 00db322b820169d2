from django.db import migrations

from fazhi.normdocs import search


def store_inline(apps, schema_editor):
    search.DOCUMENTS.store_inline(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("normdocs", "0006_search_reads_hit_dates_from_an_index")]

    operations = [migrations.RunPython(store_inline, migrations.RunPython.noop)]
