import datetime as dt

import pytest
from django.db import connection

from fazhi.core.errors import ApplicationError
from fazhi.normdocs import search, segment, selectors
from fazhi.normdocs.models import NormativeDocument

BODIES = {
    "天政办发〔2023〕12号": (
        "天镇县行政复议案件办理规定",
        "第一条 为了规范行政复议案件办理,根据《中华人民共和国行政复议法》制定本规定。第二条 复议机关应当依法审查。",
    ),
    "天政办发〔2023〕13号": (
        "天镇县法律顾问工作规则",
        "第一条 法律顾问参与重大行政决策的合法性论证。",
    ),
    "天司发〔2024〕5号": (
        "人民调解员补贴发放办法",
        "第一条 人民调解员补贴按季度发放。申请人不服的,可以申请复议。",
    ),
    "天市监发〔2024〕8号": (
        "食品小作坊登记管理办法",
        "第一条 食品小作坊应当办理登记。<script>alert(1)</script> 50%以上",
    ),
}


@pytest.fixture
def corpus(register):
    return register(*({"title": t, "doc_number": n, "body": b} for n, (t, b) in BODIES.items()))


def titles(results):
    return sorted(d.title for d in results[0:100])


def test_two_character_word_inside_a_longer_word_is_found(corpus):
    results, exact = selectors.public_search(q="复议")
    assert not exact
    assert titles(results) == ["人民调解员补贴发放办法", "天镇县行政复议案件办理规定"]


def test_multi_word_query_needs_every_word(corpus):
    results, _ = selectors.public_search(q="法律顾问 决策")
    assert titles(results) == ["天镇县法律顾问工作规则"]
    results, _ = selectors.public_search(q="法律顾问 小作坊")
    assert results.count() == 0


def test_phrase_and_title_ranking(corpus):
    results, _ = selectors.public_search(q="行政复议")
    assert [d.title for d in results[0:10]][0] == "天镇县行政复议案件办理规定"
    assert "<mark>行政复议</mark>" in results[0:1][0].snippet


@pytest.mark.parametrize(
    "raw", ["天政办发〔2023〕12号", "天政办发[2023]12号", "天政办发(2023)012号"]
)
def test_exact_doc_number(corpus, raw):
    results, exact = selectors.public_search(q=raw)
    assert exact and [d.title for d in results] == ["天镇县行政复议案件办理规定"]


def test_issuer_code_finds_its_documents(corpus):
    results, _ = selectors.public_search(q="天司发")
    assert titles(results) == ["人民调解员补贴发放办法"]


@pytest.mark.parametrize(
    "attack",
    [
        '"',
        "NEAR(复议 法律)",
        "复议*",
        "-复议",
        "复议 OR 1=1",
        "'; DROP TABLE normdocs_normativedocument; --",
        "title_tokens:复议",
        "AND",
        "^复议",
        "复议}{",
    ],
)
def test_fts_and_sql_syntax_is_searched_as_text(corpus, attack):
    results, _ = selectors.public_search(q=attack)
    hits = results[0:10]
    assert NormativeDocument.objects.count() == 4
    assert all("<script>" not in d.snippet for d in hits)
    if (
        "复议" in attack
        and "NEAR" not in attack
        and "OR" not in attack
        and "title_tokens" not in attack
    ):
        assert {d.title for d in hits} == {"人民调解员补贴发放办法", "天镇县行政复议案件办理规定"}


def test_operators_are_words_not_syntax(corpus):
    results, _ = selectors.public_search(q="复议 OR 小作坊")
    assert results.count() == 0  # a document would need both words and "or": nobody has "or"


def test_html_in_body_is_escaped_in_snippets(corpus):
    results, _ = selectors.public_search(q="小作坊")
    snippet = results[0:1][0].snippet
    assert "&lt;script&gt;" in snippet and "<script>" not in snippet


def test_long_query_is_refused_clearly(corpus):
    with pytest.raises(ApplicationError, match="检索词太长"):
        selectors.public_search(q="复" * 10000)


def test_only_published_documents_are_found(corpus, make_draft):
    make_draft(title="复议草案", body="行政复议草案正文")
    results, _ = selectors.public_search(q="复议")
    assert "复议草案" not in titles(results)


def test_filters_and_date_order(corpus):
    issuer = corpus[0].issuer_id
    results, _ = selectors.public_search(
        q="第一条", issuer=issuer, year=2024, order="-published_on"
    )
    assert results.count() == 4
    results, _ = selectors.public_search(q="第一条", year=2023)
    assert results.count() == 0  # registered documents were published in 2024


def test_index_follows_updates_and_deletes(corpus):
    document = corpus[1]
    entry = document.search_entry
    entry.body_tokens = segment.index_text("全新内容 宅基地")
    entry.save()
    assert titles(selectors.public_search(q="宅基地")[0]) == ["天镇县法律顾问工作规则"]
    document.delete()
    assert selectors.public_search(q="宅基地")[0].count() == 0


def test_index_finds_everything_the_like_scan_finds(corpus, make_draft):
    make_draft(title="复议草案", body="行政复议法律顾问补贴登记规范决策")  # drafts are in neither
    candidates = selectors.public_documents().order_by().values("id").query.sql_with_params()
    for word in ["复议", "法律顾问", "补贴", "登记", "规范", "决策"]:
        tokens = segment.query_tokens(word)
        index_sql, index_params, count_sql, count_params = search.match_sql(tokens, filter_sql=None)
        like_sql, like_params = search.like_sql(
            [word], candidates_sql=candidates[0], candidates_params=candidates[1]
        )
        assert search.count(count_sql, count_params) == len(search.run(index_sql, index_params))
        index_ids = {i for i, _ in search.run(index_sql, index_params)}
        like_ids = {i for i, _ in search.run(like_sql, like_params)}
        assert like_ids <= index_ids, word


def test_vendor_structures_exist(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'normdocs_fts'")
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname = 'normdocs_search_vector_gin'"
            )
        assert cursor.fetchone() is not None


def test_published_document_history_is_public(register, supervisor):
    from fazhi.normdocs import services
    from fazhi.normdocs.choices import LinkKind

    old, new = register(
        {"title": "旧", "doc_number": "天政办发〔2021〕1号"},
        {"title": "新", "doc_number": "天政办发〔2025〕1号", "published_on": dt.date(2025, 1, 1)},
    )
    services.normdoc_link(actor=supervisor, source=new, target=old, kind=LinkKind.REPEALS)
    document = selectors.public_document_get(id=old.pk)
    assert [(link.kind, link.source.title) for link in document.links_in.all()] == [
        ("repeals", "新")
    ]


def test_very_common_words_come_newest_first(corpus, monkeypatch):
    monkeypatch.setattr(selectors, "RANK_LIMIT", 2)
    results, _ = selectors.public_search(q="第一条")
    assert results.by_date and results.count() == 3  # counting stops past the limit
    dates = [d.published_on for d in results[0:4]]
    assert len(dates) == 4
    assert dates == sorted(dates, reverse=True)
    results, _ = selectors.public_search(q="复议")
    assert not results.by_date


@pytest.mark.parametrize(
    ("hits", "rows", "wanted", "expected"),
    [
        (3, 100_000, 20, search.Plan.HITS_FIRST),  # a rare word: its hits are few
        (200, 100_000, 20, search.Plan.HITS_FIRST),
        (5_082, 100_000, 20, search.Plan.MEMBER),  # 维修资金: the walk passes ~400 documents
        (20_000, 100_000, 20, search.Plan.PROBE),  # 复议 (counting stopped): a walk of ≤ 100
        (20_000, 100_000, 2_000, search.Plan.MEMBER),  # a deep page needs a long walk
        (5, 0, 20, search.Plan.HITS_FIRST),  # documents indexed unknown: never walk
        (0, 100_000, 20, search.Plan.HITS_FIRST),
    ],
)
def test_plan_follows_how_common_the_words_are(hits, rows, wanted, expected):
    assert search.plan(hits, rows, wanted) == expected


def test_with_dates_in_an_index_a_counted_word_is_never_walked():
    # "2003": 4,065 documents, all 23 years back. Walking from today, as if they spread over
    # the years, passed 85,000 newer documents; with each hit's date in the (id, published_on)
    # index, hits first costs the hits counted, whatever years they lie in.
    assert search.plan(4_065, 100_000, 20) == search.Plan.MEMBER
    assert search.plan(4_065, 100_000, 20, dates_indexed=True) == search.Plan.HITS_FIRST
    assert search.plan(20_000, 100_000, 2_000, dates_indexed=True) == search.Plan.HITS_FIRST
    assert search.plan(20_000, 100_000, 20, dates_indexed=True) == search.Plan.PROBE
    assert search.plan(5_001, 100_000, 20, stopped=True, dates_indexed=True) == search.Plan.PROBE


def test_a_count_that_stopped_means_a_common_word():
    assert search.plan(5_001, 100_000, 20, stopped=True) == search.Plan.PROBE
    # PostgreSQL stops at 5,001 of 100,000 (5%): the window leaves room for four times the walk
    assert search.probe_window(5_001, 100_000, 20) == 1_600
    assert search.probe_window(20_000, 100_000, 20) == search.PROBE_WINDOW


@pytest.fixture
def dated(register, make_draft):
    """Nine documents with 复议 over five dates (ties broken by id), three without, a draft."""
    specs = [
        {
            "title": f"文件{i}",
            "doc_number": f"天政办发〔2024〕{i + 1}号",
            "body": "复议机关依法审查。" if i % 4 else "法律顾问参与论证。",
            "published_on": dt.date(2020 + i % 5, 1 + i % 3, 1),
        }
        for i in range(12)
    ]
    documents = register(*specs)
    make_draft(title="复议草案", body="复议草案正文")
    return documents


@pytest.mark.parametrize("order", ["-published_on", "published_on"])
@pytest.mark.parametrize("filtered", [False, True])
def test_every_plan_gives_the_same_page(dated, order, filtered):
    filter_sql, filter_params = None, ()
    if filtered:
        candidates = selectors.public_documents(year=2022).order_by().values("id")
        filter_sql, filter_params = candidates.query.sql_with_params()
    tokens = segment.query_tokens("复议")
    pages = {}
    for plan in search.Plan:
        sql, params, _, _ = search.match_sql(
            tokens, filter_sql=filter_sql, filter_params=filter_params, order=order, plan=plan
        )
        pages[plan] = [doc_id for doc_id, _ in search.run(sql, params, limit=5, offset=1)]
    documents = [
        d for d in dated if "复议" in d.body and (not filtered or d.published_on.year == 2022)
    ]
    documents.sort(key=lambda d: (d.published_on, d.pk), reverse=order == "-published_on")
    expected = [d.pk for d in documents][1:6]
    assert len(expected) == (1 if filtered else 5)
    assert pages == dict.fromkeys(search.Plan, expected)


def test_frequency_counts_on_to_the_share_a_short_walk_needs(dated, monkeypatch):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # PostgreSQL reports the planner's row estimate
            cursor.execute("ANALYZE normdocs_documentsearchentry")
    tokens = segment.query_tokens("复议")
    monkeypatch.setattr(search, "PROBE_WALK_SHARE", 0.5)
    counted = {cap: search.frequency(tokens, filter_sql=None, cap=cap) for cap in (2, 8, 100)}
    if connection.vendor == "sqlite":  # counting goes on to half of the 12 documents
        assert counted == {2: (6, 12, True), 8: (8, 12, True), 100: (9, 12, False)}
    else:  # counting stops at the cap
        assert counted == {2: (2, 12, True), 8: (8, 12, True), 100: (9, 12, False)}


def test_a_probe_that_finds_too_few_asks_again(dated, monkeypatch):
    """A common word found only in old documents: the newest window cannot fill the page."""
    monkeypatch.setattr(search, "probe_window", lambda *args: 2)
    monkeypatch.setattr(search, "plan", lambda *args, **kwargs: search.Plan.PROBE)
    results, _ = selectors.public_search(q="复议", order="-published_on")
    assert results.count() == 9
    found = [d.pk for d in results[0:5]]
    documents = sorted(
        (d for d in dated if "复议" in d.body), key=lambda d: (d.published_on, d.pk), reverse=True
    )
    assert found == [d.pk for d in documents][:5]


@pytest.mark.django_db
def test_postgresql_keeps_the_ranked_vectors_in_the_table_pages():
    """Storage MAIN: ts_rank reads a hit's vector without a TOAST lookup (docs/performance.md)."""
    if connection.vendor != "postgresql":
        pytest.skip("the vectors are a PostgreSQL column; SQLite keeps an FTS5 table")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = %s::regclass"
            " AND attname = 'search_vector'",
            [search.TABLE],
        )
        assert cursor.fetchone() == ("m",)


def test_status_on_is_the_status_annotation(register, today):
    """The search page derives a hit's status in Python (models.status_on): for every mix of
    stage and dates around today and the expiring window, it equals `with_status`."""
    import itertools

    from fazhi.normdocs.choices import Stage
    from fazhi.normdocs.models import status_on

    (document,) = register({"title": "状态", "doc_number": "天状发〔2024〕1号"})
    day = dt.timedelta(days=1)
    soon = today + dt.timedelta(days=100)  # inside a 6-month window
    far = today + dt.timedelta(days=400)
    seen = set()
    for stage, published, repealed, valid, effective, amended in itertools.product(
        (Stage.REGISTERED, Stage.DRAFTING),
        (None, today - 9 * day),
        (None, today - day, today, today + day),
        (None, today - day, today, soon, far),
        (None, today - 9 * day, today, today + day),
        (None, today, today + day),
    ):
        if valid is not None and effective is not None and valid <= effective:
            continue  # the table's constraint: valid until after taking effect
        NormativeDocument.objects.filter(pk=document.pk).update(
            stage=stage,
            published_on=published,
            repealed_on=repealed,
            valid_until=valid,
            effective_on=effective,
            amended_on=amended,
        )
        row = NormativeDocument.objects.with_status(today, 6).get(pk=document.pk)
        assert status_on(row, today, 6) == row.status, (stage, published, repealed, valid)
        seen.add(row.status)
    assert len(seen) == 7  # every status came up


def test_hits_carry_the_annotated_status(corpus):
    from fazhi.core import dates, periods

    results, _ = selectors.public_search(q="复议")
    hits = list(results[0:20])
    assert hits
    annotated = dict(
        NormativeDocument.objects.with_status(
            dates.today(), periods.value("normdocs.expiring_months")
        )
        .filter(pk__in=[d.pk for d in hits])
        .values_list("pk", "status")
    )
    assert {d.pk: d.status for d in hits} == annotated


@pytest.fixture
def mixed(register, make_draft):
    """Thirty documents: 复议 in some titles and in most bodies (once to three times, so the
    ranks differ and tie), 听证 in a few; four dates (ties broken by id); a draft with both."""
    specs = []
    for i in range(30):
        body = "复议机关依法审查。" * (1 + i % 3) if i % 4 else "法律顾问参与论证。"
        if i % 6 == 0:
            body += "必要时组织听证。"
        specs.append(
            {
                "title": f"文件{i}" + ("复议规定" if i % 5 == 0 else ""),
                "doc_number": f"天政办发〔2024〕{i + 1}号",
                "body": body,
                "published_on": dt.date(2020 + i % 4, 1 + i % 2, 1),
            }
        )
    documents = register(*specs)
    make_draft(title="复议听证草案", body="复议听证草案正文")
    return documents


def _orm_hits(q: str, year: int | None):
    from django.db.models import Q

    found = NormativeDocument.objects.published().filter(
        *(Q(title__contains=w) | Q(body__contains=w) for w in q.split())
    )
    return found.filter(published_on__year=year) if year else found


@pytest.mark.parametrize("order", ["rank", "-published_on", "published_on"])
@pytest.mark.parametrize("limit", [100, 5])  # every query ranked; 复议 counted past the limit
@pytest.mark.parametrize("year", [None, 2021])
def test_a_hinted_search_shows_what_a_first_search_shows(mixed, monkeypatch, order, limit, year):
    """The count and the first page in one query (PostgreSQL, search.one_pass_sql, after a
    search of the same words left a hint) give the count, hits and order of the first search
    (search.frequency then search.match_sql), and both give the hits of a plain ORM filter."""
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(selectors, "RANK_LIMIT", limit)
    one_pass_seen = False
    for q in ["复议", "听证", "复议 听证", "宅基地"]:
        search.HINTS.clear()
        shown = []
        for _ in range(3):  # the first search leaves the hint the next two use
            with CaptureQueriesContext(connection) as queries:
                results, _ = selectors.public_search(q=q, year=year, order=order)
                count, by_date = results.count(), results.by_date
                first = [(d.pk, d.score, d.status, d.snippet) for d in results[0:20]]
                head = [d.pk for d in results[0:3]]
                rest = [d.pk for d in results[20:40]]
            one_pass_seen |= any("COUNT(*) OVER ()" in q["sql"] for q in queries.captured_queries)
            shown.append((count, by_date, first, head, rest))
        assert shown[1] == shown[0] and shown[2] == shown[0], q
        count, by_date, first, head, rest = shown[0]
        expected = _orm_hits(q, year)
        assert head == [pk for pk, *_ in first][:3]
        if len(expected) > limit:
            assert (count, by_date or order != "rank") == (limit + 1, True)
        else:
            assert (count, by_date) == (len(expected), False)
        ids = [pk for pk, *_ in first] + rest
        if order == "rank" and not by_date:
            assert set(ids) == set(expected.values_list("pk", flat=True))
            scores = [score for _, score, *_ in first]
            assert scores == sorted(scores, reverse=True)
        else:
            newest = order != "published_on"
            by_day = expected.order_by(
                *(("-published_on", "-pk") if newest else ("published_on", "pk"))
            )
            assert ids == list(by_day.values_list("pk", flat=True)[:40])
    # Some page was answered by the one query on PostgreSQL (SQLite counts in its FTS5 index).
    assert one_pass_seen == (connection.vendor == "postgresql")


def test_a_wrong_hint_costs_a_query_not_a_different_page(mixed, monkeypatch):
    monkeypatch.setattr(selectors, "RANK_LIMIT", 5)

    def page(q):
        results, _ = selectors.public_search(q=q)
        return results.count(), results.by_date, [d.pk for d in results[0:20]]

    for q, wrong in (("复议", 1), ("听证", 10_000)):  # a common word thought rare, and back
        cold = page(q)
        key = search.HINTS.key(segment.query_tokens(q), None, ())
        search.HINTS.put(key, wrong)
        assert page(q) == cold
        assert search.HINTS.get(key) == cold[0]  # the count corrected the hint


def test_hints_are_bounded_and_forget_the_oldest():
    hints = search.Hints(size=2)
    for word in ("甲", "乙", "丙"):
        hints.put((word,), 1)
    hints.put(("乙",), 2)
    hints.put(("丁",), 3)
    assert [hints.get((w,)) for w in ("甲", "乙", "丙", "丁")] == [None, 2, None, 3]
    assert hints.get(None) is None
