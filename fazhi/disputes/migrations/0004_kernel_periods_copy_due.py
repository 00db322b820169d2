"""The disputes periods move to the kernel's registry (core.StatutoryPeriod, keys disputes.<name>);
the copy to the respondent gets its own stored deadline so the deadline board can list it."""

from django.db import migrations, models

COPY_DAYS = {"ordinary": ("recon_copy_ordinary", 7), "simplified": ("recon_copy_simplified", 3)}


def forwards(apps, schema_editor):
    from fazhi.core.holidays import deadline

    Old = apps.get_model("disputes", "StatutoryPeriod")
    New = apps.get_model("core", "StatutoryPeriod")
    old = {row.key: row for row in Old.objects.all()}
    for key, row in old.items():
        values = {
            "value": row.days,
            "unit": "working_day" if row.working else "calendar_day",
            "note": row.note,
        }
        current = New.objects.filter(key=f"disputes.{key}", region__isnull=True).first()
        if current is None:
            New.objects.create(
                key=f"disputes.{key}", label=row.label, law=row.law, article=row.article, **values
            )
        elif (current.value, current.unit, current.note) != tuple(values.values()):
            for name, value in values.items():
                setattr(current, name, value)
            current.version += 1
            current.save()
    Case = apps.get_model("disputes", "ReconsiderationCase")
    for case in Case.objects.filter(accepted_on__isnull=False, copy_due__isnull=True):
        key, days = COPY_DAYS["simplified" if case.procedure == "simplified" else "ordinary"]
        row = old.get(key)
        due = deadline(
            case.accepted_on, row.days if row else days, working=row.working if row else True
        )
        case.copy_due, case.copy_due_provisional = due.date, due.provisional
        case.save(update_fields=["copy_due", "copy_due_provisional"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_holidays_from_package"),
        ("disputes", "0003_suspension_termination"),
    ]

    operations = [
        migrations.AddField(
            model_name="reconsiderationcase",
            name="copy_due",
            field=models.DateField(blank=True, null=True, verbose_name="副本发送期限"),
        ),
        migrations.AddField(
            model_name="reconsiderationcase",
            name="copy_due_provisional",
            field=models.BooleanField(default=False, verbose_name="副本发送期限暂定"),
        ),
        migrations.AddIndex(
            model_name="reconsiderationcase",
            index=models.Index(fields=["status", "copy_due"], name="disputes_rc_status_copy_due"),
        ),
        migrations.AlterField(
            model_name="reconsiderationhearing",
            name="kind",
            field=models.CharField(
                choices=[
                    ("hearing", "听证"),
                    ("views", "听取意见"),
                    ("site_investigation", "实地调查"),
                    ("written_review", "书面审理(因当事人原因不能听取意见)"),
                ],
                max_length=32,
                verbose_name="方式",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.DeleteModel(name="StatutoryPeriod"),
    ]
