import io

import pytest
from django.core.management import CommandError, call_command

from fazhi.normdocs.models import NormativeDocument

GOOD = "天镇县司法局文件\n天司发〔2025〕3号\n天镇县司法局关于印发《天镇县行政复议听证办法》的通知\n第一条 根据《中华人民共和国行政复议法》,制定本办法。\n天镇县司法局\n2025年3月1日\n"


def test_folder_import_reports_failures_and_is_rerunnable(tmp_path, reviewer, justice_bureau):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"not a zip")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    out = io.StringIO()
    call_command("normdocs_import", str(tmp_path), "--user", reviewer.username, stdout=out)
    assert (
        "登记成功 1 件,未登记 1 件" in out.getvalue()
        and "内容是文本(.txt),不是Word(.docx)文件" in out.getvalue()  # the upload guard's words
    )
    out = io.StringIO()
    call_command("normdocs_import", str(tmp_path), "--user", reviewer.username, stdout=out)
    assert "登记成功 0 件,未登记 2 件" in out.getvalue() and "已登记" in out.getvalue()
    assert NormativeDocument.objects.get().issuer == justice_bureau


def test_unknown_user_or_issuer_is_refused(tmp_path, reviewer):
    with pytest.raises(CommandError, match="账号 nobody 不存在"):
        call_command("normdocs_import", str(tmp_path), "--user", "nobody")
    with pytest.raises(CommandError, match="不在单位名录中"):
        call_command(
            "normdocs_import", str(tmp_path), "--user", reviewer.username, "--issuer", "火星局"
        )
