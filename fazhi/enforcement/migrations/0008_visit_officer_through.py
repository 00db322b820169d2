# The visit's inspectors get an explicit through model on the table the automatic
# many-to-many made (same name and columns: state only, no data copied), so that the
# redundant single-column indexes can go: inspectionvisit_id leads the unique
# (inspectionvisit_id, officer_id), draw_id leads the visits' unique (draw, rank).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0007_case_number_space"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="InspectionVisitOfficer",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "inspectionvisit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="enforcement.inspectionvisit",
                            ),
                        ),
                        (
                            "officer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="enforcement.officer",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "检查人员",
                        "verbose_name_plural": "检查人员",
                        "db_table": "enforcement_inspectionvisit_officers",
                        "unique_together": {("inspectionvisit", "officer")},
                    },
                ),
                migrations.AlterField(
                    model_name="inspectionvisit",
                    name="officers",
                    field=models.ManyToManyField(
                        related_name="visits",
                        through="enforcement.InspectionVisitOfficer",
                        to="enforcement.officer",
                        verbose_name="检查人员",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterField(
            model_name="inspectionvisitofficer",
            name="inspectionvisit",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                to="enforcement.inspectionvisit",
            ),
        ),
        migrations.AlterField(
            model_name="inspectionvisit",
            name="draw",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="visits",
                to="enforcement.inspectiondraw",
                verbose_name="随机抽取",
            ),
        ),
    ]
