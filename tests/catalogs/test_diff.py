from fazhi.catalogs.diff import diff

FIELDS = ("name", "basis", "promised_days")


def test_diff_names_added_removed_and_changed_fields_with_reasons():
    old = [
        {"code": "A1", "name": "甲", "basis": "法1", "promised_days": 20},
        {"code": "A2", "name": "乙", "basis": "法2", "promised_days": 10},
        {"code": "A3", "name": "丙", "basis": "法3", "promised_days": 5},
    ]
    new = [
        {
            "code": "A1",
            "name": "甲",
            "basis": "法1",
            "promised_days": 5,
            "change_reason": "压缩时限",
        },
        {"code": "A3", "name": "丙", "basis": "法3", "promised_days": 5},
        {
            "code": "A4",
            "name": "丁",
            "basis": "法4",
            "promised_days": 3,
            "change_reason": "承接下放",
        },
    ]
    result = diff(old, new, fields=FIELDS, removal_reasons={"A2": "取消"})
    assert [(c.code, c.reason) for c in result.added] == [("A4", "承接下放")]
    assert [(c.code, c.reason) for c in result.removed] == [("A2", "取消")]
    assert [(c.code, c.fields, c.reason) for c in result.changed] == [
        ("A1", {"promised_days": (20, 5)}, "压缩时限")
    ]
    assert result.unchanged == 1
    assert (result.before, result.after, result.reduction) == (3, 3, 0.0)


def test_reduction_is_the_share_of_the_earlier_items_gone():
    old = [{"code": str(i), "name": "x"} for i in range(10)]
    new = old[:7]
    assert diff(old, new, fields=("name",)).reduction == 30.0
    assert diff([], new, fields=("name",)).reduction is None


def test_diff_as_dict_is_json_ready():
    old = [{"code": "A1", "name": "甲"}]
    new = [{"code": "A1", "name": "乙"}]
    out = diff(old, new, fields=("name",)).as_dict()
    assert out["changed"] == [
        {"code": "A1", "name": "乙", "reason": "", "fields": {"name": {"from": "甲", "to": "乙"}}}
    ]
    assert out["reduction"] == 0.0
