from django.db import migrations

from fazhi.normdocs import search
from fazhi.normdocs.defaults import LAWS, SETTINGS


def install_search(apps, schema_editor):
    search.install(schema_editor)


def uninstall_search(apps, schema_editor):
    search.uninstall(schema_editor)


def seed(apps, schema_editor):
    ProcedureSetting = apps.get_model("normdocs", "ProcedureSetting")
    Law = apps.get_model("normdocs", "Law")
    for key, (value, working, source) in SETTINGS.items():
        ProcedureSetting.objects.get_or_create(key=str(key), defaults={"value": value, "working_days": working, "source": source})
    for title, version, years, status, changed_on, successor in LAWS:
        Law.objects.get_or_create(
            title=title, version=version,
            defaults={"years": years, "status": str(status), "changed_on": changed_on, "successor": successor},
        )


class Migration(migrations.Migration):
    dependencies = [("normdocs", "0001_initial")]

    operations = [
        # Vendor-specific SQL (FTS5 or tsvector + GIN) lives in fazhi/normdocs/search.py.
        migrations.RunPython(install_search, uninstall_search),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
