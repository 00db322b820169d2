"""ProcedureSetting moves to core.StatutoryPeriod (keys normdocs.<name>); the old table goes.

An edited value is copied onto the national row of the declared period (created here if
post_migrate has not seeded it yet); a day period edited to count working days keeps that.
"""

from django.db import migrations

from fazhi.core.periods import PeriodUnit
from fazhi.normdocs.periods import PERIODS

DAY_UNITS = (PeriodUnit.CALENDAR_DAY, PeriodUnit.WORKING_DAY)


def forward(apps, schema_editor):
    ProcedureSetting = apps.get_model("normdocs", "ProcedureSetting")
    StatutoryPeriod = apps.get_model("core", "StatutoryPeriod")
    declared = {p.key: p for p in PERIODS}
    for old in ProcedureSetting.objects.all():
        period = declared.get(f"normdocs.{old.key}")
        if period is None:
            continue
        unit = period.unit
        if unit in DAY_UNITS:
            unit = PeriodUnit.WORKING_DAY if old.working_days else PeriodUnit.CALENDAR_DAY
        if old.value == period.value and unit == period.unit:
            continue
        row = StatutoryPeriod.objects.filter(key=period.key, region__isnull=True).first()
        if row is None:
            row = StatutoryPeriod(
                key=period.key,
                label=period.label,
                law=period.law,
                article=period.article,
                note=period.note,
            )
        row.value, row.unit = old.value, str(unit)
        row.save()


def backward(apps, schema_editor):
    ProcedureSetting = apps.get_model("normdocs", "ProcedureSetting")
    StatutoryPeriod = apps.get_model("core", "StatutoryPeriod")
    for row in StatutoryPeriod.objects.filter(key__startswith="normdocs.", region__isnull=True):
        ProcedureSetting.objects.update_or_create(
            key=row.key.split(".", 1)[1],
            defaults={
                "value": row.value,
                "working_days": row.unit == PeriodUnit.WORKING_DAY,
                "source": row.law,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("normdocs", "0002_search_and_defaults"),
        ("core", "0003_statutory_period"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="ProcedureSetting"),
    ]
