import hashlib

from django.db import migrations, models


def record_existing_files(apps, schema_editor):
    """Digest every file already stored, so serving and `audit verify --files` cover them too."""
    FileDigest = apps.get_model("core", "FileDigest")
    seen = set(FileDigest.objects.values_list("name", flat=True))
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for field in fields:
            names = model._base_manager.exclude(**{field.attname: ""}).values_list(
                field.attname, flat=True
            )
            for name in names.iterator():
                if not name or name in seen or not field.storage.exists(name):
                    continue
                digest, size = hashlib.new("sm3"), 0
                with field.storage.open(name, "rb") as fh:
                    for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                        digest.update(chunk)
                        size += len(chunk)
                FileDigest.objects.create(name=name, sm3=digest.hexdigest(), size=size)
                seen.add(name)


def create_cache_table(apps, schema_editor):
    """The shared cache of the embedded default (rate limits): a table, like `createcachetable`."""
    from django.core.management import call_command

    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_holidays_from_package")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="password_changed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="密码修改时间"),
        ),
        migrations.CreateModel(
            name="FileDigest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=255, unique=True, verbose_name="存储名")),
                ("sm3", models.CharField(max_length=64, verbose_name="SM3 哈希")),
                ("size", models.PositiveBigIntegerField(verbose_name="大小")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="登记时间")),
            ],
            options={"verbose_name": "文件摘要", "verbose_name_plural": "文件摘要"},
        ),
        migrations.RunPython(record_existing_files, migrations.RunPython.noop),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
