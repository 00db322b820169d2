from fazhi.catalogs.checks import LawState, check

LAWS = [
    LawState("中华人民共和国食品卫生法", (1995,), "repealed"),
    LawState(
        "中华人民共和国食品安全法", (2009,), "superseded", "中华人民共和国食品安全法(2021年修正)"
    ),
    LawState("中华人民共和国食品安全法", (2015, 2018, 2021), "in_force"),
    LawState("中华人民共和国广告法", (1994,), "superseded", "中华人民共和国广告法(2021年修正)"),
]


def rules(findings):
    return sorted((f.code, f.rule, f.severity) for f in findings)


def test_an_item_without_basis_must_be_corrected():
    items = [{"code": "A1", "name": "甲", "basis": " "}]
    assert rules(check(items, kind="approval")) == [("A1", "no_basis", "error")]
    # A public service item without a basis is only flagged for review.
    assert rules(check(items, kind="service")) == [("A1", "no_basis", "warning")]


def test_a_repealed_law_is_an_error_and_a_superseded_version_a_warning():
    items = [
        {"code": "A1", "name": "甲", "basis": "《中华人民共和国食品卫生法》第二十七条"},
        {"code": "A2", "name": "乙", "basis": "《食品安全法》(2009年)第三十五条"},
        {"code": "A3", "name": "丙", "basis": "《中华人民共和国食品安全法》第三十五条"},
        {"code": "A4", "name": "丁", "basis": "《广告法》第四十六条"},
    ]
    found = check(items, kind="approval", laws=LAWS)
    assert rules(found) == [
        ("A1", "repealed_law", "error"),
        ("A2", "superseded_law", "warning"),
        ("A4", "superseded_law", "warning"),
    ]
    assert "中华人民共和国广告法(2021年修正)" in found[-1].message


def test_duplicated_codes_in_the_list_and_in_another_bodys_list():
    items = [
        {"code": "A1", "name": "甲", "basis": "法"},
        {"code": "A1", "name": "甲2", "basis": "法"},
        {"code": "B1", "name": "乙", "basis": "法"},
    ]
    found = check(items, kind="approval", taken={"B1": "天镇县市场监督管理局"})
    assert rules(found) == [
        ("A1", "duplicate_code", "error"),
        ("A1", "duplicate_code", "error"),
        ("B1", "duplicate_code", "warning"),
    ]
    assert "天镇县市场监督管理局" in found[-1].message


def test_filing_and_registration_in_an_approval_list_look_like_disguised_licences():
    items = [
        {"code": "A1", "name": "建设工程竣工验收备案", "basis": "法"},
        {"code": "A2", "name": "种畜禽生产经营许可", "basis": "法"},
        {"code": "P1", "name": "农药经营备案审批", "basis": "法", "power_kind": "other"},
        {"code": "P2", "name": "户口登记", "basis": "法", "power_kind": "confirmation"},
    ]
    assert rules(check(items[:2], kind="approval")) == [("A1", "disguised_licence", "warning")]
    assert rules(check(items[2:], kind="power")) == [("P1", "disguised_licence", "warning")]


def test_changed_items_and_removals_need_a_reason():
    items = [{"code": "A1", "name": "甲", "basis": "法", "change_reason": ""}]
    found = check(items, kind="approval", changed_codes=["A1"], removed_without_reason=["A9"])
    assert rules(found) == [("A1", "missing_reason", "error"), ("A9", "missing_reason", "error")]
