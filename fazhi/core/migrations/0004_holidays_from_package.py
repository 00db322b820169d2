"""Load the holiday table from chinese-calendar, so a database that never ran the demo
still computes correct deadlines. Years entered by hand are left alone."""

import datetime as dt

from django.db import migrations


def load(apps, schema_editor):
    import chinese_calendar

    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarYear = apps.get_model("core", "CalendarYear")
    manual = set(
        CalendarYear.objects.exclude(source="chinese-calendar").values_list("year", flat=True)
    )
    known = sorted({d.year for d in chinese_calendar.holidays})
    years = [y for y in range(known[0], known[-1] + 1) if y not in manual]
    rows = []
    for year in years:
        day = dt.date(year, 1, 1)
        while day.year == year:
            on_duty = chinese_calendar.is_workday(day)
            if on_duty != (day.weekday() < 5):
                _, name = chinese_calendar.get_holiday_detail(day)
                label = chinese_calendar.Holiday(name).chinese if name else ""
                if on_duty:
                    label = f"{label}调休上班" if label else "调休上班"
                rows.append(CalendarDay(date=day, is_working_day=on_duty, note=label))
            day += dt.timedelta(days=1)
    CalendarDay.objects.filter(date__year__in=years).delete()
    CalendarDay.objects.bulk_create(rows, batch_size=500)
    CalendarYear.objects.filter(year__in=years).delete()
    CalendarYear.objects.bulk_create([CalendarYear(year=y, source="chinese-calendar") for y in years])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_statutory_period")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
