"""A reference plan says which higher government issued it (the region its measures are of)."""

import django.db.models.deletion
from django.db import migrations, models


def _higher(code: str) -> list[str]:
    # As plans.linking.higher_regions (a migration must not import the app's current code).
    if code.endswith("0000"):
        return []
    if code.endswith("00"):
        return [code[:2] + "0000"]
    return [code[:4] + "00", code[:2] + "0000"]


def issuers_named(apps, schema_editor):
    """Reference plans stored so far: the higher region their issuers or title name, if any
    (the rest the office states on the linking page before any link)."""
    plan_model = apps.get_model("plans", "Plan")
    region_model = apps.get_model("core", "Region")
    for plan in plan_model.objects.filter(is_reference=True, issuing_region__isnull=True):
        text = " ".join([*(plan.issuers or []), plan.title])
        for region in region_model.objects.filter(pk__in=_higher(plan.region_id)).order_by("-pk"):
            if region.name and region.name in text:
                plan_model.objects.filter(pk=plan.pk).update(issuing_region=region)
                break


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_accounts_and_file_digests"),
        ("plans", "0004_region_tenancy"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="issuing_region",
            field=models.ForeignKey(
                blank=True,
                help_text="参照方案由哪一级上级政府发布;本级方案不填",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.region",
                verbose_name="发文区划",
            ),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("is_reference", True), ("issuing_region__isnull", True), _connector="OR"
                ),
                name="plan_issuing_region_only_for_reference",
            ),
        ),
        migrations.RunPython(issuers_named, migrations.RunPython.noop),
    ]
