from django.db import migrations

# National defaults at the time of writing; later edits are made in the admin, not here.
ROWS = [
    ("recon_acceptance", "复议申请受理审查", 5, True, "行政复议法(2023修订)", "第30条", "期满未作出不予受理决定的,视为受理"),
    ("recon_supplement_notice", "发出补正通知", 5, True, "行政复议法(2023修订)", "第31条", "自收到申请之日起"),
    ("recon_supplement_reply", "申请人补正材料", 10, True, "行政复议法(2023修订)", "第31条", "无正当理由逾期不补正的,视为放弃申请"),
    ("recon_copy_ordinary", "普通程序:申请书副本发送被申请人", 7, True, "行政复议法(2023修订)", "第48条", ""),
    ("recon_reply_ordinary", "普通程序:被申请人书面答复", 10, True, "行政复议法(2023修订)", "第48条", "自收到申请书副本之日起"),
    ("recon_copy_simplified", "简易程序:申请书副本发送被申请人", 3, True, "行政复议法(2023修订)", "第54条", ""),
    ("recon_reply_simplified", "简易程序:被申请人书面答复", 5, True, "行政复议法(2023修订)", "第54条", "自收到申请书副本之日起"),
    ("recon_hearing_notice", "听证通知提前", 5, True, "行政复议法(2023修订)", "第50条", "听证前五个工作日通知当事人"),
    ("recon_decision_ordinary", "普通程序:作出复议决定", 60, False, "行政复议法(2023修订)", "第62条第1款", "自受理之日起"),
    ("recon_decision_simplified", "简易程序:作出复议决定", 30, False, "行政复议法(2023修订)", "第62条第2款", "自受理之日起"),
    ("recon_extension_max", "决定期限最长延长", 30, False, "行政复议法(2023修订)", "第62条第1款", "经复议机构负责人批准"),
    ("recon_opinion_reply", "意见书:报送纠正情况", 60, False, "行政复议法(2023修订)", "第76条", "自收到意见书之日起"),
    ("recon_recommendation_reply", "建议书:反馈落实情况", 60, False, "行政复议法(2023修订)", "第76条", "本县参照意见书执行,可按省市规定调整"),
    ("lit_defence", "提交答辩状及证据", 15, False, "行政诉讼法", "第67条", "自收到起诉状副本之日起"),
    ("lit_judicial_reply", "司法建议:书面回复", 60, False, "最高人民法院关于加强司法建议工作的意见", "—", "常见为两个月,以建议书载明期限为准"),
    ("lit_procuratorial_reply", "检察建议:书面回复", 60, False, "人民检察院检察建议工作规定", "第19条", "两个月内书面回复,以建议书载明期限为准"),
    ("petition_acceptance", "信访事项:告知是否受理", 15, False, "信访工作条例(2022)", "第22、23条", ""),
    ("petition_handling", "信访事项:办结", 60, False, "信访工作条例(2022)", "第34条", "自受理之日起"),
    ("petition_extension_max", "信访事项:最长延长", 30, False, "信访工作条例(2022)", "第34条", "经本机关负责人批准"),
]


def load(apps, schema_editor):
    StatutoryPeriod = apps.get_model("disputes", "StatutoryPeriod")
    for key, label, days, working, law, article, note in ROWS:
        StatutoryPeriod.objects.get_or_create(key=key, defaults={"label": label, "days": days, "working": working, "law": law, "article": article, "note": note})


class Migration(migrations.Migration):
    dependencies = [("disputes", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
