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


def test_a_certification_lists_who_demands_issues_and_how_art_44():
    full = {
        "code": "Z1",
        "name": "无犯罪记录证明",
        "basis": "《中华人民共和国出境入境管理法》第十二条",
        "implementing_body": "县人力资源和社会保障局",
        "issuing_body": "县公安局",
        "guide": "凭身份证到户籍所在地派出所开具",
    }
    assert check([full], kind="certification") == []
    found = check([{**full, "issuing_body": " ", "guide": ""}], kind="certification")
    assert rules(found) == [("Z1", "missing_content", "error")]
    assert "第四十四条第三款" in found[0].message and "开具单位、办理指南" in found[0].message
    # Only the certification list has these columns by law.
    assert check([{**full, "issuing_body": ""}], kind="approval") == []


def test_a_promised_time_longer_than_the_statutory_one_must_be_corrected():
    items = [
        {"code": "A1", "name": "甲", "basis": "x", "statutory_days": 20, "promised_days": 25},
        {"code": "A2", "name": "乙", "basis": "x", "statutory_days": 20, "promised_days": 20},
        {"code": "A3", "name": "丙", "basis": "x", "statutory_days": None, "promised_days": 5},
    ]
    found = check(items, kind="approval")
    assert rules(found) == [("A1", "promise_over_statutory", "error")]
    assert "承诺时限25个工作日超过法定时限20个工作日" in found[0].message
