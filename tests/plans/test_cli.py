import io
import json

import pytest
from django.core.management import CommandError, call_command

from fazhi.plans.models import Plan, PlanImport, Task
from fazhi.plans.parsing import DEMO_PLAN_DOCX, DEMO_PLAN_TXT

from .conftest import MINI


def run(*args) -> str:
    out = io.StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


def test_parse_json_prints_the_draft(directory):
    data = json.loads(run("parse", str(DEMO_PLAN_TXT), "--json"))
    assert data["document"]["number"] == "天发〔2022〕42号"
    assert len(data["measures"]) == 33 and data["unresolved"] == []
    assert len(data["content_hash"]) == 64
    assert Plan.objects.count() == 0


def test_import_then_reimport_changes_nothing(directory, holidays):
    assert "已导入 天发〔2022〕42号" in run("import", str(DEMO_PLAN_TXT))
    assert "内容无变化" in run("import", str(DEMO_PLAN_DOCX))
    assert Task.objects.count() == 32 and PlanImport.objects.count() == 1


def test_revision_needs_apply(directory, holidays, tmp_path):
    run("import", str(MINI))
    revised = tmp_path / "r.txt"
    revised.write_text(
        MINI.read_text(encoding="utf-8").replace("到2027年", "到2026年"), encoding="utf-8"
    )
    out = run("import", str(revised))
    assert "修订版" in out and "修改任务:1" in out and "未保存" in out
    assert not Task.objects.filter(deadline_text__contains="到2026年").exists()
    run("import", str(revised), "--apply")
    assert Task.objects.filter(deadline_text="到2026年").count() == 1


def test_unresolved_names_need_resolve(directory, holidays, tmp_path):
    typo = tmp_path / "t.txt"
    typo.write_text(
        MINI.read_text(encoding="utf-8").replace(
            "牵头单位:县市场监督管理局", "牵头单位:县市监管理局"
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="县市监管理局"):
        run("import", str(typo))
    assert Plan.objects.count() == 0
    run("import", str(typo), "--resolve", "县市监管理局=天镇县市场监督管理局", "--alias")
    assert Plan.objects.count() == 1


def test_bad_file_is_a_clear_error(directory, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="空"):
        run("parse", str(empty))
