"""Region tenancy: plans, uploads and supervision notices belong to a region; the notice reply
period moves to core's period registry (`plans.notice_reply`) and the prefix to NoticePrefix."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count, Q

# As declared in plans/periods.py (a migration must not import the app's current code).
REPLY = {
    "key": "plans.notice_reply",
    "label": "督办单回复期限",
    "unit": "working_day",
    "law": "本级督办工作制度",
    "article": "",
    "note": "自签发之日起计算;无上位法规定,按本县(市、省)督办制度设定",
}


def _home_region(apps):
    """The deployment's county (FAZHI_REGION_CODE), or the region most units belong to."""
    region_model = apps.get_model("core", "Region")
    home = region_model.objects.filter(pk=settings.FAZHI_REGION_CODE).first()
    if home is None:
        home = region_model.objects.annotate(n=Count("units")).order_by("-n", "code").first()
    return home


def forwards(apps, schema_editor):
    plan_model = apps.get_model("plans", "Plan")
    import_model = apps.get_model("plans", "PlanImport")
    notice_model = apps.get_model("plans", "SupervisionNotice")
    setting_model = apps.get_model("plans", "NoticeSetting")
    prefix_model = apps.get_model("plans", "NoticePrefix")
    period_model = apps.get_model("core", "StatutoryPeriod")
    home = _home_region(apps)
    pending = (
        plan_model.objects.filter(region__isnull=True).exists()
        or import_model.objects.filter(region__isnull=True).exists()
        or notice_model.objects.filter(region__isnull=True).exists()
    )
    if pending and home is None:
        raise RuntimeError("plans exist but no region does: load the unit directory first")
    # Until now one deployment served one county: every stored row is that county's.
    for model in (plan_model, import_model, notice_model):
        model.objects.filter(region__isnull=True).update(region=home)
    setting = setting_model.objects.filter(pk=1).first()
    if setting is None:
        return
    if home is not None:
        prefix_model.objects.update_or_create(region=home, defaults={"prefix": setting.prefix})
    row = period_model.objects.filter(key=REPLY["key"], region__isnull=True).first()
    if row is None:
        period_model.objects.create(value=setting.reply_working_days, **REPLY)
    elif row.value != setting.reply_working_days:
        row.value = setting.reply_working_days
        row.version += 1
        row.save(update_fields=["value", "version"])


def backwards(apps, schema_editor):
    setting_model = apps.get_model("plans", "NoticeSetting")
    prefix_model = apps.get_model("plans", "NoticePrefix")
    period_model = apps.get_model("core", "StatutoryPeriod")
    row = period_model.objects.filter(key=REPLY["key"], region__isnull=True).first()
    prefix = prefix_model.objects.order_by("region_id").first()
    if row is not None or prefix is not None:
        setting_model.objects.update_or_create(
            pk=1,
            defaults={
                "prefix": prefix.prefix if prefix else "天法督",
                "reply_working_days": row.value if row else 5,
            },
        )


def _region(null: bool):
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="core.region",
        verbose_name="行政区划",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_accounts_and_file_digests"),
        ("plans", "0003_reference_plans_and_optional_doc_number"),
    ]

    operations = [
        migrations.CreateModel(
            name="NoticePrefix",
            fields=[
                (
                    "region",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="core.region",
                        verbose_name="行政区划",
                    ),
                ),
                ("prefix", models.CharField(max_length=16, verbose_name="文号前缀")),
            ],
            options={
                "verbose_name": "督办单文号前缀",
                "verbose_name_plural": "督办单文号前缀",
                "ordering": ["region_id"],
            },
        ),
        migrations.AddField("plan", "region", _region(True)),
        migrations.AddField("planimport", "region", _region(True)),
        migrations.AddField("supervisionnotice", "region", _region(True)),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField("plan", "region", _region(False)),
        migrations.AlterField("planimport", "region", _region(False)),
        migrations.AlterField("supervisionnotice", "region", _region(False)),
        migrations.DeleteModel(name="NoticeSetting"),
        migrations.AlterField(
            model_name="plan",
            name="identity",
            field=models.CharField(max_length=80, verbose_name="识别标识"),
        ),
        migrations.RemoveConstraint(model_name="plan", name="plan_doc_number_unique"),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                fields=("region", "identity"), name="plan_identity_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                condition=~Q(doc_number=""),
                fields=("region", "doc_number"),
                name="plan_doc_number_unique",
            ),
        ),
        migrations.AlterField(
            model_name="supervisionnotice",
            name="number",
            field=models.CharField(max_length=64, verbose_name="督办单编号"),
        ),
        migrations.RemoveConstraint(model_name="supervisionnotice", name="notice_serial_unique"),
        migrations.AddConstraint(
            model_name="supervisionnotice",
            constraint=models.UniqueConstraint(
                fields=("region", "year", "serial"), name="notice_serial_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="supervisionnotice",
            constraint=models.UniqueConstraint(
                fields=("region", "number"), name="notice_number_unique"
            ),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="版本"),
        ),
        migrations.AddField(
            model_name="supervisionnotice",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="版本"),
        ),
        migrations.AddField(
            model_name="planimport",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="版本"),
        ),
    ]
