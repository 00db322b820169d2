from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_report_queue_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="progressreport",
            name="plans_progr_unit_id_fa038c_idx",
        ),
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(
                fields=["unit", "status", "-reviewed_on"], name="report_unit_status_idx"
            ),
        ),
    ]
