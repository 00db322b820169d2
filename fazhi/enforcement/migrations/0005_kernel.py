"""Kernel port: statutory rules move to core.StatutoryPeriod; trainings recorded as sessions;
the plan's text keeps its column `scope` under the attribute `coverage`."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Old StatutoryRule key -> (core key, label, unit, law, article), as declared in periods.py.
PERIODS = {
    "hearing_request": ("申请听证期限(告知后)", "working_day", "行政处罚法", "第六十四条"),
    "decision": ("作出处罚决定期限(立案后)", "calendar_day", "行政处罚法", "第六十条"),
    "service": ("送达期限(决定后)", "working_day", "行政处罚法", "第六十一条"),
    "decision_publicity": ("处罚决定公示期限(决定后)", "working_day", "国办发〔2018〕118号", ""),
    "inspection_result": ("抽查结果录入公示期限(抽取后)", "working_day", "国发〔2019〕5号", ""),
    "training_hours": ("每人每年法律知识培训学时", "hour", "天发〔2022〕42号;国办发〔2023〕27号", ""),
}


def copy_rules(apps, schema_editor):
    """Carry each edited value into the national row of core's registry (created if missing)."""
    rule_model = apps.get_model("enforcement", "StatutoryRule")
    period_model = apps.get_model("core", "StatutoryPeriod")
    for rule in rule_model.objects.all():
        if rule.key not in PERIODS:
            continue
        label, unit, law, article = PERIODS[rule.key]
        if rule.key != "training_hours":
            unit = "working_day" if rule.working_days else "calendar_day"
        key = f"enforcement.{rule.key}"
        row = period_model.objects.filter(key=key, region__isnull=True).first()
        if row is None:
            period_model.objects.create(
                key=key, label=label, value=rule.value, unit=unit, law=law, article=article
            )
        elif (row.value, row.unit) != (rule.value, unit):
            row.value, row.unit = rule.value, unit
            row.version += 1
            row.save(update_fields=["value", "unit", "version"])


def copy_back(apps, schema_editor):
    rule_model = apps.get_model("enforcement", "StatutoryRule")
    period_model = apps.get_model("core", "StatutoryPeriod")
    for old_key, (_label, _unit, law, article) in PERIODS.items():
        row = period_model.objects.filter(key=f"enforcement.{old_key}", region__isnull=True).first()
        if row is not None:
            rule_model.objects.update_or_create(
                key=old_key,
                defaults={
                    "value": row.value,
                    "working_days": row.unit == "working_day",
                    "basis": f"{law}{article}",
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_statutory_period"),
        ("enforcement", "0004_case_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(copy_rules, copy_back),
        migrations.DeleteModel(name="StatutoryRule"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("inspectionplan", "scope", "coverage"),
                migrations.AlterField(
                    model_name="inspectionplan",
                    name="coverage",
                    field=models.TextField(db_column="scope", verbose_name="抽查事项与范围"),
                ),
            ]
        ),
        migrations.CreateModel(
            name="TrainingSession",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("course", models.CharField(max_length=200, verbose_name="培训内容")),
                ("held_on", models.DateField(verbose_name="培训日期")),
                ("hours", models.DecimalField(decimal_places=1, max_digits=5, verbose_name="学时")),
                ("organiser", models.CharField(max_length=128, verbose_name="组织单位")),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="登记人",
                    ),
                ),
            ],
            options={
                "verbose_name": "培训",
                "verbose_name_plural": "培训",
                "ordering": ["-held_on", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(hours__gt=0), name="enf_session_hours_positive"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="trainingrecord",
            name="session",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attendance",
                to="enforcement.trainingsession",
                verbose_name="培训",
            ),
        ),
        migrations.AddConstraint(
            model_name="trainingrecord",
            constraint=models.UniqueConstraint(
                fields=("officer", "session"), name="enf_training_once_per_session"
            ),
        ),
    ]
