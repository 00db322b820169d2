import datetime as dt

from fazhi.normdocs.review_rules import DraftFacts, LawEntry, Limits, review
from tests.normdocs.conftest import CLEAN_BODY, PLANTED_BODY

LAWS = [
    LawEntry(
        "中华人民共和国行政复议法",
        (1999, 2009, 2017),
        False,
        "中华人民共和国行政复议法(2023年修订)",
        dt.date(2024, 1, 1),
    ),
    LawEntry("中华人民共和国行政复议法", (2023,), True),
    LawEntry(
        "中华人民共和国民法通则", (1986, 2009), False, "中华人民共和国民法典", dt.date(2021, 1, 1)
    ),
]


def rules(findings):
    return sorted(f.rule for f in findings)


def test_planted_problems_are_each_found_with_their_sentence():
    findings = review(DraftFacts("天镇县城区流动摊点管理办法", PLANTED_BODY), LAWS)
    assert rules(findings) == sorted(
        [
            "superseded_law",
            "creates_licence",
            "creates_penalty",
            "creates_compulsory_measure",
            "creates_fee",
            "reduces_rights",
            "validity_too_long",
            "effective_too_soon",
        ]
    )
    by_rule = {f.rule: f for f in findings}
    assert (
        by_rule["creates_licence"].sentence
        == "第二条 在城区从事流动摊点经营的,须经县城市管理局批准。"
    )
    assert (
        "2024年1月1日" in by_rule["superseded_law"].message
        and "2023年修订" in by_rule["superseded_law"].message
    )
    for f in findings:
        assert PLANTED_BODY[f.start : f.end] == f.sentence


def test_clean_draft_is_quiet():
    assert review(DraftFacts("政务服务帮办代办工作办法", CLEAN_BODY), LAWS) == []


def test_powers_with_a_legal_basis_in_the_sentence_are_not_flagged():
    body = "第一条 根据《优化营商环境条例》制定本办法。\n第二条 依照《中华人民共和国食品安全法》第一百二十二条的规定处以罚款。\n第三条 本办法自公布之日起30日后施行,有效期3年。"
    assert review(DraftFacts("办法", body), LAWS) == []


def test_provisional_documents_have_a_two_year_limit():
    body = "第一条 根据《优化营商环境条例》制定本办法。\n第二条 本办法自公布之日起30日后施行,有效期3年。"
    assert rules(review(DraftFacts("试行办法", body), LAWS)) == ["validity_too_long"]
    assert review(DraftFacts("办法", body), LAWS) == []
    assert (
        rules(review(DraftFacts("暂行办法", body), LAWS, Limits(provisional_validity_years=3)))
        == []
    )


def test_missing_validity_and_basis():
    body = "第一条 县司法局负责组织实施。\n第二条 本办法自公布之日起30日后施行。"
    assert rules(review(DraftFacts("办法", body), LAWS)) == ["missing_basis", "no_validity"]
    assert (
        rules(
            review(
                DraftFacts(
                    "办法",
                    body,
                    legal_basis="《优化营商环境条例》",
                    valid_until=dt.date(2030, 1, 1),
                ),
                LAWS,
            )
        )
        == []
    )


def test_current_version_citation_is_fine_but_a_repealed_law_is_not():
    body = "第一条 根据《中华人民共和国行政复议法》和《民法通则》制定本办法。有效期5年。自公布之日起30日后施行。"
    findings = review(DraftFacts("办法", body), LAWS)
    assert rules(findings) == ["superseded_law"]
    assert "民法通则" in findings[0].message and "民法典" in findings[0].message


def test_an_urgent_reason_allows_immediate_effect():
    body = "第一条 根据《优化营商环境条例》制定本办法。\n第二条 因疫情防控紧急需要,本办法自印发之日起施行,有效期1年。"
    assert review(DraftFacts("办法", body), LAWS) == []


def test_effective_gap_from_dates():
    body = "第一条 根据《优化营商环境条例》制定本办法。有效期3年。"
    facts = DraftFacts(
        "办法", body, published_on=dt.date(2026, 3, 1), effective_on=dt.date(2026, 3, 10)
    )
    assert rules(review(facts, LAWS)) == ["effective_too_soon"]
