from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_reference_issuing_region"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="progressreport",
            name="plans_progr_status_38d6db_idx",
        ),
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(fields=["status", "-reported_on", "id"], name="report_queue_idx"),
        ),
    ]
