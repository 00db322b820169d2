"""The kernel's search backend: tokenisers, and one index declaration working on both databases."""

import pytest
from django.db import connection

from fazhi.core import search

PROBE = search.FullTextIndex(
    table="core_search_probe",
    key="row_id",
    columns=("title", "body"),
    weights=(10.0, 1.0),
    fts="core_search_probe_fts",
    gin="core_search_probe_gin",
)


@pytest.fixture
def probe(transactional_db):
    with connection.schema_editor() as editor:
        editor.execute(
            "CREATE TABLE core_search_probe (row_id integer PRIMARY KEY, title text, body text)"
        )
        PROBE.install(editor)
    yield PROBE
    with connection.schema_editor() as editor:
        PROBE.uninstall(editor)
        editor.execute("DROP TABLE core_search_probe")


def _put(row_id: int, title: str, body: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_search_probe (row_id, title, body) VALUES (%s, %s, %s)",
            [row_id, search.word_document(title), search.word_document(body)],
        )


def _ranked(index: search.FullTextIndex, query: str) -> list[int]:
    m = index.match(search.word_query(query))
    sql = (
        f"SELECT {m.key}, -({m.score}) AS score FROM {m.source} WHERE {m.where}"  # noqa: S608
        f" ORDER BY score DESC, {m.key} DESC"
    )
    return [pk for pk, _ in search.run(sql, [*m.score_params, *m.params])]


def test_words_are_cut_in_search_mode_and_queries_are_cleaned():
    assert {"行政", "复议", "行政复议"} <= set(search.word_tokens("申请行政复议"))
    assert search.word_query("行政复议  决定 决定") == ["行政复议", "决定"]
    assert search.word_query('"NEAR * -') == ["near"]
    assert len(search.word_query(" ".join(f"词{i}" for i in range(40)))) == 16


def test_bigrams_are_letter_tokens_and_short_queries_have_none():
    assert search.bigrams("宁康食品") == {"宁康", "康食", "食品"}
    assert search.bigram_query("宁") is None
    tokens = search.bigram_document("宁康食品", "王小明").split()
    assert set(search.bigram_query("康食")) <= set(tokens)
    assert all(len(t) == 8 and t.isascii() and t.isalpha() for t in tokens)


def test_like_pattern_is_literal():
    assert search.like_pattern("100%_\\") == "%100\\%\\_\\\\%"
    assert search.like_pattern("天镇", prefix=True) == "天镇%"


def test_index_follows_inserts_updates_and_deletes_with_title_weighted(probe):
    _put(1, "法律顾问工作规则", "本规则适用于县政府法律顾问。")
    _put(2, "财政补贴办法", "补贴发放前征求法律顾问意见,法律顾问应当及时答复。")
    _put(3, "宅基地管理办法", "宅基地审批。")
    assert _ranked(probe, "法律顾问") == [1, 2]  # the title outweighs two body mentions
    assert _ranked(probe, "宅基地") == [3]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_search_probe SET body = %s WHERE row_id = 1",
            [search.word_document("宅基地 全新内容")],
        )
        cursor.execute("DELETE FROM core_search_probe WHERE row_id = 3")
    assert _ranked(probe, "宅基地") == [1]
    assert _ranked(probe, "审批") == []


def _ids(index: search.FullTextIndex, tokens: list[str]) -> list[int]:
    sql, params = index.match(tokens).ids()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(r[0] for r in cursor.fetchall())


def test_fts_syntax_in_a_query_is_searched_as_text(probe):
    _put(1, "公告", "NEAR 内容")
    _put(2, "公告", "其他 内容")
    assert _ids(probe, search.word_query("内容 -其他")) == [2]  # "-" is no NOT
    assert _ids(probe, search.word_query("内容 OR 其他")) == []  # "or" is a word
    assert _ids(probe, search.word_query("NEAR")) == [1]
    assert _ids(probe, ['"内容"']) == [1, 2]  # a quote in a token is data, never syntax


def test_count_stops_at_the_cap(probe):
    for i in range(1, 8):
        _put(i, "通知", "通知")
    ids_sql, params = probe.match(["通知"]).ids()
    assert search.count(ids_sql, params) == 7
    assert search.count(ids_sql, params, cap=3) == 3


def test_statements_for_each_vendor_install_and_remove_the_same_structures():
    sqlite = PROBE.statements("sqlite", install=True)
    assert sqlite[0].startswith("CREATE VIRTUAL TABLE IF NOT EXISTS core_search_probe_fts")
    assert "content_rowid='row_id'" in sqlite[0]
    assert [s.split()[5] for s in sqlite[1:4]] == [
        "core_search_probe_fts_ai",
        "core_search_probe_fts_ad",
        "core_search_probe_fts_au",
    ]
    pg = PROBE.statements("postgresql", install=True)
    assert "setweight(to_tsvector('simple', coalesce(title, '')), 'A')" in pg[0]
    assert "setweight(to_tsvector('simple', coalesce(body, '')), 'B')" in pg[0]
    assert pg[1] == (
        "CREATE INDEX IF NOT EXISTS core_search_probe_gin ON core_search_probe"
        " USING GIN (search_vector)"
    )
    assert len(PROBE.statements("sqlite", install=False)) == 4
    assert len(PROBE.statements("postgresql", install=False)) == 2
    assert PROBE.statements("oracle", install=True) == []
