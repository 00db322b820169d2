from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disputes", "0004_kernel_periods_copy_due"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reconsiderationoffice",
            name="number_prefix",
            field=models.CharField(
                blank=True,
                help_text="如 天政复;留空则用本行政区划名称的首字加“政复”",
                max_length=16,
                verbose_name="案号前缀",
            ),
        ),
        migrations.AlterField(
            model_name="litigationcase",
            name="court",
            field=models.CharField(max_length=64, verbose_name="审理法院"),
        ),
    ]
