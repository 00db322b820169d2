from decimal import Decimal

import pytest

from fazhi.core.masking import mask_name, mask_resident_id
from fazhi.enforcement import importing, rubric
from fazhi.enforcement.demo import generated_uscc


def test_masking():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("") == ""
    assert mask_resident_id("14022219950312201X") == "1402**********201X"


def test_generated_uscc_is_valid():
    from stdnum.cn import uscc

    assert all(uscc.is_valid(generated_uscc(n)) for n in range(10000000, 10000200))


def test_clean_uscc_rejects_a_bad_check_digit():
    good = generated_uscc(10000001)
    assert importing.clean_uscc(good.lower()) == good
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValueError, match="无效"):
        importing.clean_uscc(bad)


def test_target_rows_report_every_bad_line():
    good = generated_uscc(10000001)
    rows = [
        (good, "甲公司", "食品销售", ""),
        ("123", "乙公司", "食品销售", ""),
        (good, "甲公司", "食品销售", ""),
        (generated_uscc(10000002), "", "食品销售", ""),
    ]
    errors = []
    records = list(importing.parse_target_rows(rows, errors))
    assert [r.uscc for r in records] == [good]
    assert [e.row for e in errors] == [3, 4, 5]
    assert "重复" in errors[1].message


def test_standard_rows_group_levels_and_report_errors():
    ok = ("S1", "违法", "依据", "罚则", "一般", "情形", "100", "500", "", "首违不罚", "初次")
    ok2 = ("S1", "违法", "依据", "罚则", "较重", "情形", "500", "1000", "", "", "")
    records, errors = importing.parse_standard_rows([ok, ok2])
    assert not errors and records[0].levels["serious"][1:3] == (
        Decimal("500.00"),
        Decimal("1000.00"),
    )
    assert records[0].exemptions == {"first_offence": "初次"}
    bad = ("S2", "违法", "依据", "罚则", "很重", "情形", "x", "10", "", "免罚", "")
    records, errors = importing.parse_standard_rows([ok, bad])
    assert {e.row for e in errors} == {3}
    assert any("违法情节" in e.message for e in errors) and any(
        "罚款下限" in e.message for e in errors
    )


def test_rubric():
    scores = {key: points for key, _, points in rubric.ITEMS}
    assert rubric.total(scores) == 100 and rubric.grade(100) == "优秀"
    assert rubric.grade(59) == "不合格"
    with pytest.raises(rubric.RubricError, match="应在"):
        rubric.total({**scores, "facts": 25})
    with pytest.raises(rubric.RubricError, match="请为"):
        rubric.total({"body": 10})
