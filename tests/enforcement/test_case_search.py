"""Bigram index for case search: the pure bigram functions, and index results equal to LIKE."""

import datetime as dt

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.choices import Role
from fazhi.enforcement import case_index, search_terms, selectors, services
from fazhi.enforcement.models import CaseSearchEntry, PenaltyCase

# ---------------------------------------------------------------- pure functions

texts = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("天镇县新平堡宁康食品销售有限公司王小明ABCabc123 ()()Σσςİﬁ가\u0301"),
    ),
    max_size=40,
)


@given(texts, st.data())
def test_query_bigrams_of_any_substring_are_in_the_text(text, data):
    if len(text) < 2:
        return
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 2, len(text)))
    query = text[start:end]
    pairs = search_terms.query_bigrams(query)
    assert pairs is not None
    assert pairs <= search_terms.bigrams(text)
    assert set(search_terms.query_tokens(query)) <= set(search_terms.document(text).split())


@given(texts)
def test_tokens_are_eight_lowercase_letters(text):
    for tok in search_terms.document(text, text[::-1]).split():
        assert len(tok) == 8
        assert all("a" <= ch <= "z" for ch in tok)


def test_bigrams_of_a_company_name_and_a_person():
    assert search_terms.bigrams("宁康食品") == {"宁康", "康食", "食品"}
    assert search_terms.bigrams("王小明") == {"王小", "小明"}
    assert search_terms.query_bigrams("王") is None
    # NFKC and lower-case: full-width letters and brackets fold to ASCII.
    assert search_terms.bigrams("ＡＢ(株)") == search_terms.bigrams("ab(株)")
    # Per character: a combining accent is not composed with the letter before it.
    assert search_terms.normalize("e\u0301x") == "e\u0301x"
    assert search_terms.normalize("ΑΣ") == "ασ"


def test_distinct_bigrams_get_distinct_tokens():
    pairs = ["宁康", "康宁", "ab", "ba", "a ", " a", "公司", "司公", "王小", "小王"]
    assert len({search_terms.token(p) for p in pairs}) == len(pairs)


# ---------------------------------------------------------------- database

NAMES = [
    "天镇县新平堡镇宁康食品销售有限公司",
    "天镇县宁康便利店",
    "大同市康宁食品有限公司",
    "王小明",
    "王小",
    "小明王",
    "李明",
    "ABC商贸(天镇)有限公司",
    "abc商贸有限公司",
    "天镇县100%纯净水厂",
    "天镇_县_下划线商行",
    '引号"商行',
    "NEAR贸易 OR 公司",
    "星号*商店",
    "ＡＢＣ全角商贸",
    "Café咖啡馆",
]
TITLES = ["未取得食品经营许可从事食品经营", "销售过期食品", "虚假宣传", "无照经营"]
QUERIES = [
    "宁康",
    "康宁",
    "食品销售",
    "有限公司",
    "王小明",
    "王小",
    "小明",
    "明王",
    "ABC",
    "abc",
    "Bc商",
    "(天镇)",
    "100%",
    "%纯",
    "_县",
    "镇_",
    '" OR 1=1 --',
    '引号"',
    '"',
    "NEAR",
    "NEAR贸易",
    " OR ",
    "*",
    "星号*",
    "**",
    "食品经营",
    "过期",
    "ＡＢＣ",
    "Caf",
    "AND",
    "天市监罚",
    "天市监罚〔2026〕1",
    "9114",
    "91140222",
    "宁",
    "a",
    "",
]


def _cases(bodies, actor, *, index=True):
    rows = []
    day = dt.date(2026, 3, 1)
    for i, name in enumerate(NAMES * 2):
        body = bodies[i % len(bodies)]
        rows.append(
            PenaltyCase(
                body=body,
                year=2026,
                serial=i + 1,
                number=f"{body.case_prefix}〔2026〕{i + 1}号",
                title=TITLES[i % len(TITLES)],
                party_kind="organisation" if len(name) > 3 else "person",
                party_name=name,
                party_uscc=f"91140222{i:010d}"[:18] if len(name) > 3 else "",
                filed_on=day - dt.timedelta(days=i % 5),
                filed_by=actor,
                decision_due=day + dt.timedelta(days=90),
            )
        )
    created = PenaltyCase.objects.bulk_create(rows)
    if index:
        case_index.fill(created)
    return created


@pytest.fixture
def cases(body, other_body, supervisor):
    return _cases([body, other_body], supervisor)


def _ids(qs):
    return list(qs.values_list("pk", flat=True))


def test_index_exists_on_this_database(db):
    assert case_index.available()
    assert case_index.candidates_sql("宁康") is not None
    assert case_index.candidates_sql("宁") is None


@pytest.mark.parametrize("query", QUERIES)
def test_search_equals_the_like_scan(cases, supervisor, query):
    found = _ids(selectors.case_list(user=supervisor, params={"q": query}))
    scanned = _ids(
        PenaltyCase.objects.filter(selectors.case_search_like(query))
        if query
        else PenaltyCase.objects
    )
    assert found == scanned  # same rows, same order (-filed_on, -id)


def test_search_finds_expected_rows(cases, supervisor):
    def names(q):
        return sorted({c.party_name for c in selectors.case_list(user=supervisor, params={"q": q})})

    assert names("宁康") == ["天镇县宁康便利店", "天镇县新平堡镇宁康食品销售有限公司"]
    assert names("王小明") == ["王小明"]
    assert names("明王") == ["小明王"]
    assert names("NEAR") == ["NEAR贸易 OR 公司"]
    assert names('" OR 1=1 --') == []
    assert names("%纯") == ["天镇县100%纯净水厂"]
    assert len(selectors.case_list(user=supervisor, params={"q": "过期"})) == 8


def test_a_fragment_held_by_many_cases_is_scanned_and_a_rare_one_uses_the_index(
    cases, supervisor, monkeypatch
):
    """The plan follows the fragment's frequency: over the share of indexed cases, the scan."""
    monkeypatch.setattr(case_index, "ALWAYS_INDEX", 3)
    monkeypatch.setattr(case_index, "INDEX_SHARE", {"sqlite": 0.0, "postgresql": 0.0})
    assert case_index.candidates_sql("过期") is None  # 8 cases hold it
    assert case_index.candidates_sql("王小明") is not None  # two cases
    for query in ("过期", "王小明"):
        found = _ids(selectors.case_list(user=supervisor, params={"q": query}))
        assert found == _ids(PenaltyCase.objects.filter(selectors.case_search_like(query)))


def test_rows_without_an_entry_are_not_candidates(body, supervisor):
    """The index really answers: a case bulk-created without `fill` is invisible to it."""
    (case, *_) = _cases([body], supervisor, index=False)
    assert not selectors.case_list(user=supervisor, params={"q": case.party_name}).filter(
        pk=case.pk
    )
    case_index.fill([case])
    assert selectors.case_list(user=supervisor, params={"q": case.party_name}).filter(pk=case.pk)


def test_fill_rewrites_an_entry(cases, supervisor):
    case = cases[0]
    PenaltyCase.objects.filter(pk=case.pk).update(party_name="全新名称商行")
    case.party_name = "全新名称商行"
    case_index.fill([case])
    assert CaseSearchEntry.objects.filter(pk=case.pk).count() == 1
    assert _ids(selectors.case_list(user=supervisor, params={"q": "新名称"})) == [case.pk]
    assert case.pk not in _ids(selectors.case_list(user=supervisor, params={"q": "宁康食品"}))


def test_backfill_indexes_cases_without_entries(body, supervisor):
    created = _cases([body], supervisor, index=False)
    assert case_index.backfill(PenaltyCase, CaseSearchEntry, batch_size=7) == len(created)
    assert CaseSearchEntry.objects.count() == len(created)
    assert case_index.backfill(PenaltyCase, CaseSearchEntry) == 0
    assert len(selectors.case_list(user=supervisor, params={"q": "宁康"})) == 4


def test_officer_sees_only_own_body(cases, body, other_body, make_user):
    officer = make_user(Role.OFFICER, unit=body.unit)
    found = selectors.case_list(user=officer, params={"q": "有限公司"})
    assert found
    assert {c.body_id for c in found} == {body.pk}
    assert _ids(found) == _ids(
        PenaltyCase.objects.filter(body=body).filter(selectors.case_search_like("有限公司"))
    )
    reporter = make_user(Role.REPORTER, unit=other_body.unit)
    assert {c.body_id for c in selectors.case_list(user=reporter, params={"q": "宁康"})} <= {
        other_body.pk
    }


def test_filing_a_case_indexes_it(body, officers, officer_user, supervisor):
    case = services.case_file(
        actor=officer_user,
        body=body,
        title="销售不合格食品",
        party_kind="person",
        party_name="赵铁柱",
        officers=officers[:2],
    )
    assert CaseSearchEntry.objects.filter(pk=case.pk).exists()
    assert _ids(selectors.case_list(user=supervisor, params={"q": "铁柱"})) == [case.pk]
    assert _ids(selectors.case_list(user=supervisor, params={"q": "不合格"})) == [case.pk]


def test_vendor_sql_is_in_place(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s)",
                [case_index.FTS, "enf_case_number_nocase", "enf_case_uscc_nocase"],
            )
            assert cursor.fetchone()[0] == 3
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE indexname IN (%s, %s)",
                ["enf_case_search_gin", "enf_case_uscc_like"],
            )
            assert cursor.fetchone()[0] == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics: PostgreSQL")
def test_on_postgresql_the_plan_comes_from_the_planner_statistics_without_a_count(
    cases, supervisor, monkeypatch
):
    from django.test.utils import CaptureQueriesContext

    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {case_index.TABLE}")
    monkeypatch.setattr(case_index, "_stats", {})
    monkeypatch.setattr(case_index, "ALWAYS_INDEX", 3)
    shares, rows = case_index.token_shares()
    (common,) = search_terms.query_tokens("过期")
    assert rows == CaseSearchEntry.objects.count() and shares[common] >= 8 / rows
    rare = max(shares.get(t, 0.0) for t in search_terms.query_tokens("王小明"))
    assert rare < shares[common]
    share = (rare + shares[common]) / 2
    monkeypatch.setattr(case_index, "INDEX_SHARE", {"sqlite": 0.0, "postgresql": share})
    with CaptureQueriesContext(connection) as queries:
        assert case_index.candidates_sql("过期") is None  # over the share: the scan
        assert case_index.candidates_sql("王小明") is not None  # rare: the index
    assert queries.captured_queries == []  # the statistics are cached: no counting query
    for query in ("过期", "王小明"):
        found = _ids(selectors.case_list(user=supervisor, params={"q": query}))
        assert found == _ids(PenaltyCase.objects.filter(selectors.case_search_like(query)))


def test_without_statistics_one_counting_query_chooses_the_plan(cases, monkeypatch):
    monkeypatch.setattr(case_index, "token_shares", lambda: None)
    monkeypatch.setattr(case_index, "ALWAYS_INDEX", 3)
    monkeypatch.setattr(case_index, "INDEX_SHARE", {"sqlite": 0.0, "postgresql": 0.0})
    assert case_index.candidates_sql("过期") is None
    assert case_index.candidates_sql("王小明") is not None
