# Case numbers in core.numbering's number spaces: a body may leave its prefix empty (its
# region's 代字 and 罚); the number, not (body, year, serial), is the unique key.

from django.db import migrations, models

from fazhi.enforcement import case_index


def restore_case_indexes(apps, schema_editor):
    """SQLite rebuilds the case table to drop a constraint, and with it the NOCASE indexes of
    the case search (`case_index`); they are created again (IF NOT EXISTS elsewhere)."""
    install, _uninstall = case_index.CASE_INDEX.extra.get(schema_editor.connection.vendor, ((), ()))
    for sql in install:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_accounts_and_file_digests"),
        ("enforcement", "0006_power_items"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="penaltycase",
            name="enf_case_serial_unique",
        ),
        migrations.AlterField(
            model_name="enforcementbody",
            name="case_prefix",
            field=models.CharField(
                blank=True,
                help_text="如 天市监罚;留空则用本行政区划名称的首字加“罚”",
                max_length=16,
                verbose_name="案件文号代字",
            ),
        ),
        migrations.AddConstraint(
            model_name="enforcementbody",
            constraint=models.UniqueConstraint(
                condition=models.Q(("case_prefix", ""), _negated=True),
                fields=("case_prefix",),
                name="enf_body_case_prefix_unique",
            ),
        ),
        migrations.RunPython(restore_case_indexes, migrations.RunPython.noop),
    ]
