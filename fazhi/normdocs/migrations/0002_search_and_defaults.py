from django.db import migrations

from fazhi.normdocs import search
from fazhi.normdocs.defaults import LAWS

# The settings as this migration first seeded them (they live in core.StatutoryPeriod since 0003).
SETTINGS = {
    "comment_days": (30, False, "国办发〔2018〕37号:涉及群众切身利益的一般不少于30日 [M]"),
    "review_days": (15, True, "国办发〔2018〕115号:原则上不少于5个、最长不超过15个工作日 [M]"),
    "filing_days": (30, False, "通行做法:公布之日起30日内报送备案;以省级规定为准 [M]"),
    "validity_years": (5, False, "通行做法:有效期一般不超过5年 [M]"),
    "provisional_validity_years": (2, False, "通行做法:暂行、试行的不超过2年 [M]"),
    "effective_gap_days": (30, False, "参照规章制定程序条例第三十二条:公布之日起30日后施行"),
    "expiring_months": (6, False, "到期前6个月提示评估"),
}


def install_search(apps, schema_editor):
    search.install(schema_editor)


def uninstall_search(apps, schema_editor):
    search.uninstall(schema_editor)


def seed(apps, schema_editor):
    ProcedureSetting = apps.get_model("normdocs", "ProcedureSetting")
    Law = apps.get_model("normdocs", "Law")
    for key, (value, working, source) in SETTINGS.items():
        ProcedureSetting.objects.get_or_create(key=str(key), defaults={"value": value, "working_days": working, "source": source})
    for title, version, years, status, changed_on, successor in LAWS:
        Law.objects.get_or_create(
            title=title, version=version,
            defaults={"years": years, "status": str(status), "changed_on": changed_on, "successor": successor},
        )


class Migration(migrations.Migration):
    dependencies = [("normdocs", "0001_initial")]

    operations = [
        # Vendor-specific SQL (FTS5 or tsvector + GIN) lives in fazhi/normdocs/search.py.
        migrations.RunPython(install_search, uninstall_search),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
