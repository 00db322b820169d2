from hypothesis import given
from hypothesis import strategies as st

from fazhi.normdocs.sentences import split_sentences


def test_splits_on_chinese_enders_and_keeps_closing_quotes():
    text = (
        "第一条 为了规范管理，制定本办法。第二条 “不得收费。”\n第三条 本办法有效期5年；第四条 施行"
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "第一条 为了规范管理，制定本办法。",
        "第二条 “不得收费。”",
        "第三条 本办法有效期5年；",
        "第四条 施行",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


@given(st.text(alphabet="法规定。！？；\n “”（）ab 1", max_size=200))
def test_spans_cover_every_visible_character_in_order(text):
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
    for a, b in zip(sentences, sentences[1:], strict=False):
        assert a.end <= b.start
    covered = "".join(s.text for s in sentences)
    assert "".join(covered.split()) == "".join(text.split())
